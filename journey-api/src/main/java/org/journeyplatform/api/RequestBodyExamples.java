package org.journeyplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.MediaType;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * An example for every request body of the API description, built from the request's own record type, so it cannot
 * drift from the code: every field filled with a plausible, synthetic value of its type (dates in the past and in
 * order, the demo data set's treatment programme, the first value of an enumeration), nested records and lists
 * included. A few bodies whose fields depend on each other (an assessment's item scores, a correction's values, an
 * instrument definition, a research study, staff roles) have hand-written examples. A test checks that every example
 * is read by the API's own JSON rules and passes its validation.
 */
@Configuration(proxyBeanMethods = false)
public class RequestBodyExamples {

    /** The demo data set's treatment programme (the same id in every demo run). */
    static final String DEMO_PROGRAMME = "956a3706-ba4c-3e9d-bb3c-0841eb480cc1";

    static final String SOME_PEER = "3b0d7c4e-8a51-4f0e-9d2a-6c1e5f7a9b20";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bodies whose values depend on each other, by the request type's simple name. */
    private static final Map<String, String> HAND_WRITTEN = Map.of(
            "Assessment", """
                    {"instrument": "ors", "itemScores": {"individually": 6, "interpersonally": 5, "socially": 4,
                     "overall": 5}, "occurredOn": "2025-03-14", "occurredAt": "10:30"}""",
            "Correction", """
                    {"correctedValues": {"occurredOn": "2025-03-12"},
                     "reason": "The date was typed from the wrong diary page."}""",
            "Roles", """
                    {"roles": ["CASEWORKER"]}""",
            "NewAccount", """
                    {"username": "jo.caseworker", "password": "a long passphrase of her own", "roles": ["CASEWORKER"]}""",
            "Definition", """
                    {"name": "Wellbeing ladder", "items": [{"code": "wellbeing", "label": "How are you today?",
                     "min": 1, "max": 10}], "subscales": [], "totalScoring": "SUM"}""",
            "NewStudy", """
                    {"title": "Time to first return after a programme exit", "ethicsApprovalReference": "REC 25/0142",
                     "researchers": ["researcher"], "programmeIds": ["956a3706-ba4c-3e9d-bb3c-0841eb480cc1"],
                     "periodFrom": "2023-01-01", "periodTo": "2025-12-31", "quasiIdentifiers": ["AGE_BAND"],
                     "dateMode": "SHIFTED", "k": 5, "consentScope": "research", "expiresOn": "2027-12-31"}""");

    /** Values that make a coherent story with the other examples (the first constant of each enum otherwise). */
    private static final Map<String, String> PREFERRED_CONSTANTS = Map.of(
            "MilestoneType", "STABLE_HOUSING",
            "ReunificationStep", "SUPERVISED_CONTACT",
            "ReunificationPlanClosureReason", "CUSTODY_RESTORED");

    @Bean
    OperationCustomizer requestBodyExample() {
        return (operation, handler) -> {
            Class<?> body = bodyType(handler);
            if (body == null
                    || operation.getRequestBody() == null
                    || operation.getRequestBody().getContent() == null) {
                return operation;
            }
            JsonNode example = example(body);
            for (MediaType media : operation.getRequestBody().getContent().values()) {
                media.setExample(example);
            }
            return operation;
        };
    }

    /** The type of the handler's {@code @RequestBody} parameter, or null. */
    public static Class<?> bodyType(HandlerMethod handler) {
        for (Parameter parameter : handler.getMethod().getParameters()) {
            if (parameter.isAnnotationPresent(RequestBody.class)) {
                return parameter.getType();
            }
        }
        return null;
    }

    /** The example body of a request type. */
    public static JsonNode example(Class<?> type) {
        String written = HAND_WRITTEN.get(type.getSimpleName());
        if (written != null) {
            try {
                return JSON.readTree(written);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(
                        "The hand-written example of " + type.getSimpleName() + " is not JSON", e);
            }
        }
        return value(type, null, "body");
    }

    private static JsonNode value(Type type, Class<?> declaring, String name) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            ObjectNode object = JSON.createObjectNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(), value(component.getGenericType(), raw, component.getName()));
            }
            return object;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ArrayNode array = JSON.createArrayNode();
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            array.add(value(element, declaring, singular(name)));
            return array;
        }
        if (raw.isEnum()) {
            String preferred = PREFERRED_CONSTANTS.get(raw.getSimpleName());
            return JSON.getNodeFactory()
                    .textNode(preferred != null ? preferred : ((Enum<?>) raw.getEnumConstants()[0]).name());
        }
        if (raw == LocalDate.class) {
            return JSON.getNodeFactory().textNode(date(name));
        }
        if (raw == LocalTime.class) {
            return JSON.getNodeFactory().textNode("10:30");
        }
        if (raw == UUID.class) {
            return JSON.getNodeFactory()
                    .textNode(name.toLowerCase(java.util.Locale.ROOT).contains("peer") ? SOME_PEER : DEMO_PROGRAMME);
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return JSON.getNodeFactory().numberNode(number(name));
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return JSON.getNodeFactory().booleanNode(true);
        }
        return JSON.getNodeFactory().textNode(text(name, declaring));
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String date(String name) {
        return switch (name) {
            case "enrolledOn" -> "2024-06-03";
            case "enteredOn" -> "2024-09-02";
            case "exitedOn" -> "2025-03-14";
            case "expiresOn" -> "2027-03-14";
            default -> "2025-03-14";
        };
    }

    private static int number(String name) {
        return switch (name) {
            case "yearOfBirth" -> 2001;
            case "ageAtFirstEntry" -> 19;
            case "minutes" -> 45;
            case "trainingHours" -> 40;
            case "week" -> 1;
            case "k" -> 5;
            default -> 1;
        };
    }

    private static String text(String name, Class<?> declaring) {
        if (name.equals("reason") && declaring != null) {
            return switch (declaring.getSimpleName()) {
                case "Request" -> "Her caseworker is away and she asked for help today.";
                case "ErasureRequest" -> "Her request to be forgotten, reference 2026-014.";
                case "Retraction" -> "Recorded in the wrong participant's record.";
                default -> "Written down wrongly from the session notes.";
            };
        }
        return switch (name) {
            case "chosenName" -> "Wren";
            case "name" -> "Harbour House";
            case "displayName" -> "Marigold";
            case "title" -> "Keeping safe online";
            case "moduleId" -> "week-1";
            case "childPseudonym" -> "child-A";
            case "scope" -> "research";
            case "password" -> "a long passphrase of her own";
            case "username" -> "jo.caseworker";
            case "reason" -> "Her caseworker is away and she asked for help today.";
            case "contents" -> "Who to call, where to go, what to take: agreed with her.";
            case "description" -> "Signed the tenancy of a flat of her own.";
            default -> "Written by staff, in her words where she chose them.";
        };
    }
}
