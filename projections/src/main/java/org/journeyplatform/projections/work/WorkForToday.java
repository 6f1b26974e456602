package org.journeyplatform.projections.work;

import java.time.LocalDate;
import java.util.List;

/**
 * The participants with something to act on, in four lists, each sorted by what is most pressing first. Holds
 * personal data (chosen names, child pseudonyms).
 *
 * @param recentlyLeft      those who left a programme within the last ten months and are in none now
 * @param assessmentsDue    readings of an instrument older than her programme's interval, for those in one now
 * @param consentsExpiring  consents that expire within 30 days and are not withdrawn
 * @param stalledPlans      open reunification plans with no step for 60 days
 */
public record WorkForToday(
        LocalDate today,
        List<RecentlyLeft> recentlyLeft,
        List<AssessmentDue> assessmentsDue,
        List<ConsentExpiring> consentsExpiring,
        List<StalledPlan> stalledPlans) {

    /** How far back an exit counts as recent: the research finds most returns happen within ten months. */
    public static final int RECENT_EXIT_MONTHS = 10;
    /** How soon a consent expires to be listed. */
    public static final int CONSENT_NOTICE_DAYS = 30;
    /** How long a reunification plan may go without a step before it is listed. */
    public static final int STALLED_PLAN_DAYS = 60;

    /** She left {@code programmeName} on {@code exitedOn}; her last recorded contact was {@code lastContactOn}. */
    public record RecentlyLeft(
            String participantId,
            String chosenName,
            String programmeName,
            LocalDate exitedOn,
            String reason,
            LocalDate lastContactOn,
            long daysSinceLastContact) {}

    /**
     * Her last reading of {@code instrument} was on {@code lastReadOn}; instrument and date are null when she has no
     * reading at all since she entered {@code programmeName} on {@code since}. {@code intervalDays} is how often that
     * programme asks for a reading (of her programmes, the one that asks most often).
     */
    public record AssessmentDue(
            String participantId,
            String chosenName,
            String programmeName,
            LocalDate since,
            String instrument,
            LocalDate lastReadOn,
            long daysSinceLastReading,
            int intervalDays) {}

    /** Her consent of {@code kind} for {@code scope} expires on {@code expiresOn}. */
    public record ConsentExpiring(
            String participantId,
            String chosenName,
            String consentId,
            String kind,
            String scope,
            LocalDate expiresOn,
            long daysLeft) {}

    /** Her reunification plan for {@code childPseudonym} had its last step on {@code lastStepOn}. */
    public record StalledPlan(
            String participantId,
            String chosenName,
            String planId,
            String childPseudonym,
            String step,
            LocalDate lastStepOn,
            long daysSinceLastStep) {}

    /** The four lists. */
    public enum Kind {
        LEFT,
        DUE,
        CONSENTS,
        PLANS
    }

    /**
     * The same lists, each cut to its {@code first} most pressing rows, except {@code whole} (null: none), which is
     * kept whole.
     */
    public WorkForToday limitedTo(int first, Kind whole) {
        return new WorkForToday(
                today,
                cut(recentlyLeft, first, whole == Kind.LEFT),
                cut(assessmentsDue, first, whole == Kind.DUE),
                cut(consentsExpiring, first, whole == Kind.CONSENTS),
                cut(stalledPlans, first, whole == Kind.PLANS));
    }

    private static <T> List<T> cut(List<T> rows, int first, boolean whole) {
        return whole || rows.size() <= first ? rows : List.copyOf(rows.subList(0, first));
    }

    public boolean isEmpty() {
        return recentlyLeft.isEmpty()
                && assessmentsDue.isEmpty()
                && consentsExpiring.isEmpty()
                && stalledPlans.isEmpty();
    }

    /** Every participant named in the lists, once each, for the audit log. */
    public List<String> participantIds() {
        return java.util.stream.Stream.of(
                        recentlyLeft.stream().map(RecentlyLeft::participantId),
                        assessmentsDue.stream().map(AssessmentDue::participantId),
                        consentsExpiring.stream().map(ConsentExpiring::participantId),
                        stalledPlans.stream().map(StalledPlan::participantId))
                .flatMap(s -> s)
                .distinct()
                .toList();
    }
}
