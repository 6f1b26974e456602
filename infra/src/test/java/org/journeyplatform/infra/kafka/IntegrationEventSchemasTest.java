package org.journeyplatform.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.journeyplatform.infra.testsupport.SampleEvents.sampleOf;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.serialization.Serializer;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.infra.axon.AxonConfiguration;
import org.journeyplatform.infra.crypto.PersonalDataCipher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas of the integration events ({@code docs/schemas/journey.events.v1/<name>.v1.schema.json}, one per
 * journey event type) are generated here from the event classes by reflection and compared with the files, so adding
 * or changing a field of an event fails the build until its schema is updated. With {@code -Dschemas.write=true} the
 * test writes the files instead (and removes those of event types that are gone):
 * <pre>
 * ./mvnw -o -q -pl infra test -Dtest=IntegrationEventSchemasTest -Dsurefire.failIfNoSpecifiedTests=false -Dschemas.write=true
 * </pre>
 * The schemas describe the record's value as {@link IntegrationEvents#record} publishes it: the event's stored JSON,
 * personal-data fields sealed ({@code pd1:...}). A sample of every event, written by the event serializer as the
 * application configures it, is checked against its schema.
 */
@DisplayName("Integration event schemas")
class IntegrationEventSchemasTest {

    /** Where the schemas live, seen from the infra module (Maven runs its tests there). */
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas", "journey.events.v1");

    private static final String FILE_SUFFIX = IntegrationEvents.TYPE_SUFFIX + ".schema.json";
    private static final boolean WRITE = Boolean.getBoolean("schemas.write");

    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    private static final String SEALED = "^" + PersonalDataCipher.PREFIX;
    /** How Jackson writes a LocalTime (ISO-8601 local time; JSON Schema's "time" format would demand an offset). */
    private static final String LOCAL_TIME = "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$";
    /** Present in every journey event, never null: whose journey it is and when it happened in her life. */
    private static final Set<String> ALWAYS_PRESENT = Set.of("participantId", "occurredOn");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Class<?>> eventTypes() {
        return Arrays.stream(JourneyEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    @DisplayName("are in docs/schemas, each equal to the schema its event class calls for")
    void schemaFileIsUpToDate(Class<?> type) throws IOException {
        // given the schema generated from the event class
        ObjectNode expected = schemaOf(type);
        Path file = fileOf(type);
        if (WRITE) {
            write(file, expected);
        }

        // when the file in docs/schemas is read
        assertThat(file)
                .as("the schema of %s (write it with -Dschemas.write=true)", type.getSimpleName())
                .exists();
        JsonNode documented = JSON.readTree(file.toFile());

        // then it is the generated schema
        assertThat(documented)
                .as(
                        "%s is out of date with %s: run IntegrationEventSchemasTest with -Dschemas.write=true, and mind "
                                + "that a breaking change needs a new version of the type, not an edited v1",
                        file, type.getName())
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("exist only for event classes: no schema is left of a type that is gone")
    void noStaleSchemas() throws IOException {
        // given the schema files in docs/schemas
        if (WRITE) {
            Files.createDirectories(SCHEMAS);
        }
        assertThat(SCHEMAS)
                .as("docs/schemas seen from %s", Path.of("").toAbsolutePath())
                .isDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(SCHEMAS)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        if (WRITE) {
            for (Path file : files) {
                if (eventTypeOf(file) == null) {
                    Files.delete(file);
                }
            }
            try (Stream<Path> listing = Files.list(SCHEMAS)) {
                files = listing.filter(path -> path.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .toList();
            }
        }

        // when each is matched with its event type
        List<String> stale = files.stream()
                .filter(file -> eventTypeOf(file) == null)
                .map(file -> file.getFileName().toString())
                .toList();

        // then every one is the schema of an integration event type, and there is one per type
        assertThat(stale)
                .as("schema files of no integration event type (remove them, or run with " + "-Dschemas.write=true)")
                .isEmpty();
        assertThat(files).hasSize(JourneyEvent.class.getPermittedSubclasses().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    @DisplayName("describe the event exactly as it is stored and published, personal data sealed")
    void describeTheStoredJson(Class<?> type) throws IOException {
        // given a sample event with every field filled, and the event serializer as the application configures it
        Object event = sampleOf(type);
        Serializer serializer = new AxonConfiguration(100).serializer(new FakeSealingCipher());

        // when it is written as the event store keeps it (and as the publisher sends it)
        JsonNode data = JSON.readTree(serializer.serialize(event, byte[].class).getData());

        // then it is valid by its schema, and the schema names every field it has
        List<String> problems = new ArrayList<>();
        validate(schemaOf(type), data, "", problems);
        assertThat(problems)
                .as("%s against its schema: %s", type.getSimpleName(), data)
                .isEmpty();
        assertThat(fieldNames(data))
                .containsExactlyInAnyOrderElementsOf(fieldNames(schemaOf(type).get("properties")));
    }

    @Test
    @DisplayName("describe personal data as sealed text and everything else as the plain value")
    void personalDataIsSealed() {
        // given the enrolment, which has personal and plain fields
        // when its schema is generated
        JsonNode properties = schemaOf(ParticipantEnrolledEvent.class).get("properties");

        // then her name and her year of birth (a number once opened) are sealed text, the referral source a code
        assertThat(properties.get("chosenName").get("pattern").asText()).isEqualTo("^pd1:");
        assertThat(properties.get("yearOfBirth").get("type"))
                .containsExactly(
                        JSON.getNodeFactory().textNode("string"),
                        JSON.getNodeFactory().textNode("null"));
        assertThat(properties.get("yearOfBirth").get("description").asText()).contains("erasure");
        assertThat(properties.get("referralSource").has("pattern")).isFalse();
        assertThat(properties.get("referralSource").get("enum")).isNotEmpty();
        assertThat(properties.get("participantId").get("type").asText()).isEqualTo("string");
    }

    // ---- the schema of an event class

    static ObjectNode schemaOf(Class<?> type) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", DRAFT);
        schema.put("title", IntegrationEvents.type(type));
        schema.put(
                "description",
                "The data of an integration event of type " + IntegrationEvents.type(type)
                        + " (the Kafka record's value, application/json): the " + type.getSimpleName()
                        + " as the event store "
                        + "keeps it, personal data sealed. Optional values are null; a field added to the event after it "
                        + "was stored is absent (read it as null). Ignore fields you do not know. See "
                        + "docs/integration-events.md and docs/events.md.");
        schema.put(
                "$comment",
                "Generated from " + type.getName() + " by IntegrationEventSchemasTest "
                        + "(-Dschemas.write=true); do not edit by hand.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : type.getRecordComponents()) {
            properties.set(component.getName(), componentSchema(type, component));
            if (ALWAYS_PRESENT.contains(component.getName())) {
                required.add(component.getName());
            }
        }
        return schema;
    }

    private static ObjectNode componentSchema(Class<?> owner, RecordComponent component) {
        if (component.isAnnotationPresent(PersonalData.class)) {
            if (Map.class.isAssignableFrom(component.getType())) {
                return correctedValuesSchema(owner, component);
            }
            return sealed("Personal data (" + javaName(component.getGenericType()) + " once opened)");
        }
        boolean nullable = !component.getType().isPrimitive() && !ALWAYS_PRESENT.contains(component.getName());
        return valueSchema(component.getGenericType(), nullable);
    }

    /** A map of values by field name, of which the entries named after personal fields are sealed. */
    private static ObjectNode correctedValuesSchema(Class<?> owner, RecordComponent component) {
        if (!(component.getGenericType() instanceof ParameterizedType map)
                || map.getActualTypeArguments()[1] != String.class) {
            return fail(
                    "@PersonalData %s.%s is a map of something other than text: teach "
                            + "IntegrationEventSchemasTest how it is sealed",
                    owner.getSimpleName(), component.getName());
        }
        ObjectNode schema = JSON.createObjectNode();
        schema.set("type", types("object", true));
        schema.put(
                "description",
                "The corrected event's fields and their new values, by field name, as text (or "
                        + "null). The entries of personal fields (listed here) are sealed with the participant's data key and "
                        + "unreadable after her erasure; the other entries (occurredOn, reason, type, ...) are plain text.");
        ObjectNode properties = schema.putObject("properties");
        for (String name : PersonalDataFields.correctableNames()) {
            properties.set(name, sealed("Personal data"));
        }
        schema.set("additionalProperties", valueSchema(String.class, true));
        return schema;
    }

    private static ObjectNode sealed(String what) {
        ObjectNode schema = JSON.createObjectNode();
        schema.set("type", types("string", true));
        schema.put("pattern", SEALED);
        schema.put(
                "description",
                what + ", sealed with the participant's own data key: \"pd1:\" and the base64 of "
                        + "its AES-256-GCM ciphertext. No consumer can open it; after her erasure her key is destroyed and "
                        + "nobody can. Null when there is no value.");
        return schema;
    }

    private static ObjectNode valueSchema(Type type, boolean nullable) {
        ObjectNode schema = JSON.createObjectNode();
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Set.class || raw == List.class) {
                schema.set("type", types("array", nullable));
                schema.set("items", valueSchema(arguments[0], false));
                if (raw == Set.class) {
                    schema.put("uniqueItems", true);
                }
                return schema;
            }
            if (raw == Map.class && arguments[0] == String.class) {
                schema.set("type", types("object", nullable));
                schema.set("additionalProperties", valueSchema(arguments[1], false));
                return schema;
            }
        }
        if (!(type instanceof Class<?> type1)) {
            return fail("No JSON type for %s: teach IntegrationEventSchemasTest about it", type.getTypeName());
        }
        if (type1 == String.class) {
            schema.set("type", types("string", nullable));
        } else if (type1 == int.class || type1 == Integer.class || type1 == long.class || type1 == Long.class) {
            schema.set("type", types("integer", nullable));
        } else if (type1 == double.class || type1 == Double.class) {
            schema.set("type", types("number", nullable));
        } else if (type1 == boolean.class || type1 == Boolean.class) {
            schema.set("type", types("boolean", nullable));
        } else if (type1.isEnum()) {
            schema.set("type", types("string", nullable));
            ArrayNode values = schema.putArray("enum");
            Arrays.stream(type1.getEnumConstants()).forEach(constant -> values.add(((Enum<?>) constant).name()));
            if (nullable) {
                values.addNull();
            }
        } else if (type1 == LocalDate.class) {
            schema.set("type", types("string", nullable));
            schema.put("format", "date");
        } else if (type1 == LocalTime.class) {
            schema.set("type", types("string", nullable));
            schema.put("pattern", LOCAL_TIME);
        } else if (type1 == OccurredOn.class) {
            schema.set("type", types("object", nullable));
            schema.put("description", "When it happened in her life: the date, and the time of day when known");
            ObjectNode properties = schema.putObject("properties");
            properties.set("date", valueSchema(LocalDate.class, false));
            properties.set("time", valueSchema(LocalTime.class, true));
            schema.putArray("required").add("date");
        } else if (type1.isRecord()
                && type1.getRecordComponents().length == 1
                && type1.getRecordComponents()[0].getType() == String.class) {
            schema.set("type", types("string", nullable)); // a typed id or code, written as its value
            schema.put("description", type1.getSimpleName() + ", as its text");
        } else if (type1.isRecord()) {
            schema.set("type", types("object", nullable));
            ObjectNode properties = schema.putObject("properties");
            for (RecordComponent component : type1.getRecordComponents()) {
                properties.set(
                        component.getName(),
                        valueSchema(
                                component.getGenericType(), !component.getType().isPrimitive()));
            }
        } else {
            return fail("No JSON type for %s: teach IntegrationEventSchemasTest about it", type1.getName());
        }
        return schema;
    }

    private static JsonNode types(String type, boolean nullable) {
        if (!nullable) {
            return JSON.getNodeFactory().textNode(type);
        }
        return JSON.createArrayNode().add(type).add("null");
    }

    private static String javaName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    // ---- the files

    private static Path fileOf(Class<?> type) {
        return SCHEMAS.resolve(IntegrationEvents.name(type) + FILE_SUFFIX);
    }

    private static Class<?> eventTypeOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(FILE_SUFFIX)) {
            return null;
        }
        String type = IntegrationEvents.TYPE_PREFIX + name.substring(0, name.length() - ".schema.json".length());
        return IntegrationEvents.classOf(type);
    }

    private static void write(Path file, JsonNode schema) throws IOException {
        Files.createDirectories(file.getParent());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(file, JSON.writer(printer).writeValueAsString(schema) + "\n", StandardCharsets.UTF_8);
    }

    // ---- checking a JSON value against the part of JSON Schema these schemas use

    private static void validate(JsonNode schema, JsonNode value, String path, List<String> problems) {
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> allowed = type.isArray() ? texts(type) : List.of(type.asText());
            if (!allowed.contains(jsonType(value))) {
                problems.add(path + " is " + jsonType(value) + ", not " + allowed);
                return;
            }
        }
        if (schema.has("enum") && !containsValue(schema.get("enum"), value)) {
            problems.add(path + " is " + value + ", not one of " + schema.get("enum"));
        }
        if (schema.has("pattern")
                && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(value.asText())
                        .find()) {
            problems.add(path + " is " + value + ", not matching " + schema.get("pattern"));
        }
        if (value.isObject()) {
            for (String name : texts(schema.path("required"))) {
                if (!value.has(name)) {
                    problems.add(path + "/" + name + " is missing");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode fieldSchema = schema.path("properties").get(field.getKey());
                if (fieldSchema == null) {
                    fieldSchema = schema.get("additionalProperties");
                }
                if (fieldSchema != null) {
                    validate(fieldSchema, field.getValue(), path + "/" + field.getKey(), problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.get("items"), value.get(i), path + "/" + i, problems);
            }
        }
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    private static boolean containsValue(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- sample events, every field filled, built by reflection so that new event types are covered

    /** Seals like the real cipher (same format, no key store): the JSON has the shape the event store keeps. */
    private static final class FakeSealingCipher extends PersonalDataCipher {
        FakeSealingCipher() {
            super(null);
        }

        @Override
        public String seal(String participantId, String field, byte[] plaintext) {
            return PREFIX + Base64.getEncoder().encodeToString(plaintext);
        }
    }
}
