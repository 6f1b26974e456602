package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Record a milestone the participant reached.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordMilestoneCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        OccurredOn occurredOn,
        MilestoneType type,
        @PersonalData String description,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordMilestoneCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(occurredOn, "occurredOn");
        Objects.requireNonNull(type, "type");
    }
}
