package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;

/**
 * Her outcome after leaving, by the dashboard's definitions (docs/metrics.md, "Relapse and return after an exit"), from
 * her whole released history (before any reduction: {@link HistoryDetail#followUp} says what of it is released with a
 * history cut short), so that the median time to a first return and the ten-month return share computed from {@code
 * outcomes.csv} are the dashboard's, applied to the people released (docs/research.md, "Outcomes").
 * <p>
 * Followed up: her earliest exit from one of the study's programmes during her observation, exits by transfer or death
 * left out. Her return: the exit itself when its reason is a return to the sex trade (day 0), else her first relapse or
 * return of any kind dated on or after the exit day. Without one, she is censored on the last day of her observation.
 * The ten-month window runs to the same day ten calendar months after her exit, as on the dashboard, when the study
 * receives exact days with no displacement; otherwise to 300 days (ten 30-day months) after her released exit day.
 */
public final class Outcomes {

    /** Exits not followed up: her support continues elsewhere, or she died. */
    static final Set<String> NOT_FOLLOWED_UP = Set.of("TRANSFERRED", "DIED");

    /** The ten-month window in days when calendar months cannot be used. */
    static final int WINDOW_DAYS = 300;

    private Outcomes() {}

    /**
     * Her follow-up, or null when no exit of hers is followed up.
     *
     * @param daysAtRisk            days from the exit to her return, or to the end of her observation when she has not
     *                              returned (censored)
     * @param followedTenMonths     her ten-month follow-up is complete: she returned within the window, or the window
     *                              ended by the end of her observation
     * @param returnedWithinTenMonths she returned within the window
     */
    public record FollowUp(
            Long exitDay,
            String exitReason,
            Long returnDay,
            long daysAtRisk,
            boolean returned,
            boolean followedTenMonths,
            boolean returnedWithinTenMonths) {}

    /**
     * @param events     her released history, from {@code observation-started} to {@code observation-ended}
     * @param spells     her spells, from those events
     * @param enrolledOn her real enrolment date, for the calendar window of a study with exact days
     */
    public static FollowUp of(
            List<ExportedEvent> events, List<Spells.Spell> spells, Study study, LocalDate enrolledOn) {
        Spells.Spell exit = spells.stream()
                .filter(s -> s.state() == Spells.State.IN_PROGRAMME && !s.censored())
                .filter(s -> !NOT_FOLLOWED_UP.contains(s.endReason()))
                .min(Comparator.comparingLong(Spells.Spell::endDay).thenComparingInt(Spells.Spell::number))
                .orElse(null);
        if (exit == null) {
            return null;
        }
        long exitDay = exit.endDay();
        long end = events.get(events.size() - 1).day();
        Long returnDay = "RETURNED_TO_SEX_TRADE".equals(exit.endReason())
                ? Long.valueOf(exitDay)
                : events.stream()
                        .filter(e -> e.type().equals(RelapseRecordedEvent.NAME) && e.day() >= exitDay)
                        .map(ExportedEvent::day)
                        .findFirst()
                        .orElse(null);
        boolean returned = returnDay != null;
        long days = (returned ? returnDay : end) - exitDay;
        boolean within;
        boolean complete;
        if (study.granularity() == TimeGranularity.DAY && study.displacementDays() == 0) {
            LocalDate exited = enrolledOn.plusDays(exitDay);
            LocalDate windowEnd = exited.plusMonths(10);
            within = returned && !exited.plusDays(days).isAfter(windowEnd);
            complete = within || !windowEnd.isAfter(enrolledOn.plusDays(end));
        } else {
            within = returned && days <= WINDOW_DAYS;
            complete = within || exitDay + WINDOW_DAYS <= end;
        }
        return new FollowUp(exitDay, exit.endReason(), returnDay, days, returned, complete, within);
    }
}
