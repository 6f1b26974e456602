package org.journeyplatform.domain.journey;

import java.util.Comparator;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;

/**
 * An event of her journey as it counts now (as corrected), with its id and its place in the recording order.
 *
 * @param sequence the event's sequence number in her record: the order it was recorded in
 */
public record RecordedEvent(String eventId, long sequence, JourneyEvent event) {

    /**
     * Life order: the day it happened; on that day her enrolment first (whatever its time: nothing of her record
     * comes before it), then the time of day (untimed first), then the order it was recorded in.
     */
    public static final Comparator<RecordedEvent> LIFE_ORDER = Comparator
            .comparing((RecordedEvent r) -> r.event().occurredOn().date())
            .thenComparing(r -> !(r.event() instanceof ParticipantEnrolledEvent))
            .thenComparing(r -> r.event().occurredOn())
            .thenComparingLong(RecordedEvent::sequence);
}
