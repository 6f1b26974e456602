package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.assertRule;
import static org.journeyplatform.api.support.Journeys.awaitProgramme;
import static org.journeyplatform.api.support.Journeys.row;
import static org.journeyplatform.api.support.Journeys.rowsOfType;
import static org.journeyplatform.api.support.Journeys.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName(
        "History is never rewritten: corrections and retractions are new events, late entries sit where they happened")
class CorrectionsAndLateEntriesTest extends ApiTest {

    private String harbourHouse;
    private String juniper;
    private String enrolment;
    private String entry;
    private String relapse;
    private String exit;

    @BeforeEach
    void aStayARelapseAndAnExit() {
        harbourHouse = registerProgramme("Harbour House", "RESIDENTIAL");
        juniper = enrol("Juniper", daysAgo(400));
        accepted(caseworker.post(path("programme-entries"), json("programmeId", harbourHouse, "occurredOn", day(390))));
        accepted(caseworker.post(
                path("relapses"),
                json(
                        "occurredOn",
                        day(300),
                        "kind",
                        "RETURN_TO_SEX_TRADE",
                        "supportFollowed",
                        "[\"CASEWORKER_CONTACT\"]")));
        accepted(caseworker.post(
                path("programme-exits"),
                json("programmeId", harbourHouse, "occurredOn", day(200), "reason", "COMPLETED")));
        JsonNode timeline = awaitTimeline(juniper, 4);
        enrolment = timeline.get(0).get("eventId").asText();
        entry = timeline.get(1).get("eventId").asText();
        relapse = timeline.get(2).get("eventId").asText();
        exit = timeline.get(3).get("eventId").asText();
    }

    @Nested
    @DisplayName("when an exit recorded with the wrong date and reason is corrected")
    class ACorrectedExit {

        private Instant beforeTheCorrection;

        @BeforeEach
        void correct() {
            beforeTheCorrection = Instant.now();
            await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(beforeTheCorrection.plusMillis(1)));

            Response response = caseworker.post(path("events/" + exit + "/corrections"), """
                    {"correctedValues": {"occurredOn": "%s", "reason": "LEFT_BY_CHOICE"},
                     "reason": "Mistyped: she left ten days earlier, and by her own choice"}""".formatted(day(210)));

            assertThat(accepted(response).get("version").asLong()).isEqualTo(4);
        }

        @Test
        @DisplayName(
                "her timeline shows the exit as corrected, with the corrected values, and keeps what was first recorded")
        void correctedRow() {
            JsonNode exitRow = row(awaitTimeline(juniper, 5), exit);

            assertThat(exitRow.get("status").asText()).isEqualTo("corrected");
            assertThat(exitRow.get("occurredOn").asText()).isEqualTo(day(210));
            assertThat(exitRow.get("details").get("reason").asText()).isEqualTo("LEFT_BY_CHOICE");
            assertThat(exitRow.get("original").get("occurredOn").asText()).isEqualTo(day(200));
            assertThat(exitRow.get("original").get("details").get("reason").asText())
                    .isEqualTo("COMPLETED");
            assertThat(exitRow.get("corrections")).singleElement().satisfies(correction -> {
                assertThat(correction.get("reason").asText()).startsWith("Mistyped");
                assertThat(correction.get("recordedBy").asText()).isEqualTo(CASEWORKER);
                assertThat(correction.get("correctedValues").get("reason").asText())
                        .isEqualTo("LEFT_BY_CHOICE");
            });
        }

        @Test
        @DisplayName("the correction itself is a row of her timeline, dated the day it was recorded")
        void correctionRow() {
            JsonNode timeline = awaitTimeline(juniper, 5);

            assertThat(types(timeline))
                    .containsExactly(
                            "participant-enrolled",
                            "programme-entered",
                            "relapse-recorded",
                            "programme-exited",
                            "event-corrected");
            JsonNode correction = rowsOfType(timeline, "event-corrected").get(0);
            assertThat(correction.get("details").get("correctedEventId").asText())
                    .isEqualTo(exit);
            assertThat(correction.get("details").get("reason").asText()).startsWith("Mistyped");
            assertThat(correction.get("occurredOn").asText())
                    .isEqualTo(LocalDate.ofInstant(
                                    Instant.parse(correction.get("recordedAt").asText()), ZoneOffset.UTC)
                            .toString());
            assertThat(correction.get("late").asBoolean()).isFalse();
        }

        @Test
        @DisplayName("read as of a moment before the correction, the exit shows as it was first recorded")
        void asOfBefore() {
            awaitTimeline(juniper, 5);

            JsonNode then = caseworker
                    .get("/api/v1/participants/" + juniper + "/timeline?asOfRecorded=" + beforeTheCorrection)
                    .json();

            assertThat(types(then))
                    .containsExactly(
                            "participant-enrolled", "programme-entered", "relapse-recorded", "programme-exited");
            JsonNode exitRow = row(then, exit);
            assertThat(exitRow.get("status").asText()).isEqualTo("recorded");
            assertThat(exitRow.get("occurredOn").asText()).isEqualTo(day(200));
            assertThat(exitRow.get("details").get("reason").asText()).isEqualTo("COMPLETED");
            assertThat(exitRow.has("original")).isFalse();
            assertThat(exitRow.get("corrections")).isEmpty();
        }
    }

    @Nested
    @DisplayName("when a relapse recorded by mistake is retracted")
    class ARetractedRelapse {

        @BeforeEach
        void retract() {
            assertThat(summary().get("relapses").asInt()).isEqualTo(1);

            accepted(caseworker.post(
                    path("events/" + relapse + "/retraction"),
                    json("reason", "Recorded in the wrong participant's record")));
        }

        @Test
        @DisplayName("her timeline still shows it, marked retracted with the reason")
        void retractedRow() {
            JsonNode timeline = awaitTimeline(juniper, 5);

            JsonNode relapseRow = row(timeline, relapse);
            assertThat(relapseRow.get("status").asText()).isEqualTo("retracted");
            assertThat(relapseRow.get("retraction").get("reason").asText())
                    .isEqualTo("Recorded in the wrong participant's record");
            assertThat(relapseRow.get("retraction").get("recordedBy").asText()).isEqualTo(CASEWORKER);
            assertThat(rowsOfType(timeline, "event-retracted"))
                    .singleElement()
                    .satisfies(retraction -> assertThat(retraction
                                    .get("details")
                                    .get("retractedEventId")
                                    .asText())
                            .isEqualTo(relapse));
        }

        @Test
        @DisplayName("her summary no longer counts it")
        void notCounted() {
            JsonNode summary = summary();

            assertThat(summary.get("relapses").asInt()).isZero();
            assertThat(summary.has("lastRelapseOn")).isFalse();
            assertThat(summary.has("daysSinceLastRelapse")).isFalse();
        }

        @Test
        @DisplayName("retracting it again is a 409 already-retracted, and so is correcting it")
        void retractedTwice() {
            Response again = caseworker.post(path("events/" + relapse + "/retraction"), json("reason", "Twice"));
            Response correction = caseworker.post(
                    path("events/" + relapse + "/corrections"),
                    json("correctedValues", "{\"kind\":\"OTHER\"}", "reason", "After all"));

            assertRule(again, 409, "already-retracted");
            assertRule(correction, 409, "already-retracted");
        }
    }

    @Nested
    @DisplayName("when a past stay is recorded after later events")
    class ALateEntry {

        @Test
        @DisplayName("it is flagged late and sits where it happened in her life")
        void lateAndInLifeOrder() {
            String riverside =
                    awaitProgramme(caseworker, registerProgramme("Riverside Recovery", "DRUG_AND_ALCOHOL_TREATMENT"));

            accepted(caseworker.post(
                    path("programme-stays"),
                    json(
                            "programmeId",
                            riverside,
                            "enteredOn",
                            day(380),
                            "exitedOn",
                            day(350),
                            "reason",
                            "COMPLETED",
                            "note",
                            "Detox stay she told us about later")));

            JsonNode timeline = awaitTimeline(juniper, 6);
            assertThat(types(timeline))
                    .containsExactly(
                            "participant-enrolled",
                            "programme-entered",
                            "programme-entered",
                            "programme-exited",
                            "relapse-recorded",
                            "programme-exited");
            assertThat(dates(timeline)).containsExactly(day(400), day(390), day(380), day(350), day(300), day(200));
            List<Boolean> late = new ArrayList<>();
            timeline.forEach(row -> late.add(row.get("late").asBoolean()));
            assertThat(late).containsExactly(false, false, true, true, false, false);
            assertThat(timeline.get(2).get("programmeName").asText()).isEqualTo("Riverside Recovery");
            assertThat(timeline.get(3).get("details").get("reason").asText()).isEqualTo("COMPLETED");
        }
    }

    @Nested
    @DisplayName("when a correction or retraction cannot be made")
    class Refusals {

        @Test
        @DisplayName("naming an event her record does not have is a 422 unknown-event")
        void unknownEvent() {
            String nothing = UUID.randomUUID().toString();

            assertRule(
                    caseworker.post(
                            path("events/" + nothing + "/corrections"),
                            json("correctedValues", "{\"occurredOn\":\"" + day(10) + "\"}", "reason", "Wrong date")),
                    422,
                    "unknown-event");
            assertRule(
                    caseworker.post(path("events/" + nothing + "/retraction"), json("reason", "Never happened")),
                    422,
                    "unknown-event");
        }

        @Test
        @DisplayName(
                "correcting a value the platform computes, whether an entry was a re-entry, is a 422 not-correctable")
        void computedField() {
            Response response = caseworker.post(
                    path("events/" + entry + "/corrections"),
                    json("correctedValues", "{\"reentry\":\"true\"}", "reason", "She had been here before"));

            assertRule(response, 422, "not-correctable");
            assertThat(response.json().get("detail").asText()).contains("reentry");
        }

        @Test
        @DisplayName("retracting her enrolment is a 422 not-correctable")
        void enrolment() {
            assertRule(
                    caseworker.post(path("events/" + enrolment + "/retraction"), json("reason", "Enrolled twice")),
                    422,
                    "not-correctable");
        }

        @Test
        @DisplayName(
                "moving an exit before its entry breaks life order and is refused with the rule, recording nothing")
        void breaksLifeOrder() {
            Response response = caseworker.post(
                    path("events/" + exit + "/corrections"),
                    json("correctedValues", "{\"occurredOn\":\"" + day(395) + "\"}", "reason", "Wrong year"));

            assertRule(response, 409, "not-in-programme");
            assertThat(caseworker.get("/api/v1/participants/" + juniper).header("ETag"))
                    .isEqualTo("\"3\"");
        }
    }

    @Nested
    @DisplayName(
            "when profile updates are recorded late, by mistake or with a typo, her listed details follow her life")
    class ProfileUpdates {

        @Test
        @DisplayName("a later update in her life wins over one recorded after it; a retracted one and a corrected typo "
                + "show as her history says, in her record and in the list")
        void followHerLife() {
            accepted(caseworker.post(path("profile-updates"), json("occurredOn", day(100), "chosenName", "Junie")));
            accepted(caseworker.post(path("profile-updates"), json("occurredOn", day(150), "chosenName", "June")));
            String later = updateOn(day(100), 6);
            await().untilAsserted(() -> assertThat(chosenName()).isEqualTo("Junie"));

            accepted(caseworker.post(
                    path("profile-updates"), json("occurredOn", day(50), "chosenName", "Somebody Else")));
            String wrongRecord = updateOn(day(50), 7);
            await().untilAsserted(() -> assertThat(chosenName()).isEqualTo("Somebody Else"));
            accepted(caseworker.post(
                    path("events/" + wrongRecord + "/retraction"), json("reason", "Another woman's name")));
            await().untilAsserted(() -> assertThat(chosenName()).isEqualTo("Junie"));

            accepted(caseworker.post(
                    path("events/" + later + "/corrections"),
                    json("correctedValues", "{\"chosenName\":\"Junia\"}", "reason", "Typed wrong")));
            await().untilAsserted(() -> assertThat(chosenName()).isEqualTo("Junia"));
            List<String> listed = new ArrayList<>();
            caseworker.get("/api/v1/participants?limit=500").json().forEach(p -> {
                if (p.get("participantId").asText().equals(juniper)) {
                    listed.add(p.get("chosenName").asText());
                }
            });
            assertThat(listed).containsExactly("Junia");
        }

        /** The id of her profile update on that day, once her timeline has that many rows. */
        private String updateOn(String day, int rows) {
            for (JsonNode row : awaitTimeline(juniper, rows)) {
                if (row.get("type").asText().equals("profile-details-updated")
                        && row.get("occurredOn").asText().equals(day)) {
                    return row.get("eventId").asText();
                }
            }
            throw new AssertionError("no profile update on " + day);
        }

        private String chosenName() {
            return caseworker
                    .get("/api/v1/participants/" + juniper)
                    .json()
                    .get("chosenName")
                    .asText();
        }
    }

    private JsonNode summary() {
        return caseworker.get("/api/v1/participants/" + juniper + "/summary").json();
    }

    private String path(String resource) {
        return "/api/v1/participants/" + juniper + "/" + resource;
    }

    private static String day(int daysAgo) {
        return daysAgo(daysAgo).toString();
    }

    private static List<String> dates(JsonNode timeline) {
        List<String> dates = new ArrayList<>();
        timeline.forEach(row -> dates.add(row.get("occurredOn").asText()));
        return dates;
    }

    @Nested
    @DisplayName("a corrected value on the timeline")
    class CorrectedValues {

        @Test
        @DisplayName("keeps the type of the value it replaces, and an emptied value disappears")
        void typed() {
            ApiClient.Response enrolled = caseworker.post(
                    "/api/v1/participants",
                    json(
                            "chosenName",
                            "Juniper",
                            "yearOfBirth",
                            "1988",
                            "enrolledOn",
                            daysAgo(40).toString(),
                            "referralSource",
                            "OUTREACH"));
            String juniper = enrolled.json().get("participantId").asText();
            String enrolment = awaitTimeline(juniper, 1).get(0).get("eventId").asText();

            caseworker.post(
                    "/api/v1/participants/" + juniper + "/events/" + enrolment + "/corrections",
                    json(
                            "correctedValues",
                            "{\"yearOfBirth\":\"1989\",\"referralSource\":\"\"}",
                            "reason",
                            "she corrected her year of birth"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/participants/" + juniper + "/timeline")
                            .json()
                            .get(0)
                            .get("status")
                            .asText()
                            .equals("corrected"));
            JsonNode details = caseworker
                    .get("/api/v1/participants/" + juniper + "/timeline")
                    .json()
                    .get(0)
                    .get("details");
            assertThat(details.get("yearOfBirth").isNumber()).isTrue();
            assertThat(details.get("yearOfBirth").asInt()).isEqualTo(1989);
            assertThat(details.has("referralSource")).isFalse();
        }
    }
}
