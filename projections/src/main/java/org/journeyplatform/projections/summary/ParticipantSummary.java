package org.journeyplatform.projections.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Where a participant stands, now or as known at a moment. Holds personal data (goal descriptions in her words, child
 * pseudonyms).
 *
 * @param asOfRecorded        the moment the summary is as of (now when read without one)
 * @param asOfDate            the day in her life the counts are taken on (the day of {@code asOfRecorded})
 * @param daysSinceLastRelapse days from her last relapse or return to {@code asOfDate}; null when there was none
 */
public record ParticipantSummary(
        String participantId,
        Instant asOfRecorded,
        LocalDate asOfDate,
        long version,
        List<Stay> currentProgrammes,
        LocalDate lastRelapseOn,
        Long daysSinceLastRelapse,
        int relapses,
        int milestones,
        List<ReunificationPlan> openReunificationPlans,
        List<Assessment> latestAssessments,
        List<Goal> activeGoals,
        List<String> peerMentors,
        int supportNetworkSize,
        List<Consent> consents,
        boolean researchConsentActive,
        boolean serviceConsentActive) {

    /** A programme she is in, since when. */
    public record Stay(String programmeId, String programmeName, LocalDate since) {}

    /** An open reunification plan and the step it is at. */
    public record ReunificationPlan(String planId, String childPseudonym, String step) {}

    /** Her latest reading of one instrument. */
    public record Assessment(String instrument, LocalDate occurredOn, Double total, Map<String, Double> subscales) {}

    /** One of her active goals, in her words. */
    public record Goal(String goalId, String description, LocalDate setOn) {}

    /** One consent in her ledger, and whether it is active on {@code asOfDate}. */
    public record Consent(
            String consentId,
            String kind,
            String scope,
            LocalDate givenOn,
            LocalDate expiresOn,
            LocalDate withdrawnOn,
            boolean active) {}
}
