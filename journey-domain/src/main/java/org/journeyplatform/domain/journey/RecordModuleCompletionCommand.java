package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Record that she completed a curriculum module.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordModuleCompletionCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ProgrammeId programmeId,
        ModuleId moduleId,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordModuleCompletionCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
