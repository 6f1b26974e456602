package org.journeyplatform.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.PackagedApp;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged platform killed (SIGKILL) in the middle of rebuilding its read models from a store of generated
 * journeys, then started again: a replay resumes where it stood and ends with the very read models an event-by-event
 * build gives; a rebuild beside the live tables is dropped, the live tables serve on untouched, and starting it again
 * gives the same tables.
 */
@DisplayName("Read models rebuilt by the packaged platform, killed half way")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplaysUnderFaultsIT {

    /** Every projection's tables, as the projections declare them (their TABLES). */
    private static final List<String> TABLES = List.of(
            "timeline_entry",
            "work_fact",
            "work_reading",
            "dashboard_fact",
            "participant",
            "participant_profile_change",
            "peer",
            "programme");

    private TestDatabase.Coordinates db;
    /** Each table's rows as the first, uninterrupted build left them. */
    private Map<String, String> built;
    /** One platform for the whole class, killed and started again by each test (starting costs about 10 s). */
    private PackagedApp app;

    @BeforeAll
    void generatedStore() throws Exception {
        db = TestDatabase.fresh();
        Path log = Path.of("target", "it-logs", "replay-generator.log");
        java.nio.file.Files.createDirectories(log.getParent());
        ProcessBuilder generate = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        PackagedApp.JAR.toString(),
                        "--generate-journeys=150",
                        "--generate-events-per-journey=50",
                        "--generate-seed=7")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        generate.environment().put("JOURNEY_DB_URL", db.url());
        generate.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process generator = generate.start();
        assertThat(generator.waitFor(5, TimeUnit.MINUTES))
                .as("generator finished")
                .isTrue();
        assertThat(generator.exitValue())
                .as("generator exit code; see target/it-logs/replay-generator.log")
                .isZero();
        app = PackagedApp.start("replays", db.url(), Map.of());
        awaitCaughtUp(admin(app));
        built = tables();
        assertThat(Long.parseLong(built.get("timeline_entry").split(" ")[0]))
                .as("timeline rows")
                .isGreaterThan(5_000);
    }

    @org.junit.jupiter.api.AfterAll
    void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    private ApiClient admin(PackagedApp app) {
        return new ApiClient(app.port(), "admin", "admin-demo");
    }

    @Nested
    @DisplayName("a replay of every projection, killed half way")
    class KilledMidReplay {

        @Test
        @DisplayName("resumes from where it stood after the restart and ends with the same read models, row for row")
        void resumes() throws Exception {
            ApiClient admin = admin(app);
            List<String> names = projections(admin);
            for (String name : names) {
                assertThat(admin.post("/api/v1/admin/projections/" + name + "/replay", "")
                                .status())
                        .as("replay of %s", name)
                        .isEqualTo(202);
            }
            long head = head();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> positions(admin).values().stream().anyMatch(p -> p > 0 && p < head / 2));
            app.kill9();
            assertThat(count("SELECT count(*) FROM token_entry WHERE token_type LIKE '%ReplayToken'"))
                    .as("processors left half way through their replay")
                    .isPositive();

            app.restart(db.url(), Map.of());
            awaitCaughtUp(admin(app));
            assertThat(tables()).isEqualTo(built);
        }
    }

    @Nested
    @DisplayName("a rebuild beside the live tables, killed half way")
    class KilledMidRebuild {

        @Test
        @DisplayName(
                "is dropped at the restart, the live tables serve on untouched, and a new rebuild gives them again")
        void droppedAndRedone() throws Exception {
            ApiClient admin = admin(app);
            awaitCaughtUp(admin);
            String timeline = "/api/v1/admin/projections/participant-timeline/rebuild";
            assertThat(admin.post(timeline, "").status()).isEqualTo(202);
            long head = head();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode progress = admin.get(timeline).json();
                        long position = progress.get("position").asLong();
                        return progress.get("state").asText().equals("BUILDING") && position > 0 && position < head / 2;
                    });
            app.kill9();
            assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'rebuild%'"))
                    .as("the half-built schema, before the restart")
                    .isEqualTo(1);

            app.restart(db.url(), Map.of());
            ApiClient restarted = admin(app);
            assertThat(count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'rebuild%'"))
                    .as("left behind after the restart")
                    .isZero();
            assertThat(tables()).as("the live tables").isEqualTo(built);

            assertThat(restarted.post(timeline, "").status()).isEqualTo(202);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> restarted.get(timeline).json().get("state").asText(), state -> state.equals("DONE"));
            assertThat(tables()).isEqualTo(built);
        }
    }

    private static List<String> projections(ApiClient admin) {
        List<String> names = new ArrayList<>();
        admin.get("/api/v1/admin/projections")
                .json()
                .forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("participant-timeline", "programme-dashboard");
        return names;
    }

    private static Map<String, Long> positions(ApiClient admin) {
        Map<String, Long> positions = new LinkedHashMap<>();
        admin.get("/api/v1/admin/projections")
                .json()
                .forEach(p ->
                        positions.put(p.get("name").asText(), p.get("position").asLong()));
        return positions;
    }

    private void awaitCaughtUp(ApiClient admin) throws SQLException {
        long head = head();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode all = admin.get("/api/v1/admin/projections").json();
                    assertThat(all.size()).isPositive();
                    all.forEach(p -> {
                        assertThat(p.get("replaying").asBoolean())
                                .as("%s replaying", p.get("name"))
                                .isFalse();
                        assertThat(p.get("position").asLong())
                                .as("%s position", p.get("name"))
                                .isGreaterThanOrEqualTo(head);
                    });
                });
    }

    private long head() throws SQLException {
        return count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
    }

    /** Each table's row count and a digest of its rows in a fixed order (not the transaction that wrote them). */
    private Map<String, String> tables() throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection connection = connect()) {
            for (String table : TABLES) {
                try (var statement = connection.prepareStatement(
                                "SELECT count(*), md5(coalesce(string_agg(r, '|' ORDER BY r), ''))"
                                        + " FROM (SELECT CAST(to_jsonb(t) - 'written_by' AS text) AS r FROM " + table
                                        + " t) rows");
                        var rows = statement.executeQuery()) {
                    rows.next();
                    digests.put(table, rows.getLong(1) + " " + rows.getString(2));
                }
            }
        }
        return digests;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(sql);
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        TestDatabase.Coordinates base = TestDatabase.get();
        return DriverManager.getConnection(db.url(), base.username(), base.password());
    }
}
