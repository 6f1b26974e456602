package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A recorded event was retracted: it should never have been recorded. It stays in her history, shown as retracted,
 * and no longer counts.
 *
 * @param retractedEventId the id of the event retracted
 * @param reason why it was retracted
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record EventRetractedEvent(
        ParticipantId participantId,
        String retractedEventId,
        @PersonalData String reason,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "event-retracted";
}
