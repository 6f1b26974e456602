package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("Staff record a participant's journey through the API and read her timeline back")
class RecordingAJourneyTest extends ApiTest {

    private String harbourHouse;
    private String peerGroup;

    @BeforeEach
    void programmes() {
        harbourHouse = registerProgramme("Harbour House", "RESIDENTIAL");
        peerGroup = registerProgramme("Sisters in recovery", "PEER_GROUP");
    }

    @Nested
    @DisplayName("when a participant is enrolled")
    class Enrolment {

        @Test
        @DisplayName("she gets an id, a Location, version 0, and appears in the directory under the name she chose")
        void enrolled() {
            Response response = caseworker.post(
                    "/api/v1/participants",
                    json(
                            "chosenName",
                            "  Wren ",
                            "yearOfBirth",
                            "1988",
                            "referralSource",
                            "OUTREACH",
                            "enrolledOn",
                            daysAgo(400).toString()));

            assertThat(response.status()).isEqualTo(201);
            String id = response.json().get("participantId").asText();
            assertThat(response.header("Location")).isEqualTo("/api/v1/participants/" + id);
            assertThat(response.header("ETag")).isEqualTo("\"0\"");
            JsonNode timeline = awaitTimeline(id, 1);
            assertThat(timeline.get(0).get("type").asText()).isEqualTo("participant-enrolled");
            Response participant = caseworker.get("/api/v1/participants/" + id);
            assertThat(participant.status()).isEqualTo(200);
            assertThat(participant.json().get("chosenName").asText()).isEqualTo("Wren");
            assertThat(participant.json().get("yearOfBirth").asInt()).isEqualTo(1988);
            assertThat(participant.header("ETag")).isEqualTo("\"0\"");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(caseworker
                                    .get("/api/v1/participants?limit=500")
                                    .json()
                                    .findValuesAsText("participantId"))
                            .contains(id)); // the directory follows within moments
        }
    }

    @Nested
    @DisplayName("when her journey has entries, a relapse, a milestone and an exit")
    class AWholeJourney {

        private String wren;

        @BeforeEach
        void journey() {
            wren = enrol("Wren", daysAgo(400));
            assertThat(caseworker
                            .post(
                                    path("programme-entries"),
                                    json(
                                            "programmeId",
                                            harbourHouse,
                                            "occurredOn",
                                            daysAgo(390).toString(),
                                            "note",
                                            "Arrived with her sister"))
                            .status())
                    .isEqualTo(201);
            assertThat(caseworker
                            .post(
                                    path("relapses"),
                                    json(
                                            "occurredOn",
                                            daysAgo(300).toString(),
                                            "kind",
                                            "DRUG_OR_ALCOHOL_USE",
                                            "severity",
                                            "MODERATE",
                                            "supportFollowed",
                                            "[\"PEER_SUPPORT\",\"DETOX\"]"))
                            .status())
                    .isEqualTo(201);
            assertThat(caseworker
                            .post(
                                    path("milestones"),
                                    json(
                                            "occurredOn",
                                            daysAgo(200).toString(),
                                            "occurredAt",
                                            "09:30",
                                            "type",
                                            "STABLE_HOUSING"))
                            .status())
                    .isEqualTo(201);
            Response exit = caseworker.post(
                    path("programme-exits"),
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(100).toString(), "reason", "COMPLETED"));
            assertThat(exit.status()).isEqualTo(201);
            assertThat(exit.json().get("version").asLong()).isEqualTo(4);
            assertThat(exit.header("ETag")).isEqualTo("\"4\"");
        }

        @Test
        @DisplayName("her timeline shows every event in the order it happened, with both dates and who recorded it")
        void timeline() {
            awaitTimeline(wren, 5);
            // programme names come from the programme catalogue, a read model of its own that may follow a moment later
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/participants/" + wren + "/timeline")
                            .json()
                            .get(1)
                            .hasNonNull("programmeName"));
            JsonNode timeline = awaitTimeline(wren, 5);

            assertThat(types(timeline))
                    .containsExactly(
                            "participant-enrolled",
                            "programme-entered",
                            "relapse-recorded",
                            "milestone-reached",
                            "programme-exited");
            JsonNode entry = timeline.get(1);
            assertThat(entry.get("occurredOn").asText()).isEqualTo(daysAgo(390).toString());
            assertThat(entry.get("recordedAt").asText()).isNotBlank();
            assertThat(entry.get("recordedBy").asText()).isEqualTo(CASEWORKER);
            assertThat(entry.get("programmeName").asText()).isEqualTo("Harbour House");
            assertThat(entry.get("details").get("reentry").asBoolean()).isFalse();
            assertThat(entry.get("details").get("note").asText()).isEqualTo("Arrived with her sister");
            JsonNode relapse = timeline.get(2);
            assertThat(relapse.get("details").get("kind").asText()).isEqualTo("DRUG_OR_ALCOHOL_USE");
            assertThat(relapse.get("details").get("supportFollowed")).hasSize(2);
            assertThat(timeline.get(3).get("occurredTime").asText()).startsWith("09:30");
            assertThat(timeline.get(4).get("details").get("reason").asText()).isEqualTo("COMPLETED");
        }

        @Test
        @DisplayName("a relapse closes nothing: she stays in her programmes and her journey goes on")
        void relapseClosesNothing() {
            String other = enrol("Juniper", daysAgo(100));
            caseworker.post(
                    "/api/v1/participants/" + other + "/programme-entries",
                    json("programmeId", peerGroup, "occurredOn", daysAgo(90).toString()));
            caseworker.post(
                    "/api/v1/participants/" + other + "/relapses",
                    json("occurredOn", daysAgo(60).toString(), "kind", "RETURN_TO_SEX_TRADE"));

            Response secondEntry = caseworker.post(
                    "/api/v1/participants/" + other + "/programme-entries",
                    json("programmeId", peerGroup, "occurredOn", daysAgo(50).toString()));
            Response milestone = caseworker.post(
                    "/api/v1/participants/" + other + "/milestones",
                    json("occurredOn", daysAgo(40).toString(), "type", "CUSTOM", "description", "Spoke at group"));

            assertThat(secondEntry.status()).isEqualTo(409);
            assertThat(secondEntry.json().get("rule").asText()).isEqualTo("already-in-programme");
            assertThat(milestone.status()).isEqualTo(201);
        }

        @Test
        @DisplayName("a re-entry into a programme she left is marked as a re-entry")
        void reentry() {
            caseworker.post(
                    path("programme-entries"),
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(50).toString()));

            JsonNode timeline = awaitTimeline(wren, 6);

            assertThat(timeline.get(5).get("type").asText()).isEqualTo("programme-entered");
            assertThat(timeline.get(5).get("details").get("reentry").asBoolean())
                    .isTrue();
        }

        @Test
        @DisplayName("something recorded late appears where it happened in her life, not where it was recorded")
        void lateEntry() {
            caseworker.post(
                    path("milestones"),
                    json("occurredOn", daysAgo(395).toString(), "type", "SOBRIETY_DURATION_REACHED"));

            JsonNode timeline = awaitTimeline(wren, 6);

            assertThat(types(timeline))
                    .containsExactly(
                            "participant-enrolled",
                            "milestone-reached",
                            "programme-entered",
                            "relapse-recorded",
                            "milestone-reached",
                            "programme-exited");
            assertThat(timeline.get(1).get("sequenceNumber").asLong()).isEqualTo(5);
        }

        private String path(String resource) {
            return "/api/v1/participants/" + wren + "/" + resource;
        }
    }

    @Nested
    @DisplayName("when her journey is long")
    class ALongJourney {

        @Autowired
        private JdbcClient jdbc;

        @Test
        @DisplayName("it is snapshotted, and loaded from the snapshot still knows where she is")
        void snapshotted() {
            String wren = enrol("Wren", daysAgo(400));
            caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(390).toString()));
            for (int day = 380; day > 340; day--) {
                assertThat(caseworker
                                .post(
                                        "/api/v1/participants/" + wren + "/milestones",
                                        json("occurredOn", daysAgo(day).toString(), "type", "HEALTH"))
                                .status())
                        .isEqualTo(201);
            }

            awaitSnapshot(jdbc, wren);

            Response again = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(300).toString()));
            Response exit = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(300).toString(), "reason", "COMPLETED"));
            assertThat(again.json().get("rule").asText()).isEqualTo("already-in-programme");
            assertThat(exit.status()).isEqualTo(201);
            assertThat(exit.json().get("version").asLong()).isEqualTo(42);
        }

        @Test
        @DisplayName(
                "recorded late, every entry inserted where it happened, it is snapshotted in the order of her life "
                        + "and judged by that order once loaded from the snapshot")
        void snapshottedInLifeOrder() throws Exception {
            String wren = enrol("Wren", daysAgo(400));
            caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(200).toString()));
            // then, late, a whole stay before it and milestones, each earlier in her life than the one recorded before
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + wren + "/programme-stays",
                                    json(
                                            "programmeId",
                                            harbourHouse,
                                            "enteredOn",
                                            daysAgo(390).toString(),
                                            "exitedOn",
                                            daysAgo(385).toString(),
                                            "reason",
                                            "COMPLETED"))
                            .status())
                    .isEqualTo(201);
            for (int day = 341; day <= 380; day++) {
                assertThat(caseworker
                                .post(
                                        "/api/v1/participants/" + wren + "/milestones",
                                        json("occurredOn", daysAgo(day).toString(), "type", "HEALTH"))
                                .status())
                        .isEqualTo(201);
            }
            awaitSnapshot(jdbc, wren);

            String snapshot = jdbc.sql("""
                            SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry
                             WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""").param(wren).query(String.class).single();
            List<String> days = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(snapshot)
                    .get("effective")
                    .forEach(e -> days.add(
                            e.get("event").get("occurredOn").get("date").asText()));
            assertThat(days).hasSizeGreaterThan(20).isSorted();

            // she is in the stay that began 200 days ago, the latest in her life though not the latest recorded
            Response entry = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(150).toString()));
            Response exit = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(100).toString(), "reason", "COMPLETED"));

            assertThat(entry.status()).isEqualTo(409);
            assertThat(entry.json().get("rule").asText()).isEqualTo("already-in-programme");
            assertThat(exit.status()).isEqualTo(201);
            assertThat(exit.json().get("version").asLong()).isEqualTo(44);
        }
    }

    @Nested
    @DisplayName("when her snapshot is of another revision of the journey")
    class AnOlderSnapshot {

        @Autowired
        private JdbcClient jdbc;

        @Test
        @DisplayName("it is skipped, whatever it holds, and her journey is loaded from its events")
        void skipped() {
            String wren = enrol("Wren", daysAgo(400));
            for (int day = 380; day > 355; day--) {
                assertThat(caseworker
                                .post(
                                        "/api/v1/participants/" + wren + "/milestones",
                                        json("occurredOn", daysAgo(day).toString(), "type", "HEALTH"))
                                .status())
                        .isEqualTo(201);
            }
            awaitSnapshot(jdbc, wren);

            // a snapshot of revision 1 (effective events in recording order), here one that cannot even be read
            jdbc.sql("""
                            UPDATE snapshot_event_entry SET payload_revision = '1', payload = convert_to('not a journey', 'UTF8')
                             WHERE aggregate_identifier = ?""").param(wren).update();

            Response milestone = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(10).toString(), "type", "HEALTH"));
            assertThat(milestone.status()).as(milestone.toString()).isEqualTo(201);
            assertThat(milestone.json().get("version").asLong()).isEqualTo(26);
        }
    }

    @Nested
    @DisplayName("when the directory has not caught up with an enrolment yet")
    class DirectoryBehind {

        @Autowired
        private JdbcClient jdbc;

        @Test
        @DisplayName("reading her answers from her enrolment rather than saying she does not exist")
        void readFromEnrolment() {
            String wren = enrol("Wren", daysAgo(10));
            awaitTimeline(wren, 1);
            jdbc.sql("DELETE FROM participant WHERE participant_id = ?")
                    .param(wren)
                    .update();

            Response response = caseworker.get("/api/v1/participants/" + wren);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("chosenName").asText()).isEqualTo("Wren");
            assertThat(response.json().get("enrolledOn").asText())
                    .isEqualTo(daysAgo(10).toString());
        }
    }

    @Nested
    @DisplayName("programmes")
    class Programmes {

        @Test
        @DisplayName("are listed by name and can be read one by one")
        void listed() {
            // the list is the programme catalogue, which follows the registrations within moments
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(
                                    caseworker.get("/api/v1/programmes").json().findValuesAsText("name"))
                            .contains("Harbour House", "Sisters in recovery"));
            Response one = caseworker.get("/api/v1/programmes/" + harbourHouse);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().get("type").asText()).isEqualTo("RESIDENTIAL");
        }

        @Test
        @DisplayName("are registered by administrators and managers, not by caseworkers")
        void registeredByAdministrators() {
            assertThat(manager.post("/api/v1/programmes", json("name", "Outreach", "type", "OUTREACH"))
                            .status())
                    .isEqualTo(201);
            Response response = caseworker.post("/api/v1/programmes", json("name", "Outreach", "type", "OUTREACH"));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("type").asText()).isEqualTo("/problems/forbidden");
        }
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    /** Waits until her journey has a snapshot (the tests' threshold is 20 events). */
    private static void awaitSnapshot(JdbcClient jdbc, String participantId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                                .param(participantId)
                                .query(Long.class)
                                .single()
                        > 0);
    }
}
