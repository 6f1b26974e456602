package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * The participant's stay in a programme ended. The journey itself stays open: leaving a programme is one step of it.
 *
 * @param reason why the stay ended
 * @param note   a free-text note by staff, if any
 */
@Revision("1")
public record ProgrammeExitedEvent(
        ParticipantId participantId,
        ProgrammeId programmeId,
        OccurredOn occurredOn,
        ExitReason reason,
        @PersonalData String note)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "programme-exited";
}
