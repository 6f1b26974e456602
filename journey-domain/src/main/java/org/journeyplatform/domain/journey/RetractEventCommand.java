package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Retract a recorded event that should never have been recorded, and say why.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RetractEventCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        String eventId,
        @PersonalData String reason,
        @TargetAggregateVersion Long expectedVersion) {

    public RetractEventCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(reason, "reason");
    }
}
