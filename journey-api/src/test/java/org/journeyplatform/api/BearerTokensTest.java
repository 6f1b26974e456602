package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In production staff sign in through an identity provider (OIDC): the API takes its signed bearer tokens. Here the
 * provider is stood in for by a key pair made for this test; the API knows only its public key.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "journey.database.exit-when-unreachable=false",
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.idle-timeout=10000"
        })
@org.junit.jupiter.api.extension.ExtendWith(org.journeyplatform.api.support.StopsProjectionsAfterwards.class)
@DisplayName("With an identity provider configured, staff sign in with its bearer tokens")
class BearerTokensTest {

    private static final KeyPair PROVIDER = keyPair();
    private static final KeyPair IMPOSTOR = keyPair();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        TestDatabase.Coordinates db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add(
                "journey.security.oidc.public-key-location",
                () -> publicKeyFile().toUri().toString());
    }

    @Test
    @DisplayName("a valid token signs in with the username and roles it carries")
    void validToken() {
        ApiClient.Response answer = call(token(PROVIDER, "oidc-caseworker", List.of("CASEWORKER"), 300));

        assertThat(answer.status())
                .as(answer.headers().map() + " " + answer.body())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("its roles decide what it may do")
    void rolesFromTheToken() {
        String researcher = token(PROVIDER, "oidc-researcher", List.of("RESEARCHER"), 300);

        assertThat(call(researcher).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a token signed by anyone else, or expired, is refused")
    void refused() {
        assertThat(call(token(IMPOSTOR, "oidc-caseworker", List.of("CASEWORKER"), 300))
                        .status())
                .isEqualTo(401);
        assertThat(call(token(PROVIDER, "oidc-caseworker", List.of("CASEWORKER"), -300))
                        .status())
                .isEqualTo(401);
        assertThat(call("not-a-token").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a valid token of an account disabled here is refused at once, and accepted again once it is enabled")
    void disabledAccount() {
        ApiClient admin = new ApiClient(port, "admin", "admin-demo");
        assertThat(admin.post(
                                "/api/v1/admin/users",
                                "{\"username\":\"oidc-relief\",\"password\":"
                                        + "\"a synthetic relief passphrase\",\"roles\":[\"CASEWORKER\"]}")
                        .status())
                .isEqualTo(201);
        String token = token(PROVIDER, "oidc-relief", List.of("CASEWORKER"), 300);
        assertThat(call(token).status()).isEqualTo(200);

        assertThat(admin.send(
                                "PUT",
                                "/api/v1/admin/users/oidc-relief/enabled",
                                "{\"enabled\":false}",
                                "Content-Type",
                                "application/json")
                        .status())
                .isEqualTo(204);

        ApiClient.Response refused = call(token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asText()).isEqualTo("/problems/session-ended");
        assertThat(admin.send(
                                "PUT",
                                "/api/v1/admin/users/oidc-relief/enabled",
                                "{\"enabled\":true}",
                                "Content-Type",
                                "application/json")
                        .status())
                .isEqualTo(204);
        assertThat(call(token).status()).isEqualTo(200);
    }

    private ApiClient.Response call(String token) {
        return new ApiClient(port, null, null)
                .send("GET", "/api/v1/participants", null, "Authorization", "Bearer " + token);
    }

    private static String token(KeyPair signer, String username, List<String> roles, long secondsValid) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.RS256),
                    new JWTClaimsSet.Builder()
                            .subject(username)
                            .claim("preferred_username", username)
                            .claim("roles", roles)
                            .issueTime(Date.from(now.minusSeconds(600)))
                            .expirationTime(Date.from(now.plusSeconds(secondsValid)))
                            .build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("journey-test-provider", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(
                    file,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes())
                                    .encodeToString(PROVIDER.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
