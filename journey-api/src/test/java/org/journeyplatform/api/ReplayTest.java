package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("A read model is rebuilt from the event store by a replay")
class ReplayTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    @DisplayName("given a recorded journey, when the timeline is wiped and replayed, then it is the same timeline")
    void timelineReplay() {
        // given
        String programme = registerProgramme("Harbour House", "RESIDENTIAL");
        String wren = enrol("Wren", daysAgo(300));
        caseworker.post(
                "/api/v1/participants/" + wren + "/programme-entries",
                json("programmeId", programme, "occurredOn", daysAgo(290).toString()));
        caseworker.post(
                "/api/v1/participants/" + wren + "/relapses",
                json("occurredOn", daysAgo(200).toString(), "kind", "OTHER"));
        caseworker.post(
                "/api/v1/participants/" + wren + "/programme-exits",
                json("programmeId", programme, "occurredOn", daysAgo(100).toString(), "reason", "LEFT_BY_CHOICE"));
        awaitTimeline(wren, 4);
        // and the programme catalogue has its name (the timeline shows it once the catalogue has caught up)
        await().atMost(Duration.ofSeconds(20))
                .until(() -> caseworker
                                .get("/api/v1/participants/" + wren + "/timeline")
                                .json()
                                .findValues("programmeName")
                                .size()
                        == 2);
        JsonNode before =
                caseworker.get("/api/v1/participants/" + wren + "/timeline").json();
        long rowsBefore = timelineRows(wren);

        // when
        // (her rows only: other test classes record journeys at the same time, so the table's count moves)
        jdbc.sql("DELETE FROM timeline_entry WHERE participant_id = ?")
                .param(wren)
                .update();
        assertThat(caseworker.get("/api/v1/participants/" + wren + "/timeline").json())
                .isEmpty();
        Response replay = admin.post("/api/v1/admin/projections/participant-timeline/replay", "");

        // then
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> timelineRows(wren) == rowsBefore
                        && !admin.get("/api/v1/admin/projections/participant-timeline")
                                .json()
                                .get("replaying")
                                .asBoolean());
        assertThat(caseworker.get("/api/v1/participants/" + wren + "/timeline").json())
                .isEqualTo(before);
    }

    @Test
    @DisplayName("sent to an instance while another holds the projection, is a 409 that says so, and this instance's "
            + "processor goes on running")
    void heldByAnotherInstance(@Autowired org.axonframework.config.EventProcessingConfiguration processing) {
        // given another instance holding every segment of the peer directory (this one's processor let them go)
        var peers = processing
                .eventProcessor("peer-directory", org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow();
        peers.shutDown();
        jdbc.sql("UPDATE token_entry SET owner = 'another-instance', time_stamp = ? WHERE processor_name = ?")
                .params(java.time.Instant.now().plusSeconds(60).toString(), "peer-directory")
                .update();
        peers.start();
        try {
            // when
            Response replay = admin.post("/api/v1/admin/projections/peer-directory/replay", "");

            // then
            assertThat(replay.status()).as(replay.toString()).isEqualTo(409);
            assertThat(replay.json().get("type").asText()).isEqualTo("/problems/projection-held-elsewhere");
            assertThat(admin.get("/api/v1/admin/projections/peer-directory")
                            .json()
                            .get("running")
                            .asBoolean())
                    .isTrue();
        } finally {
            jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND owner = 'another-instance'")
                    .param("peer-directory")
                    .update();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/admin/projections/peer-directory")
                                .json()
                                .get("segments")
                                .asInt()
                        > 0);
    }

    @Test
    @DisplayName("an unknown projection is a 404, and only administrators may replay")
    void refusals() {
        assertThat(admin.post("/api/v1/admin/projections/no-such-thing/replay", "")
                        .status())
                .isEqualTo(404);
        assertThat(caseworker
                        .post("/api/v1/admin/projections/participant-timeline/replay", "")
                        .status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("a replay, a rebuild or a retry sent with options in a body is a 400 that says it takes none")
    void optionsRefused() {
        String options = "{\"from\":5000}";
        Response replay = admin.post("/api/v1/admin/projections/participant-timeline/replay", options);
        Response rebuild = admin.post("/api/v1/admin/projections/peer-directory/rebuild", options);
        Response retry = admin.post("/api/v1/admin/parked-events/participant-timeline/retry", options);

        for (Response refused : java.util.List.of(replay, rebuild, retry)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).startsWith("This endpoint takes no body");
        }
        // (one sequence nobody parked: a retry of every parked sequence would touch other classes' parked events)
        assertThat(admin.post(
                                "/api/v1/admin/parked-events/participant-timeline/sequences/"
                                        + java.util.UUID.randomUUID() + "/retry",
                                "{}")
                        .status())
                .as("an empty object is no options")
                .isNotEqualTo(400);
    }

    @Test
    @DisplayName("every projection reports where it stands")
    void status() {
        JsonNode projections = admin.get("/api/v1/admin/projections").json();

        assertThat(projections.findValuesAsText("name"))
                .contains("participant-timeline", "participant-directory", "programme-catalogue");
    }

    @Test
    @DisplayName("every pooled processor's coordinator is woken by each batch it commits (ADR 0021)")
    void promptCoordinators(
            @Autowired org.axonframework.config.EventProcessingConfiguration processing,
            @Autowired org.journeyplatform.infra.axon.PromptCoordinators coordinators) {
        java.util.List<String> pooled = processing.eventProcessors().values().stream()
                .filter(org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.class::isInstance)
                .map(org.axonframework.eventhandling.EventProcessor::getName)
                .toList();

        assertThat(pooled)
                .contains("participant-timeline", "participant-directory", "programme-dashboard")
                .allSatisfy(name ->
                        assertThat(coordinators.coordinated(name)).as(name).isTrue());
    }

    private long timelineRows(String participant) {
        return jdbc.sql("SELECT count(*) FROM timeline_entry WHERE participant_id = ?")
                .param(participant)
                .query(Long.class)
                .single();
    }
}
