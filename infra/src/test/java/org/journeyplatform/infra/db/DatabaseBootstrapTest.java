package org.journeyplatform.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Bootstrapping the application's database")
class DatabaseBootstrapTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    @Nested
    @DisplayName("on a reachable server where the database does not exist yet")
    class DatabaseMissing {

        private String database;

        @BeforeEach
        void chooseAName() {
            database = "journey_bootstrap_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        }

        @AfterEach
        void dropIt() throws SQLException {
            try (Connection admin = admin();
                    var statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }

        @Test
        @DisplayName("creates it")
        void createsIt() throws SQLException {
            // given
            assertThat(exists(database)).isFalse();

            // when
            DatabaseBootstrap.ensureDatabaseExists(SERVER + database, USER, "");

            // then
            assertThat(exists(database)).isTrue();
        }

        @Test
        @DisplayName("leaves it alone when asked again once it exists")
        void isFineWhenAskedAgain() throws SQLException {
            // given
            DatabaseBootstrap.ensureDatabaseExists(SERVER + database, USER, "");

            // when / then
            assertThatCode(() -> DatabaseBootstrap.ensureDatabaseExists(SERVER + database, USER, ""))
                    .doesNotThrowAnyException();
            assertThat(exists(database)).isTrue();
        }
    }

    @Nested
    @DisplayName("when no server listens at the configured address")
    class ServerUnreachable {

        private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/journey";

        @Test
        @DisplayName("fails within five seconds with one line that names the URL and says how to fix it")
        void failsFastWithOneHelpfulLine() {
            // given
            long started = System.nanoTime();

            // when
            DatabaseUnreachableException failure = catchThrowableOfType(
                    DatabaseUnreachableException.class,
                    () -> DatabaseBootstrap.ensureDatabaseExists(UNREACHABLE, USER, "a-secret-for-Wren"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            // then
            assertThat(failure).isNotNull();
            assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
            assertThat(failure.getMessage())
                    .doesNotContain("\n", "\r")
                    .contains(UNREACHABLE)
                    .contains("JOURNEY_DB_URL")
                    .doesNotContain("a-secret-for-Wren");
        }
    }

    @Nested
    @DisplayName("when the server refuses the user")
    class UserRefused {

        @Test
        @DisplayName("fails with one line that names the URL and the user")
        void failsWithOneLine() {
            // given a role that does not exist on the local server
            String url = SERVER + "journey_bootstrap_refused";
            String user = "no_such_role_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

            // when
            DatabaseUnreachableException failure = catchThrowableOfType(
                    DatabaseUnreachableException.class, () -> DatabaseBootstrap.ensureDatabaseExists(url, user, ""));

            // then
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage())
                    .doesNotContain("\n", "\r")
                    .contains(url)
                    .contains(user)
                    .contains("JOURNEY_DB_URL");
        }
    }

    // ---- the local server, seen by its maintenance database

    private static Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(SERVER + "postgres", props);
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection admin = admin();
                PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
