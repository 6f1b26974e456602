package org.journeyplatform.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.journeyplatform.api.demo.JourneyGenerator;
import org.journeyplatform.api.support.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilding read models beside the live ones (ADR 0015), on a database of its own with generated journeys: the same
 * rows as the event-by-event build, reads answered from the old tables until an atomic switch, and a cancelled or
 * failed rebuild leaving the live tables serving.
 */
@DisplayName("A rebuild of a read model beside the live one")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroDowntimeRebuildTest extends org.journeyplatform.api.support.ApiTestBase {

    /** A database of its own: other tests' poison events would fail its rebuilds. */
    private static final org.journeyplatform.infra.testsupport.TestDatabase.Coordinates DATABASE =
            org.journeyplatform.infra.testsupport.TestDatabase.fresh();

    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        database(registry, DATABASE, auditCheckpointFile());
    }

    private static final JourneyGenerator.Request JOURNEYS = new JourneyGenerator.Request(40, 40, 11, 4, "rebuild");

    @Autowired
    private JourneyGenerator generator;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.journeyplatform.infra.axon.ShadowRebuilds rebuilds;

    @BeforeAll
    void journeys() {
        generator.generate(JOURNEYS, new JourneyGenerator.Progress() {
            @Override
            public void done(long journeys, long events) {}

            @Override
            public void finished() {}
        });
    }

    @Test
    @Order(1)
    @DisplayName("builds every projection's tables row for row as the event-by-event build did, keeps their index "
            + "names, and leaves nothing behind")
    void identicalRows() {
        awaitCaughtUp();
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            Map<String, List<String>> before = snapshot(projection);
            Map<String, List<String>> indexes = indexes(projection);
            rebuildAndWait(projection);
            assertThat(snapshot(projection)).as(projection).isEqualTo(before);
            assertThat(indexes(projection))
                    .as("index and constraint names of " + projection)
                    .isEqualTo(indexes);
        }
        assertNothingLeftBehind();
    }

    @Test
    @Order(2)
    @DisplayName("rebuilt twice gives the same tables, and the projection goes on with new events after the switch")
    void twiceAndOnwards() {
        awaitCaughtUp();
        Map<String, List<String>> before = snapshot("participant-timeline");
        rebuildAndWait("participant-timeline");
        rebuildAndWait("participant-timeline");
        assertThat(snapshot("participant-timeline")).isEqualTo(before);
        String participant = participant(0);
        int entries = manager.get("/api/v1/participants/" + participant + "/timeline")
                .json()
                .size();
        ApiClient.Response recorded = manager.post(
                "/api/v1/participants/" + participant + "/milestones",
                "{\"occurredOn\":\"" + java.time.LocalDate.now().minusDays(1) + "\",\"type\":\"HEALTH\"}");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> manager.get("/api/v1/participants/" + participant + "/timeline")
                                .json()
                                .size()
                        == entries + 1);
    }

    @Test
    @Order(3)
    @DisplayName("answers timelines and dashboards from the live tables throughout, never empty or partial")
    void readsThroughout() throws Exception {
        awaitCaughtUp();
        List<String> reads = new ArrayList<>();
        for (int i = 2; i < 6; i++) {
            reads.add("/api/v1/participants/" + participant(i) + "/timeline");
        }
        String programme = java.util
                .UUID
                .nameUUIDFromBytes("rebuild-11-programme-0".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        reads.add("/api/v1/programmes/" + programme + "/dashboard?from="
                + java.time.LocalDate.now().minusYears(6) + "&to=" + java.time.LocalDate.now() + "&interval=year");
        reads.add("/api/v1/dashboard?interval=quarter");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String read : reads) {
            ApiClient.Response answer = manager.get(read);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            expected.put(read, answer.body());
        }
        for (String projection : List.of("participant-timeline", "programme-dashboard")) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger made = new AtomicInteger();
            AtomicReference<String> wrong = new AtomicReference<>();
            ApiClient reader = manager;
            Thread reading = new Thread(() -> {
                while (!done.get() && wrong.get() == null) {
                    for (String read : reads) {
                        ApiClient.Response answer = reader.get(read);
                        made.incrementAndGet();
                        if (answer.status() != 200 || !answer.body().equals(expected.get(read))) {
                            wrong.set(read + ": " + answer.status() + " " + answer.body());
                        }
                    }
                }
            });
            reading.start();
            try {
                rebuildAndWait(projection);
            } finally {
                done.set(true);
                reading.join();
            }
            assertThat(wrong.get())
                    .as("an answer during the rebuild of " + projection + " that was not the whole answer")
                    .isNull();
            assertThat(made.get())
                    .as("reads made during the rebuild of " + projection)
                    .isGreaterThan(reads.size());
        }
    }

    @Test
    @Order(3)
    @DisplayName("switches over while commands keep coming, and loses none of their events")
    void underWrites() throws Exception {
        awaitCaughtUp();
        String participant = participant(8);
        int entries = manager.get("/api/v1/participants/" + participant + "/timeline")
                .json()
                .size();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger recorded = new AtomicInteger();
        AtomicReference<String> wrong = new AtomicReference<>();
        ApiClient writer = manager;
        Thread writing = new Thread(() -> {
            while (!done.get() && wrong.get() == null) {
                ApiClient.Response answer = writer.post(
                        "/api/v1/participants/" + participant + "/milestones",
                        "{\"occurredOn\":\"" + java.time.LocalDate.now().minusDays(2) + "\",\"type\":\"HEALTH\"}");
                if (answer.status() == 201) {
                    recorded.incrementAndGet();
                } else {
                    wrong.set(answer.toString());
                }
            }
        });
        writing.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.get() > 5);
            ApiClient.Response started = admin.post("/api/v1/admin/projections/participant-timeline/rebuild", "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(done.get()).isFalse();
                        return admin.get("/api/v1/admin/projections/participant-timeline/rebuild")
                                .json()
                                .get("state")
                                .asText()
                                .equals("DONE");
                    });
            assertThat(writing.isAlive())
                    .as("the commands went on until the switch")
                    .isTrue();
        } finally {
            done.set(true);
            writing.join();
        }
        assertThat(wrong.get()).as("a command refused during the rebuild").isNull();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> manager.get("/api/v1/participants/" + participant + "/timeline")
                                .json()
                                .size()
                        == entries + recorded.get());
    }

    @Test
    @Order(4)
    @DisplayName("of every projection at once reads the store once for all, switches them over together, and builds "
            + "each row for row as the event-by-event build did")
    void allTogether() {
        awaitCaughtUp();
        Map<String, Map<String, List<String>>> rows = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> indexes = new LinkedHashMap<>();
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            rows.put(projection, snapshot(projection));
            indexes.put(projection, indexes(projection));
        }
        rebuilds.holdSwitches(true); // to look at it while it builds
        try {
            ApiClient.Response started = admin.post("/api/v1/admin/projections/rebuild", "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json()).hasSize(RebuildConfiguration.PROJECTION_TABLES.size());
            started.json()
                    .forEach(progress ->
                            assertThat(progress.get("state").asText()).isEqualTo("BUILDING"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> RebuildConfiguration.PROJECTION_TABLES.keySet().stream()
                            .allMatch(projection -> {
                                JsonNode progress = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                                        .json();
                                return progress.get("position").asLong() > 0
                                        && progress.get("position").asLong()
                                                == progress.get("head").asLong();
                            }));
            assertThat(jdbc.sql("SELECT DISTINCT processor_name FROM token_entry WHERE processor_name LIKE '%.rebuild'")
                            .query(String.class)
                            .list())
                    .as("one processor reads the store for every projection")
                    .containsExactly("projections.rebuild");
            assertThat(admin.post("/api/v1/admin/projections/participant-timeline/rebuild", "")
                            .status())
                    .as("one of them again while they are under way")
                    .isEqualTo(409);
        } finally {
            rebuilds.holdSwitches(false);
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> RebuildConfiguration.PROJECTION_TABLES.keySet().stream()
                        .allMatch(projection -> {
                            JsonNode progress = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                                    .json();
                            assertThat(progress.get("state").asText())
                                    .as(projection + ": " + progress)
                                    .isIn("BUILDING", "SWITCHING", "DONE");
                            return progress.get("state").asText().equals("DONE");
                        }));
        awaitCaughtUp();
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            assertThat(snapshot(projection)).as(projection).isEqualTo(rows.get(projection));
            assertThat(indexes(projection)).as("index names of " + projection).isEqualTo(indexes.get(projection));
        }
        assertNothingLeftBehind();
    }

    @Test
    @Order(4)
    @DisplayName("of every projection at once, cancelled through any one of them, stops them all and leaves every live "
            + "table as it was")
    void allTogetherCancelled() {
        awaitCaughtUp();
        Map<String, Map<String, List<String>>> rows = new LinkedHashMap<>();
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            rows.put(projection, snapshot(projection));
        }
        rebuilds.holdSwitches(true);
        try {
            assertThat(admin.post("/api/v1/admin/projections/rebuild", "").status())
                    .isEqualTo(202);
            assertThat(admin.post("/api/v1/admin/projections/rebuild", "").status())
                    .as("again while under way")
                    .isEqualTo(409);
            assertThat(admin.send("DELETE", "/api/v1/admin/projections/programme-dashboard/rebuild", null)
                            .status())
                    .isEqualTo(204);
        } finally {
            rebuilds.holdSwitches(false);
        }
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            assertThat(admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                            .json()
                            .get("state")
                            .asText())
                    .as(projection)
                    .isEqualTo("CANCELLED");
            assertThat(snapshot(projection)).as(projection).isEqualTo(rows.get(projection));
            assertThat(admin.get("/api/v1/admin/projections/" + projection)
                            .json()
                            .get("running")
                            .asBoolean())
                    .as(projection + " runs")
                    .isTrue();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(4)
    @DisplayName("cancelled, drops what it built and leaves the live tables and the projection as they were")
    void cancelled() {
        awaitCaughtUp();
        Map<String, List<String>> before = snapshot("programme-dashboard");
        rebuilds.holdSwitches(true); // caught up or not, it stays beside the live tables until cancelled
        try {
            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/rebuild", "")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.get("/api/v1/admin/projections/programme-dashboard/rebuild")
                                    .json()
                                    .get("position")
                                    .asLong()
                            > 0);
            ApiClient.Response again = admin.post("/api/v1/admin/projections/programme-dashboard/rebuild", "");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("type").asText()).isEqualTo("/problems/rebuild-in-progress");
            assertThat(admin.send("DELETE", "/api/v1/admin/projections/programme-dashboard/rebuild", null)
                            .status())
                    .isEqualTo(204);
        } finally {
            rebuilds.holdSwitches(false);
        }
        JsonNode progress = admin.get("/api/v1/admin/projections/programme-dashboard/rebuild")
                .json();
        assertThat(progress.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'rebuild_programme_dashboard'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(snapshot("programme-dashboard")).isEqualTo(before);
        assertThat(admin.get("/api/v1/admin/projections/programme-dashboard")
                        .json()
                        .get("running")
                        .asBoolean())
                .isTrue();
        assertThat(admin.send("DELETE", "/api/v1/admin/projections/programme-dashboard/rebuild", null)
                        .status())
                .as("nothing left to cancel")
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    @DisplayName("refuses a projection it cannot rebuild with a problem that names those it can")
    void unknown() {
        ApiClient.Response answer = admin.post("/api/v1/admin/projections/kafka-publisher/rebuild", "");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("detail").asText()).contains("participant-timeline");
        for (String address :
                List.of("/api/v1/admin/projections/rebuild", "/api/v1/admin/projections/programme-catalogue/rebuild")) {
            ApiClient.Response xml =
                    admin.send("POST", address, "", "Content-Type", "application/json", "Accept", "application/xml");
            assertThat(xml.status()).as(address + " asked for XML: " + xml).isEqualTo(406);
        }
        for (String projection : RebuildConfiguration.PROJECTION_TABLES.keySet()) {
            assertThat(admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                            .json()
                            .path("state")
                            .asText())
                    .as("refused before anything was started: " + projection)
                    .isNotIn("BUILDING", "SWITCHING");
        }
        assertThat(caseworker
                        .post("/api/v1/admin/projections/participant-timeline/rebuild", "")
                        .status())
                .as("administrators only")
                .isEqualTo(403);
    }

    @Test
    @Order(5)
    @DisplayName("caught up while a segment of the live processor is still claimed by a process that has gone, waits, "
            + "and switches over once that claim has run out")
    void liveSegmentClaimedElsewhere() {
        awaitCaughtUp();
        String projection = "programme-catalogue";
        Map<String, List<String>> before = snapshot(projection);
        rebuilds.holdSwitches(true);
        try {
            ApiClient.Response started = admin.post("/api/v1/admin/projections/" + projection + "/rebuild", "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode progress = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                        .json();
                return progress.get("position").asLong() >= progress.get("head").asLong();
            });
            // as a process killed with kill -9 leaves it: its claim stands until Axon's claim time-out passes
            jdbc.sql("UPDATE token_entry SET owner = 'gone@elsewhere', time_stamp = ? WHERE processor_name = ?")
                    .params(java.time.Instant.now().toString(), projection)
                    .update();
        } finally {
            rebuilds.holdSwitches(false);
        }

        awaitDone(projection);
        assertThat(snapshot(projection)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE owner = 'gone@elsewhere'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertNothingLeftBehind();
        awaitCaughtUp();
    }

    @Test
    @Order(6)
    @DisplayName(
            "that meets an event it cannot handle fails, names the event (quoting none of it), and leaves the live "
                    + "tables serving")
    void failed() {
        awaitCaughtUp();
        String participant = participant(1);
        String victim = jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                         ORDER BY sequence_number DESC LIMIT 1""").param(participant).query(String.class).single();
        String poison = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                        meta_data, payload, payload_revision, payload_type, time_stamp)
                        SELECT e.aggregate_identifier, e.sequence_number + 1, e.type, ?, e.meta_data,
                               convert_to('{"participantId": Ama Example', 'UTF8'), e.payload_revision,
                               'org.journeyplatform.domain.journey.event.MilestoneReachedEvent', e.time_stamp
                          FROM domain_event_entry e WHERE e.event_identifier = ?""").params(poison, victim).update();
        awaitCaughtUp(); // the live projections park it and go on
        Map<String, List<String>> before = snapshot("participant-timeline");
        rebuildUntilFailed("participant-timeline");
        JsonNode progress = admin.get("/api/v1/admin/projections/participant-timeline/rebuild")
                .json();
        assertThat(progress.get("failure").asText())
                .contains("at event " + poison, "could not be deserialised")
                .as("quotes nothing the event holds")
                .doesNotContain("Ama");
        assertThat(snapshot("participant-timeline")).isEqualTo(before);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'rebuild_participant_timeline'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(7)
    @DisplayName("that fails while the database cannot drop what it built still ends FAILED; what it built is dropped "
            + "once the database can, and later rebuilds switch over")
    void failedWhileTheDatabaseIsAway() {
        // given the poison event of the test before (the timeline's rebuild fails at it), and a database that refuses
        // to drop the rebuild's schema, as one that is away would
        awaitCaughtUp();
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION test_refuse_rebuild_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects()
                                        WHERE object_type = 'schema'
                                          AND object_name = 'rebuild_participant_timeline') THEN
                                RAISE EXCEPTION 'the database is away (planted by a test)';
                            END IF;
                        END $$""").update();
        jdbc.sql("CREATE EVENT TRIGGER test_refuse_rebuild_drop ON sql_drop "
                        + "EXECUTE FUNCTION test_refuse_rebuild_drop()")
                .update();
        try {
            // when, then
            rebuildUntilFailed("participant-timeline");
            assertThat(rebuildSchemaExists())
                    .as("left behind while the drop is refused")
                    .isTrue();
        } finally {
            jdbc.sql("DROP EVENT TRIGGER IF EXISTS test_refuse_rebuild_drop").update();
            jdbc.sql("DROP FUNCTION IF EXISTS test_refuse_rebuild_drop()").update();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !rebuildSchemaExists());
        rebuildAndWait("programme-catalogue");
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /** Starts a rebuild of the projection and waits (at most a minute) for it to end FAILED. */
    private void rebuildUntilFailed(String projection) {
        String address = "/api/v1/admin/projections/" + projection + "/rebuild";
        assertThat(admin.post(address, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin.get(address).json().get("state").asText().equals("FAILED"));
    }

    private boolean rebuildSchemaExists() {
        return jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'rebuild_participant_timeline'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static String participant(int index) {
        return JourneyGenerator.participantId(JOURNEYS, index).toString();
    }

    /** Waits for the rebuild of {@code projection} to switch over, failing as soon as it ends otherwise. */
    private void awaitDone(String projection) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode progress = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                            .json();
                    assertThat(progress.get("state").asText())
                            .as("rebuild of " + projection + ": " + progress)
                            .isIn("BUILDING", "SWITCHING", "DONE");
                    return progress.get("state").asText().equals("DONE");
                });
    }

    private void rebuildAndWait(String projection) {
        ApiClient.Response started = admin.post("/api/v1/admin/projections/" + projection + "/rebuild", "");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isEqualTo("BUILDING");
        awaitDone(projection);
        JsonNode done = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                .json();
        assertThat(done.get("position").asLong()).isEqualTo(done.get("head").asLong());
        awaitCaughtUp();
    }

    /** No rebuild schema and no rebuild token is left. */
    private void assertNothingLeftBehind() {
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'")
                        .query(Long.class)
                        .single())
                .as("no rebuild schema left")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name LIKE '%.rebuild'")
                        .query(Long.class)
                        .single())
                .as("no rebuild tokens left")
                .isZero();
    }

    /** Every projection that owns tables has handled every event in the store and is running. */
    private void awaitCaughtUp() {
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (JsonNode projection : admin.get("/api/v1/admin/projections").json()) {
                if (RebuildConfiguration.PROJECTION_TABLES.containsKey(
                                projection.get("name").asText())
                        && (projection.get("position").asLong() < head
                                || !projection.get("running").asBoolean())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Every row of the projection's tables, as text, in order. */
    private Map<String, List<String>> snapshot(String projection) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : RebuildConfiguration.PROJECTION_TABLES.get(projection)) {
            // which transaction wrote a row (dashboard_fact.written_by, for readers that follow changes) is not content
            rows.put(
                    table,
                    jdbc.sql("SELECT (to_jsonb(t) - 'written_by')::text FROM " + table + " t ORDER BY 1")
                            .query(String.class)
                            .list());
        }
        return rows;
    }

    /** Every index of the projection's tables: names and definitions. */
    private Map<String, List<String>> indexes(String projection) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (String table : RebuildConfiguration.PROJECTION_TABLES.get(projection)) {
            names.put(table, jdbc.sql("""
                            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ?
                             ORDER BY indexname""").param(table).query(String.class).list());
        }
        return names;
    }
}
