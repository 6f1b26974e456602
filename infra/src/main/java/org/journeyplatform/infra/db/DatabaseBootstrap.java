package org.journeyplatform.infra.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure the configured PostgreSQL database exists before anything else touches it: connects to the server's
 * maintenance database, creates the application's database when it is missing, and otherwise fails fast with one
 * line that says where it looked and what to do.
 */
public final class DatabaseBootstrap {

    private static final Pattern POSTGRES_URL =
            Pattern.compile("^jdbc:postgresql://(?<hostport>[^/]+)/(?<db>[A-Za-z0-9_-]+)(?<params>\\?.*)?$");
    private static final int CONNECT_TIMEOUT_SECONDS = 3;

    private DatabaseBootstrap() {}

    /**
     * @throws DatabaseUnreachableException when the server cannot be reached or refuses the credentials
     */
    public static void ensureDatabaseExists(String jdbcUrl, String username, String password) {
        Matcher m = POSTGRES_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            return; // not a plain PostgreSQL URL we can reason about: leave it to the pool to connect
        }
        String database = m.group("db");
        // same server and connection parameters (sslmode...), but the maintenance database
        String adminUrl = "jdbc:postgresql://" + m.group("hostport") + "/postgres"
                + (m.group("params") == null ? "" : m.group("params"));
        Properties props = new Properties();
        if (username != null) {
            props.setProperty("user", username);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", "10");
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(adminUrl, props)) {
            if (!exists(connection, database)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + database + "\"");
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another instance: fine
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(jdbcUrl, username, e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
