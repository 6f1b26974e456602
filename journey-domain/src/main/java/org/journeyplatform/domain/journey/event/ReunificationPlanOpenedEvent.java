package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ReunificationPlanId;

/**
 * A plan to regain contact with, or custody of, one of her children was opened. The child is referred to by a
 * pseudonym only, never a name.
 *
 * @param childPseudonym how staff refer to the child, never the child's name
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ReunificationPlanOpenedEvent(
        ParticipantId participantId,
        ReunificationPlanId planId,
        @PersonalData String childPseudonym,
        @PersonalData String note,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "reunification-plan-opened";
}
