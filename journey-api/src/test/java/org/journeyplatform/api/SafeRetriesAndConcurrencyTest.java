package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Commands are safe to retry (Idempotency-Key) and to send concurrently (If-Match)")
class SafeRetriesAndConcurrencyTest extends ApiTest {

    private String programme;
    private String wren;

    @BeforeEach
    void participantInNoProgramme() {
        programme = registerProgramme("Harbour House", "RESIDENTIAL");
        wren = enrol("Wren", daysAgo(100));
    }

    @Nested
    @DisplayName("a command sent with an Idempotency-Key")
    class IdempotencyKeys {

        private final String key = UUID.randomUUID().toString();

        @Test
        @DisplayName("retried with the same body records nothing new and returns the first response")
        void retry() {
            String body =
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString());
            Response first = caseworker.post(entries(), body, "Idempotency-Key", key);

            Response retry = caseworker.post(entries(), body, "Idempotency-Key", key);

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(awaitTimeline(wren, 2)).hasSize(2);
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"1\"");
        }

        @Test
        @DisplayName("retried with the same key but a different body is a 422 and records nothing")
        void differentBody() {
            caseworker.post(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString()),
                    "Idempotency-Key",
                    key);

            Response other = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(5).toString(), "type", "HEALTH"),
                    "Idempotency-Key",
                    key);

            assertProblem(other, 422, "/problems/idempotency-key-reused");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"1\"");
        }

        @Test
        @DisplayName("whose first attempt broke a rule gets the same problem again")
        void retryOfARefusal() {
            String body =
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString(), "reason", "OTHER");
            Response first =
                    caseworker.post("/api/v1/participants/" + wren + "/programme-exits", body, "Idempotency-Key", key);

            Response retry =
                    caseworker.post("/api/v1/participants/" + wren + "/programme-exits", body, "Idempotency-Key", key);

            assertProblem(first, 409, "/problems/not-in-programme");
            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.body()).isEqualTo(first.body());
        }

        @Test
        @DisplayName("belongs to the user who sent it: another user's same key is a separate request")
        void scopedToTheUser() {
            Response mine = admin.post(
                    "/api/v1/programmes", json("name", "Outreach", "type", "OUTREACH"), "Idempotency-Key", key);
            Response theirs = caseworker.post(
                    "/api/v1/participants",
                    json("chosenName", "Juniper", "enrolledOn", daysAgo(3).toString()),
                    "Idempotency-Key",
                    key);

            assertThat(mine.status()).isEqualTo(201);
            assertThat(theirs.status()).isEqualTo(201);
            assertThat(theirs.header("Idempotent-Replayed")).isNull();
        }

        @Test
        @DisplayName("with a body over 1 MiB is a 413 and records nothing")
        void tooLarge() {
            Response response = caseworker.post(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString(), "note", "x".repeat(1 << 20)),
                    "Idempotency-Key",
                    key);

            assertProblem(response, 413, "/problems/payload-too-large");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"0\"");
        }

        @Test
        @DisplayName(
                "or without one, with a body over 1 MiB, is a 413 too (not a malformed request) and records nothing")
        void tooLargeWithoutKey() {
            Response response = caseworker.post(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString(), "note", "x".repeat(1 << 20)));

            assertProblem(response, 413, "/problems/payload-too-large");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"0\"");
        }

        @Test
        @DisplayName("or without one, with a body over 1 MiB sent without a length (chunked), is a 413 and records "
                + "nothing; one within the limit is recorded")
        void tooLargeChunked() {
            Response tooLarge = caseworker.postChunked(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString(), "note", "x".repeat(1 << 20)));

            assertProblem(tooLarge, 413, "/problems/payload-too-large");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"0\"");

            Response small = caseworker.postChunked(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString()));
            assertThat(small.status()).as(small.toString()).isEqualTo(201);
        }

        @Test
        @DisplayName("that is not 1 to 255 visible characters is a 400")
        void invalidKey() {
            Response response = caseworker.post(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString()),
                    "Idempotency-Key",
                    "x".repeat(256));

            assertProblem(response, 400, "/problems/invalid-idempotency-key");
        }

        @Test
        @DisplayName("sent twice in one request is a 400, and nothing is recorded")
        void twoKeys() {
            long version = Long.parseLong(caseworker
                    .get("/api/v1/participants/" + wren)
                    .header("ETag")
                    .replace("\"", ""));
            Response response = caseworker.post(
                    entries(),
                    json("programmeId", programme, "occurredOn", daysAgo(50).toString()),
                    "Idempotency-Key",
                    "first-key",
                    "Idempotency-Key",
                    "second-key");

            assertProblem(response, 400, "/problems/invalid-idempotency-key");
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"" + version + "\"");
        }

        private String entries() {
            return "/api/v1/participants/" + wren + "/programme-entries";
        }
    }

    @Nested
    @DisplayName("a command sent with If-Match")
    class ExpectedVersions {

        @Test
        @DisplayName("naming the current version is accepted and answers the new version")
        void current() {
            String etag = caseworker.get("/api/v1/participants/" + wren).header("ETag");

            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(5).toString(), "type", "HEALTH"),
                    "If-Match",
                    etag);

            assertThat(etag).isEqualTo("\"0\"");
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("ETag")).isEqualTo("\"1\"");
        }

        @Test
        @DisplayName("naming a version someone else has since changed is a 412 and records nothing")
        void stale() {
            String seen = caseworker.get("/api/v1/participants/" + wren).header("ETag");
            caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(6).toString(), "type", "EMPLOYMENT"));

            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(5).toString(), "type", "HEALTH"),
                    "If-Match",
                    seen);

            assertProblem(response, 412, "/problems/stale-version");
            assertThat(response.json().get("currentVersion").asLong()).isEqualTo(1);
            assertThat(caseworker.get("/api/v1/participants/" + wren).header("ETag"))
                    .isEqualTo("\"1\"");
        }

        @Test
        @DisplayName("naming a stale version is a 412 even when the command would also break a rule")
        void staleBeforeRules() {
            caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(6).toString(), "type", "EMPLOYMENT"));

            Response response = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", programme, "occurredOn", daysAgo(5).toString(), "reason", "OTHER"),
                    "If-Match",
                    "\"0\"");

            assertProblem(response, 412, "/problems/stale-version");
        }

        @Test
        @DisplayName(
                "that is not a version, a version with a quote unpaired, or one no ETag was written as (\"01\") is "
                        + "a 400")
        void invalid() {
            for (String ifMatch :
                    List.of("\"yesterday\"", "\"1", "1\"", "W/1", "\"\"1\"\"", "\"01\"", "00", "W/\"001\"")) {
                Response response = caseworker.post(
                        "/api/v1/participants/" + wren + "/milestones",
                        json("occurredOn", daysAgo(5).toString(), "type", "HEALTH"),
                        "If-Match",
                        ifMatch);

                assertProblem(response, 400, "/problems/invalid-if-match");
            }
        }
    }
}
