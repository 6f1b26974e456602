package org.journeyplatform.domain.shared;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.event.JourneyEvent;

/**
 * The names of the {@link PersonalData personal} fields of journey events, found by reflection over the events the
 * sealed {@link JourneyEvent} permits (so a new event is covered as soon as it is permitted). Used to tell which
 * entries of a correction's values ({@code EventCorrectedEvent.correctedValues}, keyed by field name) are personal.
 */
public final class PersonalDataFields {

    private static final SortedSet<String> NAMES = Collections.unmodifiableSortedSet(collect());

    private PersonalDataFields() {}

    /**
     * Every field name that is personal data on at least one journey event, sorted. A name that is personal on one
     * event may be a plain value on another (a correction's {@code reason} is personal, an exit's {@code reason} is a
     * code): whoever leaves out personal entries by this list errs on the side of leaving out too much.
     */
    public static SortedSet<String> names() {
        return NAMES;
    }

    /** The personal fields of one kind of journey event, sorted. */
    /**
     * The names of personal fields of the events that can be corrected (all but corrections and retractions
     * themselves): the entries of a correction's values that are personal. A correction's own {@code reason} is
     * personal text, but the {@code reason} a correction sets is an exit or closure reason, which is not.
     */
    public static SortedSet<String> correctableNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            if (type != org.journeyplatform.domain.journey.event.EventCorrectedEvent.class
                    && type != org.journeyplatform.domain.journey.event.EventRetractedEvent.class) {
                @SuppressWarnings("unchecked")
                Class<? extends JourneyEvent> eventType = (Class<? extends JourneyEvent>) type;
                names.addAll(of(eventType));
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    public static SortedSet<String> of(Class<? extends JourneyEvent> eventType) {
        SortedSet<String> names = new TreeSet<>();
        Arrays.stream(eventType.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(PersonalData.class))
                .map(RecordComponent::getName)
                .forEach(names::add);
        return Collections.unmodifiableSortedSet(names);
    }

    /** Whether the named field is personal data on at least one journey event. */
    public static boolean isPersonal(String fieldName) {
        return NAMES.contains(fieldName);
    }

    @SuppressWarnings("unchecked")
    private static SortedSet<String> collect() {
        SortedSet<String> names = new TreeSet<>();
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            names.addAll(of((Class<? extends JourneyEvent>) type));
        }
        return names;
    }
}
