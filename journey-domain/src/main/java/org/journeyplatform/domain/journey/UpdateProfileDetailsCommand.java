package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Update details of her profile; a null detail stays as it is.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record UpdateProfileDetailsCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        @PersonalData String chosenName,
        @PersonalData Integer yearOfBirth,
        AgeBand ageBand,
        @PersonalData GenderIdentity genderIdentity,
        @PersonalData Integer ageAtFirstEntry,
        ReferralSource referralSource,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public UpdateProfileDetailsCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
