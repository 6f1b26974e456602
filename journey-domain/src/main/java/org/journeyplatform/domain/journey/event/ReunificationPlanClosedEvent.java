package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ReunificationPlanId;

/**
 * A reunification plan was closed.
 *
 * @param reason why it was closed
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ReunificationPlanClosedEvent(
        ParticipantId participantId,
        ReunificationPlanId planId,
        ReunificationPlanClosureReason reason,
        @PersonalData String note,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "reunification-plan-closed";
}
