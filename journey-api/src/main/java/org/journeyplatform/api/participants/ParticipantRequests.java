package org.journeyplatform.api.participants;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.SupportKind;

/** Request bodies of the participant endpoints. Dates are when things happened in her life, not when recorded. */
final class ParticipantRequests {

    private ParticipantRequests() {}

    /** Enrol a participant under the name or pseudonym she chose. */
    record Enrol(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String chosenName,

            @Min(1900) @Max(2100) Integer yearOfBirth,
            ReferralSource referralSource,
            @NotNull LocalDate enrolledOn,
            LocalTime enrolledAt,
            AgeBand ageBand,
            GenderIdentity genderIdentity,
            @Min(5) @Max(90) Integer ageAtFirstEntry) {}

    /** Details of her profile that changed; a detail left out stays as it is. */
    record ProfileUpdate(
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 200) String chosenName,
            @Min(1900) @Max(2100) Integer yearOfBirth,
            AgeBand ageBand,
            GenderIdentity genderIdentity,
            @Min(5) @Max(90) Integer ageAtFirstEntry,
            ReferralSource referralSource)
            implements Happened {}

    /** A whole past stay in a programme, recorded together. */
    record PastStay(
            @NotNull UUID programmeId,
            @NotNull LocalDate enteredOn,
            @NotNull LocalDate exitedOn,
            @NotNull ExitReason reason,
            @Size(max = 4000) String note) {}

    /** She entered a programme. */
    record ProgrammeEntry(
            @NotNull UUID programmeId,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    /** Her stay in a programme ended. */
    record ProgrammeExit(
            @NotNull UUID programmeId,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @NotNull ExitReason reason,
            @Size(max = 4000) String note)
            implements Happened {}

    /** A relapse or return happened; the support that followed. */
    record Relapse(
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @NotNull RelapseKind kind,
            RelapseSeverity severity,
            @Size(max = 20) Set<@NotNull SupportKind> supportFollowed,
            @Size(max = 4000) String note)
            implements Happened {}

    /** She reached a milestone. */
    record Milestone(
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @NotNull MilestoneType type,
            @Size(max = 2000) String description)
            implements Happened {}
}
