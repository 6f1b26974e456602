package org.journeyplatform.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
            public void done(long journeys, long events) {
            }

            @Override
            public void finished() {
            }
        });
        assertThat(result.events()).isGreaterThan(20_000);
    }

    /** Waits for the projection to apply every event, and names the generated programmes. */
    private void caughtUp() {
        awaitDashboardFacts();
        programmes = jdbc.sql("SELECT DISTINCT programme_id FROM dashboard_fact WHERE kind = 'ENTERED' ORDER BY 1")
                .query(String.class).list();
        assertThat(programmes).hasSize(4);
    }

    /** The dashboard projection has applied every event in the store. */
    private void awaitDashboardFacts() {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            return admin.get("/api/v1/admin/projections/programme-dashboard").json().get("position").asLong() >= head;
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
                    queries.add(new ProgrammeDashboardQuery(set, from, from.plusDays(30 + random.nextInt(700)),
                            interval));
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
            assertThat(dashboards.referenceDashboardFrom(DashboardFacts.EVENT_STORE_TABLE,
                    new ProgrammeDashboardQuery(List.of(programmes.get(0)), LocalDate.now().minusYears(10),
                            LocalDate.now(), Interval.YEAR)).headline().get("participants").value())
                    .as("a data set with something to compare").isGreaterThan(100.0);
            assertSameAsReference();
        }

        @Test
        @DisplayName("a replay rebuilds the same figures")
        void replayRebuildsTheSameFigures() {
            caughtUp();
            ProgrammeDashboardQuery query = new ProgrammeDashboardQuery(programmes,
                    LocalDate.now().minusYears(10), LocalDate.now(), Interval.QUARTER);
            ProgrammeDashboard before = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);

            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/replay", "").status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).until(() -> !admin.get(
                    "/api/v1/admin/projections/programme-dashboard").json().get("replaying").asBoolean());
            awaitDashboardFacts();

            assertThat(dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query)).isEqualTo(before);
            assertSameAsReference();
        }

        @Test
        @DisplayName("a rebuild beside the live table switches the dashboards to the new table, with the same figures")
        void rebuildSwitchesToTheNewTable() {
            caughtUp();
            ProgrammeDashboardQuery query = new ProgrammeDashboardQuery(programmes,
                    LocalDate.now().minusYears(10), LocalDate.now(), Interval.YEAR);
            ProgrammeDashboard before = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);
            Long tableBefore = jdbc.sql("SELECT 'dashboard_fact'::regclass::oid::bigint").query(Long.class).single();

            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/rebuild", "").status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).until(() -> admin.get(
                    "/api/v1/admin/projections/programme-dashboard/rebuild").json().get("state").asText()
                    .equals("DONE"));

            assertThat(jdbc.sql("SELECT 'dashboard_fact'::regclass::oid::bigint").query(Long.class).single())
                    .as("another table now").isNotEqualTo(tableBefore);
            assertThat(dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query)).isEqualTo(before);
            assertSameAsReference();
        }
    }
}
