package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * The participant set herself a goal, in her own words. Exiting is one possible goal, never a requirement.
 *
 * @param description the goal in her words
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record GoalSetEvent(
        ParticipantId participantId,
        GoalId goalId,
        @PersonalData String description,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "goal-set";
}
