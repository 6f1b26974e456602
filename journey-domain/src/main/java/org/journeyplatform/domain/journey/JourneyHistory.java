package org.journeyplatform.domain.journey;

import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;

/**
 * Turns a journey's recorded history (every event, corrections and retractions included, in recording order) into
 * what counts: the effective events, as corrected, without the retracted ones; and folds them into a
 * {@link JourneyState}. Readers that show where she stands (now, or as of a moment in the past) use the same rules
 * as the aggregate.
 */
public final class JourneyHistory {

    private JourneyHistory() {}

    /**
     * The effective events of a history given in recording order, still in recording order. Lenient, as stored
     * history must always load: a correction whose values are empty (after her erasure its personal entries are left
     * out) changes nothing, and a value that no longer applies is skipped.
     */
    public static List<RecordedEvent> effective(List<RecordedEvent> history) {
        List<RecordedEvent> effective = new ArrayList<>();
        for (RecordedEvent recorded : history) {
            if (recorded.event() instanceof EventCorrectedEvent correction) {
                effective.replaceAll(r -> r.eventId().equals(correction.correctedEventId())
                        ? new RecordedEvent(
                                r.eventId(), r.sequence(), Corrections.replay(r.event(), correction.correctedValues()))
                        : r);
            } else if (recorded.event() instanceof EventRetractedEvent retraction) {
                effective.removeIf(r -> r.eventId().equals(retraction.retractedEventId()));
            } else {
                effective.add(recorded);
            }
        }
        return effective;
    }

    /** Folds effective events in life order, leniently (history accepted once always folds). */
    public static JourneyState fold(List<RecordedEvent> effective) {
        JourneyState state = new JourneyState();
        effective.stream().sorted(RecordedEvent.LIFE_ORDER).forEach(r -> state.apply(r.event()));
        return state;
    }
}
