package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The platform can be operated: health, metrics, an API description, docs that match the code")
class OperationsTest extends ApiTest {

    @Nested
    @DisplayName("health")
    class Health {

        @Test
        @DisplayName("liveness and readiness (with the database) answer UP without credentials")
        void probes() {
            assertThat(anonymous
                            .get("/actuator/health/liveness")
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
            Response readiness = anonymous.get("/actuator/health/readiness");
            assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        }

        @Test
        @DisplayName("metrics are for administrators only")
        void metrics() {
            assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
            assertThat(caseworker.get("/actuator/metrics").status()).isEqualTo(403);
            Response metrics = admin.get("/actuator/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.json().get("names").toString()).contains("http.server.requests");
        }
    }

    @Nested
    @DisplayName("the OpenAPI description")
    class OpenApi {

        @Test
        @DisplayName("describes every participant and programme endpoint")
        void described() {
            JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");

            List<String> names = new ArrayList<>();
            paths.fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .contains(
                            "/api/v1/participants",
                            "/api/v1/participants/{participantId}",
                            "/api/v1/participants/{participantId}/timeline",
                            "/api/v1/participants/{participantId}/programme-entries",
                            "/api/v1/participants/{participantId}/programme-exits",
                            "/api/v1/participants/{participantId}/relapses",
                            "/api/v1/participants/{participantId}/milestones",
                            "/api/v1/programmes",
                            "/api/v1/admin/projections/{name}/replay");
        }

        @Test
        @DisplayName("gives every journey command her id in the path first and If-Match last, described, and nothing "
                + "of how they are resolved")
        void commandParameters() {
            JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");

            List<String> commands = new ArrayList<>();
            paths.fields().forEachRemaining(path -> {
                if (path.getKey().startsWith("/api/v1/participants/{participantId}/")
                        && path.getValue().has("post")
                        && !path.getKey().endsWith("/break-glass")) {
                    commands.add(path.getKey());
                    JsonNode parameters = path.getValue().at("/post/parameters");
                    assertThat(parameters.get(0).get("name").asText())
                            .as(path.getKey())
                            .isEqualTo("participantId");
                    assertThat(parameters.get(0).get("in").asText())
                            .as(path.getKey())
                            .isEqualTo("path");
                    JsonNode last = parameters.get(parameters.size() - 1);
                    assertThat(last.get("name").asText()).as(path.getKey()).isEqualTo("If-Match");
                    assertThat(last.get("in").asText()).as(path.getKey()).isEqualTo("header");
                    assertThat(last.get("description").asText())
                            .as(path.getKey())
                            .isNotBlank();
                    assertThat(parameters.findValuesAsText("name"))
                            .as(path.getKey())
                            .doesNotContain("target", "participantId.participantId");
                }
            });
            assertThat(commands).as("journey command endpoints").hasSizeGreaterThanOrEqualTo(25);
        }
    }

    @Nested
    @DisplayName("the OpenAPI description's own parts")
    class OpenApiInfo {

        @Test
        @DisplayName(
                "has a title, a version, Basic and bearer sign-in (Swagger UI's Authorize) and one tag per resource")
        void finished() {
            JsonNode api = anonymous.get("/v3/api-docs").json();

            assertThat(api.at("/info/title").asText()).isEqualTo("Journey platform API");
            assertThat(api.at("/info/version").asText()).startsWith("v1");
            assertThat(api.at("/components/securitySchemes/basic/scheme").asText())
                    .isEqualTo("basic");
            assertThat(api.at("/components/securitySchemes/bearer/scheme").asText())
                    .isEqualTo("bearer");
            java.util.List<String> tags = api.get("tags").findValuesAsText("name");
            assertThat(tags).doesNotHaveDuplicates().doesNotContain("problem-types-controller");
        }
    }

    @Nested
    @DisplayName("the examples of request bodies")
    class RequestBodyExamplesOfTheApi {

        @org.springframework.beans.factory.annotation.Autowired
        @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
        private org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

        @org.springframework.beans.factory.annotation.Autowired
        private com.fasterxml.jackson.databind.ObjectMapper api;

        @org.springframework.beans.factory.annotation.Autowired
        private jakarta.validation.Validator validator;

        @Test
        @DisplayName("every request body in the API description has an example")
        void everyBodyHasAnExample() {
            JsonNode paths = anonymous.get("/v3/api-docs").json().get("paths");

            List<String> withoutExample = new ArrayList<>();
            int bodies = 0;
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> path = paths.fields(); path.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> entry = path.next();
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> op =
                                entry.getValue().fields();
                        op.hasNext(); ) {
                    java.util.Map.Entry<String, JsonNode> operation = op.next();
                    JsonNode content = operation.getValue().path("requestBody").path("content");
                    if (content.isMissingNode()) {
                        continue;
                    }
                    bodies++;
                    content.fields().forEachRemaining(media -> {
                        if (!media.getValue().has("example")) {
                            withoutExample.add(operation.getKey().toUpperCase() + " " + entry.getKey());
                        }
                    });
                }
            }
            assertThat(bodies).isGreaterThan(30);
            assertThat(withoutExample).isEmpty();
        }

        @Test
        @DisplayName("every example is read by the API's strict JSON rules and passes the request's validation")
        void everyExampleIsValid() {
            List<String> checked = new ArrayList<>();
            mappings.getHandlerMethods().forEach((info, handler) -> {
                Class<?> body = RequestBodyExamples.bodyType(handler);
                if (body == null) {
                    return;
                }
                JsonNode example = RequestBodyExamples.example(body);
                Object request;
                try {
                    request = api.treeToValue(example, body);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError(
                            "The example of " + info + " is not read: " + e.getOriginalMessage() + "\n" + example, e);
                }
                assertThat(validator.validate(request))
                        .as("validation of the example of %s: %s", info, example)
                        .isEmpty();
                checked.add(body.getSimpleName());
            });
            assertThat(checked).hasSizeGreaterThan(30);
        }
    }

    @Nested
    @DisplayName("the documentation")
    class Documentation {

        @Test
        @DisplayName("catalogues every event type in docs/events.md")
        void eventCatalogue() throws IOException {
            String catalogue = Files.readString(docs().resolve("events.md"));

            List<Class<?>> events = new ArrayList<>(List.of(JourneyEvent.class.getPermittedSubclasses()));
            events.add(ProgrammeRegisteredEvent.class);
            assertThat(events)
                    .allSatisfy(event -> assertThat(catalogue)
                            .as("docs/events.md documents " + event.getSimpleName())
                            .contains("## " + event.getSimpleName()));
        }

        @Test
        @DisplayName("lists every problem type in docs/api.md")
        void problemTypes() throws IOException {
            String guide = Files.readString(docs().resolve("api.md"));

            assertThat(ProblemType.catalogue().keySet())
                    .allSatisfy(code -> assertThat(guide)
                            .as("docs/api.md lists problem type " + code)
                            .contains(code));
        }

        private Path docs() {
            Path here = Path.of("").toAbsolutePath();
            Path docs = here.resolve("docs");
            return Files.isDirectory(docs) ? docs : here.getParent().resolve("docs");
        }
    }
}
