package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A peer worker logs peer sessions and sees only what she needs for them")
class PeerWorkerTest extends ApiTest {

    private ApiClient peerWorker;
    private String wren;
    private String outsider;

    @BeforeEach
    void aPeerGroupParticipant() {
        peerWorker = client("peer-worker", "peer-demo");
        String peerGroup = registerProgramme("Sisters in recovery", "PEER_GROUP");
        String elsewhere = registerProgramme("Harbour House", "RESIDENTIAL");
        assertThat(admin.send("PUT", "/api/v1/admin/staff/peer-worker/programmes/" + peerGroup, null)
                        .status())
                .isEqualTo(204);
        wren = caseworker
                .post(
                        "/api/v1/participants",
                        json(
                                "chosenName",
                                "Wren",
                                "yearOfBirth",
                                "1988",
                                "enrolledOn",
                                daysAgo(30).toString()))
                .json()
                .get("participantId")
                .asText();
        caseworker.post(
                "/api/v1/participants/" + wren + "/programme-entries",
                json("programmeId", peerGroup, "occurredOn", daysAgo(29).toString()));
        caseworker.post(
                "/api/v1/participants/" + wren + "/relapses",
                json("occurredOn", daysAgo(10).toString(), "kind", "DRUG_OR_ALCOHOL_USE"));
        outsider = enrol("Juniper", daysAgo(30));
        caseworker.post(
                "/api/v1/participants/" + outsider + "/programme-entries",
                json("programmeId", elsewhere, "occurredOn", daysAgo(29).toString()));
    }

    @Test
    @DisplayName("finds her group's participants by the names they chose, and nothing more of them")
    void findsByName() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> peerWorker
                        .get("/api/v1/participants?limit=500")
                        .json()
                        .findValuesAsText("participantId")
                        .contains(wren));

        Response one = peerWorker.get("/api/v1/participants/" + wren);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("chosenName").asText()).isEqualTo("Wren");
        assertThat(one.json().has("yearOfBirth")).isFalse();
        assertThat(one.json().has("enrolledOn")).isFalse();
        assertThat(peerWorker.get("/api/v1/participants?limit=500").json().findValuesAsText("participantId"))
                .doesNotContain(outsider);
        assertThat(peerWorker.get("/api/v1/participants/" + outsider).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("logs a peer session")
    void logsASession() {
        Response session = peerWorker.post(
                "/api/v1/participants/" + wren + "/peer-sessions",
                json("kind", "GROUP", "minutes", "90", "occurredOn", daysAgo(2).toString()));

        assertThat(session.status()).isEqualTo(201);
    }

    @Test
    @DisplayName("sees no relapse, timeline or summary, and records nothing else")
    void nothingElse() {
        assertThat(peerWorker.get("/api/v1/participants/" + wren + "/timeline").status())
                .isEqualTo(403);
        assertThat(peerWorker.get("/api/v1/participants/" + wren + "/summary").status())
                .isEqualTo(403);
        assertThat(peerWorker
                        .post(
                                "/api/v1/participants/" + wren + "/relapses",
                                json("occurredOn", daysAgo(1).toString(), "kind", "OTHER"))
                        .status())
                .isEqualTo(403);
        assertThat(peerWorker
                        .post(
                                "/api/v1/participants",
                                json(
                                        "chosenName",
                                        "Robin",
                                        "enrolledOn",
                                        daysAgo(1).toString()))
                        .status())
                .isEqualTo(403);
    }
}
