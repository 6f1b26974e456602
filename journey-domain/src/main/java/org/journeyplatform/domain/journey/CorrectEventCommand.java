package org.journeyplatform.domain.journey;

import java.util.Map;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Correct a recorded event: give the fields that were wrong and their right values, and why.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record CorrectEventCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        String eventId,
        @PersonalData Map<String, String> correctedValues,
        @PersonalData String reason,
        @TargetAggregateVersion Long expectedVersion) {

    public CorrectEventCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correctedValues, "correctedValues");
        Objects.requireNonNull(reason, "reason");
    }
}
