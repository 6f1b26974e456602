package org.journeyplatform.api.participants;

import java.time.LocalDate;
import java.time.LocalTime;
import org.journeyplatform.domain.shared.OccurredOn;

/** A request body that says when something happened in her life: the day, and the time of day when it is known. */
interface Happened {

    LocalDate occurredOn();

    LocalTime occurredAt();

    /** When it happened, as a command takes it. */
    default OccurredOn when() {
        return new OccurredOn(occurredOn(), occurredAt());
    }
}
