package org.journeyplatform.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Dashboard answers are kept only while the facts they come from are unchanged, and only for the programmes they were
 * computed for: a new fact in one programme shows at once in every dashboard that covers it, and never reaches a
 * manager of another programme.
 */
@DisplayName("Cached dashboards")
class CachedDashboardsTest extends ApiTest {

    private static final String PASSWORD = "a long cached-dashboard passphrase";

    private String north;
    private String south;
    private ApiClient northManager;
    private ApiClient southManager;
    private ApiClient bothManager;
    private final LocalDate from = daysAgo(400);
    private final LocalDate to = daysAgo(0);

    @BeforeEach
    void twoProgrammesAndTheirManagers() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        north = registerProgramme("North Hub " + suffix, "OUTREACH");
        south = registerProgramme("South Hub " + suffix, "OUTREACH");
        for (String role : List.of("north", "south", "both")) {
            Response created = admin.post(
                    "/api/v1/admin/users",
                    json("username", role + "-" + suffix, "password", PASSWORD, "roles", "[\"MANAGER\"]"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        assign("north-" + suffix, north);
        assign("south-" + suffix, south);
        assign("both-" + suffix, north);
        assign("both-" + suffix, south);
        northManager = client("north-" + suffix, PASSWORD);
        southManager = client("south-" + suffix, PASSWORD);
        bothManager = client("both-" + suffix, PASSWORD);
        // eleven in each, so that counts are shown rather than hidden as small
        for (int i = 0; i < 11; i++) {
            enter(north, daysAgo(300 + i));
            enter(south, daysAgo(200 + i));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> participants(northManager, north) == 11 && participants(southManager, south) == 11);
    }

    @Nested
    @DisplayName("given each manager has read her dashboard, so that its answer is cached")
    class Cached {

        @Test
        @DisplayName("when someone enters the north programme, the north dashboards count her at once, the south "
                + "one is unchanged, and the south manager still cannot read the north's")
        void anUpdateToOneProgramme() {
            // given
            JsonNode southBefore = dashboard(southManager, south).json();
            assertThat(participants(northManager, north)).isEqualTo(11);
            assertThat(allParticipants(bothManager)).isEqualTo(22);

            // when
            enter(north, daysAgo(10));

            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> participants(northManager, north) == 12);
            assertThat(allParticipants(bothManager)).isEqualTo(23);
            assertThat(participants(bothManager, north)).isEqualTo(12);
            assertThat(dashboard(southManager, south).json()).isEqualTo(southBefore);
            Response refused = dashboard(southManager, north);
            assertThat(refused.status())
                    .as("another scope's answer, cached or not")
                    .isEqualTo(404);
            assertThat(refused.body()).doesNotContain("headline");
            assertThat(dashboard(southManager, null).json().get("programmes").findValuesAsText("programmeId"))
                    .containsExactly(south);
        }

        @Test
        @DisplayName("when the same dashboard is asked for again with nothing recorded between, it is served from the "
                + "cache, and the metrics count the hit")
        void aRepeatedRead() {
            // given: nothing left for the projections to apply
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                double hitsBefore = hits();
                JsonNode first = dashboard(northManager, north).json();

                // when
                JsonNode again = dashboard(northManager, north).json();

                // then
                assertThat(again).isEqualTo(first);
                assertThat(hits()).isGreaterThan(hitsBefore);
            });
        }

        @Test
        @DisplayName("when an entry is retracted, the cached answer that counted it is not served again")
        void aRetraction() {
            // given
            String participant = enter(north, daysAgo(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> participants(northManager, north) == 12);
            // the timeline is a projection of its own: wait for it too
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/participants/" + participant + "/timeline")
                            .json()
                            .findValuesAsText("type")
                            .contains("programme-entered"));
            String entryEvent =
                    caseworker
                            .get("/api/v1/participants/" + participant + "/timeline")
                            .json()
                            .findParents("type")
                            .stream()
                            .filter(e -> e.get("type").asText().equals("programme-entered"))
                            .findFirst()
                            .orElseThrow()
                            .get("eventId")
                            .asText();

            // when
            Response retracted = caseworker.post(
                    "/api/v1/participants/" + participant + "/events/" + entryEvent + "/retraction",
                    json("reason", "Entered in error"));
            assertThat(retracted.status()).as(retracted.toString()).isEqualTo(201);

            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> participants(northManager, north) == 11);
        }
    }

    private String enter(String programme, LocalDate on) {
        String participant = enrol("Cached " + UUID.randomUUID().toString().substring(0, 6), on.minusDays(5));
        Response entered = caseworker.post(
                "/api/v1/participants/" + participant + "/programme-entries",
                json("programmeId", programme, "occurredOn", on.toString()));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(201);
        return participant;
    }

    private void assign(String username, String programme) {
        assertThat(admin.send("PUT", "/api/v1/admin/staff/" + username + "/programmes/" + programme, null)
                        .status())
                .isEqualTo(204);
    }

    private Response dashboard(ApiClient client, String programme) {
        String path = programme == null ? "/api/v1/dashboard" : "/api/v1/programmes/" + programme + "/dashboard";
        return client.get(path + "?from=" + from + "&to=" + to);
    }

    private int participants(ApiClient client, String programme) {
        Response response = dashboard(client, programme);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("headline").get("participants").get("value").asInt();
    }

    private int allParticipants(ApiClient client) {
        Response response = dashboard(client, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("headline").get("participants").get("value").asInt();
    }

    private double hits() {
        Response metric = admin.get("/actuator/metrics/cache.gets?tag=cache:dashboards&tag=result:hit");
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }
}
