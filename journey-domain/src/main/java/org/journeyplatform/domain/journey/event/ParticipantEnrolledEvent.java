package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A participant was enrolled: her journey record starts here.
 *
 * @param chosenName     the name or pseudonym she chose to be known by
 * @param yearOfBirth    her year of birth, if she gave it (never an exact date of birth)
 * @param referralSource who or what brought her to the service, if known
 * @param occurredOn     the day she was enrolled
 */
@Revision("1")
public record ParticipantEnrolledEvent(
        ParticipantId participantId,
        @PersonalData String chosenName,
        @PersonalData Integer yearOfBirth,
        ReferralSource referralSource,
        OccurredOn occurredOn) implements JourneyEvent {
}
