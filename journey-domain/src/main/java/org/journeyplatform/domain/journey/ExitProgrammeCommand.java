package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Record that the participant's stay in a programme ended, and why.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record ExitProgrammeCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ProgrammeId programmeId,
        OccurredOn occurredOn,
        ExitReason reason,
        @PersonalData String note,
        @TargetAggregateVersion Long expectedVersion) {

    public ExitProgrammeCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(occurredOn, "occurredOn");
        Objects.requireNonNull(reason, "reason");
    }
}
