package org.journeyplatform.domain.journey.event;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one registry of the journey events' public names ({@code relapse-recorded}): each event record declares its
 * own as the constant {@code NAME}, and everything public takes it from there: the timeline's {@code type}, the
 * integration stream's CloudEvents type and schema files, research's event stream, spells and codebook. Renaming a
 * class changes nothing public; changing a {@code NAME} fails the golden-file test ({@code EventNamesTest}) until the
 * change is accepted on purpose.
 */
public final class EventNames {

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            try {
                Field field = type.getDeclaredField("NAME");
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) || !Modifier.isPublic(modifiers) || field.getType() != String.class) {
                    throw new IllegalStateException(type.getName() + ".NAME must be a public static String");
                }
                return (String) field.get(null);
            } catch (NoSuchFieldException e) {
                throw new IllegalArgumentException(type.getName() + " has no public name (a static NAME)", e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static final Map<String, Class<? extends JourneyEvent>> BY_NAME;

    static {
        Map<String, Class<? extends JourneyEvent>> byName = new LinkedHashMap<>();
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends JourneyEvent> event = (Class<? extends JourneyEvent>) type;
            Class<?> other = byName.put(of(event), event);
            if (other != null) {
                throw new IllegalStateException(event.getName() + " and " + other.getName() + " share a public name");
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private EventNames() {}

    /** The public name of a journey event class. */
    public static String of(Class<?> eventType) {
        return NAMES.get(eventType);
    }

    /** The public name of an event. */
    public static String of(JourneyEvent event) {
        return NAMES.get(event.getClass());
    }

    /** The journey event class of a public name, or null. */
    public static Class<? extends JourneyEvent> classOf(String name) {
        return BY_NAME.get(name);
    }

    /** Every journey event's public name, by name, in the order of {@link JourneyEvent}'s permitted classes. */
    public static Map<String, Class<? extends JourneyEvent>> all() {
        return BY_NAME;
    }
}
