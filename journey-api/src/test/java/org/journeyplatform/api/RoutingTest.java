package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Requests are routed once and the winning route of a path shape is remembered ({@code RoutingCache}): the answers
 * must be exactly Spring's, whichever request of a shape came first.
 */
@DisplayName("Routing requests to their controllers")
class RoutingTest extends ApiTest {

    @Nested
    @DisplayName("for paths of one shape")
    class OneShape {

        @Test
        @DisplayName("gives each participant's request her own path variables, however many came before")
        void ownVariables() {
            // given three participants, each with a milestone of her own
            List<String> ids = new ArrayList<>();
            for (String name : List.of("Wren", "Linnet", "Sorrel")) {
                String id = enrol(name, daysAgo(60));
                ids.add(id);
                assertThat(caseworker
                                .post(
                                        "/api/v1/participants/" + id + "/milestones",
                                        json("occurredOn", daysAgo(10).toString(), "type", "EMPLOYMENT"))
                                .status())
                        .isEqualTo(201);
            }

            // when each one's profile is read, twice over
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < ids.size(); i++) {
                    Response profile = caseworker.get("/api/v1/participants/" + ids.get(i));

                    // then it is hers
                    assertThat(profile.status()).isEqualTo(200);
                    assertThat(profile.json().get("participantId").asText()).isEqualTo(ids.get(i));
                    assertThat(profile.json().get("chosenName").asText())
                            .isEqualTo(List.of("Wren", "Linnet", "Sorrel").get(i));
                }
            }
        }

        @Test
        @DisplayName("still refuses what the remembered route does not accept: another method, another media type")
        void conditionsStillChecked() {
            String id = enrol("Wren", daysAgo(30));
            String path = "/api/v1/participants/" + id + "/milestones";
            assertThat(caseworker
                            .post(path, json("occurredOn", daysAgo(3).toString(), "type", "HEALTH"))
                            .status())
                    .isEqualTo(201);

            // the same shape with a body that is not JSON, and with a method the route does not have
            assertThat(caseworker
                            .send("POST", path, "occurredOn=2025-01-01", "Content-Type", "text/plain")
                            .status())
                    .isEqualTo(415);
            assertThat(caseworker.send("DELETE", path, null).status()).isIn(404, 405);
            // and the route still works afterwards
            assertThat(caseworker
                            .post(path, json("occurredOn", daysAgo(2).toString(), "type", "HEALTH"))
                            .status())
                    .isEqualTo(201);
        }

        @Test
        @DisplayName("answers a path that is not a route with 404, also after routes of a similar shape")
        void unknownPaths() {
            String id = enrol("Wren", daysAgo(30));
            assertThat(caseworker
                            .get("/api/v1/participants/" + id + "/timeline")
                            .status())
                    .isEqualTo(200);

            assertThat(caseworker
                            .get("/api/v1/participants/" + id + "/no-such-thing")
                            .status())
                    .isEqualTo(404);
            assertThat(caseworker
                            .get("/api/v1/participants/" + id + "/timeline/extra")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("for answers in another format")
    class OtherFormats {

        /** Her milestone recorded by the caseworker, asking for answers in the given formats. */
        private Response milestoneAccepting(String id, String milestone, String accept) {
            return caseworker.send(
                    "POST",
                    "/api/v1/participants/" + id + "/milestones",
                    milestone,
                    "Content-Type",
                    "application/json",
                    "Accept",
                    accept);
        }

        @Test
        @DisplayName("answers JSON only: YAML is not acceptable (406), and the JSON's dates stay ISO dates")
        void jsonOnly() {
            String id = enrol("Wren", daysAgo(30));

            Response yaml = caseworker.send("GET", "/api/v1/participants/" + id, null, "Accept", "application/yaml");
            Response json = caseworker.get("/api/v1/participants/" + id);

            assertThat(yaml.status()).isEqualTo(406);
            assertThat(yaml.body()).doesNotContain("enrolledOn:");
            assertThat(json.json().get("enrolledOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(anonymous.get("/v3/api-docs.yaml").status()).isEqualTo(200);
        }

        @Test
        @DisplayName("refuses a command whose Accept rules JSON out (406) before doing anything; JSON among others is"
                + " accepted")
        void commandsAnswerJsonOnly() {
            String id = enrol("Briony", daysAgo(30));
            String milestone = "{\"occurredOn\":\"" + daysAgo(1) + "\",\"type\":\"HEALTH\"}";
            org.awaitility.Awaitility.await() // her enrolment's row first
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> caseworker
                                    .get("/api/v1/participants/" + id + "/timeline")
                                    .json()
                                    .size()
                            == 1);
            int before = 1;

            Response xml = milestoneAccepting(id, milestone, "application/xml");
            Response either = milestoneAccepting(id, milestone, "application/xml, application/json;q=0.5");

            assertThat(xml.status()).as(xml.toString()).isEqualTo(406);
            assertThat(xml.json().get("type").asText()).isEqualTo("/problems/not-acceptable");
            assertThat(either.status()).as(either.toString()).isEqualTo(201);
            // her rows come in order: once the second command's row is there, the first's would be too
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> caseworker
                                    .get("/api/v1/participants/" + id + "/timeline")
                                    .json()
                                    .size()
                            >= before + 1);
            assertThat(caseworker
                            .get("/api/v1/participants/" + id + "/timeline")
                            .json()
                            .size())
                    .as("only the accepted command recorded")
                    .isEqualTo(before + 1);

            String username =
                    "accept-xml-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            Response account = admin.send(
                    "POST",
                    "/api/v1/admin/users",
                    json("username", username, "password", "a synthetic passphrase", "roles", "[\"CASEWORKER\"]"),
                    "Content-Type",
                    "application/json",
                    "Accept",
                    "text/html");
            assertThat(account.status()).as(account.toString()).isEqualTo(406);
            assertThat(admin.get("/api/v1/admin/users").body())
                    .as("no account made")
                    .doesNotContain(username);
        }
    }
}
