package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.DemoDataSetTest;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("The demo profile starts the platform with a synthetic data set")
class DemoDataTest extends DemoDataSetTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    @DisplayName("with programmes and participants whose journeys have entries, exits, re-entries, relapses and milestones")
    void demoData() {
        ApiClient caseworker = new ApiClient(port, "caseworker", "caseworker-demo");
        await().atMost(Duration.ofSeconds(30)).until(() -> caseworker.get("/api/v1/programmes").json().size() == 5);
        assertThat(caseworker.get("/api/v1/programmes").json().findValuesAsText("name"))
                .contains("Harbour House residential programme", "New Dawn detox and treatment");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(DISTINCT participant_id) FROM timeline_entry WHERE recorded_by = 'demo-data'")
                .query(Long.class).single() >= 36);

        List<String> stored = jdbc.sql("SELECT DISTINCT payload_type FROM domain_event_entry")
                .query(String.class).list();
        assertThat(stored).as("the demo data set exercises every kind of journey event")
                .containsAll(java.util.Arrays.stream(JourneyEvent.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        assertThat(jdbc.sql("SELECT count(*) FROM timeline_entry WHERE recorded_by = 'demo-data' "
                + "AND (details->>'reentry')::boolean").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT max(c) FROM (SELECT count(*) AS c FROM timeline_entry "
                + "WHERE event_type = 'programme-exited' GROUP BY participant_id) t").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }

    @Autowired
    private org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection dashboards;

    @Test
    @DisplayName("whose dashboards, answered from the facts held ready, equal the reference calculation cell for cell")
    void readyDashboardsEqualTheReference() {
        ApiClient admin = new ApiClient(port, "admin", "admin-demo");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            return head != null && admin.get("/api/v1/admin/projections/programme-dashboard").json().get("position")
                    .asLong() >= head;
        });
        List<String> programmes = jdbc.sql("SELECT programme_id FROM programme ORDER BY name")
                .query(String.class).list();
        assertThat(programmes).hasSize(5);
        java.time.LocalDate today = java.time.LocalDate.now();
        java.util.List<List<String>> sets = new java.util.ArrayList<>();
        programmes.forEach(p -> sets.add(List.of(p)));
        sets.add(programmes);
        for (List<String> set : sets) {
            for (org.journeyplatform.projections.dashboard.Interval interval
                    : org.journeyplatform.projections.dashboard.Interval.values()) {
                for (java.time.LocalDate[] period : new java.time.LocalDate[][] {
                        {today.minusYears(2).withDayOfMonth(1), today}, {today.minusYears(10), today},
                        {today.minusDays(700), today.minusDays(250)}, {today.minusDays(95), today.minusDays(3)}}) {
                    var query = new org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery(set,
                            period[0], period[1], interval);
                    assertThat(dashboards.dashboardFrom(
                            org.journeyplatform.projections.dashboard.DashboardFacts.EVENT_STORE_TABLE, query))
                            .as("%s", query)
                            .isEqualTo(dashboards.referenceDashboardFrom(
                                    org.journeyplatform.projections.dashboard.DashboardFacts.EVENT_STORE_TABLE,
                                    query));
                }
            }
        }
    }
}
