package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Every error is an RFC 9457 problem detail with a clear message, and bad input never yields a 500")
class ErrorsAsProblemDetailsTest extends ApiTest {

    private String programme;
    private String wren;

    @BeforeEach
    void participantInNoProgramme() {
        programme = registerProgramme("Harbour House", "RESIDENTIAL");
        wren = enrol("Wren", daysAgo(100));
    }

    @Nested
    @DisplayName("when the request itself is wrong")
    class BadInput {

        @Test
        @DisplayName("a problem refused before any controller (by a filter, the security chain or the firewall) names "
                + "the path asked for as its instance, as the controllers' problems do")
        void filtersNameTheInstance() {
            String path = "/api/v1/participants/" + wren + "/milestones";
            String body = json("occurredOn", daysAgo(1).toString(), "type", "HEALTH");
            java.util.Map<String, Response> refusals = new java.util.LinkedHashMap<>();
            refusals.put("unauthenticated", anonymous.post(path, body));
            refusals.put("unsupported-media-type", caseworker.send("POST", path, body, "Content-Type", "text/plain"));
            refusals.put("invalid-idempotency-key", caseworker.post(path, body, "Idempotency-Key", "not a key!"));
            refusals.put("malformed-request", caseworker.get("/api/v1/participants?limit=1&limit=2"));
            refusals.put("payload-too-large", caseworker.post(path, "{\"x\":\"" + "a".repeat(2_000_000) + "\"}"));
            refusals.put("validation-failed", caseworker.post(path, json("type", "HEALTH")));

            refusals.forEach((kind, response) -> {
                assertThat(response.status()).as(kind + ": " + response).isBetween(400, 499);
                assertThat(response.json().path("instance").asText(null))
                        .as(kind + ": " + response)
                        .isEqualTo(kind.equals("malformed-request") ? "/api/v1/participants" : path);
            });
        }

        @Test
        @DisplayName("malformed JSON is a 400 malformed-request that says where")
        void malformedJson() {
            Response response = caseworker.post("/api/v1/participants", "{\"chosenName\": ");

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText()).contains("not valid JSON");
        }

        @Test
        @DisplayName("a value of the wrong type names the field and what it must be, without echoing the value")
        void wrongType() {
            Response response =
                    caseworker.post("/api/v1/participants", json("chosenName", "Wren", "enrolledOn", "last tuesday"));

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText())
                    .contains("enrolledOn")
                    .contains("date")
                    .doesNotContain("last tuesday");
        }

        @Test
        @DisplayName("a number too large for its field names the field and says it is out of range, not that the JSON "
                + "is invalid")
        void numberOutOfRange() {
            Response response = caseworker.post(
                    "/api/v1/participants",
                    "{\"chosenName\":\"Wren\",\"yearOfBirth\":99999999999,\"enrolledOn\":\"" + daysAgo(1) + "\"}");

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("Field 'yearOfBirth' is out of range for a whole number.");
        }

        @Test
        @DisplayName("a share given as \"NaN\" or \"Infinity\", or too large or too small for a number (never read as "
                + "0), is one clear 400, not two contradicting range messages")
        void notANumber() {
            for (String value : List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400", "1e-400", "-1e-400")) {
                Response response = admin.post(
                        "/api/v1/admin/studies",
                        "{\"title\":\"Shares\",\"riskLimits\":{\"maxUniqueShare\":" + value + "}}");

                assertProblem(response, 400, "/problems/malformed-request");
                assertThat(response.json().get("detail").asText())
                        .as(value)
                        .isEqualTo(
                                value.startsWith("\"")
                                        ? "Field 'riskLimits.maxUniqueShare' must be a number."
                                        : "Field 'riskLimits.maxUniqueShare' is out of range for a number.");
            }
        }

        @Test
        @DisplayName("an unknown enum value lists the values allowed")
        void unknownEnum() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/relapses",
                    json("occurredOn", daysAgo(1).toString(), "kind", "FAILURE"));

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText()).contains("DRUG_OR_ALCOHOL_USE");
        }

        @Test
        @DisplayName("an unknown field is refused rather than silently dropped")
        void unknownField() {
            Response response = caseworker.post(
                    "/api/v1/participants",
                    json("chosenName", "Wren", "enrolledOn", daysAgo(1).toString(), "recordedBy", "someone-else"));

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText()).contains("recordedBy");
        }

        @Test
        @DisplayName("missing and invalid fields are a 400 validation-failed listing each field")
        void validation() {
            Response response = caseworker.post("/api/v1/participants", json("chosenName", " ", "yearOfBirth", "1700"));

            assertProblem(response, 400, "/problems/validation-failed");
            assertThat(response.json().get("errors").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("chosenName", "yearOfBirth", "enrolledOn");
        }

        @Test
        @DisplayName("an empty body is a 400, not a 500")
        void emptyBody() {
            assertProblem(caseworker.post("/api/v1/participants", ""), 400, "/problems/malformed-request");
        }

        @Test
        @DisplayName("a body that is not JSON is a 415")
        void notJson() {
            Response response = caseworker.send(
                    "POST",
                    "/api/v1/participants",
                    "chosenName=Wren",
                    "Content-Type",
                    "application/x-www-form-urlencoded");

            assertProblem(response, 415, "/problems/unsupported-media-type");
        }

        @Test
        @DisplayName("a body said to be of a wildcard type (*/*, application/*) or another JSON type is a 415, never a "
                + "500, for a POST or a PUT")
        void wildcardType() {
            for (String type :
                    List.of("*/*", "application/*", "application/problem+json", "application/merge-patch+json")) {
                assertProblem(
                        caseworker.send(
                                "POST",
                                "/api/v1/participants",
                                json(
                                        "chosenName",
                                        "Wren",
                                        "enrolledOn",
                                        daysAgo(1).toString()),
                                "Content-Type",
                                type),
                        415,
                        "/problems/unsupported-media-type");
                assertProblem(
                        admin.send(
                                "PUT",
                                "/api/v1/admin/users/caseworker/roles",
                                "{\"roles\":[\"CASEWORKER\"]}",
                                "Content-Type",
                                type),
                        415,
                        "/problems/unsupported-media-type");
            }
        }

        @Test
        @DisplayName("a wrong method is a 405")
        void wrongMethod() {
            assertProblem(
                    caseworker.send("DELETE", "/api/v1/participants/" + wren, null),
                    405,
                    "/problems/method-not-allowed");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "-4714-11-23T00:00:00Z",
                    "+294277-01-01T00:00:00Z",
                    "+1000000000-12-31T23:59:59Z",
                    "1899-12-31T23:59:59Z",
                    "9999-12-31T23:59:59Z",
                    "2999-01-01T00:00:00Z"
                })
        @DisplayName(
                "an as-of moment no recording time can have, or one that has not come, is a 400 naming the parameter,"
                        + " for timeline and summary")
        void asOfOutOfRange(String moment) {
            for (String read : new String[] {"timeline", "summary"}) {
                Response response = caseworker.get("/api/v1/participants/" + wren + "/" + read + "?asOfRecorded="
                        + java.net.URLEncoder.encode(moment, java.nio.charset.StandardCharsets.UTF_8));
                assertProblem(response, 400, "/problems/malformed-request");
                assertThat(response.json().get("detail").asText()).contains("asOfRecorded");
            }
        }

        @Test
        @DisplayName("an as-of moment a few seconds ahead of the server's clock (a client's clock ahead) is answered")
        void asOfSlightlyAhead() {
            String moment = java.time.Instant.now()
                    .plusSeconds(20)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString();
            for (String read : new String[] {"timeline", "summary"}) {
                Response response =
                        caseworker.get("/api/v1/participants/" + wren + "/" + read + "?asOfRecorded=" + moment);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
        }

        @Test
        @DisplayName("a query parameter out of range is a 400 validation-failed naming the parameter")
        void parameterOutOfRange() {
            Response response = caseworker.get("/api/v1/participants?limit=0");

            assertProblem(response, 400, "/problems/validation-failed");
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("limit");
        }

        @Test
        @DisplayName("a query parameter of more digits than a whole number holds is a 400 that says it is out of range")
        void parameterTooLarge() {
            Response response = caseworker.get("/api/v1/participants?offset=99999999999999");

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("Parameter 'offset' is out of range for a whole number.");
            assertThat(caseworker
                            .get("/api/v1/participants?offset=ten")
                            .json()
                            .get("detail")
                            .asText())
                    .isEqualTo("Parameter 'offset' must be a whole number.");
        }

        @Test
        @DisplayName("a year of birth that cannot be is a 400")
        void yearOfBirth() {
            assertProblem(
                    caseworker.post(
                            "/api/v1/participants",
                            json(
                                    "chosenName",
                                    "Wren",
                                    "yearOfBirth",
                                    "2101",
                                    "enrolledOn",
                                    daysAgo(1).toString())),
                    400,
                    "/problems/validation-failed");
        }

        @Test
        @DisplayName("an instant that is not one says what an instant looks like; an unknown address says there is "
                + "nothing there")
        void plainWords() {
            Response instant = caseworker.get(
                    "/api/v1/participants/" + java.util.UUID.randomUUID() + "/timeline?asOfRecorded=yesterday");
            assertProblem(instant, 400, "/problems/malformed-request");
            assertThat(instant.json().get("detail").asText())
                    .isEqualTo("Parameter 'asOfRecorded' must be an instant in UTC like 2026-11-21T23:59:11Z.");

            Response nowhere = caseworker.get("/api/v1/participant");
            assertProblem(nowhere, 404, "/problems/not-found");
            assertThat(nowhere.json().get("detail").asText()).isEqualTo("There is nothing at this address.");
        }

        @Test
        @DisplayName("a bad query parameter is a 400 naming the parameter")
        void badParameter() {
            Response response = caseworker.get("/api/v1/participants?limit=lots");

            assertProblem(response, 400, "/problems/malformed-request");
            assertThat(response.json().get("detail").asText()).contains("limit");
        }
    }

    @Nested
    @DisplayName("when the participant does not exist")
    class UnknownParticipant {

        @ParameterizedTest(name = "GET {0} is a 404 participant-not-found")
        @ValueSource(strings = {"/timeline", ""})
        @DisplayName("reads are a 404")
        void reads(String suffix) {
            assertProblem(
                    caseworker.get("/api/v1/participants/" + UUID.randomUUID() + suffix),
                    404,
                    "/problems/participant-not-found");
            assertProblem(
                    caseworker.get("/api/v1/participants/not-a-uuid" + suffix), 404, "/problems/participant-not-found");
        }

        @Test
        @DisplayName("commands are a 404, and a programme's id is no participant's id")
        void commands() {
            String body = json("occurredOn", daysAgo(1).toString(), "type", "HEALTH");

            assertProblem(
                    caseworker.post("/api/v1/participants/" + UUID.randomUUID() + "/milestones", body),
                    404,
                    "/problems/participant-not-found");
            assertProblem(
                    caseworker.post("/api/v1/participants/" + programme + "/milestones", body),
                    404,
                    "/problems/participant-not-found");
        }

        @Test
        @DisplayName("a command's request is judged in one order: its body, then her id, then If-Match")
        void refusalOrder() {
            String valid = json("occurredOn", daysAgo(1).toString(), "type", "HEALTH");
            String invalid = json("type", "HEALTH");
            String someone = "/api/v1/participants/" + UUID.randomUUID() + "/milestones";
            String her = "/api/v1/participants/" + wren + "/milestones";

            assertProblem(caseworker.post(someone, invalid, "If-Match", "x"), 400, "/problems/validation-failed");
            assertProblem(caseworker.post(someone, valid, "If-Match", "x"), 404, "/problems/participant-not-found");
            assertProblem(caseworker.post(her, valid, "If-Match", "x"), 400, "/problems/invalid-if-match");
            // an empty If-Match is not "none": the client meant to send a version
            assertProblem(caseworker.post(her, valid, "If-Match", ""), 400, "/problems/invalid-if-match");
            assertProblem(caseworker.post(her, valid, "If-Match", "  "), 400, "/problems/invalid-if-match");
            // two versions at once are no version: refused, not the first one taken
            assertProblem(
                    caseworker.post(her, valid, "If-Match", "\"0\"", "If-Match", "\"1\""),
                    400,
                    "/problems/invalid-if-match");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .as("her journey's version: nothing recorded")
                    .isEqualTo("\"0\"");
        }

        @Test
        @DisplayName("an unknown programme is a 404 programme-not-found")
        void unknownProgramme() {
            assertProblem(
                    caseworker.get("/api/v1/programmes/" + UUID.randomUUID()), 404, "/problems/programme-not-found");
        }
    }

    @Nested
    @DisplayName("when a command breaks a journey rule, the problem names the rule")
    class BrokenRules {

        @Test
        @DisplayName("an exit from a programme she is not in is a 409 not-in-programme")
        void exitWithoutEntry() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", programme, "occurredOn", daysAgo(5).toString(), "reason", "COMPLETED"));

            assertRule(response, 409, "not-in-programme");
        }

        @Test
        @DisplayName("a second entry into a programme she is in is a 409 already-in-programme")
        void doubleEntry() {
            caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString()));

            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", programme, "occurredOn", daysAgo(10).toString()));

            assertRule(response, 409, "already-in-programme");
        }

        @Test
        @DisplayName("an event dated before her enrolment is a 422 dated-before-enrolment")
        void beforeEnrolment() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(101).toString(), "type", "HEALTH"));

            assertRule(response, 422, "dated-before-enrolment");
        }

        @Test
        @DisplayName("an event dated in the future is a 422 dated-in-future")
        void future() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/relapses",
                    json("occurredOn", daysAgo(-2).toString(), "kind", "OTHER"));

            assertRule(response, 422, "dated-in-future");
        }

        @Test
        @DisplayName("an entry into a programme nobody registered is a 422 unknown-programme")
        void unknownProgramme() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json(
                            "programmeId",
                            UUID.randomUUID().toString(),
                            "occurredOn",
                            daysAgo(5).toString()));

            assertRule(response, 422, "unknown-programme");
        }

        @Test
        @DisplayName("a custom milestone without her words is a 422 invalid-command")
        void customMilestoneWithoutWords() {
            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(5).toString(), "type", "CUSTOM"));

            assertProblem(response, 422, "/problems/invalid-command");
            assertThat(response.json().get("detail").asText()).contains("custom milestone");
        }

        @Test
        @DisplayName("every rule's type URI describes the rule")
        void describedRules() {
            Response response = anonymous.get("/problems/not-in-programme");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("status").asInt()).isEqualTo(409);
            assertThat(response.json().get("description").asText()).contains("not in this programme");
        }

        private void assertRule(Response response, int status, String rule) {
            assertProblem(response, status, "/problems/" + rule);
            assertThat(response.json().get("rule").asText()).isEqualTo(rule);
            assertThat(response.json().get("detail").asText()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("when the caller is not signed in or not allowed")
    class Access {

        @Test
        @DisplayName("no credentials is a 401 problem asking for Basic credentials")
        void unauthenticated() {
            Response response = anonymous.get("/api/v1/participants");

            assertProblem(response, 401, "/problems/unauthenticated");
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        }

        @Test
        @DisplayName("a wrong password is a 401")
        void wrongPassword() {
            Response response = client(CASEWORKER, "guess").get("/api/v1/participants");

            assertProblem(response, 401, "/problems/unauthenticated");
        }

        @Test
        @DisplayName("a caseworker may not run administration: 403")
        void forbidden() {
            assertProblem(caseworker.get("/api/v1/admin/projections"), 403, "/problems/forbidden");
        }
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo(type);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
