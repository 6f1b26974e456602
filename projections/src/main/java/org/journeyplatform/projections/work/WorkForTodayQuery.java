package org.journeyplatform.projections.work;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * A staff member's work for today: the participants of her programmes with something to act on.
 *
 * @param programmeIds       her programmes (those she is assigned to)
 * @param today              the day the list is for
 * @param assessmentInterval  how long a participant in a programme may go without a reading of an instrument, unless
 *                            her programme has an interval of its own
 * @param assessmentIntervals programmes' own intervals, by programme id
 */
public record WorkForTodayQuery(
        List<String> programmeIds,
        LocalDate today,
        Period assessmentInterval,
        java.util.Map<String, Period> assessmentIntervals) {

    public WorkForTodayQuery {
        programmeIds = List.copyOf(programmeIds);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(assessmentInterval, "assessmentInterval");
        assessmentIntervals = java.util.Map.copyOf(assessmentIntervals);
    }

    /** How long a participant in this programme may go without a reading of an instrument. */
    public Period assessmentIntervalOf(String programmeId) {
        return assessmentIntervals.getOrDefault(programmeId, assessmentInterval);
    }
}
