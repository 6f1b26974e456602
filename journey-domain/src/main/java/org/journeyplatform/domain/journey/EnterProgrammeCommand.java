package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Record that the participant entered a programme.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record EnterProgrammeCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ProgrammeId programmeId,
        OccurredOn occurredOn,
        @PersonalData String note,
        @TargetAggregateVersion Long expectedVersion) {

    public EnterProgrammeCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
