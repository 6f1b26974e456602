package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Record a goal she set herself, in her words.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record SetGoalCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        GoalId goalId,
        @PersonalData String description,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public SetGoalCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
