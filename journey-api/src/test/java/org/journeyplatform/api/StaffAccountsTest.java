package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Staff accounts live in the database with BCrypt hashes, managed by administrators")
class StaffAccountsTest extends ApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Nested
    @DisplayName("an administrator")
    class Administrator {

        @Test
        @DisplayName("is refused a password of blanks only, and a role named twice is held once")
        void blanksAndRepeatedRoles() {
            String username = "twice-" + System.nanoTime() % 1_000_000;
            ApiClient.Response blanks = admin.post(
                    "/api/v1/admin/users",
                    json("username", username, "password", " ".repeat(12), "roles", "[\"CASEWORKER\"]"));
            assertThat(blanks.status()).as(blanks.toString()).isEqualTo(400);

            ApiClient.Response created = admin.post(
                    "/api/v1/admin/users",
                    json(
                            "username",
                            username,
                            "password",
                            "a synthetic passphrase",
                            "roles",
                            "[\"CASEWORKER\", \"CASEWORKER\"]"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(jdbc.queryForObject("SELECT roles FROM staff_user WHERE username = ?", String.class, username))
                    .isEqualTo("CASEWORKER");
        }

        @Test
        @DisplayName("is refused an account named as the platform's own actors, which could pass for its work")
        void reservedNames() {
            for (String name : java.util.List.of("platform", "retention-rule", "demo-data", "erasure-ledger")) {
                ApiClient.Response refused = admin.post(
                        "/api/v1/admin/users",
                        json("username", name, "password", "a synthetic passphrase", "roles", "[\"ADMIN\"]"));
                assertThat(refused.status()).as(name + ": " + refused).isEqualTo(422);
                assertThat(refused.json().get("detail").asText()).contains("actor of its own work");
            }
        }

        @Test
        @DisplayName("cannot disable the last enabled administrator, nor take her ADMIN role; with another, she can")
        void keepsAnAdministrator() {
            // given 'admin' the only enabled administrator (others made by earlier tests are set aside meanwhile)
            java.util.List<String> others = jdbc.queryForList("""
                    UPDATE staff_user SET enabled = false
                     WHERE enabled AND username <> 'admin' AND 'ADMIN' = ANY (string_to_array(roles, ','))
                    RETURNING username""", String.class);
            try {
                // when / then
                for (ApiClient.Response refused : java.util.List.of(
                        admin.send(
                                "PUT",
                                "/api/v1/admin/users/admin/enabled",
                                json("enabled", "false"),
                                "Content-Type",
                                "application/json"),
                        admin.send(
                                "PUT",
                                "/api/v1/admin/users/admin/roles",
                                json("roles", "[\"CASEWORKER\"]"),
                                "Content-Type",
                                "application/json"))) {
                    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
                    assertThat(refused.json().get("type").asText()).isEqualTo("/problems/last-administrator");
                }
                assertThat(admin.get("/api/v1/admin/users").status())
                        .as("still an administrator")
                        .isEqualTo(200);

                // and with a second administrator, the second can be disabled
                String second = "second-admin-" + System.nanoTime() % 1_000_000;
                assertThat(admin.post(
                                        "/api/v1/admin/users",
                                        json(
                                                "username",
                                                second,
                                                "password",
                                                "a synthetic passphrase",
                                                "roles",
                                                "[\"ADMIN\"]"))
                                .status())
                        .isEqualTo(201);
                assertThat(admin.send(
                                        "PUT",
                                        "/api/v1/admin/users/" + second + "/enabled",
                                        json("enabled", "false"),
                                        "Content-Type",
                                        "application/json")
                                .status())
                        .isEqualTo(204);
            } finally {
                for (String other : others) {
                    jdbc.update("UPDATE staff_user SET enabled = true WHERE username = ?", other);
                }
            }
        }

        @Test
        @DisplayName("creates an account that can sign in at once, stored as a BCrypt hash and never answered")
        void creates() {
            Response created = admin.post(
                    "/api/v1/admin/users",
                    json(
                            "username",
                            "night-caseworker",
                            "password",
                            "a long night-shift passphrase",
                            "roles",
                            "[\"CASEWORKER\"]"));

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).doesNotContain("passphrase");
            assertThat(jdbc.queryForObject(
                            "SELECT password_hash FROM staff_user WHERE username = 'night-caseworker'", String.class))
                    .startsWith("{bcrypt}$2")
                    .doesNotContain("passphrase");
            assertThat(client("night-caseworker", "a long night-shift passphrase")
                            .get("/api/v1/participants")
                            .status())
                    .isEqualTo(200);
            assertThat(admin.get("/api/v1/admin/users").json().findValuesAsText("username"))
                    .contains("night-caseworker", "caseworker", "admin");
        }

        @Test
        @DisplayName("sets a new password, and disables an account, which can then no longer sign in")
        void passwordsAndDisabling() {
            admin.post(
                    "/api/v1/admin/users",
                    json(
                            "username",
                            "relief-worker",
                            "password",
                            "first relief passphrase",
                            "roles",
                            "[\"CASEWORKER\"]"));

            assertThat(admin.send(
                                    "PUT",
                                    "/api/v1/admin/users/relief-worker/password",
                                    json("password", "second relief passphrase"),
                                    "Content-Type",
                                    "application/json")
                            .status())
                    .isEqualTo(204);
            assertThat(client("relief-worker", "first relief passphrase")
                            .get("/api/v1/participants")
                            .status())
                    .isEqualTo(401);
            assertThat(client("relief-worker", "second relief passphrase")
                            .get("/api/v1/participants")
                            .status())
                    .isEqualTo(200);
            assertThat(admin.send(
                                    "PUT",
                                    "/api/v1/admin/users/relief-worker/enabled",
                                    json("enabled", "false"),
                                    "Content-Type",
                                    "application/json")
                            .status())
                    .isEqualTo(204);
            assertThat(client("relief-worker", "second relief passphrase")
                            .get("/api/v1/participants")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        @DisplayName("is refused a short password, an unknown role and a username that is taken")
        void refusals() {
            assertProblem(
                    admin.post(
                            "/api/v1/admin/users",
                            json("username", "short-one", "password", "short", "roles", "[\"CASEWORKER\"]")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/users",
                            json(
                                    "username",
                                    "boss",
                                    "password",
                                    "a long enough passphrase",
                                    "roles",
                                    "[\"SUPERUSER\"]")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/users",
                            json(
                                    "username",
                                    "caseworker",
                                    "password",
                                    "a long enough passphrase",
                                    "roles",
                                    "[\"CASEWORKER\"]")),
                    409,
                    "/problems/account-exists");
        }

        @Test
        @DisplayName(
                "is refused a password BCrypt cannot hash (over 72 bytes: 73 letters, or 40 letters é), with a 400 "
                        + "that says so, never a 500, and no account made")
        void tooLongForBcrypt() {
            for (String password : java.util.List.of("p".repeat(73), "é".repeat(40))) {
                Response refused = admin.post(
                        "/api/v1/admin/users",
                        json("username", "long-one", "password", password, "roles", "[\"CASEWORKER\"]"));
                assertProblem(refused, 400, "/problems/validation-failed");
                assertThat(admin.send(
                                        "PUT",
                                        "/api/v1/admin/users/caseworker/password",
                                        json("password", password),
                                        "Content-Type",
                                        "application/json")
                                .status())
                        .isEqualTo(400);
            }
            assertThat(admin.get("/api/v1/admin/users").body()).doesNotContain("long-one");
            assertThat(admin.post(
                                    "/api/v1/admin/users",
                                    json(
                                            "username",
                                            "long-one",
                                            "password",
                                            "p".repeat(72),
                                            "roles",
                                            "[\"CASEWORKER\"]"))
                            .status())
                    .isEqualTo(201);

            // BCrypt reads 72 bytes: a password that only starts with hers does not sign in
            assertThat(client("long-one", "p".repeat(72))
                            .get("/api/v1/programmes")
                            .status())
                    .isEqualTo(200);
            assertThat(client("long-one", "p".repeat(72) + "XYZ")
                            .get("/api/v1/programmes")
                            .status())
                    .isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("an administrator and a participant's journey")
    class AdministratorBreakGlass {

        @Test
        @DisplayName("reads no journey but under break-glass, given a reason")
        void breakGlass() {
            String wren = enrol("Wren", daysAgo(10));
            ApiClient administrator = admin;

            assertThat(administrator
                            .get("/api/v1/participants/" + wren + "/timeline")
                            .status())
                    .isEqualTo(404);
            assertThat(administrator
                            .post(
                                    "/api/v1/participants/" + wren + "/milestones",
                                    json("occurredOn", daysAgo(1).toString(), "type", "HEALTH"))
                            .status())
                    .isEqualTo(403);
            assertThat(administrator
                            .post(
                                    "/api/v1/participants/" + wren + "/break-glass",
                                    json("reason", "Subject access request: she asked for her whole record"))
                            .status())
                    .isEqualTo(201);
            assertThat(administrator
                            .get("/api/v1/participants/" + wren + "/timeline")
                            .status())
                    .isEqualTo(200);
        }
    }
}
