package org.journeyplatform.projections.participants;

import java.time.Instant;
import java.time.LocalDate;
import org.journeyplatform.domain.journey.ReferralSource;

/** A participant as staff find her in the directory. Holds personal data (her chosen name, year of birth). */
public record ParticipantView(String participantId, String chosenName, Integer yearOfBirth,
                              ReferralSource referralSource, LocalDate enrolledOn, Instant enrolledAt) {
}
