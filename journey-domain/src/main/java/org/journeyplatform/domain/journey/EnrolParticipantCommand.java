package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/** Enrol a participant under the name or pseudonym she chose; starts her journey record. */
public record EnrolParticipantCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        @PersonalData String chosenName,
        @PersonalData Integer yearOfBirth,
        ReferralSource referralSource,
        OccurredOn occurredOn,
        AgeBand ageBand,
        @PersonalData GenderIdentity genderIdentity,
        @PersonalData Integer ageAtFirstEntry) {

    public EnrolParticipantCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(chosenName, "chosenName");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
