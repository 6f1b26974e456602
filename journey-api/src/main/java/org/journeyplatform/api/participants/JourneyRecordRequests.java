package org.journeyplatform.api.participants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.journey.PeerSessionKind;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;

/** Request bodies of the journey record endpoints. Dates are when things happened in her life, not when recorded. */
final class JourneyRecordRequests {

    private JourneyRecordRequests() {}

    record Module(
            @NotNull UUID programmeId,

            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
            String moduleId,

            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record OpenPlan(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 100)
            String childPseudonym,

            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    record Step(
            @NotNull ReunificationStep step,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    record ClosePlan(
            @NotNull ReunificationPlanClosureReason reason,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    record AssignMentor(@NotNull UUID peerId, @NotNull LocalDate occurredOn, LocalTime occurredAt)
            implements Happened {}

    record Dated(
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note) implements Happened {}

    record Withdrawal(
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note) implements Happened {}

    record PeerSession(
            UUID peerId,
            @NotNull PeerSessionKind kind,
            Integer minutes,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    record Assessment(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
            String instrument,

            @NotEmpty @Size(max = 200) Map<@NotBlank String, @NotNull Integer> itemScores,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record Goal(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 2000)
            String description,

            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record GoalProgress(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 4000)
            String note,

            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record SafetyPlan(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 20000)
            String contents,

            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record SafetyPlanReview(
            @Size(max = 20000) String contents, @NotNull LocalDate occurredOn, LocalTime occurredAt)
            implements Happened {}

    record ProtectionOrder(
            @NotNull ProtectionOrderKind kind,
            LocalDate expiresOn,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt,
            @Size(max = 4000) String note)
            implements Happened {}

    record Helper(
            @NotNull HelperKind kind,
            @Size(max = 500) String description,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record Consent(
            @NotNull ConsentKind kind,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String scope,

            @NotNull LocalDate expiresOn,
            @NotNull LocalDate occurredOn,
            LocalTime occurredAt)
            implements Happened {}

    record Correction(
            @NotEmpty @Size(max = 20) Map<@NotBlank String, @NotNull String> correctedValues,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 2000)
            String reason) {}

    record Retraction(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 2000)
            String reason) {}
}
