package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("One journey command is one transaction: its events, its audit entry and its stored answer")
class OneTransactionPerCommandTest extends ApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    private String wren;

    @BeforeEach
    void participant() {
        wren = enrol("Wren", daysAgo(100));
    }

    @AfterEach
    void removeFaults() {
        jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON audit_entry");
        jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON domain_event_entry");
        jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON idempotency_record");
        jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON participant_scope");
    }

    private long events(String participantId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, participantId);
    }

    private String milestones() {
        return "/api/v1/participants/" + wren + "/milestones";
    }

    private static String milestone() {
        return json("occurredOn", daysAgo(5).toString(), "type", "HEALTH");
    }

    /** A fault planted in the database: the next write of this kind in a transaction fails. */
    private void plantFault(String table, String when) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'planted fault'; END; $$""");
        jdbc.execute("CREATE TRIGGER test_fault BEFORE " + when + " ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION test_fault()");
    }

    @Nested
    @DisplayName("a command whose request fails at a point of the write path, retried with its Idempotency-Key")
    class FailureThenRetry {

        @ParameterizedTest(name = "failing at {0}")
        @ValueSource(
                strings = {
                    "the audit entry, before the command",
                    "the append of its event",
                    "the participant-scope model, after the append",
                    "the storing of the answer"
                })
        @DisplayName("records the event exactly once and leaves no claim behind")
        void exactlyOnce(String point) {
            switch (point) {
                case "the audit entry, before the command" -> plantFault("audit_entry", "INSERT");
                case "the append of its event" -> plantFault("domain_event_entry", "INSERT");
                case "the participant-scope model, after the append" -> {
                    // a programme entry writes participant_scope_programme; a fault there fails the whole command
                    jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON participant_scope_programme");
                    plantFault("participant_scope_programme", "INSERT");
                }
                default -> plantFault("idempotency_record", "UPDATE");
            }
            String key = UUID.randomUUID().toString();
            String path = milestones();
            String body = milestone();
            if (point.startsWith("the participant-scope")) {
                path = "/api/v1/participants/" + wren + "/programme-entries";
                body = json(
                        "programmeId",
                        registerProgramme("Harbour House", "RESIDENTIAL"),
                        "occurredOn",
                        daysAgo(50).toString());
            }

            Response failed = caseworker.post(path, body, "Idempotency-Key", key);

            assertThat(failed.status()).as(failed.toString()).isGreaterThanOrEqualTo(500);
            assertThat(failed.contentType()).startsWith("application/problem+json");
            assertThat(events(wren))
                    .as("nothing recorded by the failed attempt")
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?", Long.class, key))
                    .as("no claim left")
                    .isZero();

            removeFaults();
            jdbc.execute("DROP TRIGGER IF EXISTS test_fault ON participant_scope_programme");
            Response retry = caseworker.post(path, body, "Idempotency-Key", key);
            Response again = caseworker.post(path, body, "Idempotency-Key", key);

            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(retry.body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(events(wren)).isEqualTo(2);
        }

        @Test
        @DisplayName("on an endpoint two segments below her (a goal's progress) is one transaction too")
        void deeperEndpoint() {
            String goal = caseworker
                    .post(
                            "/api/v1/participants/" + wren + "/goals",
                            json(
                                    "description",
                                    "A flat of my own",
                                    "occurredOn",
                                    daysAgo(20).toString()))
                    .json()
                    .get("id")
                    .asText();
            plantFault("idempotency_record", "UPDATE");
            String key = UUID.randomUUID().toString();
            String path = "/api/v1/participants/" + wren + "/goals/" + goal + "/progress";
            String body =
                    json("note", "Viewed two flats", "occurredOn", daysAgo(10).toString());

            Response failed = caseworker.post(path, body, "Idempotency-Key", key);

            assertThat(failed.status()).as(failed.toString()).isGreaterThanOrEqualTo(500);
            assertThat(events(wren)).isEqualTo(2);
            removeFaults();
            assertThat(caseworker.post(path, body, "Idempotency-Key", key).status())
                    .isEqualTo(201);
            assertThat(caseworker.post(path, body, "Idempotency-Key", key).header("Idempotent-Replayed"))
                    .isEqualTo("true");
            assertThat(events(wren)).isEqualTo(3);
        }

        @Test
        @DisplayName("after the answer was lost on its way (the commit happened) gets the stored answer")
        void answerLost() {
            String key = UUID.randomUUID().toString();
            caseworker.post(milestones(), milestone(), "Idempotency-Key", key); // the client never read this

            Response retry = caseworker.post(milestones(), milestone(), "Idempotency-Key", key);

            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.json().get("version").asLong()).isEqualTo(1);
            assertThat(events(wren)).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("ten requests sent at once with one Idempotency-Key")
    class ParallelRetries {

        @Test
        @DisplayName("record exactly one event, and every answer is that event or a clear 409")
        void exactlyOne() throws Exception {
            String key = UUID.randomUUID().toString();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    answers.add(pool.submit(() -> caseworker.post(milestones(), milestone(), "Idempotency-Key", key)));
                }
                List<Response> responses = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    responses.add(answer.get());
                }
                assertThat(events(wren)).isEqualTo(2);
                for (Response response : responses) {
                    if (response.status() == 409) {
                        assertProblem(response, 409, "/problems/request-in-progress");
                    } else {
                        assertThat(response.status()).as(response.toString()).isEqualTo(201);
                        assertThat(response.json().get("version").asLong()).isEqualTo(1);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("commands sent concurrently by several staff members")
    class ConcurrentAudit {

        @Test
        @DisplayName("leave exactly one audit entry each, in a chain that verifies")
        void oneEntryEach() throws Exception {
            String other = enrol("Juniper", daysAgo(90));
            ApiClient[] staff = {
                caseworker, client("caseworker", "caseworker-demo"), client("caseworker", "caseworker-demo")
            };
            long before = jdbc.queryForObject(
                    "SELECT count(*) FROM audit_entry WHERE action = 'WRITE'" + " AND participant_id IN (?, ?)",
                    Long.class,
                    wren,
                    other);
            int n = 60;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ApiClient client = staff[i % staff.length];
                    String participant = i % 2 == 0 ? wren : other;
                    Callable<Response> call =
                            () -> client.post("/api/v1/participants/" + participant + "/milestones", milestone());
                    answers.add(pool.submit(call));
                }
                for (Future<Response> answer : answers) {
                    assertThat(answer.get().status()).isEqualTo(201);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(jdbc.queryForObject(
                                    "SELECT count(*) FROM audit_entry WHERE action = 'WRITE'"
                                            + " AND participant_id IN (?, ?)",
                                    Long.class,
                                    wren,
                                    other)
                            - before)
                    .isEqualTo(n);
            assertThat(events(wren) + events(other)).isEqualTo(n + 2);
            var verification = admin.get("/api/v1/admin/audit/verification").json();
            assertThat(verification.get("valid").asBoolean()).isTrue();
            assertThat(verification.get("unsealed").asLong()).isZero();
        }
    }

    @Nested
    @DisplayName("a command that is refused")
    class Refusals {

        @Test
        @DisplayName("by scoping leaves no event, an audit entry marked refused and no stored success")
        void byScoping() {
            String outsider = client("outreach-worker", "outreach-demo")
                    .post(
                            "/api/v1/participants",
                            json("chosenName", "Ash", "enrolledOn", daysAgo(20).toString()))
                    .json()
                    .get("participantId")
                    .asText();
            String key = UUID.randomUUID().toString();

            Response refused = caseworker.post(
                    "/api/v1/participants/" + outsider + "/milestones", milestone(), "Idempotency-Key", key);

            assertProblem(refused, 404, "/problems/participant-not-found");
            assertThat(events(outsider)).isEqualTo(1);
            assertRefusalRecorded(outsider, key, 404);
        }

        @Test
        @DisplayName("by a stale version leaves no event, an audit entry marked refused and no stored success")
        void byStaleVersion() {
            String key = UUID.randomUUID().toString();
            caseworker.post(milestones(), milestone());

            Response refused = caseworker.post(milestones(), milestone(), "If-Match", "\"0\"", "Idempotency-Key", key);

            assertProblem(refused, 412, "/problems/stale-version");
            assertThat(events(wren)).isEqualTo(2);
            assertRefusalRecorded(wren, key, 412);
        }

        @Test
        @DisplayName("by a broken rule leaves no event, an audit entry marked refused and no stored success")
        void byRule() {
            String key = UUID.randomUUID().toString();
            String programme = registerProgramme("Harbour House", "RESIDENTIAL");

            Response refused = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", programme, "occurredOn", daysAgo(5).toString(), "reason", "OTHER"),
                    "Idempotency-Key",
                    key);

            assertProblem(refused, 409, "/problems/not-in-programme");
            assertThat(events(wren)).isEqualTo(1);
            assertRefusalRecorded(wren, key, 409);
        }

        private void assertRefusalRecorded(String participant, String key, int status) {
            assertThat(jdbc.queryForList("""
                            SELECT outcome FROM audit_entry WHERE participant_id = ? AND action = 'WRITE'
                             ORDER BY entry_id DESC LIMIT 1""", String.class, participant)).containsExactly("REFUSED");
            assertThat(jdbc.queryForList(
                            "SELECT status FROM idempotency_record WHERE idempotency_key = ?", Integer.class, key))
                    .containsExactly(status);
        }
    }
}
