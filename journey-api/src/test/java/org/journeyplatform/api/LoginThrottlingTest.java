package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.api.support.LoginForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Finding 8 of issue 15: wrong passwords were answered at full speed, over Basic and the login form alike. Here the
 * thresholds are small (3 per account and address, 6 per address, 5 per account) and the platform trusts
 * X-Forwarded-For from its local proxy, so that each test can sign in from addresses of its own (documentation ranges,
 * RFC 5737).
 */
@TestPropertySource(
        properties = {
            "server.forward-headers-strategy=native",
            "journey.security.login-throttle.window=PT10M",
            "journey.security.login-throttle.pair-failures=3",
            "journey.security.login-throttle.pair-lockout=PT10M",
            "journey.security.login-throttle.address-failures=6",
            "journey.security.login-throttle.address-lockout=PT10M",
            "journey.security.login-throttle.account-failures=5",
            "journey.security.login-throttle.account-lockout=PT1M"
        })
@ExtendWith(OutputCaptureExtension.class)
@org.junit.jupiter.api.extension.ExtendWith(org.journeyplatform.api.support.StopsProjectionsAfterwards.class)
@DisplayName("Sign-ins are throttled after a few failures, without letting anyone keep a real user out for long")
class LoginThrottlingTest extends ApiTest {

    private static final String PASSWORD = "a synthetic staff passphrase";
    private static final String WRONG = "a wrong synthetic guess 7Q4";
    private static int accounts;
    private static int addresses;

    @LocalServerPort
    private int port;

    private String user;
    private String here;

    @BeforeEach
    void anAccountAndAnAddress() {
        user = newAccount();
        here = newAddress();
    }

    @Nested
    @DisplayName("given three wrong passwords for one account from one address over HTTP Basic")
    class WrongOverBasic {

        @BeforeEach
        void threeWrong() {
            for (int i = 0; i < 3; i++) {
                assertProblem(basic(user, WRONG, here), 401, "/problems/unauthenticated");
            }
        }

        @Test
        @DisplayName("a fourth attempt from there, even with the right password, is 429 with Retry-After and a "
                + "problem detail")
        void refused() {
            assertThrottled(basic(user, PASSWORD, here), 600);
        }

        @Test
        @DisplayName("the login form from there is refused as well")
        void formToo() {
            assertThrottled(form(user, PASSWORD, here), 600);
        }

        @Test
        @DisplayName("the right password from another address still signs in")
        void otherAddress() {
            assertThat(basic(user, PASSWORD, newAddress()).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("another account still signs in from the same address")
        void otherAccount() {
            assertThat(basic(newAccount(), PASSWORD, here).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("the lock-out is counted in the metrics and logged without the username, address or password")
        void countedAndLogged(CapturedOutput output) {
            double throttled = metric("journey.login.throttled", "scope:pair");

            assertThrottled(basic(user, PASSWORD, here), 600);

            assertThat(metric("journey.login.throttled", "scope:pair")).isEqualTo(throttled + 1);
            assertThat(metric("journey.login.lockouts", "scope:pair")).isGreaterThanOrEqualTo(1);
            assertThat(metric("journey.login.failures", null)).isGreaterThanOrEqualTo(3);
            assertThat(output.getAll()
                            .lines()
                            .filter(line -> line.contains("Sign-ins locked out"))
                            .toList())
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line)
                            .doesNotContain(user, here, WRONG, PASSWORD)
                            .contains("for one pair"));
        }
    }

    @Nested
    @DisplayName("given three wrong passwords for one account from one address through the login form")
    class WrongThroughTheForm {

        @BeforeEach
        void threeWrong() {
            for (int i = 0; i < 3; i++) {
                Response answer = form(user, WRONG, here);
                assertThat(answer.status()).isEqualTo(302);
                assertThat(answer.header("Location")).endsWith("/login?error");
            }
        }

        @Test
        @DisplayName("a fourth form sign-in from there, even with the right password, is 429 with Retry-After and a "
                + "problem detail")
        void refused() {
            assertThrottled(form(user, PASSWORD, here), 600);
        }

        @Test
        @DisplayName("HTTP Basic from there is refused as well")
        void basicToo() {
            assertThrottled(basic(user, PASSWORD, here), 600);
        }

        @Test
        @DisplayName("the right password from another address signs in through the form")
        void otherAddress() {
            Response answer = form(user, PASSWORD, newAddress());

            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.header("Location")).endsWith("/home");
        }
    }

    @Nested
    @DisplayName("given wrong passwords from one address for six different accounts")
    class ManyAccountsFromOneAddress {

        @BeforeEach
        void sixWrong() {
            for (int i = 0; i < 6; i++) {
                assertThat(basic("nobody-" + i + "-" + here, WRONG, here).status())
                        .isEqualTo(401);
            }
        }

        @Test
        @DisplayName("that address is refused even a real account with the right password; another address is not")
        void addressRefused() {
            assertThrottled(basic(user, PASSWORD, here), 600);
            assertThat(basic(user, PASSWORD, newAddress()).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("given wrong passwords in one account's name from five different addresses")
    class OneAccountFromManyAddresses {

        @BeforeEach
        void fiveWrong() {
            for (int i = 0; i < 5; i++) {
                assertThat(basic(user, WRONG, newAddress()).status()).isEqualTo(401);
            }
        }

        @Test
        @DisplayName("the account is refused from anywhere, but only briefly: Retry-After is at most a minute")
        void accountRefusedBriefly() {
            Response answer = basic(user, PASSWORD, here);

            assertThrottled(answer, 60);
            assertThat(basic(newAccount(), PASSWORD, here).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("given a successful sign-in between wrong passwords from the same address")
    class SuccessBetween {

        @Test
        @DisplayName("it clears the count of its account and address: two wrong, right, two wrong, and right again "
                + "signs in")
        void successClearsThePair() {
            assertThat(basic(user, WRONG, here).status()).isEqualTo(401);
            assertThat(basic(user, WRONG, here).status()).isEqualTo(401);
            assertThat(basic(user, PASSWORD, here).status()).isEqualTo(200);
            assertThat(basic(user, WRONG, here).status()).isEqualTo(401);
            assertThat(basic(user, WRONG, here).status()).isEqualTo(401);

            assertThat(basic(user, PASSWORD, here).status()).isEqualTo(200);
        }
    }

    private static void assertThrottled(Response answer, long atMostSeconds) {
        assertProblem(answer, 429, "/problems/too-many-sign-in-attempts");
        assertThat(answer.header("Retry-After")).as("Retry-After").isNotNull();
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, atMostSeconds);
        assertThat(answer.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(answer.json().get("detail").asText()).contains("Try again in " + retryAfter + " seconds");
    }

    /** One call over HTTP Basic, with no session, as if from this address. */
    private Response basic(String username, String password, String address) {
        return client(username, password).send("GET", "/api/v1/participants", null, "X-Forwarded-For", address);
    }

    /** One sign-in through the login form, as if from this address. */
    private Response form(String username, String password, String address) {
        return new LoginForm(port).signIn(username, password, "X-Forwarded-For", address);
    }

    private double metric(String name, String tag) {
        Response answer = admin.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("measurements").get(0).get("value").asDouble();
    }

    private String newAccount() {
        String name = "throttled-" + (++accounts) + "-" + System.nanoTime() % 100_000;
        Response created = admin.post(
                "/api/v1/admin/users", json("username", name, "password", PASSWORD, "roles", "[\"CASEWORKER\"]"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private static String newAddress() {
        ++addresses;
        return (addresses < 250 ? "203.0.113." : "198.51.100.") + (addresses % 250 + 1);
    }
}
