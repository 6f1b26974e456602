package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The role-by-endpoint matrix: for every operation of the OpenAPI description, exactly which roles get past security
 * (answered neither 401 nor 403). An operation missing from the matrix has no agreed access rule and fails the build;
 * so does any role admitted where it should not be, or refused where it should not be. Ids in paths name nothing, so
 * an admitted call ends in 400 or 404 and never changes anything; no role ever gets a 5xx.
 */
@DisplayName("Every endpoint in the OpenAPI description")
class AccessRulesTest extends ApiTest {

    /** * anonymous, C caseworker, P peer worker, M manager, R researcher, A administrator. */
    private static final Map<String, String> MATRIX = Map.ofEntries(
            Map.entry("GET /api/v1/admin/audit", "A"),
            Map.entry("GET /api/v1/admin/data-keys", "A"),
            Map.entry("POST /api/v1/admin/data-keys/rewrap", "A"),
            Map.entry("GET /api/v1/admin/erasures", "A"),
            Map.entry("POST /api/v1/admin/participants/{participantId}/erasure", "A"),
            Map.entry("GET /api/v1/admin/retention", "A"),
            Map.entry("POST /api/v1/admin/retention/run", "A"),
            Map.entry("GET /api/v1/admin/audit/verification", "A"),
            Map.entry("GET /api/v1/admin/participants/{participantId}/disclosures", "A"),
            Map.entry("GET /api/v1/admin/projections", "A"),
            Map.entry("GET /api/v1/admin/projections/{name}", "A"),
            Map.entry("POST /api/v1/admin/projections/{name}/replay", "A"),
            Map.entry("POST /api/v1/admin/projections/{name}/rebuild", "A"),
            Map.entry("POST /api/v1/admin/projections/rebuild", "A"),
            Map.entry("GET /api/v1/admin/projections/{name}/rebuild", "A"),
            Map.entry("DELETE /api/v1/admin/projections/{name}/rebuild", "A"),
            Map.entry("GET /api/v1/admin/staff/{username}/programmes", "A"),
            Map.entry("PUT /api/v1/admin/staff/{username}/programmes/{programmeId}", "A"),
            Map.entry("DELETE /api/v1/admin/staff/{username}/programmes/{programmeId}", "A"),
            Map.entry("GET /api/v1/break-glass-grants", "M"),
            Map.entry("GET /api/v1/dashboard", "M"),
            Map.entry("GET /api/v1/programmes/{programmeId}/dashboard", "M"),
            Map.entry("GET /api/v1/instruments", "CPMA"),
            Map.entry("GET /api/v1/instruments/{code}", "CPMA"),
            Map.entry("PUT /api/v1/instruments/{code}", "MA"),
            Map.entry("GET /api/v1/participants", "CPMA"),
            Map.entry("POST /api/v1/participants", "CM"),
            Map.entry("GET /api/v1/participants/{participantId}", "CPMA"),
            Map.entry("POST /api/v1/participants/{participantId}/assessments", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/break-glass", "CMA"),
            Map.entry("POST /api/v1/participants/{participantId}/consents", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/consents/{consentId}/withdrawal", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/events/{eventId}/corrections", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/events/{eventId}/retraction", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/goals", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/goals/{goalId}/achievement", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/goals/{goalId}/dropping", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/goals/{goalId}/progress", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/milestones", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/module-attendances", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/module-completions", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/peer-mentors", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/peer-mentors/{peerId}/end", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/peer-sessions", "CPM"),
            Map.entry("POST /api/v1/participants/{participantId}/profile-updates", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/programme-entries", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/programme-exits", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/programme-stays", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/protection-orders", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/relapses", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/reunification-plans", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/reunification-plans/{planId}/closure", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/reunification-plans/{planId}/steps", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/safety-plans", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/safety-plans/{safetyPlanId}/reviews", "CM"),
            Map.entry("GET /api/v1/participants/{participantId}/summary", "CMA"),
            Map.entry("POST /api/v1/participants/{participantId}/support-network", "CM"),
            Map.entry("POST /api/v1/participants/{participantId}/support-network/{helperId}/removal", "CM"),
            Map.entry("GET /api/v1/participants/{participantId}/timeline", "CMA"),
            Map.entry("GET /api/v1/peers", "CPMA"),
            Map.entry("POST /api/v1/peers", "MA"),
            Map.entry("GET /api/v1/peers/{peerId}", "CPMA"),
            Map.entry("GET /api/v1/programmes", "CPMA"),
            Map.entry("POST /api/v1/programmes", "MA"),
            Map.entry("GET /api/v1/programmes/{programmeId}", "CPMA"),
            Map.entry("GET /api/v1/admin/studies", "A"),
            Map.entry("POST /api/v1/admin/studies", "A"),
            Map.entry("GET /api/v1/admin/studies/{studyId}", "A"),
            Map.entry("GET /api/v1/admin/studies/{studyId}/exports", "A"),
            Map.entry("GET /api/v1/research/studies", "R"),
            Map.entry("GET /api/v1/research/studies/{studyId}", "R"),
            Map.entry("POST /api/v1/research/studies/{studyId}/exports", "R"),
            Map.entry("GET /api/v1/research/studies/{studyId}/exports", "R"),
            Map.entry("GET /api/v1/research/studies/{studyId}/exports/{exportId}", "R"),
            Map.entry("GET /api/v1/research/studies/{studyId}/exports/{exportId}/files/{name}", "R"),
            Map.entry("GET /api/v1/research/studies/{studyId}/exports/{exportId}/events", "R"),
            Map.entry("GET /api/v1/admin/parked-events", "A"),
            Map.entry("GET /api/v1/admin/parked-events/{processor}", "A"),
            Map.entry("POST /api/v1/admin/parked-events/{processor}/retry", "A"),
            Map.entry("POST /api/v1/admin/parked-events/{processor}/sequences/{sequenceId}/retry", "A"),
            Map.entry("DELETE /api/v1/admin/parked-events/{processor}/{id}", "A"),
            Map.entry("GET /api/v1/admin/users", "A"),
            Map.entry("POST /api/v1/admin/users", "A"),
            Map.entry("PUT /api/v1/admin/users/{username}/password", "A"),
            Map.entry("PUT /api/v1/admin/users/{username}/roles", "A"),
            Map.entry("PUT /api/v1/admin/users/{username}/enabled", "A"),
            Map.entry("GET /api/v1/programmes/{programmeId}/staff", "MA"),
            Map.entry("PUT /api/v1/programmes/{programmeId}/staff/{username}", "MA"),
            Map.entry("DELETE /api/v1/programmes/{programmeId}/staff/{username}", "MA"),
            Map.entry("GET /problems", "*CPMRA"),
            Map.entry("GET /problems/{code}", "*CPMRA"));

    private final Map<Character, ApiClient> roles = new LinkedHashMap<>();

    @BeforeEach
    void everyRole() {
        roles.put('*', anonymous);
        roles.put('C', caseworker);
        roles.put('P', client("peer-worker", "peer-demo"));
        roles.put('M', manager);
        roles.put('R', client("researcher", "researcher-demo"));
        roles.put('A', admin);
    }

    @Test
    @DisplayName("admits exactly the roles of the access matrix, and answers no role with a 5xx")
    void matrix() {
        List<String> operations = operations();
        assertThat(operations)
                .as("operations with no access rule in the matrix")
                .allSatisfy(operation -> assertThat(MATRIX).containsKey(operation));
        assertThat(MATRIX.keySet())
                .as("matrix rows for operations that no longer exist")
                .allSatisfy(operation -> assertThat(operations).contains(operation));
        for (String operation : operations) {
            String expected = MATRIX.get(operation);
            roles.forEach((role, client) -> {
                ApiClient.Response answer = call(client, operation);
                assertThat(answer.status())
                        .as("%s as %s: %s", operation, role, answer.body())
                        .isLessThan(500);
                boolean admitted = answer.status() != 401 && answer.status() != 403;
                assertThat(admitted).as("%s admits %s", operation, role).isEqualTo(expected.indexOf(role) >= 0);
            });
        }
    }

    @Test
    @DisplayName("admits to HEAD exactly the roles it admits to GET, on every API address")
    void headAsGet() {
        MATRIX.forEach((operation, expected) -> {
            if (!operation.startsWith("GET /api/")) {
                return;
            }
            String head = "HEAD " + operation.substring("GET ".length());
            roles.forEach((role, client) -> {
                ApiClient.Response answer = call(client, head);
                assertThat(answer.status()).as("%s as %s", head, role).isLessThan(500);
                boolean admitted = answer.status() != 401 && answer.status() != 403;
                assertThat(admitted).as("%s admits %s", head, role).isEqualTo(expected.indexOf(role) >= 0);
            });
        });
    }

    @Test
    @DisplayName("admits a researcher to the research interface and nothing else; nobody else gets in there")
    void researcher() {
        assertThat(MATRIX.entrySet())
                .filteredOn(row -> !row.getKey().contains("/problems"))
                .allSatisfy(row -> assertThat(row.getValue().contains("R"))
                        .as(row.getKey())
                        .isEqualTo(row.getKey().contains(" /api/v1/research/")));
        assertThat(MATRIX.entrySet())
                .filteredOn(row -> row.getKey().contains(" /api/v1/research/"))
                .allSatisfy(row -> assertThat(row.getValue()).as(row.getKey()).isEqualTo("R"));
    }

    private List<String> operations() {
        JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");
        List<String> operations = new ArrayList<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    /**
     * Operations that an empty body would carry out for real on the module's shared database, with effects on other
     * test classes (a rebuild of every projection stops and swaps them all): asked with a body they refuse after the
     * access check (400), which tells admitted from refused all the same.
     */
    private static final Map<String, String> REFUSED_BODY =
            Map.of("POST /api/v1/admin/projections/rebuild", "{\"refused\":true}");

    private static ApiClient.Response call(ApiClient client, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation
                .substring(operation.indexOf(' ') + 1)
                .replace("{code}", "ors")
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (REFUSED_BODY.containsKey(operation)) {
            return client.send(method, path, REFUSED_BODY.get(operation), "Content-Type", "application/json");
        }
        return method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")
                ? client.send(method, path, null)
                : client.send(method, path, "{}", "Content-Type", "application/json");
    }
}
