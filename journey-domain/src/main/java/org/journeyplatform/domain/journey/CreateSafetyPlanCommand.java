package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.SafetyPlanId;

/**
 * Record a safety plan made with her.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record CreateSafetyPlanCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        SafetyPlanId safetyPlanId,
        @PersonalData String contents,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public CreateSafetyPlanCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(safetyPlanId, "safetyPlanId");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
