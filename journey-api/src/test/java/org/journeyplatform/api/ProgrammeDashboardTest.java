package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.assertProblem;
import static org.journeyplatform.api.support.Journeys.awaitProgramme;
import static org.journeyplatform.api.support.Journeys.ors;
import static org.journeyplatform.api.support.Journeys.registerPeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Programme dashboards over HTTP, on figures worked out by hand. Three fresh programmes, recorded once by the first
 * test that runs and only read afterwards (the test database is shared with every other API test, so no figure here
 * counts anything but these programmes), with two fresh manager accounts:
 * <ul>
 *   <li>Harbour House: 25 participants who all entered in one month two years ago; 14 left fourteen months ago
 *   (12 completed, 2 left by choice), 8 of them with a relapse or return afterwards, one of whom came back; milestones,
 *   peer sessions, mentors and Outcome Rating Scale readings. Also one participant whose stay ended before the period
 *   and one who entered after it: neither is counted.</li>
 *   <li>a small peer circle: 3 participants, so nearly every figure covers fewer than 11 people.</li>
 *   <li>Riverside Recovery, another manager's programme: 24 who completed treatment fourteen months ago, 12 of whom
 *   had a relapse or return within 65 days.</li>
 * </ul>
 * The period is always explicit: from the first day of the month two years ago to the last day of last month.
 */
@DisplayName("A programme manager reads her programmes' dashboards: figures over a period, small numbers hidden")
class ProgrammeDashboardTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode HIDDEN = node("{\"value\":null,\"suppressed\":true,\"display\":\"fewer than 11\","
            + "\"hiddenBecause\":\"fewer-than-threshold\"}");
    private static final JsonNode HIDDEN_GROUP = node(
            "{\"value\":null,\"suppressed\":true,"
                    + "\"display\":\"hidden: it would reveal a group of fewer than 11\",\"hiddenBecause\":\"fewer-than-threshold\"}");
    private static final JsonNode HIDDEN_COMPLEMENT = node(
            "{\"value\":null,\"suppressed\":true,"
                    + "\"display\":\"hidden so a small figure cannot be worked out\",\"hiddenBecause\":\"reveals-a-small-figure\"}");
    private static final String PASSWORD = "a long dashboard passphrase";
    private static final String[] NAMES = {
        "Wren",
        "Juniper",
        "Robin",
        "Hazel",
        "Linnet",
        "Rowan",
        "Ivy",
        "Willow",
        "Fern",
        "Heather",
        "Laurel",
        "Maple",
        "Sage",
        "Briar",
        "Clover",
        "Iris",
        "Marigold",
        "Poppy",
        "Saffron",
        "Sorrel",
        "Tansy",
        "Yarrow",
        "Aspen",
        "Birch",
        "Cedar"
    };
    /** Days from her exit to her first relapse or return, for the first eight who left. */
    private static final int[] DAYS_TO_RETURN = {10, 20, 30, 45, 60, 90, 120, 200};

    // Recorded once (some 270 calls), by the first test that runs; no test changes it.
    private static boolean recorded;
    private static String lead;
    private static String otherLead;
    private static String harbourHouse;
    private static String peerCircle;
    private static String riverside;
    private static YearMonth entryMonth;
    private static YearMonth exitMonth;
    private static YearMonth reentryMonth;
    private static LocalDate from;
    private static LocalDate to;
    private static String period;

    @Autowired
    private JdbcClient jdbc;

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

    private ApiClient herManager;
    private ApiClient otherManager;

    @BeforeEach
    void programmesRecordedOnce() {
        if (!recorded) {
            record();
            recorded = true;
        }
        herManager = client(lead, PASSWORD);
        otherManager = client(otherLead, PASSWORD);
    }

    @Nested
    @DisplayName("given a programme with 25 participants, when its manager reads its dashboard for the period")
    class EnoughParticipants {

        private JsonNode dashboard;

        @BeforeEach
        void read() {
            awaitDashboardCaughtUp();
            dashboard = figures(herManager, harbourHouse);
        }

        @Test
        @DisplayName("it covers that programme and that period, as of the period's last day, with threshold 11")
        void coverage() {
            assertThat(dashboard.get("programmes").findValuesAsText("programmeId"))
                    .containsExactly(harbourHouse);
            assertThat(dashboard.get("from").asText()).isEqualTo(from.toString());
            assertThat(dashboard.get("to").asText()).isEqualTo(to.toString());
            assertThat(dashboard.get("asOf").asText()).isEqualTo(to.toString());
            assertThat(dashboard.get("threshold").asInt()).isEqualTo(11);
        }

        @Test
        @DisplayName("the headline counts her 25 participants, 12 active, 26 entries and 14 exits; the one re-entry "
                + "is hidden")
        void headline() {
            JsonNode headline = dashboard.get("headline");
            SoftAssertions soft = new SoftAssertions();
            // the participant who left before the period and the one who entered after it are not among the 25
            shown(soft, headline, "participants", 25, "25");
            // 11 never left, and one came back after her relapse
            shown(soft, headline, "activeNow", 12, "12");
            shown(soft, headline, "entries", 26, "26");
            hidden(soft, headline, "reentries");
            shown(soft, headline, "exits", 14, "14");
            soft.assertAll();
        }

        @Test
        @DisplayName("month by month: 24 months, 14 exits in the month they left; the month of the single re-entry "
                + "is hidden, and so is the month of the 25 entries, which would give it away")
        void movementByMonth() {
            assertThat(dashboard.get("interval").asText()).isEqualTo("MONTH");
            List<String> months = new ArrayList<>();
            SoftAssertions soft = new SoftAssertions();
            for (JsonNode month : dashboard.get("movement")) {
                YearMonth m = YearMonth.parse(month.get("period").asText());
                months.add(m.toString());
                if (m.equals(entryMonth) || m.equals(reentryMonth)) {
                    hidden(soft, month, "entries");
                } else {
                    zero(soft, month, "entries");
                }
                if (m.equals(reentryMonth)) {
                    hidden(soft, month, "reentries");
                } else {
                    zero(soft, month, "reentries");
                }
                if (m.equals(exitMonth)) {
                    shown(soft, month, "exits", 14, "14");
                } else {
                    zero(soft, month, "exits");
                }
            }
            soft.assertAll();
            assertThat(months)
                    .hasSize(24)
                    .startsWith(entryMonth.toString())
                    .endsWith(YearMonth.from(to).toString())
                    .doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("length of stay: 14 stays of L to L+13 days, median L+6.5, quartiles L+3.25 and L+9.75, "
                + "to one decimal")
        void lengthOfStay() {
            long l = shortestStay();
            JsonNode stays = dashboard.get("lengthOfStay");
            SoftAssertions soft = new SoftAssertions();
            shown(soft, stays, "stays", 14, "14");
            shown(soft, stays, "medianDays", l + 6.5, (l + 6) + ".5");
            shown(soft, stays, "q1Days", l + 3.3, (l + 3) + ".3");
            shown(soft, stays, "q3Days", l + 9.8, (l + 9) + ".8");
            soft.assertAll();
        }

        @Test
        @DisplayName("relapse and return: 14 followed up for ten months; the 8 who returned, their share and the "
                + "median time to a first return (day 120, when only 8 were still followed up) are hidden")
        void relapseAndReturn() {
            JsonNode relapses = dashboard.get("relapseAndReturn");
            SoftAssertions soft = new SoftAssertions();
            shown(soft, relapses, "exits", 14, "14");
            shown(soft, relapses, "followedUp", 14, "14");
            // 8 returned and 6 did not: both groups are small
            hidden(soft, relapses, "returnedWithin10Months");
            hidden(soft, relapses, "shareWithin10Months");
            // still out: 14/14, then 13, 12, ... 7/14 = one half on day 120 (the relapse before an exit is not
            // counted), but just before day 120 only 14 - 6 = 8 were still followed up
            hidden(soft, relapses, "medianDaysToFirstReturn");
            soft.assertAll();
        }

        @Test
        @DisplayName("retention: 14 are followed up, but a step tells of at least 11 returns, so with 8 returns the "
                + "curve is only its start, 100% on day 0")
        void retention() {
            JsonNode retention = dashboard.get("retention");

            assertThat(retention.get("suppressed").asBoolean()).isFalse();
            assertThat(points(retention)).containsExactly("0:1.0");
        }

        @Test
        @DisplayName("milestones: 12 in housing and 13 in sobriety, 25 in all, a median of 80 days from entry to "
                + "the first")
        void milestones() {
            JsonNode milestones = dashboard.get("milestones");
            SoftAssertions soft = new SoftAssertions();
            shown(soft, milestones, "STABLE_HOUSING", 12, "12");
            shown(soft, milestones, "SOBRIETY_DURATION_REACHED", 13, "13");
            for (String type : List.of(
                    "EMPLOYMENT",
                    "EDUCATION",
                    "LEGAL_MATTER_RESOLVED",
                    "HEALTH",
                    "PROGRAMME_GRADUATION",
                    "TWO_YEARS_OUT_OF_SEX_TRADE",
                    "REUNIFICATION_STEP",
                    "MODULE_COMPLETED",
                    "CUSTOM")) {
                zero(soft, milestones, type);
            }
            // the earlier participant's milestone falls before the period and outside the cohort
            shown(soft, milestones, "total", 25, "25");
            // first milestones 30, 35, ... 85 days (12 of them), then 102 ... 110 (9): the 11th of 21 is 80
            shown(soft, milestones, "medianDaysFromEntryToFirst", 80, "80");
            soft.assertAll();
        }

        @Test
        @DisplayName("peer support: 30 sessions, 1.2 per participant, 11 with a mentor (44%); no reunification plans")
        void peerSupportAndReunification() {
            SoftAssertions soft = new SoftAssertions();
            JsonNode peers = dashboard.get("peerSupport");
            shown(soft, peers, "sessions", 30, "30");
            shown(soft, peers, "sessionsPerParticipant", 1.2, "1.2");
            shown(soft, peers, "withMentor", 11, "11");
            shown(soft, peers, "shareWithMentor", 0.44, "44%");
            JsonNode reunification = dashboard.get("reunification");
            for (String figure : List.of("openPlans", "plansOpened", "stepsForward", "stepsBack", "custodyRestored")) {
                zero(soft, reunification, figure);
            }
            soft.assertAll();
        }

        @Test
        @DisplayName("assessments: 11 with two ORS readings, from 15.9 to 21.9 on average, every one of them improved")
        void assessments() {
            JsonNode assessments = dashboard.get("assessments");

            assertThat(assessments).hasSize(1);
            JsonNode ors = assessments.get(0);
            assertThat(ors.get("instrument").asText()).isEqualTo("ors");
            SoftAssertions soft = new SoftAssertions();
            shown(soft, ors, "participants", 11, "11");
            // first readings 15, 16, 17, 15, ... (175 / 11); each latest six points higher
            shown(soft, ors, "meanFirst", 15.9, "15.9");
            shown(soft, ors, "meanLatest", 21.9, "21.9");
            shown(soft, ors, "meanChange", 6, "6");
            shown(soft, ors, "shareImproved", 1.0, "100%");
            soft.assertAll();
        }
    }

    @Nested
    @DisplayName("small numbers identify people")
    class SmallNumbers {

        @BeforeEach
        void caughtUp() {
            awaitDashboardCaughtUp();
        }

        @Test
        @DisplayName("given a programme of 3, every count of 1 to 10 participants is hidden as 'fewer than 11', "
                + "and zeros are shown as 0")
        void everySmallCountHidden() {
            // when
            JsonNode dashboard = figures(herManager, peerCircle);

            // then
            SoftAssertions soft = new SoftAssertions();
            JsonNode headline = dashboard.get("headline");
            for (String figure : List.of("participants", "activeNow", "entries", "exits")) {
                hidden(soft, headline, figure);
            }
            zero(soft, headline, "reentries");
            for (JsonNode month : dashboard.get("movement")) {
                YearMonth m = YearMonth.parse(month.get("period").asText());
                if (m.equals(entryMonth)) {
                    hidden(soft, month, "entries");
                } else {
                    zero(soft, month, "entries");
                }
                zero(soft, month, "reentries");
                if (m.equals(exitMonth)) {
                    hidden(soft, month, "exits");
                } else {
                    zero(soft, month, "exits");
                }
            }
            JsonNode reasons = dashboard.get("exitsByReason");
            hidden(soft, reasons, "COMPLETED");
            hidden(soft, reasons, "LEFT_BY_CHOICE");
            for (String reason :
                    List.of("DISCHARGED", "TRANSFERRED", "RETURNED_TO_SEX_TRADE", "INCARCERATED", "DIED", "OTHER")) {
                zero(soft, reasons, reason);
            }
            for (String figure : List.of("stays", "medianDays", "q1Days", "q3Days")) {
                hidden(soft, dashboard.get("lengthOfStay"), figure);
            }
            for (String figure : List.of(
                    "exits",
                    "followedUp",
                    "returnedWithin10Months",
                    "shareWithin10Months",
                    "medianDaysToFirstReturn")) {
                hidden(soft, dashboard.get("relapseAndReturn"), figure);
            }
            JsonNode milestones = dashboard.get("milestones");
            for (String figure : List.of("STABLE_HOUSING", "HEALTH", "total", "medianDaysFromEntryToFirst")) {
                hidden(soft, milestones, figure);
            }
            zero(soft, milestones, "EMPLOYMENT");
            for (String figure : List.of("openPlans", "plansOpened", "stepsForward", "stepsBack", "custodyRestored")) {
                zero(soft, dashboard.get("reunification"), figure);
            }
            JsonNode peers = dashboard.get("peerSupport");
            zero(soft, peers, "sessions");
            // none of the 3 has a mentor: "0 of 3" says something about 3 people, so it is hidden too
            for (String figure : List.of("sessionsPerParticipant", "withMentor", "shareWithMentor")) {
                hidden(soft, peers, figure);
            }
            soft.assertAll();
            JsonNode retention = dashboard.get("retention");
            assertThat(retention.get("suppressed").asBoolean()).isTrue();
            assertThat(retention.get("display").asText()).isEqualTo("fewer than 11");
            assertThat(retention.get("points")).isEmpty();
            assertThat(dashboard.get("assessments")).isEmpty();
        }

        @Test
        @DisplayName("given a programme of 3, the response text carries no number but 0 and the threshold")
        void noHiddenNumberInTheText() {
            // when
            Response response = herManager.get("/api/v1/programmes/" + peerCircle + "/dashboard" + period);

            // then: take out names, ids, dates and months, and the threshold; the numbers left are all zeros
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body()).contains("\"threshold\":11,");
            String text = response.body()
                    .replace("\"threshold\":11,", "\"threshold\":<threshold>,")
                    .replace("fewer than 11", "fewer than <threshold>")
                    .replaceAll("\"[A-Za-z0-9_]+\":", "\"<name>\":")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                    .replaceAll("\\d{4}-\\d{2}(-\\d{2})?", "<date>");
            List<String> numbers = new ArrayList<>();
            Matcher number = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(text);
            while (number.find()) {
                numbers.add(number.group());
            }
            assertThat(numbers)
                    .as(text)
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(Double.parseDouble(n)).as(n).isZero());
        }

        @Test
        @DisplayName("given 12 exits completed and 2 by choice, the 2 are hidden and so are the 12, since the shown "
                + "total of 14 would give the 2 away")
        void complementaryExitReasons() {
            // when
            JsonNode dashboard = figures(herManager, harbourHouse);

            // then
            SoftAssertions soft = new SoftAssertions();
            shown(soft, dashboard.get("headline"), "exits", 14, "14");
            hidden(soft, dashboard.get("exitsByReason"), "LEFT_BY_CHOICE");
            hidden(soft, dashboard.get("exitsByReason"), "COMPLETED");
            for (String reason :
                    List.of("DISCHARGED", "TRANSFERRED", "RETURNED_TO_SEX_TRADE", "INCARCERATED", "DIED", "OTHER")) {
                zero(soft, dashboard.get("exitsByReason"), reason);
            }
            soft.assertAll();
        }

        @Test
        @DisplayName("given her two programmes together, the 3 of the small one cannot be found by subtracting the "
                + "large one's figures from the total")
        void noSubtractionAcrossProgrammes() {
            // when
            JsonNode both = dashboard(herManager, null).json();

            // then
            assertThat(both.get("programmes").findValuesAsText("programmeId"))
                    .containsExactlyInAnyOrder(harbourHouse, peerCircle);
            SoftAssertions soft = new SoftAssertions();
            // 28 - 25 = 3, 29 - 26 = 3, 16 - 14 = 2, 28 - 25 = 3: all hidden
            hidden(soft, both.get("headline"), "participants");
            hidden(soft, both.get("headline"), "entries");
            hidden(soft, both.get("headline"), "exits");
            hidden(soft, both.get("milestones"), "total");
            // 30 + 0: the small programme's 0 is shown, so nothing is hidden behind the 30
            shown(soft, both.get("peerSupport"), "sessions", 30, "30");
            soft.assertAll();
        }
    }

    @Nested
    @DisplayName("given 24 followed up after an exit, 12 of whom returned within 65 days")
    class HalfReturned {

        @Test
        @DisplayName("the median time to a first return is day 65, the day the share still out reaches one half")
        void medianAtExactlyOneHalf() {
            // given
            awaitDashboardCaughtUp();

            // when
            JsonNode dashboard = figures(otherManager, riverside);

            // then
            JsonNode relapses = dashboard.get("relapseAndReturn");
            SoftAssertions soft = new SoftAssertions();
            shown(soft, relapses, "exits", 24, "24");
            shown(soft, relapses, "followedUp", 24, "24");
            shown(soft, relapses, "returnedWithin10Months", 12, "12");
            shown(soft, relapses, "shareWithin10Months", 0.5, "50%");
            // 23/24 x 22/23 x ... x 12/13 = 12/24: one half on the day of the 12th return, when 13 were still
            // followed up (enough to show it)
            shown(soft, relapses, "medianDaysToFirstReturn", 65, "65");
            soft.assertAll();
        }

        @Test
        @DisplayName("the retention curve steps down once, on day 60, when 11 have returned: to 13/24")
        void retentionCurve() {
            // given
            awaitDashboardCaughtUp();

            // when
            JsonNode retention = figures(otherManager, riverside).get("retention");

            // then: 14 were still followed up just before day 60; the 12th return (day 65) alone makes no step
            assertThat(retention.get("suppressed").asBoolean()).isFalse();
            assertThat(points(retention)).containsExactly("0:1.0", "60:0.5417");
        }
    }

    @Nested
    @DisplayName("who may read which dashboard")
    class Scoping {

        @Test
        @DisplayName("a manager is answered 404 programme-not-found for another manager's programme, exactly as for "
                + "one that does not exist")
        void anotherManagersProgramme() {
            // when
            Response another = dashboard(herManager, riverside);
            Response none = dashboard(herManager, UUID.randomUUID().toString());
            Response notAnId = dashboard(herManager, "not-a-programme");

            // then
            assertProblem(another, 404, "/problems/programme-not-found");
            assertProblem(none, 404, "/problems/programme-not-found");
            assertProblem(notAnId, 404, "/problems/programme-not-found");
            // nothing tells an existing programme from none: the same problem, but for the path it names
            assertThat(withoutInstance(another)).isEqualTo(withoutInstance(none));
            assertProblem(dashboard(otherManager, harbourHouse), 404, "/problems/programme-not-found");
            assertThat(dashboard(otherManager, riverside).status()).isEqualTo(200);
            // the demonstration manager account is a manager too, but not of this programme
            assertProblem(dashboard(manager, harbourHouse), 404, "/problems/programme-not-found");
        }

        @Test
        @DisplayName("her programme's id in upper case is the same programme, as on the other programme endpoints")
        void upperCaseId() {
            // when
            Response upper = dashboard(herManager, harbourHouse.toUpperCase(java.util.Locale.ROOT));

            // then
            assertThat(upper.status()).as(upper.toString()).isEqualTo(200);
            assertThat(upper.json()).isEqualTo(figures(herManager, harbourHouse));
            assertProblem(
                    dashboard(otherManager, harbourHouse.toUpperCase(java.util.Locale.ROOT)),
                    404,
                    "/problems/programme-not-found");
        }

        @Test
        @DisplayName("the all-programmes view lists only the programmes she is assigned to")
        void allProgrammesView() {
            // when
            Response hers = dashboard(herManager, null);
            Response theOthers = dashboard(otherManager, null);

            // then
            assertThat(hers.status()).as(hers.toString()).isEqualTo(200);
            assertThat(hers.json().get("programmes").findValuesAsText("programmeId"))
                    .containsExactlyInAnyOrder(harbourHouse, peerCircle);
            assertThat(hers.json().get("programmes").findValuesAsText("name")).allMatch(name -> !name.isBlank());
            assertThat(theOthers.status()).as(theOthers.toString()).isEqualTo(200);
            assertThat(theOthers.json().get("programmes").findValuesAsText("programmeId"))
                    .containsExactly(riverside);
        }

        @Test
        @DisplayName("caseworkers, peer workers, researchers and administrators are refused both endpoints with 403")
        void otherRoles() {
            Map<String, ApiClient> others = Map.of(
                    "caseworker",
                    caseworker,
                    "peer worker",
                    client("peer-worker", "peer-demo"),
                    "researcher",
                    client("researcher", "researcher-demo"),
                    "administrator",
                    admin);
            others.forEach((role, client) -> {
                for (Response response : List.of(dashboard(client, harbourHouse), dashboard(client, null))) {
                    assertThat(response.status()).as("%s: %s", role, response).isEqualTo(403);
                    assertProblem(response, 403, "/problems/forbidden");
                }
            });
        }

        @Test
        @DisplayName("an anonymous caller is asked to sign in (401) on both endpoints")
        void anonymousCaller() {
            assertProblem(dashboard(anonymous, harbourHouse), 401, "/problems/unauthenticated");
            assertProblem(dashboard(anonymous, null), 401, "/problems/unauthenticated");
        }
    }

    @Nested
    @DisplayName("the period")
    class ThePeriod {

        @Test
        @DisplayName("defaults to today and the first day of the month eleven months before")
        void defaults() {
            // when
            JsonNode dashboard = ok(herManager.get("/api/v1/programmes/" + harbourHouse + "/dashboard"));

            // then
            LocalDate today = daysAgo(0);
            assertThat(dashboard.get("to").asText()).isEqualTo(today.toString());
            assertThat(dashboard.get("from").asText())
                    .isEqualTo(today.minusMonths(11).withDayOfMonth(1).toString());
            assertThat(dashboard.get("asOf").asText()).isEqualTo(today.toString());
            assertThat(dashboard.get("interval").asText()).isEqualTo("MONTH");
            assertThat(dashboard.get("movement")).hasSize(12);
        }

        @Test
        @DisplayName("given only its last day, starts on the first day of the month eleven months before that")
        void onlyTo() {
            JsonNode dashboard = ok(herManager.get("/api/v1/dashboard?to=" + to));

            assertThat(dashboard.get("from").asText())
                    .isEqualTo(to.minusMonths(11).withDayOfMonth(1).toString());
            assertThat(dashboard.get("to").asText()).isEqualTo(to.toString());
        }

        @Test
        @DisplayName("can break the movement down by quarter or by year instead of by month")
        void intervals() {
            JsonNode byQuarter = ok(
                    herManager.get("/api/v1/programmes/" + harbourHouse + "/dashboard" + period + "&interval=quarter"));
            JsonNode byYear = ok(herManager.get("/api/v1/dashboard" + period + "&interval=YEAR"));

            assertThat(byQuarter.get("interval").asText()).isEqualTo("QUARTER");
            assertThat(byQuarter.get("movement").findValuesAsText("period"))
                    .hasSizeBetween(8, 9)
                    .allMatch(label -> label.matches("\\d{4}-Q[1-4]"))
                    .contains(from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1));
            assertThat(byYear.get("interval").asText()).isEqualTo("YEAR");
            List<String> years = new ArrayList<>();
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                years.add(String.valueOf(year));
            }
            assertThat(byYear.get("movement").findValuesAsText("period")).containsExactlyElementsOf(years);
        }

        @Test
        @DisplayName("may be one day, or ten years long")
        void boundaries() {
            assertThat(dashboard(herManager, harbourHouse, to, to).status()).isEqualTo(200);
            assertThat(dashboard(herManager, harbourHouse, to.minusYears(10), to)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("bad input is answered 400 with problem details, never 500")
    class BadInput {

        @Test
        @DisplayName("'from' after 'to' is refused with a detail that says so, on both endpoints")
        void fromAfterTo() {
            // when
            Response one = dashboard(herManager, harbourHouse, to, from);
            Response all = dashboard(herManager, null, to, from);

            // then
            for (Response response : List.of(one, all)) {
                assertProblem(response, 400, "/problems/validation-failed");
                assertThat(response.json().get("detail").asText())
                        .contains("'from'")
                        .contains("'to'")
                        .contains("after");
            }
            // 'from' in the future, 'to' left to default to today
            assertProblem(herManager.get("/api/v1/dashboard?from=" + daysAgo(-30)), 400, "/problems/validation-failed");
        }

        @Test
        @DisplayName("a period longer than ten years is refused")
        void tooLong() {
            Response response =
                    dashboard(herManager, harbourHouse, to.minusYears(10).minusDays(2), to);

            assertProblem(response, 400, "/problems/validation-failed");
            assertThat(response.json().get("detail").asText()).contains("ten years");
            assertProblem(dashboard(herManager, null, to.minusYears(25), to), 400, "/problems/validation-failed");
        }

        @Test
        @DisplayName("an unknown interval is refused")
        void unknownInterval() {
            Response response = herManager.get(
                    "/api/v1/programmes/" + harbourHouse + "/dashboard" + period + "&interval=fortnight");

            assertProblem(response, 400, "/problems/validation-failed");
            assertThat(response.json().get("detail").asText()).contains("'interval'");
        }

        @Test
        @DisplayName("a malformed date is refused, naming the parameter and the format expected")
        void malformedDates() {
            for (String query : List.of(
                    "?from=2025-13-01&to=" + to,
                    "?from=yesterday&to=" + to,
                    "?from=" + from + "&to=31/12/2025",
                    "?from=" + from + "&to=2025-02-30")) {
                for (String path : List.of("/api/v1/programmes/" + harbourHouse + "/dashboard", "/api/v1/dashboard")) {
                    Response response = herManager.get(path + query);
                    assertProblem(response, 400, "/problems/malformed-request");
                    assertThat(response.json().get("detail").asText())
                            .as(query)
                            .containsAnyOf("'from'", "'to'")
                            .contains("2025-03-31");
                }
            }
        }

        @Test
        @DisplayName("odd dates and ids are answered with a 4xx, never a 5xx")
        void neverAServerError() {
            List<String> queries = List.of(
                    "?from=&to=",
                    "?from=0000-01-01&to=0000-12-31",
                    "?from=9999-01-01&to=9999-12-31",
                    "?from=1899-12-31&to=1900-01-01",
                    "?from=-999999999-01-01&to=" + to,
                    "?from=%2B1000000000-01-01",
                    "?to=+999999999-12-31",
                    "?from=" + from + "&from=" + to + "&to=" + to,
                    "?from=2025-01-01T00:00&to=2025-02-01",
                    "?from=%00&to=%FF");
            for (String query : queries) {
                for (String path : List.of(
                        "/api/v1/programmes/" + harbourHouse + "/dashboard",
                        "/api/v1/dashboard",
                        "/api/v1/programmes/%20/dashboard")) {
                    Response response = herManager.get(path + query);
                    assertThat(response.status())
                            .as(path + query + " -> " + response)
                            .isLessThan(500);
                }
            }
            assertProblem(
                    herManager.get("/api/v1/dashboard?from=1899-12-31&to=1900-01-01"),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    herManager.get("/api/v1/dashboard?from=2999-12-31&to=3000-01-01"),
                    400,
                    "/problems/validation-failed");
        }
    }

    @Nested
    @DisplayName("the sign-in form")
    class SignInForm {

        @Test
        @DisplayName("after a wrong password, shows the username again (escaped) but never the password")
        void keepsTheUsername() {
            // given
            org.journeyplatform.api.support.LoginForm browser = new org.journeyplatform.api.support.LoginForm(port);

            // when
            Response refused = browser.signIn(lead + "<b>", "not the passphrase");
            Response form = browser.get("/login?error");

            // then
            assertThat(refused.status()).isEqualTo(302);
            assertThat(form.body())
                    .contains("do not match")
                    .contains("value=\"" + lead + "&lt;b&gt;\"")
                    .doesNotContain("not the passphrase");
            assertThat(browser.get("/login").body()).doesNotContain(lead + "&lt;b&gt;");
        }
    }

    @Nested
    @DisplayName("the definitions of the figures")
    class Definitions {

        @Test
        @DisplayName("are served by the platform as a page, linked from the dashboard, with the document's own anchors")
        void servedAndLinked() {
            // given
            org.journeyplatform.api.support.LoginForm browser = new org.journeyplatform.api.support.LoginForm(port);
            assertThat(browser.signIn(lead, PASSWORD).status()).isEqualTo(302);

            // when
            Response dashboard = browser.get("/dashboard");
            Response definitions = browser.get("/dashboard/definitions");

            // then
            assertThat(dashboard.status()).isEqualTo(200);
            assertThat(dashboard.body())
                    .contains("href=\"/dashboard/definitions\"")
                    .contains("A figure that reads “hidden” is not shown either");
            assertThat(definitions.status()).isEqualTo(200);
            assertThat(definitions.body())
                    .contains("<h2 id=\"small-cell-suppression\">Small-cell suppression</h2>")
                    .contains("href=\"#small-cell-suppression\"")
                    .contains("<table>")
                    .contains("hidden so a small figure cannot be worked out")
                    .doesNotContain("href=\"adr/");
        }

        @Test
        @DisplayName("are not for someone who is not signed in")
        void notPublic() {
            Response response = new org.journeyplatform.api.support.LoginForm(port).get("/dashboard/definitions");

            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).endsWith("/login");
        }
    }

    @Nested
    @DisplayName("a replay of the dashboard projection")
    class Replay {

        @Test
        @DisplayName("given the dashboards as they are, when the projection is replayed from the event store, then "
                + "it shows the same figures again")
        void rebuildsTheSameFigures() {
            // given
            awaitDashboardCaughtUp();
            JsonNode large = figures(herManager, harbourHouse);
            JsonNode small = figures(herManager, peerCircle);
            JsonNode both = ok(dashboard(herManager, null, from, to));

            // when
            Response replay = admin.post("/api/v1/admin/projections/programme-dashboard/replay", "");

            // then
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            // the replay goes through every event the module's earlier test classes recorded in the shared store
            // (tens of thousands, generated data sets included), on a machine that may be busy
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(projectionStatus().get("replaying").asBoolean())
                                .isFalse();
                        assertThat(figures(herManager, harbourHouse)).isEqualTo(large);
                    });
            assertThat(figures(herManager, peerCircle)).isEqualTo(small);
            assertThat(ok(dashboard(herManager, null, from, to))).isEqualTo(both);
        }
    }

    // ---- the data, recorded once ----

    private void record() {
        LocalDate today = daysAgo(0);
        YearMonth thisMonth = YearMonth.from(today);
        entryMonth = thisMonth.minusMonths(24);
        exitMonth = thisMonth.minusMonths(14);
        reentryMonth = YearMonth.from(exitMonth.atDay(1).plusDays(40));
        from = entryMonth.atDay(1);
        to = thisMonth.minusMonths(1).atEndOfMonth();
        period = "?from=" + from + "&to=" + to;
        LocalDate enrolled = entryMonth.minusMonths(6).atDay(1);

        String suffix = letters(6);
        harbourHouse = awaitProgramme(caseworker, registerProgramme("Harbour House " + suffix, "RESIDENTIAL"));
        peerCircle = awaitProgramme(caseworker, registerProgramme("Small peer circle " + suffix, "PEER_GROUP"));
        riverside = awaitProgramme(
                caseworker, registerProgramme("Riverside Recovery " + suffix, "DRUG_AND_ALCOHOL_TREATMENT"));
        lead = "dashboard-lead-" + suffix;
        otherLead = "dashboard-other-" + suffix;
        for (String username : List.of(lead, otherLead)) {
            Response created = admin.post(
                    "/api/v1/admin/users", json("username", username, "password", PASSWORD, "roles", "[\"MANAGER\"]"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        assign(lead, harbourHouse);
        assign(lead, peerCircle);
        assign(otherLead, riverside);
        String peer = registerPeer(admin, "Morning Star", "VOLUNTEER_FACILITATOR", 24);

        for (int k = 0; k < NAMES.length; k++) {
            recordHarbourHouseJourney(k, enrolled, peer);
        }
        // she left before the period: not counted
        String holly = enrol("Holly", enrolled);
        post(
                holly,
                "programme-entries",
                json(
                        "programmeId",
                        harbourHouse,
                        "occurredOn",
                        entryMonth.minusMonths(4).atDay(1).toString()));
        post(
                holly,
                "milestones",
                json("occurredOn", entryMonth.minusMonths(3).atDay(1).toString(), "type", "HEALTH"));
        post(
                holly,
                "programme-exits",
                json(
                        "programmeId",
                        harbourHouse,
                        "occurredOn",
                        entryMonth.minusMonths(2).atDay(1).toString(),
                        "reason",
                        "COMPLETED"));
        // she entered after the period: not counted
        String juno = enrol("Juno", today);
        post(juno, "programme-entries", json("programmeId", harbourHouse, "occurredOn", today.toString()));

        recordPeerCircle(enrolled);
        recordRiverside(enrolled);
    }

    /**
     * 24 participants of Riverside Recovery (the other manager's programme), all of whom completed treatment on days
     * 1 to 24 of the exit month; the first 12 had a relapse or return 10, 15, ... 65 days later.
     */
    private void recordRiverside(LocalDate enrolled) {
        for (int k = 0; k < 24; k++) {
            String id = enrol(NAMES[k], enrolled);
            post(
                    id,
                    "programme-entries",
                    json(
                            "programmeId",
                            riverside,
                            "occurredOn",
                            entryMonth.atDay(k + 1).toString()));
            LocalDate exit = exitMonth.atDay(k + 1);
            post(
                    id,
                    "programme-exits",
                    json("programmeId", riverside, "occurredOn", exit.toString(), "reason", "COMPLETED"));
            if (k < 12) {
                post(
                        id,
                        "relapses",
                        json(
                                "occurredOn",
                                exit.plusDays(10 + 5L * k).toString(),
                                "kind",
                                "DRUG_OR_ALCOHOL_USE",
                                "supportFollowed",
                                "[\"DETOX\"]"));
            }
        }
    }

    /**
     * Participant k of 25 in Harbour House: entry on day k+1 of the entry month; for k < 14 an exit on day 2k+1 of the
     * exit month, so her stay lasts L + k days (12 completed, 2 left by choice); for k < 8 a relapse or return after
     * it; the first came back 40 days after leaving.
     */
    private void recordHarbourHouseJourney(int k, LocalDate enrolled, String peer) {
        String id = enrol(NAMES[k], enrolled);
        LocalDate entry = entryMonth.atDay(k + 1);
        post(id, "programme-entries", json("programmeId", harbourHouse, "occurredOn", entry.toString()));
        if (k <= 10) {
            post(
                    id,
                    "peer-mentors",
                    json("peerId", peer, "occurredOn", entry.plusDays(10).toString()));
        }
        if (k <= 14) {
            for (int days : new int[] {14, 28}) {
                post(
                        id,
                        "peer-sessions",
                        json(
                                "peerId",
                                peer,
                                "kind",
                                "GROUP",
                                "minutes",
                                "90",
                                "occurredOn",
                                entry.plusDays(days).toString()));
            }
        }
        if (k <= 10) {
            int first = 15 + k % 3;
            post(
                    id,
                    "assessments",
                    json(
                            "instrument",
                            "ors",
                            "itemScores",
                            ors(first),
                            "occurredOn",
                            entry.plusDays(20).toString()));
            post(
                    id,
                    "assessments",
                    json(
                            "instrument",
                            "ors",
                            "itemScores",
                            ors(first + 6),
                            "occurredOn",
                            entry.plusDays(150).toString()));
        }
        if (k <= 11) {
            post(
                    id,
                    "milestones",
                    json("occurredOn", entry.plusDays(30 + 5L * k).toString(), "type", "STABLE_HOUSING"));
        }
        if (k >= 8 && k <= 20) {
            post(
                    id,
                    "milestones",
                    json("occurredOn", entry.plusDays(90 + k).toString(), "type", "SOBRIETY_DURATION_REACHED"));
        }
        if (k == 13) {
            // a relapse during her stay: a fact of her journey, not a return after an exit
            post(
                    id,
                    "relapses",
                    json(
                            "occurredOn",
                            entry.plusDays(100).toString(),
                            "kind",
                            "DRUG_OR_ALCOHOL_USE",
                            "supportFollowed",
                            "[\"PEER_SUPPORT\"]"));
        }
        if (k < 14) {
            LocalDate exit = exitMonth.atDay(2 * k + 1);
            post(
                    id,
                    "programme-exits",
                    json(
                            "programmeId",
                            harbourHouse,
                            "occurredOn",
                            exit.toString(),
                            "reason",
                            k < 12 ? "COMPLETED" : "LEFT_BY_CHOICE"));
            if (k < DAYS_TO_RETURN.length) {
                post(
                        id,
                        "relapses",
                        json(
                                "occurredOn",
                                exit.plusDays(DAYS_TO_RETURN[k]).toString(),
                                "kind",
                                k % 2 == 0 ? "DRUG_OR_ALCOHOL_USE" : "CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER",
                                "supportFollowed",
                                "[\"PEER_SUPPORT\"]"));
            }
            if (k == 0) {
                post(
                        id,
                        "programme-entries",
                        json(
                                "programmeId",
                                harbourHouse,
                                "occurredOn",
                                exit.plusDays(40).toString(),
                                "note",
                                "She asked to come back"));
            }
        }
    }

    /** Three participants: two left (one completed, one by choice), one returned after leaving; three milestones. */
    private void recordPeerCircle(LocalDate enrolled) {
        String[] names = {"Lark", "Teal", "Kestrel"};
        for (int i = 0; i < names.length; i++) {
            String id = enrol(names[i], enrolled);
            LocalDate entry = entryMonth.atDay(10 + i);
            post(id, "programme-entries", json("programmeId", peerCircle, "occurredOn", entry.toString()));
            post(
                    id,
                    "milestones",
                    json("occurredOn", entry.plusDays(40 + i).toString(), "type", i < 2 ? "STABLE_HOUSING" : "HEALTH"));
            if (i < 2) {
                LocalDate exit = exitMonth.atDay(5 + i);
                post(
                        id,
                        "programme-exits",
                        json(
                                "programmeId",
                                peerCircle,
                                "occurredOn",
                                exit.toString(),
                                "reason",
                                i == 0 ? "COMPLETED" : "LEFT_BY_CHOICE"));
                if (i == 0) {
                    post(id, "relapses", json("occurredOn", exit.plusDays(15).toString(), "kind", "OTHER"));
                }
            }
        }
    }

    private void post(String participant, String resource, String body) {
        accepted(caseworker.post("/api/v1/participants/" + participant + "/" + resource, body));
    }

    private void assign(String username, String programme) {
        assertThat(admin.send("PUT", "/api/v1/admin/staff/" + username + "/programmes/" + programme, null)
                        .status())
                .isEqualTo(204);
    }

    private static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    /** L: the days from the first day of the entry month to the first day of the exit month. */
    private static long shortestStay() {
        return ChronoUnit.DAYS.between(entryMonth.atDay(1), exitMonth.atDay(1));
    }

    // ---- reading dashboards ----

    /** Waits until the dashboard projection has handled every event stored so far, and is not replaying. */
    private void awaitDashboardCaughtUp() {
        long head = jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode status = projectionStatus();
                    return status.get("position").asLong() >= head
                            && !status.get("replaying").asBoolean();
                });
    }

    private JsonNode projectionStatus() {
        return admin.get("/api/v1/admin/projections/programme-dashboard").json();
    }

    /** One programme's dashboard, or (programme null) all of hers, over the test period. */
    private static Response dashboard(ApiClient client, String programme) {
        return dashboard(client, programme, from, to);
    }

    private static Response dashboard(ApiClient client, String programme, LocalDate first, LocalDate last) {
        String path = programme == null ? "/api/v1/dashboard" : "/api/v1/programmes/" + programme + "/dashboard";
        return client.get(path + "?from=" + first + "&to=" + last);
    }

    private static JsonNode figures(ApiClient client, String programme) {
        return ok(dashboard(client, programme));
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    /** A problem detail without its {@code instance}, which repeats the path asked for. */
    private static JsonNode withoutInstance(Response response) {
        ObjectNode problem = response.json().deepCopy();
        problem.remove("instance");
        return problem;
    }

    /** The retention curve's steps as day:share. */
    private static List<String> points(JsonNode retention) {
        List<String> points = new ArrayList<>();
        retention
                .get("points")
                .forEach(p -> points.add(
                        p.get("day").asLong() + ":" + p.get("shareStillOut").asDouble()));
        return points;
    }

    // ---- cells ----

    /**
     * Hidden: no value, and a text that says why. Only a count that is itself small may say "fewer than 11"; every
     * other hidden figure says it is hidden.
     */
    private static void hidden(SoftAssertions soft, JsonNode section, String figure) {
        JsonNode cell = section.get(figure);
        soft.assertThat(cell).as("%s", figure).isNotNull();
        if (cell == null) {
            return;
        }
        soft.assertThat(cell.get("value").isNull())
                .as("%s has no value, in %s", figure, cell)
                .isTrue();
        soft.assertThat(cell.get("suppressed").asBoolean())
                .as("%s suppressed, in %s", figure, cell)
                .isTrue();
        soft.assertThat(List.of(HIDDEN, HIDDEN_GROUP, HIDDEN_COMPLEMENT).contains(cell))
                .as("%s is hidden with one of the three texts, in %s", figure, cell)
                .isTrue();
    }

    private static void zero(SoftAssertions soft, JsonNode section, String figure) {
        shown(soft, section, figure, 0, "0");
    }

    private static void shown(SoftAssertions soft, JsonNode section, String figure, double value, String display) {
        JsonNode cell = section.get(figure);
        soft.assertThat(cell).as("%s", figure).isNotNull();
        if (cell == null) {
            return;
        }
        soft.assertThat(cell.get("suppressed").asBoolean())
                .as("%s suppressed, in %s", figure, cell)
                .isFalse();
        soft.assertThat(cell.path("value").isNumber())
                .as("%s has a value, in %s", figure, cell)
                .isTrue();
        soft.assertThat(cell.path("value").asDouble())
                .as("%s value, in %s", figure, cell)
                .isCloseTo(value, within(1e-9));
        soft.assertThat(cell.path("display").asText())
                .as("%s display, in %s", figure, cell)
                .isEqualTo(display);
    }

    private static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
