package org.journeyplatform.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.journeyplatform.api.demo.JourneyGenerator;
import org.journeyplatform.api.support.ApiTestBase;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.journeyplatform.projections.dashboard.DashboardFacts;
import org.journeyplatform.projections.dashboard.Interval;
import org.journeyplatform.projections.dashboard.ProgrammeDashboard;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The ready dashboards against the definition's reference (the calculator that reads every fact and computes every
 * figure on each request) on a seeded synthetic data set of 1,000 participants with every kind of journey event,
 * corrections and retractions included: the same dashboard, cell for cell, hidden cells and the retention curve
 * included, for each programme and for all of them, by month, quarter and year, over periods that cut through stays.
 */
@DisplayName("Ready dashboards on 1,000 synthetic participants")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// the generator records through the journey cache, as the platform does (the API tests turn it off)
@TestPropertySource(properties = "journey.aggregate-cache=true")
// its application is used by no other test: closed afterwards, with its connections
@org.springframework.test.annotation.DirtiesContext
class DashboardOracleTest extends ApiTestBase {

    private static final TestDatabase.Coordinates DATABASE = TestDatabase.fresh();
    private static final JourneyGenerator.Request DATA = new JourneyGenerator.Request(1000, 25, 11, 4, "oracle");

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        database(registry, DATABASE, auditCheckpointFile());
    }

    @Autowired
    private JourneyGenerator generator;

    @Autowired
    private ProgrammeDashboardProjection dashboards;

    @Autowired
    private JdbcClient jdbc;

    private List<String> programmes;

    @BeforeAll
    void generate() {
        JourneyGenerator.Result result = generator.generate(DATA, new JourneyGenerator.Progress() {
            @Override
            public void done(long journeys, long events) {}

            @Override
            public void finished() {}
        });
        assertThat(result.events()).isGreaterThan(20_000);
    }

    /** Waits for the projection to apply every event, and names the generated programmes. */
    private void caughtUp() {
        awaitDashboardFacts();
        programmes = jdbc.sql("SELECT DISTINCT programme_id FROM dashboard_fact WHERE kind = 'ENTERED' ORDER BY 1")
                .query(String.class)
                .list();
        assertThat(programmes).hasSize(4);
    }

    /** The dashboard projection has applied every event in the store. */
    private void awaitDashboardFacts() {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                    .query(Long.class)
                    .single();
            return admin.get("/api/v1/admin/projections/programme-dashboard")
                            .json()
                            .get("position")
                            .asLong()
                    >= head;
        });
    }

    private List<ProgrammeDashboardQuery> queries() {
        Random random = new Random(5);
        LocalDate today = LocalDate.now();
        List<ProgrammeDashboardQuery> queries = new ArrayList<>();
        List<List<String>> sets = new ArrayList<>();
        programmes.forEach(p -> sets.add(List.of(p)));
        sets.add(programmes);
        for (List<String> set : sets) {
            for (Interval interval : Interval.values()) {
                // the default two years, a decade, and periods that begin and end in the middle of stays
                queries.add(new ProgrammeDashboardQuery(set, today.minusYears(2).withDayOfMonth(1), today, interval));
                queries.add(new ProgrammeDashboardQuery(set, today.minusYears(10), today, interval));
                for (int i = 0; i < 3; i++) {
                    LocalDate from = today.minusDays(200 + random.nextInt(2500));
                    queries.add(
                            new ProgrammeDashboardQuery(set, from, from.plusDays(30 + random.nextInt(700)), interval));
                }
            }
        }
        return queries;
    }

    private void assertSameAsReference() {
        for (ProgrammeDashboardQuery query : queries()) {
            ProgrammeDashboard ready = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);
            ProgrammeDashboard reference = dashboards.referenceDashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);
            assertThat(ready).as("%s", query).isEqualTo(reference);
        }
    }

    @Nested
    @DisplayName("when the projection has applied every event")
    class CaughtUp {

        @Test
        @DisplayName("every dashboard equals the reference's, cell for cell")
        void sameAsReference() {
            caughtUp();
            assertThat(dashboards
                            .referenceDashboardFrom(
                                    DashboardFacts.EVENT_STORE_TABLE,
                                    new ProgrammeDashboardQuery(
                                            List.of(programmes.get(0)),
                                            LocalDate.now().minusYears(10),
                                            LocalDate.now(),
                                            Interval.YEAR))
                            .headline()
                            .get("participants")
                            .value())
                    .as("a data set with something to compare")
                    .isGreaterThan(100.0);
            assertSameAsReference();
        }

        @Test
        @DisplayName("after new entries, exits, corrections of programme and day, and retractions, recorded while the "
                + "facts are held, every dashboard still equals the reference's")
        void changesFollowed() {
            caughtUp();
            assertSameAsReference(); // the facts are now held in memory: what follows reaches them as changes
            List<String> hers = jdbc.sql("""
                    SELECT programme_id FROM staff_assignment WHERE username = 'caseworker' ORDER BY programme_id""").query(String.class).list();
            assertThat(hers)
                    .as("the caseworker works in at least two generated programmes")
                    .hasSizeGreaterThan(1);
            String a = hers.get(0);
            String b = hers.get(1);
            LocalDate today = LocalDate.now();
            for (int i = 0; i < 12; i++) {
                String participant = ok(caseworker.post(
                                "/api/v1/participants",
                                json(
                                        "chosenName",
                                        "Oracle " + i,
                                        "enrolledOn",
                                        today.minusDays(400).toString())))
                        .get("participantId")
                        .asText();
                ok(caseworker.post(
                        "/api/v1/participants/" + participant + "/programme-entries",
                        json(
                                "programmeId",
                                a,
                                "occurredOn",
                                today.minusDays(300 - i).toString())));
                ok(caseworker.post(
                        "/api/v1/participants/" + participant + "/programme-exits",
                        json(
                                "programmeId",
                                a,
                                "occurredOn",
                                today.minusDays(200 - i).toString(),
                                "reason",
                                "COMPLETED")));
                ok(caseworker.post(
                        "/api/v1/participants/" + participant + "/relapses",
                        json("occurredOn", today.minusDays(150 - i).toString(), "kind", "DRUG_OR_ALCOHOL_USE")));
                String entry = timelineEvent(participant, "programme-entered");
                String exit = timelineEvent(participant, "programme-exited");
                String events = "/api/v1/participants/" + participant + "/events/";
                if (i % 3 == 0) { // her stay moved to the other programme: exit retracted, entry corrected, exit again
                    ok(caseworker.post(events + exit + "/retraction", json("reason", "Recorded in error")));
                    ok(caseworker.post(
                            events + entry + "/corrections",
                            json(
                                    "correctedValues",
                                    json("programmeId", b),
                                    "reason",
                                    "Recorded under the wrong programme")));
                    ok(caseworker.post(
                            "/api/v1/participants/" + participant + "/programme-exits",
                            json(
                                    "programmeId",
                                    b,
                                    "occurredOn",
                                    today.minusDays(190 - i).toString(),
                                    "reason",
                                    "LEFT_BY_CHOICE")));
                } else if (i % 3 == 1) { // a day corrected
                    ok(caseworker.post(
                            events + exit + "/corrections",
                            json(
                                    "correctedValues",
                                    json("occurredOn", today.minusDays(180).toString()),
                                    "reason",
                                    "The exit was later")));
                } else { // the exit retracted: her stay is open again
                    ok(caseworker.post(events + exit + "/retraction", json("reason", "Recorded in error")));
                }
            }
            awaitDashboardFacts();
            assertSameAsReference();
        }

        @Test
        @DisplayName("a replay rebuilds the same figures")
        void replayRebuildsTheSameFigures() {
            caughtUp();
            ProgrammeDashboardQuery query = new ProgrammeDashboardQuery(
                    programmes, LocalDate.now().minusYears(10), LocalDate.now(), Interval.QUARTER);
            ProgrammeDashboard before = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);

            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/replay", "")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> !admin.get("/api/v1/admin/projections/programme-dashboard")
                            .json()
                            .get("replaying")
                            .asBoolean());
            awaitDashboardFacts();

            assertThat(dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query))
                    .isEqualTo(before);
            assertSameAsReference();
        }

        @Test
        @DisplayName("a rebuild beside the live table switches the dashboards to the new table, with the same figures")
        void rebuildSwitchesToTheNewTable() {
            caughtUp();
            ProgrammeDashboardQuery query = new ProgrammeDashboardQuery(
                    programmes, LocalDate.now().minusYears(10), LocalDate.now(), Interval.YEAR);
            ProgrammeDashboard before = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);
            Long tableBefore = jdbc.sql("SELECT 'dashboard_fact'::regclass::oid::bigint")
                    .query(Long.class)
                    .single();

            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/rebuild", "")
                            .status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> admin.get("/api/v1/admin/projections/programme-dashboard/rebuild")
                            .json()
                            .get("state")
                            .asText()
                            .equals("DONE"));

            assertThat(jdbc.sql("SELECT 'dashboard_fact'::regclass::oid::bigint")
                            .query(Long.class)
                            .single())
                    .as("another table now")
                    .isNotEqualTo(tableBefore);
            assertThat(dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query))
                    .isEqualTo(before);
            assertSameAsReference();
        }
    }

    private String timelineEvent(String participant, String type) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> caseworker
                        .get("/api/v1/participants/" + participant + "/timeline")
                        .json()
                        .findValuesAsText("type")
                        .contains(type));
        return caseworker.get("/api/v1/participants/" + participant + "/timeline").json().findParents("type").stream()
                .filter(e -> e.get("type").asText().equals(type))
                .findFirst()
                .orElseThrow()
                .get("eventId")
                .asText();
    }

    private static JsonNode ok(org.journeyplatform.api.support.ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response.status() == 201 || !response.body().isBlank() ? response.json() : null;
    }
}
