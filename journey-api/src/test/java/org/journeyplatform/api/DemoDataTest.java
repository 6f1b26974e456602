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
    @DisplayName(
            "with programmes and participants whose journeys have entries, exits, re-entries, relapses and milestones")
    void demoData() {
        ApiClient caseworker = new ApiClient(port, "caseworker", "caseworker-demo");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> caseworker.get("/api/v1/programmes").json().size() == 5);
        assertThat(caseworker.get("/api/v1/programmes").json().findValuesAsText("name"))
                .contains("Harbour House residential programme", "New Dawn detox and treatment");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "SELECT count(DISTINCT participant_id) FROM timeline_entry WHERE recorded_by = 'demo-data'")
                                .query(Long.class)
                                .single()
                        >= 36);

        List<String> stored = jdbc.sql("SELECT DISTINCT payload_type FROM domain_event_entry")
                .query(String.class)
                .list();
        assertThat(stored)
                .as("the demo data set exercises every kind of journey event")
                .containsAll(java.util.Arrays.stream(JourneyEvent.class.getPermittedSubclasses())
                        .map(Class::getName)
                        .toList());
        assertThat(jdbc.sql("SELECT count(*) FROM timeline_entry WHERE recorded_by = 'demo-data' "
                                + "AND (details->>'reentry')::boolean")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("SELECT max(c) FROM (SELECT count(*) AS c FROM timeline_entry "
                                + "WHERE event_type = 'programme-exited' GROUP BY participant_id) t")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Autowired
    private org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection dashboards;

    @Test
    @DisplayName("whose dashboards, answered from the facts held ready, equal the reference calculation cell for cell")
    void readyDashboardsEqualTheReference() {
        awaitDashboardFacts();
        List<String> programmes = jdbc.sql("SELECT programme_id FROM programme ORDER BY name")
                .query(String.class)
                .list();
        assertThat(programmes).hasSize(5);
        java.time.LocalDate today = java.time.LocalDate.now();
        java.util.List<List<String>> sets = new java.util.ArrayList<>();
        programmes.forEach(p -> sets.add(List.of(p)));
        sets.add(programmes);
        for (List<String> set : sets) {
            for (org.journeyplatform.projections.dashboard.Interval interval :
                    org.journeyplatform.projections.dashboard.Interval.values()) {
                for (java.time.LocalDate[] period : new java.time.LocalDate[][] {
                    {today.minusYears(2).withDayOfMonth(1), today}, {today.minusYears(10), today},
                    {today.minusDays(700), today.minusDays(250)}, {today.minusDays(95), today.minusDays(3)}
                }) {
                    var query = new org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery(
                            set, period[0], period[1], interval);
                    assertThat(dashboards.dashboardFrom(
                                    org.journeyplatform.projections.dashboard.DashboardFacts.EVENT_STORE_TABLE, query))
                            .as("%s", query)
                            .isEqualTo(dashboards.referenceDashboardFrom(
                                    org.journeyplatform.projections.dashboard.DashboardFacts.EVENT_STORE_TABLE, query));
                }
            }
        }
    }

    @org.springframework.beans.factory.annotation.Value("${journey.dashboard.small-cell-threshold}")
    private int threshold;

    @Test
    @DisplayName("whose all-programmes view never gives back a count that one of its programmes hides")
    void combinedViewGivesNoHiddenCountBack() {
        awaitDashboardFacts();
        List<String> programmes = jdbc.sql("SELECT programme_id FROM programme ORDER BY name")
                .query(String.class)
                .list();
        java.time.LocalDate today = java.time.LocalDate.now();
        int checked = 0;
        for (org.journeyplatform.projections.dashboard.Interval interval :
                org.journeyplatform.projections.dashboard.Interval.values()) {
            for (int months = 1; months <= 48; months += 1) {
                java.time.LocalDate from = today.minusMonths(months).withDayOfMonth(1);
                java.time.LocalDate to = months > 24 ? from.plusMonths(months - 24) : today;
                java.util.Map<String, org.journeyplatform.projections.dashboard.Cell> combined =
                        counts(List.copyOf(programmes), from, to, interval);
                List<java.util.Map<String, org.journeyplatform.projections.dashboard.Cell>> each = programmes.stream()
                        .map(p -> counts(List.of(p), from, to, interval))
                        .toList();
                for (var entry : combined.entrySet()) {
                    if (entry.getValue().suppressed()) {
                        continue;
                    }
                    int hidden = 0;
                    double shown = 0;
                    for (var programme : each) {
                        var cell = programme.get(entry.getKey());
                        hidden += cell != null && cell.suppressed() ? 1 : 0;
                        shown += cell == null || cell.suppressed() ? 0 : cell.value();
                    }
                    if (hidden == 0) {
                        continue;
                    }
                    checked++;
                    double givenBack = entry.getValue().value() - shown;
                    assertThat(givenBack <= 0 || hidden > 1 && givenBack >= threshold)
                            .as(
                                    "%s from %s to %s by %s: %s shown, %s less the programmes' shown ones, %d hidden",
                                    entry.getKey(),
                                    from,
                                    to,
                                    interval,
                                    entry.getValue().value(),
                                    givenBack,
                                    hidden)
                            .isTrue();
                }
            }
        }
        assertThat(checked)
                .as("combined counts beside a programme's hidden one")
                .isPositive();
    }

    /** Waits until the dashboard projection has handled every stored event. */
    private void awaitDashboardFacts() {
        ApiClient admin = new ApiClient(port, "admin", "admin-demo");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                    .query(Long.class)
                    .single();
            return head != null
                    && admin.get("/api/v1/admin/projections/programme-dashboard")
                                    .json()
                                    .get("position")
                                    .asLong()
                            >= head;
        });
    }

    /** The event counts of a dashboard: headline, movement, exits by reason and milestones, by key. */
    private java.util.Map<String, org.journeyplatform.projections.dashboard.Cell> counts(
            List<String> programmes,
            java.time.LocalDate from,
            java.time.LocalDate to,
            org.journeyplatform.projections.dashboard.Interval interval) {
        var dashboard = dashboards.dashboardFrom(
                org.journeyplatform.projections.dashboard.DashboardFacts.EVENT_STORE_TABLE,
                new org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery(programmes, from, to, interval));
        java.util.Map<String, org.journeyplatform.projections.dashboard.Cell> counts = new java.util.LinkedHashMap<>();
        for (String key : List.of("entries", "reentries", "exits")) {
            counts.put("headline." + key, dashboard.headline().get(key));
        }
        for (var period : dashboard.movement()) {
            counts.put("movement." + period.period() + ".entries", period.entries());
            counts.put("movement." + period.period() + ".reentries", period.reentries());
            counts.put("movement." + period.period() + ".exits", period.exits());
        }
        dashboard.exitsByReason().forEach((reason, cell) -> counts.put("exitsByReason." + reason, cell));
        dashboard.milestones().forEach((type, cell) -> counts.put("milestones." + type, cell));
        counts.remove("milestones.medianDaysFromEntryToFirst"); // a median, not a count
        counts.values().removeIf(java.util.Objects::isNull);
        return counts;
    }
}
