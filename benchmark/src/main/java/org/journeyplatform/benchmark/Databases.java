package org.journeyplatform.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Throwaway databases on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth), created fresh and dropped
 * at the end of the run ({@link #dropAll()}, also called when a run fails).
 */
public final class Databases {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "postgres";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Set<String> created = new LinkedHashSet<>();

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "journey-benchmark");
        return DriverManager.getConnection(url(database), p);
    }

    /** Drops the database if it exists (closing its connections) and creates it empty. */
    public synchronized void recreate(String name) throws SQLException {
        check(name);
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        created.add(name);
    }

    public synchronized void drop(String name) throws SQLException {
        check(name);
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        created.remove(name);
    }

    /** Drops every database this run created; reports failures and goes on. */
    public synchronized void dropAll() {
        for (String name : Set.copyOf(created)) {
            try {
                drop(name);
            } catch (SQLException e) {
                System.err.println("[bench] could not drop database " + name + ": " + e.getMessage());
            }
        }
    }

    public static String serverVersion() {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }
}
