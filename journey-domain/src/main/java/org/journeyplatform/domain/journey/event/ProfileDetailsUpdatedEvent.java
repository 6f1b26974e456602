package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Details of the participant's profile changed. Only the details given changed; a null one is unchanged.
 *
 * @param chosenName the name or pseudonym she now chooses, or null
 * @param yearOfBirth her year of birth, or null
 * @param ageBand her age band, or null
 * @param genderIdentity her gender identity, or null
 * @param ageAtFirstEntry her age when she first entered the sex trade, if she chose to say, or null
 * @param referralSource who or what referred her, or null
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ProfileDetailsUpdatedEvent(
        ParticipantId participantId,
        @PersonalData String chosenName,
        @PersonalData Integer yearOfBirth,
        AgeBand ageBand,
        @PersonalData GenderIdentity genderIdentity,
        @PersonalData Integer ageAtFirstEntry,
        ReferralSource referralSource,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "profile-details-updated";
}
