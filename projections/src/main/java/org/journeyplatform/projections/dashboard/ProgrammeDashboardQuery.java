package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The dashboard of one programme, or of several together (each participant counted once), over a period.
 *
 * @param programmeIds the programmes; the caller has checked that the reader may see every one of them
 * @param from         the period's first day
 * @param to           its last day
 * @param interval     how the period's movement is broken down
 */
public record ProgrammeDashboardQuery(List<String> programmeIds, LocalDate from, LocalDate to, Interval interval) {

    public ProgrammeDashboardQuery {
        programmeIds = List.copyOf(programmeIds);
        interval = interval == null ? Interval.MONTH : interval;
    }

    public ProgrammeDashboardQuery(List<String> programmeIds, LocalDate from, LocalDate to) {
        this(programmeIds, from, to, Interval.MONTH);
    }
}
