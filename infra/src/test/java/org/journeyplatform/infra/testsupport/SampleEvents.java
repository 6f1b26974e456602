package org.journeyplatform.infra.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Sample events for the infra tests (serialisation, crypto-shredding, integration schemas), built by reflection over
 * each record's components, so that an event type added later is covered without a change in any test. Every value is
 * synthetic. A test that needs its own value for some components (her id, a canary in a personal field) says so with
 * {@link Values}; every other component gets the shared default of {@link #sampleValue}.
 */
public final class SampleEvents {

    public static final LocalDate DATE = LocalDate.of(2024, 3, 1);
    public static final LocalTime TIME = LocalTime.of(14, 30);

    private SampleEvents() {}

    /** A test's own value for one component of a sample, or null for the shared default. */
    @FunctionalInterface
    public interface Values {
        Object of(Class<?> owner, RecordComponent component);
    }

    /** A sample of the record type, every component given the shared default. */
    public static Object sampleOf(Class<?> type) {
        return sampleOf(type, (owner, component) -> null);
    }

    /** A sample of the record type; {@code own} is asked first for each component, in the order they are declared. */
    public static Object sampleOf(Class<?> type, Values own) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            return fail("%s is not a record", type.getName());
        }
        Object[] values = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = own.of(type, components[i]);
            values[i] =
                    value != null ? value : sampleValue(type, components[i].getName(), components[i].getGenericType());
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot build a sample " + type.getName(), e);
        }
    }

    /**
     * The shared default for a component {@code name} of {@code owner}: one element for a collection; for a map (a
     * correction's values) a personal field's name and a plain one; a typed id a fresh UUID, a code {@code
     * sample-code}; a nested record (a curriculum module) a sample of its own.
     */
    public static Object sampleValue(Class<?> owner, String name, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Set.class) {
                return Set.of(sampleValue(owner, name, arguments[0]));
            }
            if (raw == List.class) {
                return List.of(sampleValue(owner, name, arguments[0]));
            }
            if (raw == Map.class) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("note", sampleValue(owner, name, arguments[1]));
                map.put("sample-key", sampleValue(owner, name, arguments[1]));
                return map;
            }
        }
        if (type == String.class) {
            return "sample-" + name;
        }
        if (type == Integer.class || type == int.class) {
            return name.equals("ageAtFirstEntry") ? 19 : 1987;
        }
        if (type == Long.class || type == long.class) {
            return 3L;
        }
        if (type == Double.class || type == double.class) {
            return 2.5;
        }
        if (type == Boolean.class || type == boolean.class) {
            return true;
        }
        if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return enumType.getEnumConstants()[0];
        }
        if (type == OccurredOn.class) {
            return OccurredOn.at(DATE, TIME);
        }
        if (type == LocalDate.class) {
            return DATE;
        }
        if (type == ParticipantId.class) {
            return ParticipantId.of(UUID.randomUUID());
        }
        if (type == ProgrammeId.class) {
            return ProgrammeId.of(UUID.randomUUID());
        }
        if (type instanceof Class<?> record
                && record.isRecord()
                && record.getRecordComponents().length == 1
                && record.getRecordComponents()[0].getType() == String.class) { // a typed id or a code
            try {
                boolean id = record.getSimpleName().endsWith("Id")
                        && !record.getSimpleName().equals("ModuleId");
                return record.getDeclaredConstructor(String.class)
                        .newInstance(id ? UUID.randomUUID().toString() : "sample-code");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (type instanceof Class<?> record && record.isRecord()) { // a value such as CurriculumModule
            return sampleOf(record);
        }
        return fail(
                "No sample value for %s.%s of type %s: teach SampleEvents.sampleValue about it",
                owner.getSimpleName(), name, type.getTypeName());
    }
}
