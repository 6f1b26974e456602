package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ReunificationPlanId;

/**
 * A reunification plan moved to another step, forwards or backwards.
 *
 * @param step the step the plan is at now
 * @param previousStep the step it was at before
 * @param direction forwards or backwards
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ReunificationStepRecordedEvent(
        ParticipantId participantId,
        ReunificationPlanId planId,
        ReunificationStep step,
        ReunificationStep previousStep,
        StepDirection direction,
        @PersonalData String note,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "reunification-step-recorded";
}
