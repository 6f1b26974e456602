package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The dashboard of one programme, or of several together (each participant counted once), over a period.
 *
 * @param programmeIds the programmes; the caller has checked that the reader may see every one of them
 * @param from         the period's first day
 * @param to           its last day
 */
public record ProgrammeDashboardQuery(List<String> programmeIds, LocalDate from, LocalDate to) {

    public ProgrammeDashboardQuery {
        programmeIds = List.copyOf(programmeIds);
    }
}
