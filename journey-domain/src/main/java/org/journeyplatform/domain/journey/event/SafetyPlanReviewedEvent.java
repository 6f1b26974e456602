package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.SafetyPlanId;

/**
 * A safety plan was reviewed with her, and possibly changed.
 *
 * @param contents the plan as it stands after the review, or null when unchanged
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record SafetyPlanReviewedEvent(
        ParticipantId participantId,
        SafetyPlanId safetyPlanId,
        @PersonalData String contents,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "safety-plan-reviewed";
}
