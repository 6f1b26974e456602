package org.journeyplatform.api.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.crypto.Erasures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The record-disposal rule: a participant with nothing recorded for {@code journey.retention.erase-after} (e.g. P7Y)
 * is erased, on schedule ({@code journey.retention.schedule}) or when an administrator runs it; a dry run lists who
 * would be erased without erasing anyone. Her last activity is the last time anything was recorded in her journey.
 */
@Component
public class RetentionRule {

    private static final Logger log = LoggerFactory.getLogger(RetentionRule.class);

    public record Candidate(String participantId, Instant lastActivity) {}

    public record Outcome(String eraseAfter, LocalDate cutoff, boolean dryRun, List<Candidate> participants) {}

    private final Erasures ledger;
    private final ParticipantErasure erasure;
    private final Clock clock;
    private final String configured;

    public RetentionRule(
            Erasures ledger,
            ParticipantErasure erasure,
            Clock clock,
            @Value("${journey.retention.erase-after:}") String configured) {
        this.ledger = ledger;
        this.erasure = erasure;
        this.clock = clock;
        this.configured = configured == null ? "" : configured.strip();
        if (!this.configured.isEmpty()) {
            period(this.configured, LocalDate.now(clock)); // a bad setting stops start-up, not the first scheduled run
        }
    }

    @Scheduled(cron = "${journey.retention.schedule:0 30 2 * * *}")
    public void onSchedule() {
        if (configured.isEmpty()) {
            return;
        }
        Outcome outcome = run(null, false, "retention-rule");
        if (!outcome.participants().isEmpty()) {
            log.info(
                    "Retention rule ({}): {} participants erased",
                    configured,
                    outcome.participants().size());
        }
    }

    /**
     * Who would be (dry run) or was erased under the rule, or under {@code eraseAfter} when given.
     */
    public Outcome run(String eraseAfter, boolean dryRun, String by) {
        String rule = eraseAfter == null || eraseAfter.isBlank() ? configured : eraseAfter.strip();
        if (rule.isEmpty()) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "No retention rule is configured "
                            + "(journey.retention.erase-after); give one as eraseAfter, e.g. P7Y.");
        }
        LocalDate today = LocalDate.now(clock);
        Period period = period(rule, today);
        LocalDate cutoff = today.minus(period);
        List<Candidate> candidates = ledger.quietSince(cutoff.atStartOfDay().toInstant(ZoneOffset.UTC)).stream()
                .map(quiet -> new Candidate(quiet.participantId(), quiet.lastRecorded()))
                .toList();
        List<Candidate> erased = new ArrayList<>();
        if (!dryRun) {
            for (Candidate candidate : candidates) {
                erasure.erase(
                        new ParticipantId(candidate.participantId()),
                        "retention rule: nothing recorded for " + rule,
                        by);
                erased.add(candidate);
            }
        }
        return new Outcome(rule, cutoff, dryRun, dryRun ? candidates : erased);
    }

    /** The longest retention period: longer than anything the platform can hold is no rule. */
    static final int LONGEST_YEARS = 150;

    private static Period period(String text, LocalDate today) {
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            // months and days first, so that a huge period is refused before it is taken from a date; then the whole
            // (P150Y1D is more than 150 years, though neither its months nor its days are)
            if (period.toTotalMonths() > LONGEST_YEARS * 12L
                    || period.getDays() > LONGEST_YEARS * 366L
                    || today.minus(period).isBefore(today.minusYears(LONGEST_YEARS))) {
                throw new ApiProblem(
                        ProblemType.VALIDATION_FAILED,
                        "The retention period is at most P" + LONGEST_YEARS + "Y: nothing recorded is older.");
            }
            return period;
        } catch (DateTimeParseException e) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "The retention period must be an ISO-8601 period such as P7Y or P18M.");
        }
    }
}
