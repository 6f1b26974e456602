package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * The participant attended a session of a module of a programme's curriculum.
 *
 * @param moduleId the module, as the programme's curriculum names it
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ModuleAttendedEvent(
        ParticipantId participantId, ProgrammeId programmeId, ModuleId moduleId, OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "module-attended";
}
