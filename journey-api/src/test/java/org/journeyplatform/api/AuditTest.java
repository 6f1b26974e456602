package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
            caseworker.send("GET", "/api/v1/participants/" + wren + "/timeline", null,
                    "X-Access-Purpose", "preparing her review meeting");

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
            caseworker.post("/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(1).toString(), "type", "HEALTH"));

            List<JsonNode> writes = entries(wren, "WRITE");

            assertThat(writes).extracting(entry -> entry.get("endpoint").asText()).containsExactly(
                    "POST /api/v1/participants", "POST /api/v1/participants/{participantId}/milestones");
        }

        @Test
        @DisplayName("a list that names her is a read of her data")
        void lists() {
            await().atMost(Duration.ofSeconds(20)).until(() -> caseworker.get("/api/v1/participants?limit=500")
                    .json().findValuesAsText("participantId").contains(wren));

            assertThat(entries(wren, "READ")).extracting(entry -> entry.get("endpoint").asText())
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
            assertThat(caseworker.get("/api/v1/admin/participants/" + wren + "/disclosures").status()).isEqualTo(403);
            assertThat(caseworker.get("/api/v1/admin/audit").status()).isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("when a purpose is given in X-Access-Purpose")
    class Purposes {

        @Test
        @DisplayName("\"révision\" sent in UTF-8 is stored and shown as sent")
        void utf8() {
            // when
            Response read = caseworker.sendRaw("GET", "/api/v1/participants/" + wren, "X-Access-Purpose",
                    "révision du dossier".getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(entries(wren, "READ")).extracting(entry -> entry.get("purpose").asText())
                    .containsExactly("révision du dossier");
        }

        @Test
        @DisplayName("a purpose with a check mark (three bytes of UTF-8) is no server error: it is stored as sent")
        void checkMark() {
            // when
            Response read = caseworker.sendRaw("GET", "/api/v1/participants/" + wren + "/timeline",
                    "X-Access-Purpose", "✓ plan reviewed".getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(entries(wren, "READ")).extracting(entry -> entry.get("purpose").asText())
                    .containsExactly("✓ plan reviewed");
        }

        @Test
        @DisplayName("a purpose that is not UTF-8, or holds a control character, is a 400 problem and nothing is read")
        void refused() {
            // when
            Response latin1 = caseworker.sendRaw("GET", "/api/v1/participants/" + wren, "X-Access-Purpose",
                    "révision".getBytes(StandardCharsets.ISO_8859_1));
            Response control = caseworker.sendRaw("GET", "/api/v1/participants/" + wren, "X-Access-Purpose",
                    "review\u0085now".getBytes(StandardCharsets.UTF_8));

            // then
            for (Response refused : List.of(latin1, control)) {
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

            JsonNode verification = admin.get("/api/v1/admin/audit/verification").json();

            assertThat(verification.get("valid").asBoolean()).isTrue();
            assertThat(verification.get("entries").asLong()).isPositive();
        }

        @Test
        @DisplayName("the database refuses to change or delete an entry, sealed or not")
        void appendOnly() {
            caseworker.get("/api/v1/participants/" + wren);

            assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                    jdbc.update("UPDATE audit_entry SET actor = 'someone-else' WHERE participant_id = ?", wren)))
                    .rootCause().hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                    jdbc.update("UPDATE audit_entry SET hash = repeat('0', 64) WHERE participant_id = ?", wren)))
                    .as("a sealed entry's seal cannot be rewritten either")
                    .rootCause().hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                    jdbc.update("DELETE FROM audit_entry WHERE participant_id = ?", wren)))
                    .rootCause().hasMessageContaining("append-only: DELETE is not allowed");
        }

        @Test
        @DisplayName("an entry changed behind the database's back is found, at its position")
        void tampering() {
            caseworker.get("/api/v1/participants/" + wren);
            admin.get("/api/v1/admin/audit/verification"); // seals what is waiting
            long position = jdbc.queryForObject(
                    "SELECT max(position) FROM audit_entry WHERE participant_id = ? AND action = 'READ'", Long.class, wren);
            String actor = jdbc.queryForObject("SELECT actor FROM audit_entry WHERE position = ?", String.class, position);
            try {
                rewrite(position, "someone-else");

                JsonNode verification = admin.get("/api/v1/admin/audit/verification").json();

                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("firstInvalidPosition").asLong()).isEqualTo(position);
            } finally {
                rewrite(position, actor); // put it back: the log is shared by the other tests of this run
            }
            assertThat(admin.get("/api/v1/admin/audit/verification").json().get("valid").asBoolean()).isTrue();
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

    private List<JsonNode> entries(String participantId, String action) {
        List<JsonNode> entries = new ArrayList<>();
        admin.get("/api/v1/admin/audit?limit=1000&participantId=" + participantId).json().forEach(entry -> {
            if (entry.get("action").asText().equals(action)) {
                entries.add(entry);
            }
        });
        return entries;
    }
}
