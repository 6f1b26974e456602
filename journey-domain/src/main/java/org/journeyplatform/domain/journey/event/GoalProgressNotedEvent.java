package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Progress towards one of her goals was noted.
 *
 * @param note the progress, in her or staff's words
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record GoalProgressNotedEvent(
        ParticipantId participantId,
        GoalId goalId,
        @PersonalData String note,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "goal-progress-noted";
}
