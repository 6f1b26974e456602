package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Every access to a participant's data leaves a trace in a tamper-evident audit log")
class AuditTest extends ApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    private String wren;

    @BeforeEach
    void participant() {
        wren = enrol("Wren", daysAgo(30));
    }

    @Nested
    @DisplayName("when staff read and write her record")
    class Recording {

        @Test
        @DisplayName("N reads produce N read entries naming her, the reader, the endpoint and the purpose given")
        void reads() {
            for (int i = 0; i < 3; i++) {
                caseworker.get("/api/v1/participants/" + wren);
            }
            caseworker.send(
                    "GET",
                    "/api/v1/participants/" + wren + "/timeline",
                    null,
                    "X-Access-Purpose",
                    "preparing her review meeting");

            List<JsonNode> reads = entries(wren, "READ");

            assertThat(reads).hasSize(4);
            assertThat(reads).allSatisfy(entry -> {
                assertThat(entry.get("actor").asText()).isEqualTo(CASEWORKER);
                assertThat(entry.get("roles").asText()).isEqualTo("ROLE_CASEWORKER");
            });
            assertThat(reads.get(0).get("endpoint").asText()).isEqualTo("GET /api/v1/participants/{participantId}");
            assertThat(reads.get(3).get("endpoint").asText())
                    .isEqualTo("GET /api/v1/participants/{participantId}/timeline");
            assertThat(reads.get(3).get("purpose").asText()).isEqualTo("preparing her review meeting");
        }

        @Test
        @DisplayName("her enrolment and every command on her record are write entries")
        void writes() {
            caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(1).toString(), "type", "HEALTH"));

            List<JsonNode> writes = entries(wren, "WRITE");

            assertThat(writes)
                    .extracting(entry -> entry.get("endpoint").asText())
                    .containsExactly(
                            "POST /api/v1/participants", "POST /api/v1/participants/{participantId}/milestones");
        }

        @Test
        @DisplayName("a list that names her is a read of her data")
        void lists() {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> caseworker
                            .get("/api/v1/participants?limit=500")
                            .json()
                            .findValuesAsText("participantId")
                            .contains(wren));

            assertThat(entries(wren, "READ"))
                    .extracting(entry -> entry.get("endpoint").asText())
                    .contains("GET /api/v1/participants");
        }

        @Test
        @DisplayName("an accounting of disclosures lists every access to her, for administrators only")
        void disclosures() {
            caseworker.get("/api/v1/participants/" + wren + "/summary");

            Response accounting = admin.get("/api/v1/admin/participants/" + wren + "/disclosures");

            assertThat(accounting.status()).isEqualTo(200);
            assertThat(accounting.json().findValuesAsText("endpoint"))
                    .contains("GET /api/v1/participants/{participantId}/summary");
            assertThat(caseworker
                            .get("/api/v1/admin/participants/" + wren + "/disclosures")
                            .status())
                    .isEqualTo(403);
            assertThat(caseworker.get("/api/v1/admin/audit").status()).isEqualTo(403);
        }

        @Test
        @DisplayName(
                "an accounting of disclosures for an id nobody was enrolled under (a random one, a programme's) is a 404, "
                        + "not an empty list")
        void disclosuresOfNobody() {
            Response accounting =
                    admin.get("/api/v1/admin/participants/" + java.util.UUID.randomUUID() + "/disclosures");

            assertThat(accounting.status()).as(accounting.toString()).isEqualTo(404);
            assertThat(accounting.json().get("type").asText()).isEqualTo("/problems/participant-not-found");
            String programme = registerProgramme("Disclosures house " + System.nanoTime(), "RESIDENTIAL");
            Response ofAProgramme = admin.get("/api/v1/admin/participants/" + programme + "/disclosures");
            assertThat(ofAProgramme.status()).as("a programme's id").isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("when a read is refused, a HEAD is sent, or a record is opened under break-glass")
    class OutcomesAndDisclosures {

        private ApiClient outreachWorker;

        @BeforeEach
        void outsider() {
            outreachWorker = client("outreach-worker", "outreach-demo"); // not in any programme of hers
        }

        @Test
        @DisplayName(
                "a read refused as out of scope is recorded as REFUSED and is not in her accounting of disclosures")
        void refusedRead() {
            // given her record is outside the outreach worker's programmes, and her caseworker read it
            assertThat(caseworker
                            .get("/api/v1/participants/" + wren + "/summary")
                            .status())
                    .isEqualTo(200);

            // when
            Response refused = outreachWorker.get("/api/v1/participants/" + wren + "/timeline");

            // then
            assertThat(refused.status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> entries(wren, "READ").stream()
                            .anyMatch(entry -> entry.get("actor").asText().equals("outreach-worker")));
            assertThat(entries(wren, "READ"))
                    .filteredOn(entry -> entry.get("actor").asText().equals("outreach-worker"))
                    .extracting(entry -> entry.get("outcome").asText())
                    .containsExactly("REFUSED");
            JsonNode disclosures = admin.get("/api/v1/admin/participants/" + wren + "/disclosures")
                    .json();
            assertThat(disclosures)
                    .extracting(entry -> entry.get("actor").asText() + " "
                            + entry.get("action").asText() + " "
                            + entry.get("outcome").asText() + " "
                            + entry.get("endpoint").asText())
                    .as("her enrolment (a write) and the refused read are no disclosures")
                    .containsExactly("caseworker READ ALLOWED GET /api/v1/participants/{participantId}/summary");
        }

        @Test
        @DisplayName("a HEAD of her record is a read, never a write")
        void head() {
            // when
            Response head = caseworker.send("HEAD", "/api/v1/participants/" + wren, null);

            // then
            assertThat(head.status()).isEqualTo(200);
            assertThat(entries(wren, "WRITE"))
                    .extracting(entry -> entry.get("endpoint").asText())
                    .containsExactly("POST /api/v1/participants");
            assertThat(entries(wren, "READ"))
                    .extracting(entry -> entry.get("endpoint").asText())
                    .contains("HEAD /api/v1/participants/{participantId}");
        }

        @Test
        @DisplayName("reads under a break-glass grant are marked as such; reads within one's scope are not")
        void breakGlass() {
            // given
            Response grant = outreachWorker.post(
                    "/api/v1/participants/" + wren + "/break-glass",
                    json("reason", "Called by the night shelter, she asked for help"));
            assertThat(grant.status()).as(grant.toString()).isEqualTo(201);

            // when
            assertThat(outreachWorker
                            .get("/api/v1/participants/" + wren + "/summary")
                            .status())
                    .isEqualTo(200);
            assertThat(caseworker
                            .get("/api/v1/participants/" + wren + "/summary")
                            .status())
                    .isEqualTo(200);

            // then
            List<JsonNode> summaries = entries(wren, "READ").stream()
                    .filter(entry -> entry.get("endpoint").asText().endsWith("/summary"))
                    .toList();
            assertThat(summaries)
                    .extracting(entry -> entry.get("actor").asText() + " " + entry.get("breakGlass"))
                    .containsExactly("outreach-worker true", "caseworker false");
            assertThat(admin.get("/api/v1/admin/participants/" + wren + "/disclosures")
                            .json())
                    .filteredOn(entry -> entry.get("endpoint").asText().endsWith("/summary"))
                    .extracting(entry -> entry.get("breakGlass").asBoolean())
                    .containsExactly(true, false);
        }
    }

    @Nested
    @DisplayName("when a purpose is given in X-Access-Purpose")
    class Purposes {

        @Test
        @DisplayName("\"révision\" sent in UTF-8 is stored and shown as sent")
        void utf8() {
            // when
            Response read = caseworker.sendRaw(
                    "GET",
                    "/api/v1/participants/" + wren,
                    "X-Access-Purpose",
                    "révision du dossier".getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(entries(wren, "READ"))
                    .extracting(entry -> entry.get("purpose").asText())
                    .containsExactly("révision du dossier");
        }

        @Test
        @DisplayName("a purpose with a check mark (three bytes of UTF-8) is no server error: it is stored as sent")
        void checkMark() {
            // when
            Response read = caseworker.sendRaw(
                    "GET",
                    "/api/v1/participants/" + wren + "/timeline",
                    "X-Access-Purpose",
                    "✓ plan reviewed".getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(entries(wren, "READ"))
                    .extracting(entry -> entry.get("purpose").asText())
                    .containsExactly("✓ plan reviewed");
        }

        @Test
        @DisplayName(
                "a purpose that is not UTF-8, holds a control character or is sent twice is a 400 problem and nothing "
                        + "is read")
        void refused() {
            // when
            Response latin1 = caseworker.sendRaw(
                    "GET",
                    "/api/v1/participants/" + wren,
                    "X-Access-Purpose",
                    "révision".getBytes(StandardCharsets.ISO_8859_1));
            Response control = caseworker.sendRaw(
                    "GET",
                    "/api/v1/participants/" + wren,
                    "X-Access-Purpose",
                    "review\u0085now".getBytes(StandardCharsets.UTF_8));

            // then
            Response twice = caseworker.send(
                    "GET",
                    "/api/v1/participants/" + wren,
                    null,
                    "X-Access-Purpose",
                    "review of her plan",
                    "X-Access-Purpose",
                    "something else");
            for (Response refused : List.of(latin1, control, twice)) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
                assertThat(refused.json().get("type").asText()).isEqualTo("/problems/invalid-access-purpose");
                assertThat(refused.body()).doesNotContain("review");
            }
            assertThat(entries(wren, "READ")).isEmpty();
        }
    }

    @Nested
    @DisplayName("when the log is verified")
    class Verification {

        @Test
        @DisplayName("an untouched log verifies")
        void untouched() {
            caseworker.get("/api/v1/participants/" + wren);

            JsonNode verification =
                    admin.get("/api/v1/admin/audit/verification").json();

            assertThat(verification.get("valid").asBoolean()).isTrue();
            assertThat(verification.get("entries").asLong()).isPositive();
        }

        @Test
        @DisplayName("the database refuses to change or delete an entry, sealed or not")
        void appendOnly() {
            caseworker.get("/api/v1/participants/" + wren);

            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update(
                            "UPDATE audit_entry SET actor = 'someone-else' WHERE participant_id = ?", wren)))
                    .rootCause()
                    .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update(
                            "UPDATE audit_entry SET hash = repeat('0', 64) WHERE participant_id = ?", wren)))
                    .as("a sealed entry's seal cannot be rewritten either")
                    .rootCause()
                    .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                            () -> jdbc.update("DELETE FROM audit_entry WHERE participant_id = ?", wren)))
                    .rootCause()
                    .hasMessageContaining("append-only: DELETE is not allowed");
        }

        @Test
        @DisplayName("the database lets an unsealed entry be sealed, and only sealed: not changed on the way, nor half "
                + "sealed")
        void onlySealing() {
            // in one transaction rolled back at the end: the entry never reaches the running sealing step
            jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
                connection.setAutoCommit(false);
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SAVEPOINT start");
                    long entry;
                    try (java.sql.ResultSet inserted = statement.executeQuery("""
                            INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, endpoint)
                            VALUES (now(), 'caseworker', 'CASEWORKER', 'READ', 'p-test', 'GET /x') RETURNING entry_id""")) {
                        inserted.next();
                        entry = inserted.getLong(1);
                    }
                    String seal = "position = 999999999, previous_hash = repeat('1', 64), hash = repeat('2', 64), "
                            + "mac_key_id = 'k'";
                    for (String tampering : List.of(
                            seal + ", actor = 'someone-else'",
                            seal + ", participant_id = 'p-other'",
                            seal + ", break_glass = true",
                            "position = 999999999, hash = repeat('2', 64)", // no previous hash: half sealed
                            "previous_hash = repeat('1', 64), hash = repeat('2', 64)", // no position
                            "actor = 'someone-else'")) {
                        statement.execute("SAVEPOINT attempt");
                        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                                        "UPDATE audit_entry SET " + tampering + " WHERE entry_id = " + entry)))
                                .as(tampering)
                                .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
                        statement.execute("ROLLBACK TO SAVEPOINT attempt");
                    }
                    for (String hidden : List.of("0", "-" + entry)) {
                        statement.execute("SAVEPOINT attempt");
                        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                        () -> statement.executeUpdate("UPDATE audit_entry SET "
                                                + seal.replace("999999999", hidden) + " WHERE entry_id = " + entry)))
                                .as("sealed where no reader of the chain looks: position " + hidden)
                                .hasMessageContaining("audit_entry_position_from_one");
                        statement.execute("ROLLBACK TO SAVEPOINT attempt");
                    }
                    for (String[] unknown : List.of(
                            new String[] {"'NOPE'", "'ALLOWED'", "audit_entry_action_known"},
                            new String[] {"'READ'", "'MAYBE'", "audit_entry_outcome_known"})) {
                        statement.execute("SAVEPOINT attempt");
                        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                                        "INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, "
                                                + "endpoint, outcome) VALUES (now(), 'x', 'X', " + unknown[0]
                                                + ", 'p', 'GET /x', " + unknown[1] + ")")))
                                .as("an entry no reader could read")
                                .hasMessageContaining(unknown[2]);
                        statement.execute("ROLLBACK TO SAVEPOINT attempt");
                    }
                    assertThat(statement.executeUpdate("UPDATE audit_entry SET " + seal + " WHERE entry_id = " + entry))
                            .as("the sealing itself")
                            .isEqualTo(1);
                    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> statement.executeUpdate(
                                    "UPDATE audit_entry SET position = 999999998 WHERE entry_id = " + entry)))
                            .as("sealed once, never again")
                            .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                return null;
            });
        }

        @Test
        @DisplayName("an entry's text changed behind the database's back is found, at its position")
        void tampering() {
            // given
            caseworker.get("/api/v1/participants/" + wren);
            admin.get("/api/v1/admin/audit/verification"); // seals what is waiting
            long position = jdbc.queryForObject(
                    "SELECT max(position) FROM audit_entry WHERE participant_id = ? AND action = 'READ'",
                    Long.class,
                    wren);
            String actor =
                    jdbc.queryForObject("SELECT actor FROM audit_entry WHERE position = ?", String.class, position);
            try {
                // when
                rewrite(position, "someone-else");

                // then
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("firstInvalidPosition").asLong()).isEqualTo(position);
                assertThat(verification.get("problem").asText())
                        .isEqualTo("entry " + position + " is not as it was sealed: its fields do not match its MAC");
            } finally {
                rewrite(position, actor); // put it back: the log is shared by the other tests of this run
            }
            assertChainValid();
        }

        @Test
        @DisplayName("an entry rewritten with a recomputed plain SHA-256, as the old chain was sealed, is found: "
                + "without the key nobody can recompute its MAC")
        void recomputedWithoutTheKey() {
            // given the newest entry, sealed with a keyed MAC
            caseworker.get("/api/v1/participants/" + wren);
            assertChainValid();
            Map<String, Object> entry = jdbc.queryForMap(
                    "SELECT * FROM audit_entry WHERE position = (SELECT max(position) FROM audit_entry)");
            long position = (Long) entry.get("position");
            assertThat(entry.get("mac_key_id")).isEqualTo("development");
            String sha256 = legacySha256(entry, "someone-else");
            try {
                // when it is changed and given the plain SHA-256 of its new fields: as a keyed entry, then as an old
                // one
                superuser("UPDATE audit_entry SET actor = 'someone-else', hash = '" + sha256 + "' WHERE position = "
                        + position);
                JsonNode keyed = admin.get("/api/v1/admin/audit/verification").json();
                superuser("UPDATE audit_entry SET mac_key_id = NULL WHERE position = " + position);
                JsonNode downgraded =
                        admin.get("/api/v1/admin/audit/verification").json();

                // then
                assertThat(keyed.get("valid").asBoolean()).isFalse();
                assertThat(keyed.get("problem").asText())
                        .isEqualTo("entry " + position + " is not as it was sealed: its fields do not match its MAC");
                assertThat(downgraded.get("valid").asBoolean()).isFalse();
                assertThat(downgraded.get("problem").asText())
                        .isEqualTo("entry " + position
                                + " carries a plain SHA-256 where a keyed MAC is required: it was rewritten");
            } finally {
                jdbc.update("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
                try {
                    jdbc.update(
                            "UPDATE audit_entry SET actor = ?, hash = ?, mac_key_id = ? WHERE position = ?",
                            entry.get("actor"),
                            entry.get("hash"),
                            entry.get("mac_key_id"),
                            position);
                } finally {
                    jdbc.update("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
                }
            }
            assertChainValid();
        }

        private void rewrite(long position, String actor) {
            jdbc.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            try {
                jdbc.update("UPDATE audit_entry SET actor = ? WHERE position = ?", actor, position);
            } finally {
                jdbc.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            }
        }
    }

    @Nested
    @DisplayName("given a checkpoint of the chain's head, in its table and in its file")
    class Checkpoints {

        private long head;

        @BeforeEach
        void checkpointed() {
            for (int i = 0; i < 3; i++) {
                caseworker.get("/api/v1/participants/" + wren);
            }
            JsonNode verification =
                    admin.get("/api/v1/admin/audit/verification").json();
            assertThat(verification.get("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
            head = jdbc.queryForObject("SELECT max(position) FROM audit_entry", Long.class);
            assertThat(verification.get("checkpoint").get("position").asLong()).isEqualTo(head);
            assertThat(AUDIT_CHECKPOINT_FILE).exists();
        }

        @Test
        @DisplayName("the checkpoint file is readable by the platform's user only and holds no personal data")
        void file() throws Exception {
            assertThat(java.nio.file.Files.getPosixFilePermissions(AUDIT_CHECKPOINT_FILE))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            JsonNode checkpoint =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(AUDIT_CHECKPOINT_FILE.toFile());
            assertThat(checkpoint.get("position").asLong()).isEqualTo(head);
            assertThat(fieldNames(checkpoint))
                    .containsExactly("chainId", "position", "headHash", "createdAt", "macKeyId", "mac");
        }

        @Test
        @DisplayName(
                "a checkpoint file whose path holds {chainId} is named by this audit log's id, so that instances of "
                        + "two databases on one machine (the default path) never read each other's")
        void fileNamedByChain(
                @Autowired org.springframework.jdbc.core.simple.JdbcClient client,
                @Autowired org.springframework.transaction.support.TransactionTemplate transactions,
                @Autowired org.journeyplatform.infra.crypto.MasterKeys masterKeys)
                throws Exception {
            // given
            java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("journey-audit-chain");
            String chain =
                    jdbc.queryForObject("SELECT chain_id FROM audit_chain ORDER BY created_at LIMIT 1", String.class);
            java.nio.file.Path foreign = directory.resolve("checkpoint-another-chain.json");
            java.nio.file.Files.writeString(foreign, "{\"chainId\":\"another-chain\"}");
            org.journeyplatform.api.audit.AuditCheckpoints checkpoints =
                    new org.journeyplatform.api.audit.AuditCheckpoints(
                            client,
                            transactions,
                            java.time.Clock.systemUTC(),
                            masterKeys,
                            directory.resolve("checkpoint-{chainId}.json").toString());

            // when
            assertThat(checkpoints.checkpoint(true)).isPresent();

            // then
            java.nio.file.Path own = directory.resolve("checkpoint-" + chain + ".json");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(own.toFile())
                            .get("chainId")
                            .asText())
                    .isEqualTo(chain);
            assertThat(java.nio.file.Files.readString(foreign)).contains("another-chain");
        }

        @Test
        @DisplayName(
                "deleting the newest entries as a database superuser is found: the chain ends before the checkpoint")
        void newestDeleted() {
            removingNewest(2, false, () -> {
                // then
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("problem").asText())
                        .startsWith("the chain ends at entry " + (head - 2) + " but the checkpoint of ")
                        .endsWith(" recorded " + head + ": the newest entries were removed");
                assertThat(verification.get("firstInvalidPosition").asLong()).isEqualTo(head - 1);
            });
        }

        @Test
        @DisplayName("deleting the newest entries and the checkpoints in the table is found by the file alone")
        void newestAndCheckpointsDeleted() {
            removingNewest(1, true, () -> {
                // then
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("problem").asText())
                        .startsWith("the chain ends at entry " + (head - 1) + " but the checkpoint of ")
                        .contains("(checkpoint file) recorded " + head);
            });
        }

        @Test
        @DisplayName("new entries sealed where deleted ones were are found: they are not the entries the checkpoint "
                + "recorded")
        void newestReplaced() {
            removingNewest(1, true, () -> {
                // when a new access takes the deleted entry's position
                caseworker.get("/api/v1/participants/" + wren);

                // then
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("problem").asText())
                        .startsWith("entry " + head + " is not the entry the checkpoint of ");
            });
        }

        @Test
        @DisplayName("an entry written straight into the database as if sealed at the head is neither chained onto nor "
                + "checkpointed, and the log says so once")
        void forgedHead(
                @Autowired org.journeyplatform.api.audit.AuditLog auditLog,
                @Autowired org.journeyplatform.api.audit.AuditCheckpoints checkpoints) {
            // given an entry inserted (which any writer of the table may do) as the head's successor, with the head's
            // MAC as its previous hash but a MAC of its own that the platform's key did not make
            String headHash =
                    jdbc.queryForObject("SELECT hash FROM audit_entry WHERE position = ?", String.class, head);
            jdbc.update("""
                    INSERT INTO audit_entry (position, previous_hash, hash, mac_key_id, recorded_at, actor, roles,
                                             action, participant_id, endpoint, outcome)
                    VALUES (?, ?, repeat('a', 64), 'development', now(), 'forged-manager', 'MANAGER', 'READ', ?,
                            'GET /api/v1/participants/{participantId}', 'ALLOWED')""", head + 1, headHash, wren);
            long checkpointsBefore = jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class);
            try {
                // when a real access follows, and the sealing step and the checkpoint run
                caseworker.get("/api/v1/participants/" + wren);
                auditLog.seal();

                // then the real entry waits unsealed, no checkpoint covers the forged one, and verification names it
                assertThat(checkpoints.checkpoint(true)).isEmpty();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class))
                        .isEqualTo(checkpointsBefore);
                assertThat(jdbc.queryForObject("SELECT max(position) FROM audit_entry", Long.class))
                        .isEqualTo(head + 1);
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("problem").asText())
                        .isEqualTo("entry " + (head + 1) + " is not as it was sealed: its fields do not match its MAC");
            } finally {
                superuser("DELETE FROM audit_entry WHERE position = " + (head + 1));
            }
            // and once it is gone the waiting entries are sealed after the real head
            auditLog.seal();
            JsonNode verification =
                    admin.get("/api/v1/admin/audit/verification").json();
            assertThat(verification.get("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM audit_entry WHERE position > ? AND actor = 'caseworker'",
                            Long.class,
                            head))
                    .isPositive();
        }

        @Test
        @DisplayName("a verification that cannot take the sealing lock, held elsewhere, says so instead of waiting")
        void lockHeld(@Autowired javax.sql.DataSource dataSource) throws Exception {
            try (java.sql.Connection holder = dataSource.getConnection();
                    java.sql.Statement statement = holder.createStatement()) {
                // given someone holding the sealing lock
                statement.execute("SELECT pg_advisory_lock(" + 0x6a6f75726e6579L + ")");
                try {
                    // when
                    JsonNode verification =
                            admin.get("/api/v1/admin/audit/verification").json();

                    // then
                    assertThat(verification.get("valid").asBoolean()).isFalse();
                    assertThat(verification.get("problem").asText())
                            .startsWith("the audit log's sealing lock was held elsewhere for over 10 s");
                    assertThat(verification.has("entries"))
                            .as("not counted, rather than none")
                            .isFalse();
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + 0x6a6f75726e6579L + ")");
                }
            }
            assertChainValid();
        }

        @Test
        @DisplayName(
                "an entry inserted straight into the database, made up or copied from a real one, is never sealed, "
                        + "and verification names it; real entries are sealed around it")
        void insertedOutsideThePlatform(@Autowired org.journeyplatform.api.audit.AuditLog auditLog) {
            // given a made-up access, backdated, and a copy of a real entry (its MAC included) under a new id
            long madeUp = jdbc.queryForObject("""
                    INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, endpoint, outcome)
                    VALUES (now() - interval '400 days', 'forged-manager', 'MANAGER', 'READ', ?,
                            'GET /api/v1/participants/{participantId}', 'ALLOWED') RETURNING entry_id""", Long.class, wren);
            long copied = jdbc.queryForObject("""
                    INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, endpoint, purpose,
                                             purpose_sealed, break_glass, outcome, append_key_id, append_mac)
                    SELECT recorded_at, actor, roles, action, participant_id, endpoint, purpose, purpose_sealed,
                           break_glass, outcome, append_key_id, append_mac
                      FROM audit_entry WHERE position = ? RETURNING entry_id""", Long.class, head);
            try {
                // when a real access follows and the sealing step runs
                caseworker.get("/api/v1/participants/" + wren);
                // (another application of the test run may be sealing at that moment: this call then leaves it the
                // work, so the test waits for the entry to be sealed by whichever does it)
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(20))
                        .untilAsserted(() -> {
                            auditLog.seal();
                            assertThat(jdbc.queryForObject(
                                            "SELECT count(*) FROM audit_entry WHERE position > ? AND actor = 'caseworker'",
                                            Long.class,
                                            head))
                                    .isPositive();
                        });

                // then neither is sealed, the real one is, and verification names the first of them
                assertThat(jdbc.queryForList(
                                "SELECT position FROM audit_entry WHERE entry_id IN (?, ?)",
                                Long.class,
                                madeUp,
                                copied))
                        .containsOnlyNulls();
                JsonNode verification =
                        admin.get("/api/v1/admin/audit/verification").json();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("problem").asText())
                        .isEqualTo("2 unsealed entries were not written by the platform (the first has id " + madeUp
                                + "): it did not make their MAC, so they are not sealed");
                // and neither is shown as an access: not in her accounting of disclosures, not among the entries
                assertThat(admin.get("/api/v1/admin/participants/" + wren + "/disclosures?limit=500")
                                .body())
                        .doesNotContain("forged-manager");
                assertThat(admin
                                .get("/api/v1/admin/audit?participantId=" + wren + "&limit=500")
                                .json()
                                .findValues("entryId")
                                .stream()
                                .map(JsonNode::asLong)
                                .toList())
                        .doesNotContain(madeUp, copied);
            } finally {
                superuser("DELETE FROM audit_entry WHERE entry_id IN (" + madeUp + ", " + copied + ")");
            }
            assertChainValid();
        }

        /**
         * Deletes the newest entries (and the checkpoints after them) as a superuser would, bypassing the triggers,
         * runs the check, then puts everything back: the log is shared by the other tests of this run.
         */
        private void removingNewest(int entries, boolean checkpointsToo, Runnable check) {
            String suffix = Long.toString(System.nanoTime());
            jdbc.execute("CREATE TABLE removed_entries_" + suffix + " AS SELECT * FROM audit_entry WHERE position > "
                    + (head - entries));
            jdbc.execute("CREATE TABLE removed_checkpoints_" + suffix
                    + " AS SELECT * FROM audit_checkpoint WHERE position > " + (head - entries));
            try {
                // when
                superuser("DELETE FROM audit_entry WHERE position > " + (head - entries));
                if (checkpointsToo) {
                    superuser("DELETE FROM audit_checkpoint WHERE position > " + (head - entries));
                }
                check.run();
            } finally {
                superuser("DELETE FROM audit_entry WHERE position > " + (head - entries));
                superuser("DELETE FROM audit_checkpoint WHERE position > " + (head - entries));
                jdbc.execute("INSERT INTO audit_entry SELECT * FROM removed_entries_" + suffix);
                jdbc.execute("INSERT INTO audit_checkpoint SELECT * FROM removed_checkpoints_" + suffix);
                jdbc.execute("DROP TABLE removed_entries_" + suffix);
                jdbc.execute("DROP TABLE removed_checkpoints_" + suffix);
            }
            JsonNode verification =
                    admin.get("/api/v1/admin/audit/verification").json();
            assertThat(verification.get("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
        }
    }

    /** Runs one statement with the triggers off, as a superuser can (session_replication_role = replica). */
    /** The audit log's chain verifies. */
    private void assertChainValid() {
        JsonNode verification = admin.get("/api/v1/admin/audit/verification").json();
        assertThat(verification.get("valid").asBoolean())
                .as(verification.toString())
                .isTrue();
    }

    private void superuser(String sql) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                try {
                    statement.execute(sql);
                } finally {
                    statement.execute("SET session_replication_role = origin");
                }
            }
            return null;
        });
    }

    /** The plain SHA-256 the chain was sealed with before V15, over the entry with another actor. */
    private static String legacySha256(Map<String, Object> entry, String actor) {
        String canonical = String.join(
                "\u001f",
                (String) entry.get("previous_hash"),
                String.valueOf(entry.get("position")),
                ((java.sql.Timestamp) entry.get("recorded_at")).toInstant().toString(),
                actor,
                (String) entry.get("roles"),
                (String) entry.get("action"),
                String.valueOf(entry.get("participant_id")),
                (String) entry.get("endpoint"),
                String.valueOf(entry.get("purpose")));
        if (!"ALLOWED".equals(entry.get("outcome"))) {
            canonical = canonical + "\u001f" + entry.get("outcome");
        }
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<JsonNode> entries(String participantId, String action) {
        List<JsonNode> entries = new ArrayList<>();
        admin.get("/api/v1/admin/audit?limit=1000&participantId=" + participantId)
                .json()
                .forEach(entry -> {
                    if (entry.get("action").asText().equals(action)) {
                        entries.add(entry);
                    }
                });
        return entries;
    }
}
