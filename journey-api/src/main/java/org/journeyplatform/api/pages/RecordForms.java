package org.journeyplatform.api.pages;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The forms of the staff pages, one per command endpoint of a journey, read from the API itself: its path, its
 * summary as the form's title, and a field per component of its request body, typed and limited as the body's own
 * constraints say (required, longest text, smallest and largest number, the choices of an enum). The forms send JSON
 * to the same endpoint, so the API's rules are the forms' rules: there is no second copy of them here, and a new
 * endpoint has its form without a line of page code.
 */
public final class RecordForms {

    private static final String PREFIX = "/api/v1/participants/{participantId}/";

    /** A form: its key (the path after the participant, ids as their names), title, group, endpoint, fields. */
    public record Form(
            String key,
            String title,
            String group,
            String endpoint,
            List<FormField> fields,
            List<String> pathChoices,
            boolean perInstrument,
            boolean perEntry) {

        /** The endpoint for one participant. */
        public String endpointFor(String participantId) {
            return endpoint.replace("{participantId}", participantId);
        }

        public String id() {
            return "form-" + key.replace('/', '-').replace("{", "").replace("}", "");
        }
    }

    /**
     * One field.
     *
     * @param input       text, textarea, date, time, number, select, checkboxes, programme or peer (a choice filled
     *                    from the programmes or peers the page knows)
     * @param options     the choices of a select or of checkboxes: value and words
     */
    public record FormField(
            String name,
            String label,
            String input,
            boolean required,
            Integer maxLength,
            Long min,
            Long max,
            List<Option> options) {}

    public record Option(String value, String label) {}

    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("profile-updates", "Her profile"),
            Map.entry("programme-entries", "Programmes"),
            Map.entry("programme-exits", "Programmes"),
            Map.entry("programme-stays", "Programmes"),
            Map.entry("relapses", "Relapses and returns"),
            Map.entry("milestones", "Milestones"),
            Map.entry("module-attendances", "Curriculum"),
            Map.entry("module-completions", "Curriculum"),
            Map.entry("reunification-plans", "Reunification"),
            Map.entry("peer-mentors", "Peer support"),
            Map.entry("peer-sessions", "Peer support"),
            Map.entry("assessments", "Assessments"),
            Map.entry("goals", "Goals"),
            Map.entry("safety-plans", "Safety"),
            Map.entry("protection-orders", "Safety"),
            Map.entry("support-network", "Support network"),
            Map.entry("consents", "Consent"),
            Map.entry("events", "Corrections"));

    /** The order groups are shown in: the most frequent records first. */
    public static final List<String> GROUP_ORDER = List.of(
            "Programmes",
            "Relapses and returns",
            "Milestones",
            "Curriculum",
            "Reunification",
            "Peer support",
            "Assessments",
            "Goals",
            "Safety",
            "Support network",
            "Consent",
            "Her profile",
            "Corrections",
            "Other");

    /** Labels in plain words for the names the request bodies use; anything else is its name in words. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("occurredOn", "Date (when it happened in her life)"),
            Map.entry("occurredAt", "Time (if known)"),
            Map.entry("enteredOn", "Date she entered"),
            Map.entry("exitedOn", "Date she left"),
            Map.entry("enrolledOn", "Date of enrolment"),
            Map.entry("enrolledAt", "Time of enrolment (if known)"),
            Map.entry("programmeId", "Programme"),
            Map.entry("peerId", "Peer"),
            Map.entry("moduleId", "Module (e.g. week-3)"),
            Map.entry("note", "Note"),
            Map.entry("chosenName", "Chosen name or pseudonym"),
            Map.entry("yearOfBirth", "Year of birth"),
            Map.entry("ageAtFirstEntry", "Age at first entry into the trade"),
            Map.entry("supportFollowed", "Support that followed"),
            Map.entry("childPseudonym", "Child's pseudonym (never the child's name)"),
            Map.entry("expiresOn", "Expires on"),
            Map.entry("contents", "Contents"),
            Map.entry("description", "Description"),
            Map.entry("minutes", "Minutes"),
            Map.entry("reason", "Reason"),
            Map.entry("kind", "Kind"),
            Map.entry("type", "Type"),
            Map.entry("step", "Step"),
            Map.entry("severity", "Severity"),
            Map.entry("scope", "Scope (what she agreed to)"),
            Map.entry("referralSource", "Referral source"),
            Map.entry("ageBand", "Age band"),
            Map.entry("genderIdentity", "Gender identity"));

    private final List<Form> forms;

    public RecordForms(RequestMappingHandlerMapping mappings) {
        List<Form> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Form form = form(info, method);
            if (form != null) {
                found.add(form);
            }
        });
        found.sort(Comparator.comparing((Form f) -> GROUP_ORDER.indexOf(f.group()))
                .thenComparing(f -> f.pathChoices().size())
                .thenComparing(Form::key));
        this.forms = List.copyOf(found);
    }

    /** Every journey form, in page order. */
    public List<Form> all() {
        return forms;
    }

    /** The form of one endpoint path (after the participant), e.g. {@code milestones}. */
    public Form byKey(String key) {
        return forms.stream()
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No form for " + key));
    }

    /** The enrolment form: {@code POST /api/v1/participants}. */
    public static Form enrolment(RequestMappingHandlerMapping mappings) {
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            if (entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST)
                    && entry.getKey().getPatternValues().contains("/api/v1/participants")) {
                Class<?> body = bodyType(entry.getValue());
                return new Form(
                        "enrolment",
                        "Enrol a participant",
                        "Enrolment",
                        "/api/v1/participants",
                        fields(body),
                        List.of(),
                        false,
                        false);
            }
        }
        throw new IllegalStateException("The API has no enrolment endpoint");
    }

    private static Form form(RequestMappingInfo info, HandlerMethod method) {
        if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
            return null;
        }
        String pattern = info.getPatternValues().stream()
                .filter(p -> p.startsWith(PREFIX))
                .findFirst()
                .orElse(null);
        if (pattern == null || pattern.endsWith("/break-glass")) {
            return null;
        }
        Class<?> body = bodyType(method);
        if (body == null || !body.isRecord()) {
            return null;
        }
        String key = pattern.substring(PREFIX.length());
        String first = key.split("/")[0];
        Operation operation = method.getMethodAnnotation(Operation.class);
        String title = operation != null && !operation.summary().isBlank() ? operation.summary() : words(key);
        List<String> choices = Arrays.stream(key.split("/"))
                .filter(s -> s.startsWith("{"))
                .map(s -> s.substring(1, s.length() - 1))
                .toList();
        boolean perInstrument = Arrays.stream(body.getRecordComponents())
                .anyMatch(c -> c.getName().equals("itemScores"));
        boolean perEntry = choices.contains("eventId");
        return new Form(
                key,
                title,
                GROUPS.getOrDefault(first, "Other"),
                pattern,
                fields(body),
                choices,
                perInstrument,
                perEntry);
    }

    private static Class<?> bodyType(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    private static List<FormField> fields(Class<?> body) {
        List<FormField> fields = new ArrayList<>();
        for (RecordComponent component : body.getRecordComponents()) {
            FormField field = field(body, component);
            if (field != null) {
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }

    private static FormField field(Class<?> body, RecordComponent component) {
        String name = component.getName();
        Class<?> type = component.getType();
        Field declared;
        try {
            declared = body.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        boolean required = declared.isAnnotationPresent(NotNull.class)
                || declared.isAnnotationPresent(NotBlank.class)
                || declared.isAnnotationPresent(NotEmpty.class);
        Size size = declared.getAnnotation(Size.class);
        Min min = declared.getAnnotation(Min.class);
        Max max = declared.getAnnotation(Max.class);
        String label = LABELS.getOrDefault(name, words(name));
        if (Map.class.isAssignableFrom(type)) {
            return null; // item scores (built from the instrument) and corrected values (built from the entry)
        }
        if (type == UUID.class) {
            String input = name.equals("programmeId") ? "programme" : name.equals("peerId") ? "peer" : "text";
            return new FormField(name, label, input, required, null, null, null, List.of());
        }
        if (type == LocalDate.class) {
            return new FormField(name, label, "date", required, null, null, null, List.of());
        }
        if (type == LocalTime.class) {
            return new FormField(name, label, "time", required, null, null, null, List.of());
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return new FormField(
                    name,
                    label,
                    "number",
                    required,
                    null,
                    min == null ? null : min.value(),
                    max == null ? null : max.value(),
                    List.of());
        }
        if (type.isEnum()) {
            return new FormField(name, label, "select", required, null, null, null, options(type));
        }
        if (Set.class.isAssignableFrom(type) || List.class.isAssignableFrom(type)) {
            Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            if (element instanceof Class<?> elementClass && elementClass.isEnum()) {
                return new FormField(name, label, "checkboxes", required, null, null, null, options(elementClass));
            }
            return null;
        }
        Integer longest = size == null || size.max() == Integer.MAX_VALUE ? null : size.max();
        String input = longest != null && longest > 500 ? "textarea" : "text";
        return new FormField(name, label, input, required, longest, null, null, List.of());
    }

    private static List<Option> options(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> new Option(((Enum<?>) c).name(), DashboardPageController.words(((Enum<?>) c).name())))
                .toList();
    }

    /** {@code occurredOn} becomes "Occurred on"; {@code goals/{goalId}/progress} "Goals goal id progress". */
    public static String words(String name) {
        String spaced = name.replaceAll("[{}/-]", " ")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .replaceAll("\\s+", " ")
                .strip()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? name : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
