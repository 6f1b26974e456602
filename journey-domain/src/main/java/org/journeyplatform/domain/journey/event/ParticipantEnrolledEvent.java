package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
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
 * @param ageBand        her age band, if she gave one instead of a year of birth
 * @param genderIdentity her gender identity, if she chose to say
 * @param ageAtFirstEntry her age when she first entered the sex trade, if she chose to say
 */
@Revision("1")
public record ParticipantEnrolledEvent(
        ParticipantId participantId,
        @PersonalData String chosenName,
        @PersonalData Integer yearOfBirth,
        ReferralSource referralSource,
        OccurredOn occurredOn,
        AgeBand ageBand,
        @PersonalData GenderIdentity genderIdentity,
        @PersonalData Integer ageAtFirstEntry)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "participant-enrolled";
}
