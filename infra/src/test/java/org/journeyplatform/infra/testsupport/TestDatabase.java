package org.journeyplatform.infra.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one real PostgreSQL database a test run uses. In order of preference:
 * <ol>
 *   <li>the local server ({@code JOURNEY_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 *   user {@code JOURNEY_TEST_PG_USER} / {@code postgres}): a throwaway database {@code journey_test_<random>} is
 *   created for this run and dropped when the JVM exits;</li>
 *   <li>a Testcontainers PostgreSQL 15, where a Docker engine is available.</li>
 * </ol>
 * When neither is reachable the test fails with a message saying what was tried; it never skips.
 */
public final class TestDatabase {

    private static Coordinates coordinates;

    private TestDatabase() {}

    /** JDBC coordinates of this run's database. */
    public record Coordinates(String url, String username, String password) {

        /** A new connection to it. */
        public Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", username);
            if (!password.isEmpty()) {
                props.setProperty("password", password);
            }
            return DriverManager.getConnection(url, props);
        }
    }

    /** A {@link #fresh()} database with the platform's schema (every Flyway migration) and nothing in it. */
    public static Coordinates freshSchema() {
        Coordinates database = fresh();
        org.flywaydb.core.Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .load()
                .migrate();
        return database;
    }

    public static synchronized Coordinates get() {
        if (coordinates == null) {
            coordinates = create();
        }
        return coordinates;
    }

    /**
     * Another throwaway database on the same server as {@link #get()}, for a test that needs an empty event store
     * of its own (e.g. the demo data set, which only loads into an empty one). Dropped when the JVM exits.
     */
    public static synchronized Coordinates fresh() {
        Coordinates base = get();
        String serverUrl = base.url().substring(0, base.url().lastIndexOf('/') + 1) + "postgres";
        String database =
                "journey_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect(serverUrl, base.username(), base.password());
                var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a second test database on " + serverUrl, e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> drop(serverUrl, base.username(), base.password(), database)));
        return new Coordinates(
                serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database, base.username(), base.password());
    }

    private static Coordinates create() {
        String serverUrl = env("JOURNEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("JOURNEY_TEST_PG_USER", "postgres");
        String password = env("JOURNEY_TEST_PG_PASSWORD", "");
        SQLException localFailure;
        try (Connection admin = connect(serverUrl, user, password)) {
            dropLeftovers(admin);
            String database = "journey_test_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (var statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, database)));
            return new Coordinates(serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database, user, password);
        } catch (SQLException e) {
            localFailure = e;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException(
                "Tests need a real PostgreSQL and none is reachable: " + serverUrl + " as "
                        + user + " failed (" + localFailure.getMessage()
                        + ") and no Docker engine runs for Testcontainers. "
                        + "Start PostgreSQL (pg_ctlcluster 15 main start) or set JOURNEY_TEST_PG_URL.",
                localFailure);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Drops the throwaway databases of earlier runs that were not dropped (Surefire may stop a forked JVM before its
     * shutdown hooks are done): those older than a day, with nobody connected. Best effort: reading a database's age
     * needs a superuser, which the local server gives; elsewhere nothing is dropped.
     */
    private static void dropLeftovers(Connection admin) {
        try (var statement = admin.createStatement();
                var leftovers = statement.executeQuery("""
                     SELECT datname FROM pg_database d
                      WHERE datname ~ '^journey_test_[0-9a-f]{12}$'
                        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
                        AND (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification
                            < now() - interval '1 day'""")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (leftovers.next()) {
                names.add(leftovers.getString(1));
            }
            for (String name : names) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            // not allowed to look, or one became busy meanwhile: they stay for a later run
        }
    }

    private static void drop(String serverUrl, String user, String password, String database) {
        try (Connection admin = connect(serverUrl, user, password);
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
