package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A programme dashboard as it may be shown: every figure a {@link Cell}, small cells suppressed. Definitions of every
 * figure are in {@code docs/metrics.md}.
 *
 * @param programmes       the programmes it covers
 * @param asOf             the day the figures are as of: the period's last day, or today if that is earlier
 * @param threshold        the smallest number of participants a shown figure may cover
 * @param headline         participants, activeNow, entries, reentries, exits
 * @param interval         how the movement is broken down: MONTH, QUARTER or YEAR
 * @param movement         entries, re-entries and exits per calendar month (quarter, year) of the period
 * @param exitsByReason    exits in the period by reason
 * @param lengthOfStay     stays ended in the period: stays, medianDays, q1Days, q3Days
 * @param relapseAndReturn exits, followedUp, returnedWithin10Months, shareWithin10Months, medianDaysToFirstReturn
 * @param retention        the share still out N days after an exit (Kaplan-Meier)
 * @param milestones       milestones reached in the period by type, total, medianDaysFromEntryToFirst
 * @param reunification    openPlans, plansOpened, stepsForward, stepsBack, custodyRestored
 * @param peerSupport      sessions, sessionsPerParticipant, withMentor, shareWithMentor
 * @param assessments      first against latest reading, per instrument
 */
public record ProgrammeDashboard(
        List<Programme> programmes,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        int threshold,
        Map<String, Cell> headline,
        Interval interval,
        List<Period> movement,
        Map<String, Cell> exitsByReason,
        Map<String, Cell> lengthOfStay,
        Map<String, Cell> relapseAndReturn,
        Retention retention,
        Map<String, Cell> milestones,
        Map<String, Cell> reunification,
        Map<String, Cell> peerSupport,
        List<Assessment> assessments) {

    public record Programme(String programmeId, String name) {}

    /** @param period {@code 2025-03}, {@code 2025-Q1} or {@code 2025} */
    public record Period(String period, Cell entries, Cell reentries, Cell exits) {}

    /**
     * @param suppressed true when fewer than the threshold exits are followed up: no curve is given
     * @param points     the curve's steps, up to the last day on which at least the threshold were still followed up
     */
    public record Retention(boolean suppressed, String display, List<Step> points) {}

    /** The share still out (no relapse or return yet) on a day after exit. How many were followed up is not given. */
    public record Step(long day, double shareStillOut) {}

    public record Assessment(
            String instrument,
            Cell participants,
            Cell meanFirst,
            Cell meanLatest,
            Cell meanChange,
            Cell shareImproved) {}
}
