package org.journeyplatform.projections.participants;

import java.time.Instant;
import java.time.LocalDate;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.ReferralSource;

/**
 * A participant as staff find her in the directory, with her profile as it stands. Holds personal data (her chosen
 * name, year of birth, gender identity, age at first entry). {@code erased}: she has been erased (her personal values
 * read "erased" or are gone); a participant who chose the name "erased" is not.
 */
public record ParticipantView(
        String participantId,
        String chosenName,
        Integer yearOfBirth,
        ReferralSource referralSource,
        LocalDate enrolledOn,
        Instant enrolledAt,
        AgeBand ageBand,
        GenderIdentity genderIdentity,
        Integer ageAtFirstEntry,
        boolean erased) {}
