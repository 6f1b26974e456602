package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import java.time.Duration;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.api.support.LoginForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finding 7 of issue 15: a session outlived its account. Disabling an account, setting its password or changing its
 * roles now ends every session it signed in before, at once, on the next request.
 */
@DisplayName("A session follows its account: disabled, new password or new roles, and it ends at once")
class SessionsFollowAccountsTest extends ApiTest {

    private static final String PASSWORD = "a synthetic relief passphrase";
    private static final String NEW_PASSWORD = "another synthetic passphrase";
    private static int accounts;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private String username;
    private ApiClient staff;

    /** A new caseworker account for each test, signed in once over HTTP Basic, which gives her a session. */
    @BeforeEach
    void signedIn() {
        username = "relief-" + (++accounts) + "-" + System.nanoTime() % 100_000;
        createAccount(username, "CASEWORKER");
        staff = client(username, PASSWORD);
        assertThat(staff.get("/api/v1/participants").status()).isEqualTo(200);
        assertThat(staff.sessionOnly().get("/api/v1/participants").status())
                .as("the session cookie alone signs her in")
                .isEqualTo(200);
    }

    @Nested
    @DisplayName("given her session cookie is sent with another staff member's credentials")
    class AnotherSignIn {

        @Test
        @DisplayName("the other staff member gets a new session, and hers ends: her session id never becomes his")
        void newSession() throws Exception {
            // given her session id, from signing in over HTTP Basic
            String other = username + "-manager";
            createAccount(other, "MANAGER");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String hers = sessionOf(send(http, null, username));

            // when the same id comes with his credentials
            java.net.http.HttpResponse<String> signedIn = send(http, hers, other);

            // then
            assertThat(signedIn.statusCode()).isEqualTo(200);
            String his = sessionOf(signedIn);
            assertThat(his).as("a new session id for him").isNotNull().isNotEqualTo(hers);
            assertThat(send(http, hers, null).statusCode())
                    .as("her old session id, alone")
                    .isEqualTo(401);
            assertThat(send(http, his, null).statusCode()).as("his new one").isEqualTo(200);
            assertThat(sessionOf(send(http, his, other)))
                    .as("signing in again as the one the session names keeps it")
                    .isNull();
        }

        private java.net.http.HttpResponse<String> send(java.net.http.HttpClient http, String session, String as)
                throws Exception {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/participants?limit=1"));
            if (session != null) {
                request.header("Cookie", "JOURNEY_SESSION=" + session);
            }
            if (as != null) {
                request.header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((as + ":" + PASSWORD)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        /** The session id the answer sets, or null when it sets none. */
        private static String sessionOf(java.net.http.HttpResponse<String> answer) {
            return answer.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith("JOURNEY_SESSION="))
                    .map(cookie -> cookie.substring("JOURNEY_SESSION=".length()).split(";", 2)[0])
                    .findFirst()
                    .orElse(null);
        }
    }

    @Nested
    @DisplayName("a request without valid credentials")
    class WithoutCredentials {

        @Test
        @DisplayName("is answered 401 without opening a server session (no session cookie), with or without a wrong "
                + "password")
        void opensNoSession() {
            for (ApiClient client :
                    java.util.List.of(anonymous, client("nobody-" + java.util.UUID.randomUUID(), "not-a-password"))) {
                ApiClient.Response answer = client.get("/api/v1/participants");
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.headers().allValues("Set-Cookie"))
                        .as("cookies set")
                        .noneMatch(cookie -> cookie.startsWith("JOURNEY_SESSION="));
            }
            ApiClient.Response page = anonymous.get("/dashboard");
            assertThat(page.headers().allValues("Set-Cookie"))
                    .as("cookies set by a page asked for before signing in")
                    .noneMatch(cookie -> cookie.startsWith("JOURNEY_SESSION="));
        }
    }

    @Nested
    @DisplayName("given her account is disabled")
    class Disabled {

        @BeforeEach
        void disable() {
            assertThat(put("/enabled", json("enabled", "false"))).isEqualTo(204);
        }

        @Test
        @DisplayName("her session alone is refused at once with 401 session-ended")
        void sessionRefused() {
            Response answer = staff.sessionOnly().get("/api/v1/participants");

            assertProblem(answer, 401, "/problems/session-ended");
        }

        @Test
        @DisplayName("her session sent with her Basic credentials cannot enrol anyone, and after it her credentials "
                + "are refused too")
        void basicWithSessionRefused() {
            Response enrol = staff.post(
                    "/api/v1/participants",
                    json(
                            "chosenName",
                            "Synthetic Sparrow",
                            "enrolledOn",
                            daysAgo(1).toString()));

            assertProblem(enrol, 401, "/problems/session-ended");
            assertProblem(staff.get("/api/v1/participants"), 401, "/problems/unauthenticated");
            assertProblem(staff.sessionOnly().get("/api/v1/participants"), 401, "/problems/unauthenticated");
        }

        @Test
        @DisplayName("enabled again, she signs in anew, but the old session stays ended")
        void enabledAgain() {
            ApiClient oldSession = staff.sessionOnly();
            assertThat(put("/enabled", json("enabled", "true"))).isEqualTo(204);

            assertProblem(oldSession.get("/api/v1/participants"), 401, "/problems/session-ended");
            assertThat(client(username, PASSWORD).get("/api/v1/participants").status())
                    .isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("given her password is changed")
    class NewPassword {

        @Test
        @DisplayName("her old session is refused at once; the new password signs in, the old one does not")
        void oldSessionEnds() {
            assertThat(put("/password", json("password", NEW_PASSWORD))).isEqualTo(204);

            assertProblem(staff.sessionOnly().get("/api/v1/participants"), 401, "/problems/session-ended");
            assertThat(client(username, PASSWORD).get("/api/v1/participants").status())
                    .isEqualTo(401);
            assertThat(client(username, NEW_PASSWORD)
                            .get("/api/v1/participants")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("given her roles are changed")
    class NewRoles {

        @Test
        @DisplayName("her old session is refused at once; signed in again she has the new roles")
        void oldSessionEnds() {
            assertThat(put("/roles", json("roles", "[\"RESEARCHER\"]"))).isEqualTo(204);

            assertProblem(staff.sessionOnly().get("/api/v1/participants"), 401, "/problems/session-ended");
            assertProblem(client(username, PASSWORD).get("/api/v1/participants"), 403, "/problems/forbidden");
            assertThat(admin.get("/api/v1/admin/users").json().findParents("username").stream()
                            .filter(a -> a.get("username").asText().equals(username))
                            .findFirst()
                            .orElseThrow()
                            .get("roles")
                            .toString())
                    .isEqualTo("[\"RESEARCHER\"]");
        }

        @Test
        @DisplayName("an unknown role is refused and nothing changes")
        void unknownRole() {
            assertThat(put("/roles", json("roles", "[\"SUPERUSER\"]"))).isEqualTo(400);

            assertThat(staff.sessionOnly().get("/api/v1/participants").status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("given her account is changed by another instance (straight in the shared database)")
    class AnotherInstance {

        @Test
        @DisplayName("her session ends within the account-state cache time (1 s by default)")
        void endsSoon() {
            jdbc.update(
                    "UPDATE staff_user SET enabled = false, session_version = session_version + 1 "
                            + "WHERE username = ?",
                    username);

            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> staff.sessionOnly().get("/api/v1/participants").status() == 401);
        }
    }

    @Nested
    @DisplayName("given a manager signed in through the login form")
    class FormLogin {

        @Test
        @DisplayName("disabling her account ends her page session: the dashboard sends her back to sign in")
        void pageSessionEnds() {
            String manager = username + "-m";
            createAccount(manager, "MANAGER");
            LoginForm browser = new LoginForm(port);
            Response signedIn = browser.signIn(manager, PASSWORD);
            assertThat(signedIn.status()).isEqualTo(302);
            assertThat(signedIn.header("Location")).endsWith("/home");
            assertThat(browser.get("/dashboard").status()).isEqualTo(200);

            assertThat(put(manager, "/enabled", json("enabled", "false"))).isEqualTo(204);

            Response page = browser.get("/dashboard");
            assertThat(page.status()).isEqualTo(302);
            assertThat(page.header("Location")).endsWith("/login?expired");
            assertThat(browser.get("/login?expired").body()).contains("Your session has ended");
        }
    }

    @Nested
    @DisplayName("given another account is changed")
    class SomeoneElse {

        @Test
        @DisplayName("her session goes on")
        void unaffected() {
            String other = username + "-o";
            createAccount(other, "CASEWORKER");

            assertThat(put(other, "/enabled", json("enabled", "false"))).isEqualTo(204);

            assertThat(staff.sessionOnly().get("/api/v1/participants").status()).isEqualTo(200);
        }
    }

    private void createAccount(String name, String role) {
        Response created = admin.post(
                "/api/v1/admin/users", json("username", name, "password", PASSWORD, "roles", "[\"" + role + "\"]"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private int put(String what, String body) {
        return put(username, what, body);
    }

    private int put(String account, String what, String body) {
        return admin.send("PUT", "/api/v1/admin/users/" + account + what, body, "Content-Type", "application/json")
                .status();
    }
}
