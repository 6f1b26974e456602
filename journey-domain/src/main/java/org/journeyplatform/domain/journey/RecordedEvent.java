package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;

/**
 * An event of her journey as it counts now (as corrected), with its id and its place in the recording order.
 *
 * @param sequence the event's sequence number in her record: the order it was recorded in
 */
public record RecordedEvent(String eventId, long sequence, JourneyEvent event) implements LifeOrder.Placed {

    /** Life order ({@link LifeOrder}): the day, her enrolment first, the time of day, then recording. */
    public static final Comparator<RecordedEvent> LIFE_ORDER = LifeOrder.comparator();

    @Override
    public LocalDate lifeDay() {
        return event.occurredOn().date();
    }

    @Override
    public LocalTime lifeTime() {
        return event.occurredOn().time();
    }

    @Override
    public boolean enrolment() {
        return event instanceof ParticipantEnrolledEvent;
    }

    @Override
    public long recordingOrder() {
        return sequence;
    }
}
