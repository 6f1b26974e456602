package org.journeyplatform.domain.journey;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * Applies corrected values to a recorded event: the result is the same kind of event with the named fields replaced.
 * Values come as text: dates as {@code 2024-03-01}, the time of day as {@code occurredAt} {@code 14:30}, enums by name,
 * sets of enums comma-separated, ids as their raw value. Fields that the platform computes (re-entry, step direction,
 * scores) and who the event is about cannot be corrected: retract the event and record it again instead.
 */
final class Corrections {

    /**
     * A field of journey events, checked when this class loads: one component of the named event, or, without an
     * owner, a component that at least one kind of journey event has. A misspelt or renamed field stops the class from
     * loading instead of never matching.
     */
    record Field(Class<? extends JourneyEvent> owner, String name) {

        Field {
            Class<?>[] owners = owner == null ? JourneyEvent.class.getPermittedSubclasses() : new Class<?>[] {owner};
            boolean exists = Arrays.stream(owners)
                    .flatMap(type -> Arrays.stream(type.getRecordComponents()))
                    .anyMatch(component -> component.getName().equals(name));
            if (!exists) {
                throw new IllegalStateException("No journey event" + (owner == null ? "" : " " + owner.getSimpleName())
                        + " has a field '" + name + "'.");
            }
        }

        /** The field {@code name} of whichever event has it. */
        static Field any(String name) {
            return new Field(null, name);
        }

        /** The field {@code name} of {@code owner} only. */
        static Field of(Class<? extends JourneyEvent> owner, String name) {
            return new Field(owner, name);
        }

        boolean is(RecordComponent component) {
            return component.getName().equals(name) && (owner == null || owner == component.getDeclaringRecord());
        }
    }

    /** The values that may be emptied by a correction, besides free text (which its event's own checks judge). */
    private static final List<Field> MAY_BE_EMPTIED = List.of(
            Field.any("yearOfBirth"),
            Field.any("ageBand"),
            Field.any("genderIdentity"),
            Field.any("ageAtFirstEntry"),
            Field.any("referralSource"),
            Field.any("severity"),
            Field.any("supportFollowed"),
            Field.any("minutes"),
            Field.of(PeerSessionAttendedEvent.class, "peerId"),
            Field.of(ProtectionOrderNotedEvent.class, "expiresOn"));

    /** What the platform computes, or who the event is about: never corrected (retract and record again instead). */
    private static final List<Field> NEVER_CORRECTED = List.of(
            Field.any("participantId"),
            Field.any("reentry"),
            Field.any("previousStep"),
            Field.any("direction"),
            Field.any("instrumentRevision"),
            Field.any("total"),
            Field.any("subscaleScores"),
            Field.any("itemScores"),
            Field.any("instrument"));

    private Corrections() {}

    /**
     * Refuses a new correction's time of day finer than a microsecond, or written with a decimal point and no
     * fraction ({@code 10:00:00.}), as the API refuses them for a new record: the read models keep times to the
     * microsecond. Only new corrections: one stored before this rule still applies.
     */
    static void requireTimesToTheMicrosecond(Map<String, String> values) {
        String text = values == null ? null : values.get("occurredAt");
        if (blank(text)) {
            return;
        }
        if (text.strip().endsWith(".")) { // LocalTime.parse takes "10:00:00." for 10:00
            throw new IllegalArgumentException("'occurredAt' has a value of the wrong form.");
        }
        LocalTime time = parse(text, "occurredAt", LocalTime::parse);
        if (time.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("'occurredAt' must be a time to the microsecond at most.");
        }
    }

    /**
     * Applies a stored correction when her history is replayed or folded: leniently, because stored history always
     * loads. After her erasure a correction's personal entries are left out, so its values may be empty (it then
     * changes nothing) or hold only the non-personal fields (those still apply). A value that cannot be applied any
     * more is skipped, never thrown.
     */
    static JourneyEvent replay(JourneyEvent original, Map<String, String> values) {
        if (values == null
                || values.isEmpty()
                || original instanceof EventCorrectedEvent
                || original instanceof EventRetractedEvent
                || original instanceof AssessmentRecordedEvent) {
            return original;
        }
        try {
            return apply(original, values);
        } catch (RuntimeException e) {
            JourneyEvent corrected = original;
            for (Map.Entry<String, String> value : values.entrySet()) {
                if (value.getKey() == null) {
                    continue;
                }
                try {
                    corrected = apply(corrected, Collections.singletonMap(value.getKey(), value.getValue()));
                } catch (RuntimeException skipped) {
                    // a value that no longer fits (e.g. left as a placeholder) changes nothing
                }
            }
            return corrected;
        }
    }

    static JourneyEvent apply(JourneyEvent original, Map<String, String> values) {
        if (original instanceof EventCorrectedEvent
                || original instanceof EventRetractedEvent
                || original instanceof AssessmentRecordedEvent) {
            throw new JourneyRuleException(
                    RuleViolation.NOT_CORRECTABLE,
                    "A " + original.getClass().getSimpleName().replaceFirst("Event$", "")
                            + " cannot be corrected field by field; retract it and record it again.");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("A correction names at least one field and its right value.");
        }
        RecordComponent[] components = original.getClass().getRecordComponents();
        Set<String> correctable = new TreeSet<>();
        Arrays.stream(components)
                .filter(c -> NEVER_CORRECTED.stream().noneMatch(f -> f.is(c)))
                .map(RecordComponent::getName)
                .forEach(correctable::add);
        correctable.add("occurredAt");
        for (String field : values.keySet()) {
            if (!correctable.contains(field)) {
                throw new JourneyRuleException(
                        RuleViolation.NOT_CORRECTABLE,
                        "'" + field + "' cannot be corrected on "
                                + org.journeyplatform.domain.journey.event.EventNames.of(original.getClass())
                                + "; these can: " + correctable + ".");
            }
        }
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            Object value = read(component, original);
            if (component.getName().equals("occurredOn")) {
                OccurredOn on = (OccurredOn) value;
                LocalDate date = values.containsKey("occurredOn")
                        ? parse(values.get("occurredOn"), "occurredOn", LocalDate::parse)
                        : on.date();
                LocalTime time = values.containsKey("occurredAt")
                        ? (blank(values.get("occurredAt"))
                                ? null
                                : parse(values.get("occurredAt"), "occurredAt", LocalTime::parse))
                        : on.time();
                value = new OccurredOn(date, time);
            } else if (values.containsKey(component.getName())) {
                value = convert(component, values.get(component.getName()));
            }
            arguments[i] = value;
        }
        try {
            Constructor<?> constructor = original.getClass().getDeclaredConstructor(types);
            return (JourneyEvent) constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(
                    "The corrected values do not make a valid "
                            + original.getClass().getSimpleName() + ": " + cause.getMessage(),
                    cause);
        }
    }

    private static Object convert(RecordComponent component, String text) {
        Class<?> type = component.getType();
        String name = component.getName();
        if (blank(text)) {
            String owner = component.getDeclaringRecord().getSimpleName();
            boolean optional = type == String.class || MAY_BE_EMPTIED.stream().anyMatch(f -> f.is(component));
            if (!optional || type.isPrimitive()) {
                throw new JourneyRuleException(
                        RuleViolation.NOT_CORRECTABLE, "'" + name + "' cannot be emptied on " + owner + ".");
            }
            return type == Set.class ? Set.of() : null;
        }
        if (type == String.class) {
            return text.strip();
        }
        if (type == Integer.class || type == int.class) {
            // ASCII digits only (WholeNumbers): the text is kept in the event, and every reader must read it
            return parse(text, name, digits -> {
                if (!org.journeyplatform.domain.shared.WholeNumbers.readable(digits)) {
                    throw new NumberFormatException("not a whole number in ASCII digits");
                }
                return Integer.valueOf(digits);
            });
        }
        if (type == LocalDate.class) {
            return parse(text, name, LocalDate::parse);
        }
        if (type.isEnum()) {
            return enumValue(type, text, name);
        }
        if (type == Set.class) {
            Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            Set<Object> set = new LinkedHashSet<>();
            for (String part : text.split(",")) {
                set.add(enumValue((Class<?>) element, part.strip(), name));
            }
            return set;
        }
        if (type.isRecord()
                && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getType() == String.class) { // a typed id
            try {
                return type.getDeclaredConstructor(String.class).newInstance(text.strip());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("'" + name + "' is not a valid id.", e);
            }
        }
        throw new JourneyRuleException(RuleViolation.NOT_CORRECTABLE, "'" + name + "' cannot be corrected as text.");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String text, String field) {
        try {
            return Enum.valueOf((Class<Enum>) type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + field + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String text, String field, Parser<T> parser) {
        T value;
        try {
            value = parser.parse(text.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' has a value of the wrong form.");
        }
        if (value instanceof LocalDate date && !org.journeyplatform.domain.shared.PlausibleDates.plausible(date)) {
            throw new IllegalArgumentException(
                    "'" + field + "' must be " + org.journeyplatform.domain.shared.PlausibleDates.range() + ".");
        }
        return value;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
