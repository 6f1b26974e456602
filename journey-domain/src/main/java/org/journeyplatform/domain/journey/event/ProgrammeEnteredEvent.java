package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * The participant entered a programme.
 *
 * @param reentry true when she had been in this programme before (a re-entry after an exit)
 * @param note    a free-text note by staff, if any
 */
@Revision("1")
public record ProgrammeEnteredEvent(
        ParticipantId participantId,
        ProgrammeId programmeId,
        OccurredOn occurredOn,
        boolean reentry,
        @PersonalData String note)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "programme-entered";
}
