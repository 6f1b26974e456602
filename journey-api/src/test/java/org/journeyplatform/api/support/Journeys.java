package org.journeyplatform.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.journeyplatform.api.support.ApiClient.Response;

/** Small helpers for tests that record whole journeys: accepted commands, refused ones, readings and timeline rows. */
public final class Journeys {

    private static final String[] ORS_ITEMS = {"individually", "interpersonally", "socially", "overall"};

    private Journeys() {}

    /** Asserts the command was accepted (201) and returns its body: participantId, version and the created id. */
    public static JsonNode accepted(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Asserts a problem detail of this status and type, e.g. 400 and {@code /problems/validation-failed}. */
    public static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo(type);
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    /** Asserts a broken journey rule: its status, its type URI, the rule named, and a detail saying why. */
    public static void assertRule(Response response, int status, String rule) {
        assertProblem(response, status, "/problems/" + rule);
        assertThat(response.json().get("rule").asText()).isEqualTo(rule);
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    /** Item scores of an Outcome Rating Scale reading adding up to the total (0 to 40), as a JSON object. */
    public static String ors(int total) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < ORS_ITEMS.length; i++) {
            int score = Math.min(10, total / 4 + (i < total % 4 ? 1 : 0));
            json.append(i > 0 ? "," : "")
                    .append('"')
                    .append(ORS_ITEMS[i])
                    .append("\":")
                    .append(score);
        }
        return json.append('}').toString();
    }

    /** Registers a peer (as a manager or administrator) and returns the peer's id. */
    public static String registerPeer(ApiClient manager, String displayName, String role, int trainingHours) {
        Response response = manager.post(
                "/api/v1/peers",
                "{\"displayName\":\"" + displayName + "\",\"role\":\"" + role + "\",\"trainingHours\":" + trainingHours
                        + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("peerId").asText();
    }

    /** Waits until the programme catalogue lists the programme (timelines show its name from there); returns its id. */
    public static String awaitProgramme(ApiClient client, String programmeId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/v1/programmes/" + programmeId).status() == 200);
        return programmeId;
    }

    /** The event types of a timeline, in the order shown. */
    public static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    /** The timeline rows matching the condition, in the order shown. */
    public static List<JsonNode> rows(JsonNode timeline, Predicate<JsonNode> condition) {
        List<JsonNode> rows = new ArrayList<>();
        timeline.forEach(entry -> {
            if (condition.test(entry)) {
                rows.add(entry);
            }
        });
        return rows;
    }

    /** The rows of one event type, in the order shown. */
    public static List<JsonNode> rowsOfType(JsonNode timeline, String type) {
        return rows(timeline, entry -> entry.get("type").asText().equals(type));
    }

    /** The one row with this event id. */
    public static JsonNode row(JsonNode timeline, String eventId) {
        List<JsonNode> rows =
                rows(timeline, entry -> entry.get("eventId").asText().equals(eventId));
        assertThat(rows).as("timeline rows with event id " + eventId).hasSize(1);
        return rows.get(0);
    }
}
