package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.assertProblem;
import static org.journeyplatform.api.support.Journeys.assertRule;
import static org.journeyplatform.api.support.Journeys.ors;
import static org.journeyplatform.api.support.Journeys.registerPeer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every journey record endpoint, plus profile updates, past stays, peers and instruments: each accepts what it should
 * (201, or 200 for reads and definitions) and refuses what it should with the right status and problem type.
 */
@DisplayName(
        "Every part of a journey can be recorded through the API, and what cannot be recorded is refused with a reason")
class JourneyRecordsApiTest extends ApiTest {

    private static final String CURRICULUM = """
            [{"moduleId": "opening-circle", "title": "Opening circle", "week": 1},
             {"moduleId": "shame-self-esteem-communication", "title": "Shame, self-esteem and communication", "week": 2},
             {"moduleId": "growth-circle", "title": "Growth circle", "week": 8}]""";

    private String sisters;
    private String harbourHouse;
    private String sparrow;
    private String wren;

    @BeforeEach
    void inThePeerGroup() {
        sisters = registerWithCurriculum("Sisters in Recovery", "PEER_GROUP");
        harbourHouse = registerWithCurriculum("Harbour House", "RESIDENTIAL");
        sparrow = registerPeer(manager, "Sparrow", "PEER_WORKER", 24);
        wren = enrol("Wren", daysAgo(200));
        accepted(caseworker.post(path("programme-entries"), json("programmeId", sisters, "occurredOn", day(190))));
    }

    @Nested
    @DisplayName("curriculum modules")
    class CurriculumModules {

        @Test
        @DisplayName("attending and completing a module of her programme's curriculum is recorded")
        void recorded() {
            JsonNode attended =
                    accepted(caseworker.post(path("module-attendances"), module(sisters, "opening-circle", 185)));
            JsonNode completed =
                    accepted(caseworker.post(path("module-completions"), module(sisters, "opening-circle", 180)));

            assertThat(attended.get("participantId").asText()).isEqualTo(wren);
            assertThat(attended.get("version").asLong()).isEqualTo(2);
            assertThat(attended.has("id")).isFalse();
            assertThat(completed.get("version").asLong()).isEqualTo(3);
        }

        @Test
        @DisplayName("a module that is not in the programme's curriculum is a 422 unknown-module")
        void unknownModule() {
            assertRule(
                    caseworker.post(path("module-attendances"), module(sisters, "pottery", 185)),
                    422,
                    "unknown-module");
            assertRule(
                    caseworker.post(path("module-completions"), module(sisters, "pottery", 185)),
                    422,
                    "unknown-module");
        }

        @Test
        @DisplayName("a module of a programme she is not in is a 409 not-in-programme")
        void notInProgramme() {
            assertRule(
                    caseworker.post(path("module-completions"), module(harbourHouse, "growth-circle", 185)),
                    409,
                    "not-in-programme");
        }

        @Test
        @DisplayName("a module without its id is a 400 validation-failed naming the field")
        void missingModule() {
            Response response =
                    caseworker.post(path("module-attendances"), json("programmeId", sisters, "occurredOn", day(185)));

            assertValidation(response, "moduleId");
        }
    }

    @Nested
    @DisplayName("reunification plans")
    class ReunificationPlans {

        private String plan;

        @BeforeEach
        void open() {
            JsonNode opened = accepted(caseworker.post(
                    path("reunification-plans"),
                    json("childPseudonym", "Little Bear", "occurredOn", day(150), "note", "Her son, aged six")));
            plan = opened.get("id").asText();
            assertThat(UUID.fromString(plan)).isNotNull();
        }

        @Test
        @DisplayName("are opened, moved by steps forwards and backwards, and closed")
        void stepsAndClosure() {
            accepted(caseworker.post(steps(plan), json("step", "SUPERVISED_CONTACT", "occurredOn", day(120))));
            accepted(caseworker.post(steps(plan), json("step", "UNSUPERVISED_VISITS", "occurredOn", day(90))));
            accepted(caseworker.post(
                    steps(plan),
                    json(
                            "step",
                            "SUPERVISED_CONTACT",
                            "occurredOn",
                            day(60),
                            "note",
                            "Back to supervised contact while she moves flat")));
            JsonNode closed = accepted(caseworker.post(
                    closure(plan), json("reason", "PARTICIPANT_CHOSE_TO_CLOSE", "occurredOn", day(30))));

            assertThat(closed.get("version").asLong()).isEqualTo(6);
            JsonNode summary = caseworker.get(path("summary")).json();
            assertThat(summary.get("openReunificationPlans")).isEmpty();
        }

        @Test
        @DisplayName("a step of a plan she does not have is a 409 unknown-plan, and so is its closure")
        void unknownPlan() {
            String nothing = UUID.randomUUID().toString();

            assertRule(
                    caseworker.post(steps(nothing), json("step", "SUPERVISED_CONTACT", "occurredOn", day(120))),
                    409,
                    "unknown-plan");
            assertRule(
                    caseworker.post(closure(nothing), json("reason", "OTHER", "occurredOn", day(120))),
                    409,
                    "unknown-plan");
        }

        @Test
        @DisplayName("a step to the step the plan is at is a 409 same-step")
        void sameStep() {
            accepted(caseworker.post(steps(plan), json("step", "SUPERVISED_CONTACT", "occurredOn", day(120))));

            assertRule(
                    caseworker.post(steps(plan), json("step", "SUPERVISED_CONTACT", "occurredOn", day(110))),
                    409,
                    "same-step");
        }

        @Test
        @DisplayName("a step back to where a plan opens is a 422 invalid-command: a new plan is opened instead")
        void planOpenedIsNoStep() {
            assertProblem(
                    caseworker.post(steps(plan), json("step", "PLAN_OPENED", "occurredOn", day(120))),
                    422,
                    "/problems/invalid-command");
        }

        @Test
        @DisplayName("a step or a closure of a closed plan is a 409 plan-closed")
        void closedPlan() {
            accepted(caseworker.post(closure(plan), json("reason", "COURT_DECISION", "occurredOn", day(100))));

            assertRule(
                    caseworker.post(steps(plan), json("step", "SUPERVISED_CONTACT", "occurredOn", day(90))),
                    409,
                    "plan-closed");
            assertRule(
                    caseworker.post(closure(plan), json("reason", "OTHER", "occurredOn", day(90))), 409, "plan-closed");
        }

        @Test
        @DisplayName(
                "a plan without the child's pseudonym is a 400 validation-failed, and a plan id that is no id a 404")
        void badRequests() {
            assertValidation(
                    caseworker.post(path("reunification-plans"), json("occurredOn", day(150))), "childPseudonym");
            assertProblem(
                    caseworker.post(steps("little-bear"), json("step", "SUPERVISED_CONTACT", "occurredOn", day(120))),
                    404,
                    "/problems/not-found");
        }

        private String steps(String planId) {
            return path("reunification-plans/" + planId + "/steps");
        }

        private String closure(String planId) {
            return path("reunification-plans/" + planId + "/closure");
        }
    }

    @Nested
    @DisplayName("peer mentors and peer sessions")
    class PeerSupport {

        @Test
        @DisplayName("a registered peer is assigned as her mentor, sessions are recorded, and the mentoring ends")
        void mentoring() {
            accepted(caseworker.post(path("peer-mentors"), json("peerId", sparrow, "occurredOn", day(180))));
            accepted(caseworker.post(
                    path("peer-sessions"),
                    json("peerId", sparrow, "kind", "ONE_TO_ONE", "minutes", "45", "occurredOn", day(175))));
            accepted(caseworker.post(path("peer-sessions"), json("kind", "GROUP", "occurredOn", day(170))));
            assertThat(caseworker.get(path("summary")).json().get("peerMentors"))
                    .hasSize(1);

            JsonNode ended = accepted(caseworker.post(
                    path("peer-mentors/" + sparrow + "/end"),
                    json("occurredOn", day(100), "note", "Sparrow moved to another city")));

            assertThat(ended.get("version").asLong()).isEqualTo(5);
            assertThat(caseworker.get(path("summary")).json().get("peerMentors"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a peer nobody registered is a 422 unknown-peer, as mentor or in a session")
        void unknownPeer() {
            String nobody = UUID.randomUUID().toString();

            assertRule(
                    caseworker.post(path("peer-mentors"), json("peerId", nobody, "occurredOn", day(180))),
                    422,
                    "unknown-peer");
            assertRule(
                    caseworker.post(
                            path("peer-sessions"),
                            json("peerId", nobody, "kind", "ONE_TO_ONE", "occurredOn", day(180))),
                    422,
                    "unknown-peer");
        }

        @Test
        @DisplayName("assigning her mentor again is a 409 peer-already-mentor")
        void alreadyMentor() {
            accepted(caseworker.post(path("peer-mentors"), json("peerId", sparrow, "occurredOn", day(180))));

            assertRule(
                    caseworker.post(path("peer-mentors"), json("peerId", sparrow, "occurredOn", day(170))),
                    409,
                    "peer-already-mentor");
        }

        @Test
        @DisplayName("ending the mentoring of a peer who is not her mentor is a 409 peer-not-mentor")
        void notMentor() {
            assertRule(
                    caseworker.post(path("peer-mentors/" + sparrow + "/end"), json("occurredOn", day(100))),
                    409,
                    "peer-not-mentor");
        }

        @Test
        @DisplayName("a session of no minutes is a 422 invalid-command, and one without its kind a 400")
        void badSessions() {
            assertProblem(
                    caseworker.post(
                            path("peer-sessions"), json("kind", "GROUP", "minutes", "0", "occurredOn", day(170))),
                    422,
                    "/problems/invalid-command");
            assertValidation(
                    caseworker.post(path("peer-sessions"), json("peerId", sparrow, "occurredOn", day(170))), "kind");
        }
    }

    @Nested
    @DisplayName("assessments")
    class Assessments {

        @Test
        @DisplayName("a reading of a reference instrument is scored: ORS as a sum, MOVERS subscales as means")
        void scored() {
            accepted(caseworker.post(
                    path("assessments"), json("instrument", "ors", "itemScores", ors(23), "occurredOn", day(150))));
            accepted(caseworker.post(
                    path("assessments"), json("instrument", "movers", "itemScores", movers(), "occurredOn", day(150))));
            accepted(caseworker.post(
                    path("assessments"),
                    json("instrument", "ladder", "itemScores", "{\"score\":7}", "occurredOn", day(150))));

            JsonNode readings = caseworker.get(path("summary")).json().get("latestAssessments");
            assertThat(readings).hasSize(3);
            assertThat(readings.get(2).get("instrument").asText()).isEqualTo("ors");
            assertThat(readings.get(2).get("total").asDouble()).isEqualTo(23.0);
            JsonNode subscales = readings.get(1).get("subscales");
            assertThat(readings.get(1).has("total")).isFalse();
            assertThat(subscales.get("internal-tools").asDouble()).isEqualTo(5.0);
            assertThat(subscales.get("expectation-of-support").asDouble()).isEqualTo(2.75);
            assertThat(subscales.get("trade-offs").asDouble()).isEqualTo(2.0);
            assertThat(readings.get(0).get("total").asDouble()).isEqualTo(7.0);
        }

        @Test
        @DisplayName("a score out of range or a missing item is a 422 invalid-scores naming the item")
        void invalidScores() {
            Response outOfRange = caseworker.post(
                    path("assessments"),
                    json(
                            "instrument",
                            "ors",
                            "itemScores",
                            "{\"individually\":5,\"interpersonally\":5,\"socially\":5,\"overall\":11}",
                            "occurredOn",
                            day(150)));
            Response missing = caseworker.post(
                    path("assessments"),
                    json(
                            "instrument",
                            "ors",
                            "itemScores",
                            "{\"individually\":5,\"interpersonally\":5,\"overall\":5}",
                            "occurredOn",
                            day(150)));

            assertRule(outOfRange, 422, "invalid-scores");
            assertThat(outOfRange.json().get("detail").asText()).contains("'overall'");
            assertRule(missing, 422, "invalid-scores");
            assertThat(missing.json().get("detail").asText()).contains("'socially'");
        }

        @Test
        @DisplayName("an instrument nobody defined is a 422 unknown-instrument")
        void unknownInstrument() {
            assertRule(
                    caseworker.post(
                            path("assessments"),
                            json(
                                    "instrument",
                                    "wellbeing-wheel",
                                    "itemScores",
                                    "{\"score\":3}",
                                    "occurredOn",
                                    day(150))),
                    422,
                    "unknown-instrument");
        }

        @Test
        @DisplayName("a reading without item scores is a 400 validation-failed")
        void noScores() {
            assertValidation(
                    caseworker.post(
                            path("assessments"), json("instrument", "ors", "itemScores", "{}", "occurredOn", day(150))),
                    "itemScores");
        }

        /** Odd items 5, even items 2: internal tools (odd items) 5, expectation of support 2.75, trade-offs 2. */
        private static String movers() {
            StringBuilder json = new StringBuilder("{");
            for (int item = 1; item <= 13; item++) {
                json.append(item > 1 ? "," : "")
                        .append("\"item-")
                        .append(item)
                        .append("\":")
                        .append(item % 2 == 1 ? 5 : 2);
            }
            return json.append('}').toString();
        }
    }

    @Nested
    @DisplayName("goals")
    class Goals {

        private String goal;

        @BeforeEach
        void set() {
            JsonNode set = accepted(caseworker.post(
                    path("goals"),
                    json("description", "Get my GED before my daughter starts school", "occurredOn", day(150))));
            goal = set.get("id").asText();
        }

        @Test
        @DisplayName("are set in her words, progress is noted, and a goal is achieved or set aside")
        void lifeOfAGoal() {
            accepted(caseworker.post(
                    goalPath(goal, "progress"), json("note", "Passed the maths paper", "occurredOn", day(100))));
            accepted(caseworker.post(goalPath(goal, "achievement"), json("occurredOn", day(50))));
            String other = accepted(caseworker.post(
                            path("goals"), json("description", "Learn to drive", "occurredOn", day(140))))
                    .get("id")
                    .asText();
            JsonNode dropped = accepted(caseworker.post(
                    goalPath(other, "dropping"), json("occurredOn", day(40), "note", "Not now, her choice")));

            assertThat(dropped.get("version").asLong()).isEqualTo(6);
            assertThat(caseworker.get(path("summary")).json().get("activeGoals"))
                    .isEmpty();
        }

        @Test
        @DisplayName("progress on a goal she does not have is a 409 unknown-goal")
        void unknownGoal() {
            assertRule(
                    caseworker.post(
                            goalPath(UUID.randomUUID().toString(), "progress"),
                            json("note", "Something", "occurredOn", day(100))),
                    409,
                    "unknown-goal");
        }

        @Test
        @DisplayName("progress on, achieving or setting aside a goal already achieved is a 409 goal-not-active")
        void notActive() {
            accepted(caseworker.post(goalPath(goal, "achievement"), json("occurredOn", day(50))));

            assertRule(
                    caseworker.post(goalPath(goal, "progress"), json("note", "More", "occurredOn", day(40))),
                    409,
                    "goal-not-active");
            assertRule(
                    caseworker.post(goalPath(goal, "achievement"), json("occurredOn", day(40))),
                    409,
                    "goal-not-active");
            assertRule(
                    caseworker.post(goalPath(goal, "dropping"), json("occurredOn", day(40))), 409, "goal-not-active");
        }

        @Test
        @DisplayName("a goal without her words, or progress without a note, is a 400 validation-failed")
        void withoutWords() {
            assertValidation(
                    caseworker.post(path("goals"), json("description", " ", "occurredOn", day(150))), "description");
            assertValidation(caseworker.post(goalPath(goal, "progress"), json("occurredOn", day(100))), "note");
        }

        private String goalPath(String goalId, String what) {
            return path("goals/" + goalId + "/" + what);
        }
    }

    @Nested
    @DisplayName("safety plans and protection orders")
    class Safety {

        @Test
        @DisplayName("a safety plan is made with her and reviewed, with or without new contents")
        void safetyPlan() {
            JsonNode created = accepted(caseworker.post(
                    path("safety-plans"),
                    json("contents", "Code word with her sister; spare phone at the group", "occurredOn", day(150))));
            String plan = created.get("id").asText();

            accepted(caseworker.post(path("safety-plans/" + plan + "/reviews"), json("occurredOn", day(100))));
            JsonNode reviewed = accepted(caseworker.post(
                    path("safety-plans/" + plan + "/reviews"),
                    json("contents", "New flat: a neighbour knows the code word", "occurredOn", day(50))));

            assertThat(UUID.fromString(plan)).isNotNull();
            assertThat(reviewed.get("version").asLong()).isEqualTo(4);
        }

        @Test
        @DisplayName("a review of a safety plan she does not have is a 409 unknown-safety-plan")
        void unknownSafetyPlan() {
            assertRule(
                    caseworker.post(
                            path("safety-plans/" + UUID.randomUUID() + "/reviews"), json("occurredOn", day(100))),
                    409,
                    "unknown-safety-plan");
        }

        @Test
        @DisplayName("a safety plan without contents is a 400 validation-failed")
        void noContents() {
            assertValidation(caseworker.post(path("safety-plans"), json("occurredOn", day(150))), "contents");
        }

        @Test
        @DisplayName("a protection order in her favour is noted, with or without an expiry date")
        void protectionOrder() {
            accepted(caseworker.post(
                    path("protection-orders"),
                    json(
                            "kind",
                            "NON_MOLESTATION_ORDER",
                            "expiresOn",
                            daysAgo(-300).toString(),
                            "occurredOn",
                            day(60))));
            accepted(caseworker.post(
                    path("protection-orders"), json("kind", "RESTRAINING_ORDER", "occurredOn", day(30))));
        }

        @Test
        @DisplayName("a protection order expiring before it was noted is a 422 invalid-command; one without kind a 400")
        void badProtectionOrders() {
            assertProblem(
                    caseworker.post(
                            path("protection-orders"),
                            json("kind", "RESTRAINING_ORDER", "expiresOn", day(70), "occurredOn", day(60))),
                    422,
                    "/problems/invalid-command");
            assertValidation(caseworker.post(path("protection-orders"), json("occurredOn", day(60))), "kind");
        }
    }

    @Nested
    @DisplayName("her support network")
    class SupportNetwork {

        @Test
        @DisplayName("someone is added, counted, and removed")
        void addedAndRemoved() {
            JsonNode added = accepted(caseworker.post(
                    path("support-network"),
                    json(
                            "kind",
                            "PROBATION_OFFICER",
                            "description",
                            "Her probation officer, who came to her graduation",
                            "occurredOn",
                            day(150))));
            String helper = added.get("id").asText();
            assertThat(caseworker
                            .get(path("summary"))
                            .json()
                            .get("supportNetworkSize")
                            .asInt())
                    .isEqualTo(1);

            accepted(caseworker.post(path("support-network/" + helper + "/removal"), json("occurredOn", day(20))));

            assertThat(caseworker
                            .get(path("summary"))
                            .json()
                            .get("supportNetworkSize")
                            .asInt())
                    .isZero();
        }

        @Test
        @DisplayName("removing someone not in her network is a 409 unknown-helper")
        void unknownHelper() {
            String helper = accepted(
                            caseworker.post(path("support-network"), json("kind", "FAMILY", "occurredOn", day(150))))
                    .get("id")
                    .asText();
            accepted(caseworker.post(path("support-network/" + helper + "/removal"), json("occurredOn", day(20))));

            assertRule(
                    caseworker.post(path("support-network/" + helper + "/removal"), json("occurredOn", day(10))),
                    409,
                    "unknown-helper");
            assertRule(
                    caseworker.post(
                            path("support-network/" + UUID.randomUUID() + "/removal"), json("occurredOn", day(10))),
                    409,
                    "unknown-helper");
        }

        @Test
        @DisplayName("someone added without saying who they are to her is a 400 validation-failed")
        void noKind() {
            assertValidation(
                    caseworker.post(path("support-network"), json("description", "A friend", "occurredOn", day(150))),
                    "kind");
        }
    }

    @Nested
    @DisplayName("consents")
    class Consents {

        @Test
        @DisplayName("a research consent she gives is active until she withdraws it")
        void givenAndWithdrawn() {
            JsonNode given = accepted(caseworker.post(
                    path("consents"),
                    json(
                            "kind",
                            "RESEARCH",
                            "scope",
                            "Five-year evaluation, anonymised",
                            "expiresOn",
                            daysAgo(-700).toString(),
                            "occurredOn",
                            day(150))));
            String consent = given.get("id").asText();
            assertThat(caseworker
                            .get(path("summary"))
                            .json()
                            .get("researchConsentActive")
                            .asBoolean())
                    .isTrue();

            accepted(caseworker.post(path("consents/" + consent + "/withdrawal"), json("occurredOn", day(10))));

            assertThat(caseworker
                            .get(path("summary"))
                            .json()
                            .get("researchConsentActive")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        @DisplayName("a consent expiring before the day it is given is a 422 consent-expires-before-given")
        void expiresBeforeGiven() {
            assertRule(
                    caseworker.post(
                            path("consents"),
                            json(
                                    "kind",
                                    "SERVICE",
                                    "scope",
                                    "Case management",
                                    "expiresOn",
                                    day(160),
                                    "occurredOn",
                                    day(150))),
                    422,
                    "consent-expires-before-given");
        }

        @Test
        @DisplayName(
                "withdrawing a consent twice is a 409 consent-already-withdrawn; one she never gave a 409 unknown-consent")
        void withdrawals() {
            String consent = accepted(caseworker.post(
                            path("consents"),
                            json(
                                    "kind",
                                    "SERVICE",
                                    "scope",
                                    "Case management",
                                    "expiresOn",
                                    daysAgo(-100).toString(),
                                    "occurredOn",
                                    day(150))))
                    .get("id")
                    .asText();
            accepted(caseworker.post(path("consents/" + consent + "/withdrawal"), json("occurredOn", day(20))));

            assertRule(
                    caseworker.post(path("consents/" + consent + "/withdrawal"), json("occurredOn", day(10))),
                    409,
                    "consent-already-withdrawn");
            assertRule(
                    caseworker.post(path("consents/" + UUID.randomUUID() + "/withdrawal"), json("occurredOn", day(10))),
                    409,
                    "unknown-consent");
        }

        @Test
        @DisplayName("a consent without an expiry date is a 400 validation-failed")
        void noExpiry() {
            assertValidation(
                    caseworker.post(
                            path("consents"), json("kind", "RESEARCH", "scope", "Evaluation", "occurredOn", day(150))),
                    "expiresOn");
        }
    }

    @Nested
    @DisplayName("corrections and retractions")
    class CorrectionsAndRetractions {

        private String entry;

        @BeforeEach
        void entry() {
            entry = awaitTimeline(wren, 2).get(1).get("eventId").asText();
        }

        @Test
        @DisplayName("an event is corrected with the right values and a reason, and another is retracted with a reason")
        void recorded() {
            String milestone = recordMilestone();

            JsonNode corrected = accepted(caseworker.post(
                    path("events/" + entry + "/corrections"),
                    json(
                            "correctedValues",
                            "{\"occurredOn\":\"" + day(185) + "\"}",
                            "reason",
                            "Arrived a week later")));
            JsonNode retracted = accepted(
                    caseworker.post(path("events/" + milestone + "/retraction"), json("reason", "Recorded twice")));

            assertThat(corrected.get("version").asLong()).isEqualTo(3);
            assertThat(retracted.get("version").asLong()).isEqualTo(4);
        }

        @Test
        @DisplayName("an event her record does not have is a 422 unknown-event")
        void unknownEvent() {
            assertRule(
                    caseworker.post(path("events/" + UUID.randomUUID() + "/retraction"), json("reason", "Never")),
                    422,
                    "unknown-event");
        }

        @Test
        @DisplayName("a correction naming no field, or either without a reason, is a 400 validation-failed")
        void incomplete() {
            assertValidation(
                    caseworker.post(
                            path("events/" + entry + "/corrections"),
                            json("correctedValues", "{}", "reason", "Nothing")),
                    "correctedValues");
            assertValidation(caseworker.post(path("events/" + entry + "/retraction"), json("reason", "")), "reason");
        }

        private String recordMilestone() {
            accepted(caseworker.post(path("milestones"), json("occurredOn", day(100), "type", "HEALTH")));
            return awaitTimeline(wren, 3).get(2).get("eventId").asText();
        }
    }

    @Nested
    @DisplayName("profile updates")
    class ProfileUpdates {

        @Test
        @DisplayName("change the details given and keep the rest")
        void updated() {
            accepted(caseworker.post(
                    path("profile-updates"),
                    json("occurredOn", day(10), "chosenName", "Marigold", "ageBand", "AGE_35_TO_44")));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/participants/" + wren)
                            .json()
                            .get("chosenName")
                            .asText()
                            .equals("Marigold"));
            JsonNode participant =
                    caseworker.get("/api/v1/participants/" + wren).json();
            assertThat(participant.get("ageBand").asText()).isEqualTo("AGE_35_TO_44");
            assertThat(participant.get("enrolledOn").asText()).isEqualTo(day(200));
        }

        @Test
        @DisplayName("that change nothing are a 422 invalid-command; an impossible year of birth is a 400")
        void refused() {
            assertProblem(
                    caseworker.post(path("profile-updates"), json("occurredOn", day(10))),
                    422,
                    "/problems/invalid-command");
            assertValidation(
                    caseworker.post(path("profile-updates"), json("occurredOn", day(10), "yearOfBirth", "1700")),
                    "yearOfBirth");
        }
    }

    @Nested
    @DisplayName("past programme stays")
    class PastStays {

        @Test
        @DisplayName("a whole stay, entry and exit, is recorded at once")
        void recorded() {
            JsonNode stay = accepted(caseworker.post(
                    path("programme-stays"),
                    json(
                            "programmeId",
                            harbourHouse,
                            "enteredOn",
                            day(188),
                            "exitedOn",
                            day(160),
                            "reason",
                            "TRANSFERRED")));

            assertThat(stay.get("version").asLong()).isEqualTo(3);
        }

        @Test
        @DisplayName("an exit before the entry is a 422 exit-before-entry; a programme nobody registered a 422")
        void refused() {
            assertRule(
                    caseworker.post(
                            path("programme-stays"),
                            json(
                                    "programmeId",
                                    harbourHouse,
                                    "enteredOn",
                                    day(160),
                                    "exitedOn",
                                    day(188),
                                    "reason",
                                    "COMPLETED")),
                    422,
                    "exit-before-entry");
            assertRule(
                    caseworker.post(
                            path("programme-stays"),
                            json(
                                    "programmeId",
                                    UUID.randomUUID().toString(),
                                    "enteredOn",
                                    day(188),
                                    "exitedOn",
                                    day(160),
                                    "reason",
                                    "COMPLETED")),
                    422,
                    "unknown-programme");
        }

        @Test
        @DisplayName("a stay without its exit date is a 400 validation-failed")
        void noExit() {
            assertValidation(
                    caseworker.post(
                            path("programme-stays"),
                            json("programmeId", harbourHouse, "enteredOn", day(188), "reason", "COMPLETED")),
                    "exitedOn");
        }
    }

    @Nested
    @DisplayName("peers")
    class Peers {

        @Test
        @DisplayName("are registered by managers and listed for everyone recording journeys")
        void registered() {
            String robin = registerPeer(manager, "Robin", "SPONSOR", 0);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/peers")
                            .json()
                            .findValuesAsText("peerId")
                            .contains(robin));
            JsonNode peers = caseworker.get("/api/v1/peers").json();
            assertThat(peers.findValuesAsText("displayName")).contains("Robin");
        }

        @Test
        @DisplayName("are not registered by caseworkers: 403")
        void notByCaseworkers() {
            assertProblem(
                    caseworker.post(
                            "/api/v1/peers", json("displayName", "Robin", "role", "SPONSOR", "trainingHours", "0")),
                    403,
                    "/problems/forbidden");
        }

        @Test
        @DisplayName("without their hours of training are a 400 validation-failed")
        void noTraining() {
            assertValidation(
                    manager.post("/api/v1/peers", json("displayName", "Robin", "role", "PEER_WORKER")),
                    "trainingHours");
        }
    }

    @Nested
    @DisplayName("instruments")
    class Instruments {

        @Test
        @DisplayName("the reference instruments are there from the start")
        void reference() {
            JsonNode instruments = caseworker.get("/api/v1/instruments").json();
            JsonNode movers = caseworker.get("/api/v1/instruments/movers").json();

            assertThat(instruments.findValuesAsText("instrument")).contains("ors", "srs", "movers", "ladder");
            assertThat(movers.get("items")).hasSize(13);
            assertThat(movers.get("subscales").findValuesAsText("code"))
                    .containsExactly("internal-tools", "expectation-of-support", "trade-offs");
        }

        @Test
        @DisplayName("are data: a manager defines a new one and readings of it are recorded at once")
        void defined() {
            Response defined = manager.send(
                    "PUT", "/api/v1/instruments/wellbeing-star", wellbeingStar(), "Content-Type", "application/json");

            assertThat(defined.status()).as(defined.toString()).isEqualTo(200);
            assertThat(defined.json().get("instrument").asText()).isEqualTo("wellbeing-star");
            accepted(caseworker.post(
                    path("assessments"),
                    json(
                            "instrument",
                            "wellbeing-star",
                            "itemScores",
                            "{\"safety\":6,\"emotional-health\":5,\"managing-money\":4}",
                            "occurredOn",
                            day(20))));
            JsonNode readings = caseworker.get(path("summary")).json().get("latestAssessments");
            assertThat(readings).singleElement().satisfies(reading -> {
                assertThat(reading.get("instrument").asText()).isEqualTo("wellbeing-star");
                assertThat(reading.get("total").asDouble()).isEqualTo(15.0);
            });
        }

        @Test
        @DisplayName("are not defined by caseworkers: 403")
        void notByCaseworkers() {
            assertProblem(
                    caseworker.send(
                            "PUT",
                            "/api/v1/instruments/wellbeing-star",
                            wellbeingStar(),
                            "Content-Type",
                            "application/json"),
                    403,
                    "/problems/forbidden");
        }

        @Test
        @DisplayName(
                "a definition whose subscale names no item is a 422; one without items a 400; an unknown code a 404")
        void badDefinitions() {
            assertProblem(
                    manager.send("PUT", "/api/v1/instruments/hope-scale", """
                    {"name": "Hope scale", "totalScoring": "SUM",
                     "items": [{"code": "agency", "label": "Agency", "min": 1, "max": 8}],
                     "subscales": [{"code": "pathways", "label": "Pathways", "itemCodes": ["ways"], "scoring": "MEAN"}]}""", "Content-Type", "application/json"),
                    422,
                    "/problems/invalid-command");
            assertValidation(
                    manager.send(
                            "PUT",
                            "/api/v1/instruments/hope-scale",
                            "{\"name\": \"Hope scale\", \"totalScoring\": \"SUM\", \"items\": []}",
                            "Content-Type",
                            "application/json"),
                    "items");
            // ranges so wide that a total could overflow
            assertValidation(
                    manager.send(
                            "PUT",
                            "/api/v1/instruments/hope-scale",
                            "{\"name\": \"Hope scale\", \"totalScoring\": \"SUM\", \"items\": [{\"code\": \"a\", "
                                    + "\"label\": \"A\", \"min\": -2147483648, \"max\": 2147483647}]}",
                            "Content-Type",
                            "application/json"),
                    "items[0].min");
            assertProblem(caseworker.get("/api/v1/instruments/hope-scale"), 404, "/problems/not-found");
        }

        private static String wellbeingStar() {
            return """
                    {"name": "Wellbeing star", "totalScoring": "SUM", "items": [
                      {"code": "safety", "label": "Feeling safe", "min": 1, "max": 10},
                      {"code": "emotional-health", "label": "Emotional health", "min": 1, "max": 10},
                      {"code": "managing-money", "label": "Managing money", "min": 1, "max": 10}]}""";
        }
    }

    @Nested
    @DisplayName("requests that are not JSON")
    class NotJson {

        @Test
        @DisplayName("a POST without Content-Type application/json is a 415 unsupported-media-type and records nothing")
        void unsupportedMediaType() {
            String body = json("description", "Get my GED", "occurredOn", day(150));

            assertProblem(caseworker.send("POST", path("goals"), body), 415, "/problems/unsupported-media-type");
            assertProblem(
                    caseworker.send("POST", path("goals"), body, "Content-Type", "text/plain"),
                    415,
                    "/problems/unsupported-media-type");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"1\"");
        }
    }

    private String registerWithCurriculum(String name, String type) {
        Response response = manager.post(
                "/api/v1/programmes",
                "{\"name\": \"" + name + "\", \"type\": \"" + type + "\", \"curriculum\": " + CURRICULUM + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("programmeId").asText();
    }

    private static String module(String programmeId, String moduleId, int daysAgo) {
        return json("programmeId", programmeId, "moduleId", moduleId, "occurredOn", day(daysAgo));
    }

    private static void assertValidation(Response response, String field) {
        assertProblem(response, 400, "/problems/validation-failed");
        assertThat(response.json().get("errors").findValuesAsText("field")).contains(field);
    }

    private String path(String resource) {
        return "/api/v1/participants/" + wren + "/" + resource;
    }

    private static String day(int daysAgo) {
        return daysAgo(daysAgo).toString();
    }
}
