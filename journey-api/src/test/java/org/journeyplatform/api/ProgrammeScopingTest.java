package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("A caseworker sees only the participants of her programmes; a participant's id is no authorisation")
class ProgrammeScopingTest extends ApiTest {

    private ApiClient outreachWorker;
    private String harbourHouse;
    private String streetOutreach;
    /** In Harbour House, where the caseworker works; enrolled by the administrator's process, not by her. */
    private String wren;
    /** In street outreach, where the outreach worker works. */
    private String juniper;

    @Autowired
    private JdbcClient jdbc;

    /** How many events her journey holds in the event store. */
    private long eventsOf(String participantId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(participantId)
                .query(Long.class)
                .single();
    }

    @BeforeEach
    void twoProgrammesTwoCaseworkers() {
        outreachWorker = client("outreach-worker", "outreach-demo");
        harbourHouse = registerProgramme("Harbour House", "RESIDENTIAL");
        streetOutreach = registerProgramme("Street outreach", "OUTREACH");
        assign("caseworker", harbourHouse);
        assign("outreach-worker", streetOutreach);
        wren = enrolInto(caseworker, "Wren", harbourHouse);
        juniper = enrolInto(outreachWorker, "Juniper", streetOutreach);
    }

    @Nested
    @DisplayName("another programme's participant")
    class AnotherProgrammesParticipant {

        @Test
        @DisplayName("is answered on every participant endpoint exactly as a participant who does not exist, and none "
                + "records anything")
        void everyEndpoint() {
            long before = eventsOf(juniper);
            List<String> refused = new ArrayList<>();
            JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");
            paths.fields()
                    .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                        String template = path.getKey();
                        if (!template.startsWith("/api/v1/participants/{participantId}")
                                || template.endsWith("/break-glass")) {
                            return;
                        }
                        Response answer = call(method, template, juniper);
                        Response nobody = call(
                                method, template, java.util.UUID.randomUUID().toString());
                        assertThat(answer.status())
                                .as("%s %s", method, template)
                                .isIn(400, 404)
                                .isEqualTo(nobody.status());
                        assertThat(answer.json().get("type").asText())
                                .isEqualTo(nobody.json().get("type").asText());
                        if (method.equals("get")) {
                            assertThat(answer.status())
                                    .as("%s %s", method, template)
                                    .isEqualTo(404);
                        }
                        refused.add(method + " " + template);
                    }));
            assertThat(refused).hasSizeGreaterThan(25);
            assertThat(eventsOf(juniper))
                    .as("her journey's events after every refused call")
                    .isEqualTo(before);
        }

        @Test
        @DisplayName("cannot be written to: valid commands are refused with 404, record nothing, keep no answer to "
                + "replay, and are audited as refused")
        void writes() {
            long before = eventsOf(juniper);
            String key = "scope-" + java.util.UUID.randomUUID();
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + juniper + "/milestones",
                                    json("occurredOn", daysAgo(1).toString(), "type", "HEALTH"),
                                    "Idempotency-Key",
                                    key)
                            .status())
                    .isEqualTo(404);
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + juniper + "/programme-entries",
                                    json(
                                            "programmeId",
                                            harbourHouse,
                                            "occurredOn",
                                            daysAgo(1).toString()))
                            .status())
                    .isEqualTo(404);
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + juniper + "/relapses",
                                    json("occurredOn", daysAgo(1).toString(), "kind", "OTHER"))
                            .status())
                    .isEqualTo(404);

            assertThat(eventsOf(juniper)).as("her journey's events").isEqualTo(before);
            assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ? AND status < 300")
                            .param(key)
                            .query(Long.class)
                            .single())
                    .as("answers kept that would replay a success")
                    .isZero();
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + juniper + "/milestones",
                                    json("occurredOn", daysAgo(1).toString(), "type", "HEALTH"),
                                    "Idempotency-Key",
                                    key)
                            .status())
                    .as("a retry with the same key")
                    .isEqualTo(404);
            assertThat(jdbc.sql("""
                            SELECT outcome FROM audit_entry WHERE participant_id = ? AND actor = 'caseworker'
                             ORDER BY entry_id DESC LIMIT 1""").param(juniper).query(String.class).single())
                    .as("the audit entry of the last attempt")
                    .isEqualTo("REFUSED");
        }

        @Test
        @DisplayName("is not in her list, while her own programme's participant is")
        void lists() {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ids(caseworker).contains(wren)
                            && ids(outreachWorker).contains(juniper));

            assertThat(ids(caseworker)).contains(wren).doesNotContain(juniper);
            assertThat(ids(outreachWorker)).contains(juniper).doesNotContain(wren);
        }

        @Test
        @DisplayName("becomes visible when she enters one of the caseworker's programmes")
        void entersMyProgramme() {
            outreachWorker.post(
                    "/api/v1/participants/" + juniper + "/programme-entries",
                    json("programmeId", harbourHouse, "occurredOn", daysAgo(5).toString()));

            assertThat(caseworker.get("/api/v1/participants/" + juniper).status())
                    .isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("a programme a manager registers herself")
    class RegisteredByAManager {

        @Test
        @DisplayName("is hers at once: she reads its dashboard and staff list and is on it; one an administrator "
                + "registers is not assigned to anyone")
        void isHers() {
            // when
            ApiClient.Response registered = manager.post(
                    "/api/v1/programmes",
                    json("name", "Manager's own house " + java.util.UUID.randomUUID(), "type", "RESIDENTIAL"));
            String byAdmin = registerProgramme("Admin's house " + java.util.UUID.randomUUID(), "RESIDENTIAL");

            // then
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String id = registered.json().get("programmeId").asText();
            // (the dashboard names her programmes from the catalogue, which follows within moments)
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> manager.get("/api/v1/programmes/" + id + "/dashboard")
                                    .status()
                            == 200);
            ApiClient.Response staff = manager.get("/api/v1/programmes/" + id + "/staff");
            assertThat(staff.status()).as(staff.toString()).isEqualTo(200);
            assertThat(staff.body()).contains("\"manager\"");
            assertThat(admin.get("/api/v1/programmes/" + byAdmin + "/staff").json())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("break-glass")
    class BreakGlass {

        @Test
        @DisplayName(
                "opens a record outside her programmes for 60 minutes, given a reason, recorded and listed for managers")
        void breakGlass() {
            Response grant = caseworker.post(
                    "/api/v1/participants/" + juniper + "/break-glass",
                    json("reason", "She came to our shelter at night and asked for her safety plan"));

            assertThat(grant.status()).isEqualTo(201);
            assertThat(Duration.between(
                            Instant.parse(grant.json().get("grantedAt").asText()),
                            Instant.parse(grant.json().get("expiresAt").asText())))
                    .isEqualTo(Duration.ofMinutes(60));
            assertThat(caseworker
                            .get("/api/v1/participants/" + juniper + "/timeline")
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> ids(caseworker).contains(juniper));
            assertThat(ids(caseworker)).as("her list while the grant lasts").contains(juniper, wren);
            assertThat(ids(outreachWorker)).as("another's list").doesNotContain(wren);
            assertThat(manager.get("/api/v1/break-glass-grants").json().findValuesAsText("participantId"))
                    .contains(juniper);
            assertThat(admin.get("/api/v1/admin/participants/" + juniper + "/disclosures")
                            .json()
                            .findValuesAsText("purpose"))
                    .anyMatch(p -> p.startsWith("break-glass: She came to our shelter"));
        }

        @Test
        @DisplayName("needs a reason, and caseworkers may not review grants")
        void needsAReason() {
            assertThat(caseworker
                            .post("/api/v1/participants/" + juniper + "/break-glass", json("reason", " "))
                            .status())
                    .isEqualTo(400);
            assertThat(caseworker
                            .post("/api/v1/participants/" + juniper + "/break-glass", json("reason", "          abc"))
                            .status())
                    .as("a short reason padded with spaces")
                    .isEqualTo(400);
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + juniper + "/break-glass",
                                    json("reason", "\u00A0\u00A0\u00A0\u00A0\u00A0abc\u3000\u200B\u00A0\u00A0"))
                            .status())
                    .as("a short reason padded with no-break, ideographic and zero-width spaces")
                    .isEqualTo(400);
            assertThat(caseworker.get("/api/v1/participants/" + juniper).status())
                    .isEqualTo(404);
            assertThat(caseworker.get("/api/v1/break-glass-grants").status()).isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("staff assignments")
    class Assignments {

        @Test
        @DisplayName("are made by administrators, for staff and programmes that exist")
        void administered() {
            assertThat(admin.get("/api/v1/admin/staff/caseworker/programmes")
                            .json()
                            .findValuesAsText("programmeId"))
                    .contains(harbourHouse);
            assertThat(caseworker
                            .send("PUT", "/api/v1/admin/staff/caseworker/programmes/" + streetOutreach, null)
                            .status())
                    .isEqualTo(403);
            assertThat(admin.send("PUT", "/api/v1/admin/staff/nobody/programmes/" + streetOutreach, null)
                            .status())
                    .isEqualTo(404);
            assertThat(admin.send(
                                    "PUT",
                                    "/api/v1/admin/staff/caseworker/programmes/" + java.util.UUID.randomUUID(),
                                    null)
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("an administrator")
    class AnAdministrator {

        @Test
        @DisplayName("is not assigned to a programme, by herself or by its manager: she reads a journey under "
                + "break-glass only")
        void notAssigned() {
            // given
            assign("manager", harbourHouse);

            // when
            Response byHerself = admin.send("PUT", "/api/v1/admin/staff/admin/programmes/" + harbourHouse, null);
            Response byTheManager = manager.send("PUT", "/api/v1/programmes/" + harbourHouse + "/staff/admin", null);

            // then
            for (Response refused : List.of(byHerself, byTheManager)) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
                assertThat(refused.json().get("detail").asText()).contains("'admin' has no programme role");
            }
            assertThat(admin.get("/api/v1/admin/staff/admin/programmes").json().findValuesAsText("programmeId"))
                    .doesNotContain(harbourHouse);
        }

        @Test
        @DisplayName("who gives herself a programme role too is still not assigned, and reads nothing through it")
        void withAProgrammeRoleToo() {
            // given an administrator's account that also holds a caseworker's role
            String username = "dual-" + System.nanoTime() % 1_000_000;
            ApiClient dual = newAccount(username, "[\"ADMIN\", \"CASEWORKER\"]");

            // when
            Response assigned =
                    admin.send("PUT", "/api/v1/admin/staff/" + username + "/programmes/" + harbourHouse, null);
            jdbc.sql("""
                            INSERT INTO staff_assignment (username, programme_id, assigned_at, assigned_by)
                            VALUES (?, ?, now(), 'an earlier version')""").params(username, harbourHouse).update();

            // then
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(422);
            assertThat(dual.get("/api/v1/participants?limit=500").json().findValuesAsText("participantId"))
                    .doesNotContain(wren);
            assertThat(dual.get("/api/v1/participants/" + wren + "/timeline").status())
                    .isEqualTo(404);
        }

        @Test
        @DisplayName("gains nothing from an assignment made before (or kept from roles she no longer has): her "
                + "programme's participants stay hidden until she breaks the glass")
        void assignmentGivesNoAccess() {
            // given an assignment row as an earlier version, or a change of her roles, left it
            jdbc.sql("""
                            INSERT INTO staff_assignment (username, programme_id, assigned_at, assigned_by)
                            VALUES ('admin', ?, now(), 'an earlier version') ON CONFLICT DO NOTHING""").param(harbourHouse).update();
            try {
                // then
                assertThat(admin.get("/api/v1/participants?limit=500").json().findValuesAsText("participantId"))
                        .doesNotContain(wren);
                for (String read : List.of("", "/timeline", "/summary")) {
                    assertThat(admin.get("/api/v1/participants/" + wren + read).status())
                            .as(read)
                            .isEqualTo(404);
                }
                Response glass = admin.post(
                        "/api/v1/participants/" + wren + "/break-glass",
                        json("reason", "Synthetic: safeguarding referral needs her latest entries"));
                assertThat(glass.status()).as(glass.toString()).isEqualTo(201);
                assertThat(admin.get("/api/v1/participants/" + wren + "/timeline")
                                .status())
                        .isEqualTo(200);
            } finally {
                jdbc.sql("DELETE FROM staff_assignment WHERE username = 'admin'")
                        .update();
                jdbc.sql("DELETE FROM break_glass_grant WHERE username = 'admin'")
                        .update();
            }
        }
    }

    @Nested
    @DisplayName("a caseworker made an administrator")
    class MadeAnAdministrator {

        @Test
        @DisplayName("no longer sees the participants she enrolled, until she breaks the glass")
        void loses() {
            // given a caseworker who enrolled a participant
            String username = "kim-" + System.nanoTime() % 1_000_000;
            ApiClient kim = newAccount(username, "[\"CASEWORKER\"]");
            String rowan = kim.post(
                            "/api/v1/participants",
                            json(
                                    "chosenName",
                                    "Rowan",
                                    "enrolledOn",
                                    daysAgo(20).toString()))
                    .json()
                    .get("participantId")
                    .asText();
            assertThat(kim.get("/api/v1/participants/" + rowan).status()).isEqualTo(200);

            // when her roles become an administrator's
            assertThat(admin.send(
                                    "PUT",
                                    "/api/v1/admin/users/" + username + "/roles",
                                    json("roles", "[\"ADMIN\"]"),
                                    "Content-Type",
                                    "application/json")
                            .status())
                    .isEqualTo(204);
            ApiClient asAdmin = client(username, "a synthetic passphrase");

            // then
            assertThat(asAdmin.get("/api/v1/participants?limit=500").json().findValuesAsText("participantId"))
                    .doesNotContain(rowan);
            assertThat(asAdmin.get("/api/v1/participants/" + rowan).status()).isEqualTo(404);
            assertThat(asAdmin.get("/api/v1/participants/" + rowan + "/timeline")
                            .status())
                    .isEqualTo(404);
        }
    }

    private Response call(String method, String template, String participantId) {
        String concrete = template.replace("{participantId}", participantId)
                .replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
        return method.equals("get")
                ? caseworker.get(concrete)
                : caseworker.send(method.toUpperCase(), concrete, "{}", "Content-Type", "application/json");
    }

    @Nested
    @DisplayName("a programme manager")
    class ProgrammeManager {

        @Test
        @DisplayName("runs her own programme's staff, and no other programme's")
        void runsHerStaff() {
            assign("manager", harbourHouse);

            assertThat(manager.send("PUT", "/api/v1/programmes/" + harbourHouse + "/staff/outreach-worker", null)
                            .status())
                    .isEqualTo(204);
            assertThat(manager.get("/api/v1/programmes/" + harbourHouse + "/staff")
                            .json()
                            .findValuesAsText("username"))
                    .contains("caseworker", "outreach-worker", "manager");
            assertThat(outreachWorker.get("/api/v1/participants/" + wren).status())
                    .isEqualTo(200);
            assertThat(manager.send("DELETE", "/api/v1/programmes/" + harbourHouse + "/staff/outreach-worker", null)
                            .status())
                    .isEqualTo(204);
            assertThat(outreachWorker.get("/api/v1/participants/" + wren).status())
                    .isEqualTo(404);
            assertThat(manager.send("PUT", "/api/v1/programmes/" + streetOutreach + "/staff/caseworker", null)
                            .status())
                    .isEqualTo(404);
            assertThat(caseworker
                            .get("/api/v1/programmes/" + harbourHouse + "/staff")
                            .status())
                    .isEqualTo(403);
        }
    }

    /** A new staff account with these roles (a JSON array), signed in. */
    private ApiClient newAccount(String username, String roles) {
        Response created = admin.post(
                "/api/v1/admin/users",
                json("username", username, "password", "a synthetic passphrase", "roles", roles));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return client(username, "a synthetic passphrase");
    }

    private void assign(String username, String programme) {
        assertThat(admin.send("PUT", "/api/v1/admin/staff/" + username + "/programmes/" + programme, null)
                        .status())
                .isEqualTo(204);
    }

    private String enrolInto(ApiClient staff, String name, String programme) {
        Response enrolled = staff.post(
                "/api/v1/participants",
                json("chosenName", name, "enrolledOn", daysAgo(20).toString()));
        String id = enrolled.json().get("participantId").asText();
        assertThat(staff.post(
                                "/api/v1/participants/" + id + "/programme-entries",
                                json(
                                        "programmeId",
                                        programme,
                                        "occurredOn",
                                        daysAgo(19).toString()))
                        .status())
                .isEqualTo(201);
        return id;
    }

    private static List<String> ids(ApiClient staff) {
        return staff.get("/api/v1/participants?limit=500").json().findValuesAsText("participantId");
    }
}
