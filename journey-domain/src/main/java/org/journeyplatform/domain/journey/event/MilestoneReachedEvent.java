package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * The participant reached a milestone she or staff wanted to mark.
 *
 * @param description in the participant's own words where she gave them; required for {@link MilestoneType#CUSTOM}
 */
@Revision("1")
public record MilestoneReachedEvent(
        ParticipantId participantId,
        OccurredOn occurredOn,
        MilestoneType type,
        @PersonalData String description) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "milestone-reached";
}
