package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.awaitProgramme;
import static org.journeyplatform.api.support.Journeys.ors;
import static org.journeyplatform.api.support.Journeys.registerPeer;
import static org.journeyplatform.api.support.Journeys.rowsOfType;
import static org.journeyplatform.api.support.Journeys.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One journey over three years, shaped like those in the research: drug and alcohol treatment first, a relapse within
 * the first ten months after leaving it, a return to peer support, children's contact regained step by step (and one
 * step back), outcomes measured again and again, and a second attempt. Recorded in two phases, so that the record
 * can also be read as it was known between them.
 */
@DisplayName("A participant's journey over three years, recorded as it went, reads back as she lived it")
class AMultiYearJourneyTest extends ApiTest {

    /** Days ago each event of her journey happened, in life order: the first nine are recorded in the first phase. */
    private static final int[] LIFE = {
        1100, 1090, 1085, 1000, 960, 940, 940, 760, 750, 140, 130, 128, 126, 123, 120, 118, 115, 112, 110, 100, 81, 80,
        74, 60, 50, 40, 30, 20
    };

    private static final int FIRST_PHASE_EVENTS = 9;
    private static final String GOAL_IN_HER_WORDS = "Have Little Bear stay over at weekends, in a flat of my own";

    // Her journey is recorded once, by the first test that runs; every test only reads it (recording it takes some
    // forty calls, and no test changes it).
    private static String riverside;
    private static String sisters;
    private static String sparrow;
    private static String wren;
    private static String planId;
    private static String goalId;
    private static String consentId;
    private static Instant betweenPhases;
    private static LocalDate today;
    private static boolean recorded;

    @BeforeEach
    void threeYears() {
        if (!recorded) {
            recordThreeYears();
            recorded = true;
        }
    }

    private void recordThreeYears() {
        today = daysAgo(0);
        riverside = registerProgramme("Riverside Recovery", "DRUG_AND_ALCOHOL_TREATMENT");
        awaitProgramme(caseworker, riverside);
        sisters = registerCurriculum();
        sparrow = registerPeer(manager, "Sparrow", "VOLUNTEER_FACILITATOR", 24);
        // the programme manager works in both programmes, so she sees their participants
        for (String programme : List.of(riverside, sisters)) {
            assertThat(admin.send("PUT", "/api/v1/admin/staff/manager/programmes/" + programme, null)
                            .status())
                    .isEqualTo(204);
        }
        wren = enrol("Wren", lived(1100));

        firstAttempt();
        JsonNode firstPhase = awaitTimeline(wren, FIRST_PHASE_EVENTS);
        Instant lastRecorded =
                recordedAts(firstPhase).stream().max(Instant::compareTo).orElseThrow();
        betweenPhases = Instant.now();
        assertThat(betweenPhases).isAfter(lastRecorded);
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(betweenPhases.plusMillis(1)));

        secondAttempt();
    }

    /** Treatment first, then a first try at the peer group; a relapse within ten months of leaving treatment. */
    private void firstAttempt() {
        record(
                "programme-entries",
                json(
                        "programmeId",
                        riverside,
                        "occurredOn",
                        day(1090),
                        "note",
                        "Came in from the outreach van, asked for detox herself"));
        record("assessments", json("instrument", "ors", "itemScores", ors(14), "occurredOn", day(1085)));
        record("assessments", json("instrument", "ors", "itemScores", ors(19), "occurredOn", day(1000)));
        record("programme-exits", json("programmeId", riverside, "occurredOn", day(960), "reason", "COMPLETED"));
        record("programme-entries", json("programmeId", sisters, "occurredOn", day(940)));
        record(
                "module-attendances",
                json("programmeId", sisters, "moduleId", "opening-circle", "occurredOn", day(940)));
        record(
                "relapses",
                json(
                        "occurredOn",
                        day(760),
                        "kind",
                        "DRUG_OR_ALCOHOL_USE",
                        "severity",
                        "MODERATE",
                        "supportFollowed",
                        "[\"DETOX\",\"PEER_SUPPORT\",\"OUTPATIENT_TREATMENT\"]",
                        "note",
                        "Used again after a threat from her ex-partner; back in detox within the week"));
        record(
                "programme-exits",
                json(
                        "programmeId",
                        sisters,
                        "occurredOn",
                        day(750),
                        "reason",
                        "LEFT_BY_CHOICE",
                        "note",
                        "She chose to step back from the group for a while"));
    }

    /** Her second attempt: treatment again, back to the peer group, a mentor, her children, her goals. */
    private void secondAttempt() {
        record(
                "programme-entries",
                json(
                        "programmeId",
                        riverside,
                        "occurredOn",
                        day(140),
                        "note",
                        "Second attempt: outpatient support first, her choice"));
        record("programme-entries", json("programmeId", sisters, "occurredOn", day(130)));
        record(manager, "peer-mentors", json("peerId", sparrow, "occurredOn", day(128)));
        record("peer-sessions", json("peerId", sparrow, "kind", "ONE_TO_ONE", "minutes", "50", "occurredOn", day(126)));
        record(
                "module-attendances",
                json("programmeId", sisters, "moduleId", "shame-self-esteem-communication", "occurredOn", day(123)));
        record("assessments", json("instrument", "ors", "itemScores", ors(25), "occurredOn", day(120)));
        planId = record("reunification-plans", json("childPseudonym", "Little Bear", "occurredOn", day(118)))
                .get("id")
                .asText();
        goalId = record("goals", json("description", GOAL_IN_HER_WORDS, "occurredOn", day(115)))
                .get("id")
                .asText();
        record(
                "safety-plans",
                json(
                        "contents",
                        "Code word with her sister; spare phone kept at the group; "
                                + "the night bus route avoids his street",
                        "occurredOn",
                        day(112)));
        consentId = record(
                        "consents",
                        json(
                                "kind",
                                "RESEARCH",
                                "scope",
                                "Five-year evaluation of the peer programme, " + "anonymised",
                                "expiresOn",
                                lived(-620).toString(),
                                "occurredOn",
                                day(110)))
                .get("id")
                .asText();
        step("SUPERVISED_CONTACT", 100);
        record(
                "module-completions",
                json("programmeId", sisters, "moduleId", "shame-self-esteem-communication", "occurredOn", day(81)));
        step("UNSUPERVISED_VISITS", 80);
        record("module-attendances", json("programmeId", sisters, "moduleId", "growth-circle", "occurredOn", day(74)));
        step("SUPERVISED_CONTACT", 60);
        record("programme-exits", json("programmeId", riverside, "occurredOn", day(50), "reason", "COMPLETED"));
        record(
                "goals/" + goalId + "/progress",
                json("note", "Signed the tenancy of a two-bedroom flat", "occurredOn", day(40)));
        record("assessments", json("instrument", "ors", "itemScores", ors(31), "occurredOn", day(30)));
        step("OVERNIGHT_STAYS", 20);
    }

    @Nested
    @DisplayName("when staff read her timeline")
    class HerTimeline {

        private JsonNode timeline;

        @BeforeEach
        void read() {
            timeline = awaitTimeline(wren, LIFE.length);
        }

        @Test
        @DisplayName("every event is there in the order she lived it, none of it late, with both dates")
        void lifeOrder() {
            assertThat(types(timeline))
                    .containsExactly(
                            "participant-enrolled",
                            "programme-entered",
                            "assessment-recorded",
                            "assessment-recorded",
                            "programme-exited",
                            "programme-entered",
                            "module-attended",
                            "relapse-recorded",
                            "programme-exited",
                            "programme-entered",
                            "programme-entered",
                            "peer-mentor-assigned",
                            "peer-session-attended",
                            "module-attended",
                            "assessment-recorded",
                            "reunification-plan-opened",
                            "goal-set",
                            "safety-plan-created",
                            "consent-given",
                            "reunification-step-recorded",
                            "module-completed",
                            "reunification-step-recorded",
                            "module-attended",
                            "reunification-step-recorded",
                            "programme-exited",
                            "goal-progress-noted",
                            "assessment-recorded",
                            "reunification-step-recorded");
            List<LocalDate> lived = new ArrayList<>();
            for (int days : LIFE) {
                lived.add(lived(days));
            }
            assertThat(values(
                            timeline,
                            row -> LocalDate.parse(row.get("occurredOn").asText())))
                    .containsExactlyElementsOf(lived);
            assertThat(recordedAts(timeline)).allSatisfy(at -> assertThat(at).isBefore(Instant.now()));
            assertThat(values(timeline, row -> row.get("late").asBoolean())).containsOnly(false);
            assertThat(values(timeline, row -> row.get("status").asText())).containsOnly("recorded");
        }

        @Test
        @DisplayName(
                "each part is recorded as by whoever recorded it: the mentor by the manager, the rest by her caseworker")
        void recordedBy() {
            assertThat(rowsOfType(timeline, "peer-mentor-assigned"))
                    .singleElement()
                    .satisfies(row -> assertThat(row.get("recordedBy").asText()).isEqualTo("manager"));
            assertThat(values(timeline, row -> row.get("recordedBy").asText()))
                    .filteredOn(CASEWORKER::equals)
                    .hasSize(LIFE.length - 1);
        }

        @Test
        @DisplayName(
                "her returns to treatment and to the peer group are marked as re-entries, her first entries are not")
        void reentries() {
            List<JsonNode> entries = rowsOfType(timeline, "programme-entered");

            assertThat(values(entries, row -> row.get("programmeName").asText()))
                    .containsExactly(
                            "Riverside Recovery", "Sisters in Recovery", "Riverside Recovery", "Sisters in Recovery");
            assertThat(values(entries, row -> row.get("details").get("reentry").asBoolean()))
                    .containsExactly(false, false, true, true);
            assertThat(values(
                            rowsOfType(timeline, "programme-exited"),
                            row -> row.get("details").get("reason").asText()))
                    .containsExactly("COMPLETED", "LEFT_BY_CHOICE", "COMPLETED");
        }

        @Test
        @DisplayName(
                "her relapse came within ten months of leaving treatment, and the support that followed is kept with it")
        void relapse() {
            JsonNode relapse = rowsOfType(timeline, "relapse-recorded").get(0);
            JsonNode firstExit = rowsOfType(timeline, "programme-exited").get(0);

            long monthsOut = ChronoUnit.MONTHS.between(
                    LocalDate.parse(firstExit.get("occurredOn").asText()),
                    LocalDate.parse(relapse.get("occurredOn").asText()));
            assertThat(monthsOut).isLessThan(10);
            assertThat(relapse.get("details").get("kind").asText()).isEqualTo("DRUG_OR_ALCOHOL_USE");
            assertThat(values(relapse.get("details").get("supportFollowed"), JsonNode::asText))
                    .containsExactly("DETOX", "OUTPATIENT_TREATMENT", "PEER_SUPPORT");
        }

        @Test
        @DisplayName("reunification with Little Bear goes forward, one step back, then forward to overnight stays")
        void reunificationSteps() {
            List<JsonNode> steps = rowsOfType(timeline, "reunification-step-recorded");

            assertThat(rowsOfType(timeline, "reunification-plan-opened"))
                    .singleElement()
                    .satisfies(opened -> assertThat(
                                    opened.get("details").get("childPseudonym").asText())
                            .isEqualTo("Little Bear"));
            assertThat(values(steps, row -> row.get("details").get("planId").asText()))
                    .containsOnly(planId);
            assertThat(values(steps, row -> row.get("details").get("step").asText()))
                    .containsExactly(
                            "SUPERVISED_CONTACT", "UNSUPERVISED_VISITS", "SUPERVISED_CONTACT", "OVERNIGHT_STAYS");
            assertThat(values(
                            steps, row -> row.get("details").get("previousStep").asText()))
                    .containsExactly("PLAN_OPENED", "SUPERVISED_CONTACT", "UNSUPERVISED_VISITS", "SUPERVISED_CONTACT");
            assertThat(values(steps, row -> row.get("details").get("direction").asText()))
                    .containsExactly("FORWARD", "FORWARD", "BACKWARD", "FORWARD");
        }

        @Test
        @DisplayName("her Outcome Rating Scale readings rise over the years: 14, 19, 25, 31")
        void outcomes() {
            List<JsonNode> readings = rowsOfType(timeline, "assessment-recorded");

            assertThat(values(
                            readings,
                            row -> row.get("details").get("instrument").asText()))
                    .containsOnly("ors");
            assertThat(values(readings, row -> row.get("details").get("total").asDouble()))
                    .containsExactly(14.0, 19.0, 25.0, 31.0);
        }

        @Test
        @DisplayName("her peer group modules come from its 20-week curriculum, and peer support and her goal are kept")
        void peerSupportAndGoals() {
            JsonNode programme = caseworker.get("/api/v1/programmes/" + sisters).json();
            assertThat(values(
                            programme.get("curriculum"),
                            module -> module.get("week").asInt()))
                    .containsExactly(1, 2, 8, 20);
            assertThat(values(
                            rowsOfType(timeline, "module-attended"),
                            row -> row.get("details").get("moduleId").asText()))
                    .containsExactly("opening-circle", "shame-self-esteem-communication", "growth-circle");
            assertThat(rowsOfType(timeline, "module-completed"))
                    .singleElement()
                    .satisfies(
                            row -> assertThat(row.get("details").get("moduleId").asText())
                                    .isEqualTo("shame-self-esteem-communication"));
            assertThat(rowsOfType(timeline, "peer-session-attended"))
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("details").get("peerId").asText()).isEqualTo(sparrow);
                        assertThat(row.get("details").get("minutes").asInt()).isEqualTo(50);
                    });
            assertThat(rowsOfType(timeline, "goal-set"))
                    .singleElement()
                    .satisfies(row -> assertThat(
                                    row.get("details").get("description").asText())
                            .isEqualTo(GOAL_IN_HER_WORDS));
            assertThat(rowsOfType(timeline, "goal-progress-noted"))
                    .singleElement()
                    .satisfies(
                            row -> assertThat(row.get("details").get("goalId").asText())
                                    .isEqualTo(goalId));
            assertThat(rowsOfType(timeline, "consent-given"))
                    .singleElement()
                    .satisfies(row ->
                            assertThat(row.get("details").get("kind").asText()).isEqualTo("RESEARCH"));
        }
    }

    @Nested
    @DisplayName("when staff read where she stands now")
    class WhereSheStandsNow {

        private JsonNode summary;

        @BeforeEach
        void read() {
            summary =
                    caseworker.get("/api/v1/participants/" + wren + "/summary").json();
        }

        @Test
        @DisplayName("she is in the peer group again, and out of treatment after completing it a second time")
        void programmes() {
            assertThat(summary.get("version").asLong()).isEqualTo(LIFE.length - 1);
            assertThat(summary.get("currentProgrammes")).singleElement().satisfies(stay -> {
                assertThat(stay.get("programmeId").asText()).isEqualTo(sisters);
                assertThat(stay.get("programmeName").asText()).isEqualTo("Sisters in Recovery");
                assertThat(stay.get("since").asText()).isEqualTo(day(130));
            });
        }

        @Test
        @DisplayName("the days since her last relapse are counted from the day it happened")
        void daysSinceRelapse() {
            assertThat(summary.get("relapses").asInt()).isEqualTo(1);
            assertThat(summary.get("lastRelapseOn").asText()).isEqualTo(day(760));
            assertThat(summary.get("daysSinceLastRelapse").asLong())
                    .isEqualTo(ChronoUnit.DAYS.between(
                            lived(760), LocalDate.parse(summary.get("asOfDate").asText())));
        }

        @Test
        @DisplayName("her reunification plan for Little Bear is open, at overnight stays")
        void reunification() {
            assertThat(summary.get("openReunificationPlans")).singleElement().satisfies(plan -> {
                assertThat(plan.get("planId").asText()).isEqualTo(planId);
                assertThat(plan.get("childPseudonym").asText()).isEqualTo("Little Bear");
                assertThat(plan.get("step").asText()).isEqualTo("OVERNIGHT_STAYS");
            });
        }

        @Test
        @DisplayName(
                "her latest Outcome Rating Scale total is 31, her goal is active in her words, her mentor is there")
        void outcomesGoalsAndPeers() {
            assertThat(summary.get("latestAssessments")).singleElement().satisfies(reading -> {
                assertThat(reading.get("instrument").asText()).isEqualTo("ors");
                assertThat(reading.get("total").asDouble()).isEqualTo(31.0);
                assertThat(reading.get("occurredOn").asText()).isEqualTo(day(30));
            });
            assertThat(summary.get("activeGoals")).singleElement().satisfies(goal -> {
                assertThat(goal.get("goalId").asText()).isEqualTo(goalId);
                assertThat(goal.get("description").asText()).isEqualTo(GOAL_IN_HER_WORDS);
                assertThat(goal.get("setOn").asText()).isEqualTo(day(115));
            });
            assertThat(values(summary.get("peerMentors"), JsonNode::asText)).containsExactly(sparrow);
        }

        @Test
        @DisplayName("her research consent is active")
        void consent() {
            assertThat(summary.get("researchConsentActive").asBoolean()).isTrue();
            assertThat(summary.get("serviceConsentActive").asBoolean()).isFalse();
            assertThat(summary.get("consents")).singleElement().satisfies(consent -> {
                assertThat(consent.get("consentId").asText()).isEqualTo(consentId);
                assertThat(consent.get("active").asBoolean()).isTrue();
            });
        }
    }

    @Nested
    @DisplayName("when staff read her record as it was known before her second attempt was recorded")
    class AsKnownBetweenThePhases {

        @Test
        @DisplayName("her timeline holds only what was recorded by then")
        void timeline() {
            awaitTimeline(wren, LIFE.length);

            JsonNode then = caseworker
                    .get("/api/v1/participants/" + wren + "/timeline?asOfRecorded=" + betweenPhases)
                    .json();

            assertThat(types(then))
                    .containsExactly(
                            "participant-enrolled",
                            "programme-entered",
                            "assessment-recorded",
                            "assessment-recorded",
                            "programme-exited",
                            "programme-entered",
                            "module-attended",
                            "relapse-recorded",
                            "programme-exited");
            assertThat(recordedAts(then)).allSatisfy(at -> assertThat(at).isBefore(betweenPhases));
            assertThat(values(
                            rowsOfType(then, "programme-entered"),
                            row -> row.get("details").get("reentry").asBoolean()))
                    .containsOnly(false);
        }

        @Test
        @DisplayName("her summary is where she stood then: in no programme, no reunification plan, her latest ORS 19")
        void summary() {
            JsonNode then = caseworker
                    .get("/api/v1/participants/" + wren + "/summary?asOfRecorded=" + betweenPhases)
                    .json();

            assertThat(then.get("version").asLong()).isEqualTo(FIRST_PHASE_EVENTS - 1);
            assertThat(then.get("currentProgrammes")).isEmpty();
            assertThat(then.get("openReunificationPlans")).isEmpty();
            assertThat(then.get("latestAssessments")).singleElement().satisfies(reading -> {
                assertThat(reading.get("total").asDouble()).isEqualTo(19.0);
                assertThat(reading.get("occurredOn").asText()).isEqualTo(day(1000));
            });
            assertThat(then.get("relapses").asInt()).isEqualTo(1);
            assertThat(then.get("daysSinceLastRelapse").asLong())
                    .isEqualTo(ChronoUnit.DAYS.between(
                            lived(760), LocalDate.parse(then.get("asOfDate").asText())));
            assertThat(then.get("activeGoals")).isEmpty();
            assertThat(then.get("peerMentors")).isEmpty();
            assertThat(then.get("researchConsentActive").asBoolean()).isFalse();
        }
    }

    private String registerCurriculum() {
        Response response = manager.post("/api/v1/programmes", """
                {"name": "Sisters in Recovery", "type": "PEER_GROUP", "curriculum": [
                  {"moduleId": "opening-circle", "title": "Opening circle", "week": 1},
                  {"moduleId": "shame-self-esteem-communication",
                   "title": "Shame, self-esteem and communication (six weeks)", "week": 2},
                  {"moduleId": "growth-circle", "title": "Growth circle (twelve weeks)", "week": 8},
                  {"moduleId": "closing-circle", "title": "Closing circle", "week": 20}]}""");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return awaitProgramme(caseworker, response.json().get("programmeId").asText());
    }

    private JsonNode record(String resource, String body) {
        return record(caseworker, resource, body);
    }

    private JsonNode record(ApiClient client, String resource, String body) {
        return accepted(client.post(path(resource), body));
    }

    private void step(String step, int daysAgo) {
        record("reunification-plans/" + planId + "/steps", json("step", step, "occurredOn", day(daysAgo)));
    }

    private String path(String resource) {
        return "/api/v1/participants/" + wren + "/" + resource;
    }

    /** The day of her life this many days before the day her journey was recorded. */
    private static LocalDate lived(int daysAgo) {
        return today.minusDays(daysAgo);
    }

    private static String day(int daysAgo) {
        return lived(daysAgo).toString();
    }

    private static List<Instant> recordedAts(JsonNode timeline) {
        return values(timeline, row -> Instant.parse(row.get("recordedAt").asText()));
    }

    private static <T> List<T> values(Iterable<JsonNode> rows, Function<JsonNode, T> value) {
        List<T> values = new ArrayList<>();
        rows.forEach(row -> values.add(value.apply(row)));
        return values;
    }
}
