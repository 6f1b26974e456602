package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * She achieved one of her goals.
 *
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record GoalAchievedEvent(
        ParticipantId participantId,
        GoalId goalId,
        @PersonalData String note,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "goal-achieved";
}
