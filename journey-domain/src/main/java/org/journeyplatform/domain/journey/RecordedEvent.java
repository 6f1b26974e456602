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
    public static final Comparator<RecordedEvent> LIFE_ORDER = RecordedEvent::compareInLife;

    /** {@link #LIFE_ORDER}, written out: it runs for every event of a journey that is loaded or judged. */
    private static int compareInLife(RecordedEvent a, RecordedEvent b) {
        int byDay =
                a.event().occurredOn().date().compareTo(b.event().occurredOn().date());
        if (byDay != 0) {
            return byDay;
        }
        boolean aEnrolment = a.event() instanceof ParticipantEnrolledEvent;
        boolean bEnrolment = b.event() instanceof ParticipantEnrolledEvent;
        if (aEnrolment != bEnrolment) {
            return aEnrolment ? -1 : 1;
        }
        int byMoment = a.event().occurredOn().compareTo(b.event().occurredOn());
        if (byMoment != 0) {
            return byMoment;
        }
        return Long.compare(a.sequence(), b.sequence());
    }
}
