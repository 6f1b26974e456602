package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Note progress towards one of her goals.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record NoteGoalProgressCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        GoalId goalId,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public NoteGoalProgressCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
