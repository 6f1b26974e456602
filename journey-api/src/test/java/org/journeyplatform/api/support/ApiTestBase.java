package org.journeyplatform.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every API test has: the whole application on a random port, on a real PostgreSQL database ({@link TestDatabase}),
 * called over HTTP like any client would, with a client per built-in role. Which database is the subclass's:
 * {@link ApiTest} shares one per test run, {@link OwnDatabaseApiTest} has one of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "journey.snapshot-threshold=20",
            "journey.aggregate-cache=false",
            "journey.database.exit-when-unreachable=false",
            // the suite keeps many applications open at once: each holds few idle connections, so that together
            // they stay under PostgreSQL's max_connections
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.idle-timeout=10000"
        })
public abstract class ApiTestBase {

    protected static final String CASEWORKER = "caseworker";
    protected static final String ADMIN = "admin";

    @LocalServerPort
    private int port;

    protected ApiClient caseworker;
    protected ApiClient manager;
    protected ApiClient admin;
    protected ApiClient anonymous;

    /** The datasource and the audit log's checkpoint file of a database, for a subclass's property source. */
    protected static void database(
            DynamicPropertyRegistry registry, TestDatabase.Coordinates db, java.nio.file.Path checkpoints) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("journey.audit.checkpoint-file", checkpoints::toString);
    }

    protected static java.nio.file.Path auditCheckpointFile() {
        try {
            return java.nio.file.Files.createTempDirectory("journey-audit-test").resolve("audit-checkpoint.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void clients() {
        caseworker = new ApiClient(port, CASEWORKER, "caseworker-demo");
        manager = new ApiClient(port, "manager", "manager-demo");
        admin = new ApiClient(port, ADMIN, "admin-demo");
        anonymous = new ApiClient(port, null, null);
    }

    /** A client signed in with any credentials. */
    protected ApiClient client(String username, String password) {
        return new ApiClient(port, username, password);
    }

    protected String registerProgramme(String name, String type) {
        ApiClient.Response response = admin.post("/api/v1/programmes", json("name", name, "type", type));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("programmeId").asText();
    }

    protected String enrol(String chosenName, LocalDate enrolledOn) {
        ApiClient.Response response = caseworker.post(
                "/api/v1/participants", json("chosenName", chosenName, "enrolledOn", enrolledOn.toString()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("participantId").asText();
    }

    /** Waits until her timeline has caught up with the given number of events, then returns it. */
    protected JsonNode awaitTimeline(String participantId, int events) {
        // and until the programme catalogue, a read model of its own, has the names of the programmes it shows
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode timeline = caseworker
                    .get("/api/v1/participants/" + participantId + "/timeline")
                    .json();
            return timeline.size() >= events && programmesNamed(timeline);
        });
        return caseworker
                .get("/api/v1/participants/" + participantId + "/timeline")
                .json();
    }

    private static boolean programmesNamed(JsonNode timeline) {
        for (JsonNode entry : timeline) {
            if (entry.hasNonNull("programmeId") && !entry.hasNonNull("programmeName")) {
                return false;
            }
        }
        return true;
    }

    /** A JSON object from alternating names and values; values are strings unless they look like JSON. */
    protected static String json(String... namesAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                json.append(',');
            }
            String value = namesAndValues[i + 1];
            boolean raw = value.startsWith("[") || value.startsWith("{") || value.matches("-?\\d+|true|false|null");
            json.append('"')
                    .append(namesAndValues[i])
                    .append("\":")
                    .append(raw ? value : "\"" + value.replace("\"", "\\\"") + "\"");
        }
        return json.append('}').toString();
    }

    protected static LocalDate daysAgo(int days) {
        return LocalDate.now(java.time.ZoneOffset.UTC).minusDays(days);
    }
}
