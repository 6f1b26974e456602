package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI description with every role. It is a net under the security rules (an
 * endpoint that no rule lets anyone reach, or one open without signing in, fails the build) and under the error
 * handling (no operation answers 5xx to any role, even with an empty body and ids that name nothing).
 */
@DisplayName("Every endpoint in the OpenAPI description")
class AccessRulesTest extends ApiTest {

    /** Operations anyone may call without signing in. */
    private static final List<String> PUBLIC = List.of("GET /problems", "GET /problems/{code}");

    private record Operation(String method, String path) {

        String concrete() {
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()).replace("{code}", "ors");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    @DisplayName("has an access rule: some role gets past security, nobody gets in without signing in, nothing answers 5xx")
    void everyEndpointHasAnAccessRule() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);
        Map<String, ApiClient> roles = Map.of("caseworker", caseworker, "manager", manager, "admin", admin);

        for (Operation operation : operations) {
            Response anonymousAnswer = call(anonymous, operation);
            if (PUBLIC.contains(operation.toString())) {
                assertThat(anonymousAnswer.status()).as("%s is public", operation).isNotIn(401, 403);
            } else {
                assertThat(anonymousAnswer.status()).as("%s without signing in", operation).isEqualTo(401);
            }
            List<String> admitted = new ArrayList<>();
            roles.forEach((role, client) -> {
                Response answer = call(client, operation);
                assertThat(answer.status()).as("%s as %s: %s", operation, role, answer.body()).isLessThan(500);
                if (answer.status() != 401 && answer.status() != 403) {
                    admitted.add(role);
                }
            });
            assertThat(admitted).as("roles admitted to %s", operation).isNotEmpty();
        }
    }

    @Test
    @DisplayName("keeps participant data from administrators and administration from caseworkers")
    void separationOfDuties() {
        for (Operation operation : operations()) {
            if (operation.path().startsWith("/api/v1/participants")) {
                assertThat(call(admin, operation).status()).as("%s as admin", operation).isEqualTo(403);
            }
            if (operation.path().startsWith("/api/v1/admin")) {
                assertThat(call(caseworker, operation).status()).as("%s as caseworker", operation).isEqualTo(403);
                assertThat(call(manager, operation).status()).as("%s as manager", operation).isEqualTo(403);
            }
        }
    }

    private List<Operation> operations() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");
        List<Operation> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path.getKey()))));
        return operations;
    }

    private static Response call(ApiClient client, Operation operation) {
        ApiClient.Response answer = Stream.of("GET", "DELETE").anyMatch(operation.method()::equals)
                ? client.send(operation.method(), operation.concrete(), null)
                : client.send(operation.method(), operation.concrete(), "{}", "Content-Type", "application/json");
        return new Response(answer.status(), answer.body());
    }

    private record Response(int status, String body) {
    }
}
