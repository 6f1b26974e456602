package org.journeyplatform.api.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.projections.dashboard.Interval;
import org.journeyplatform.projections.dashboard.ProgrammeDashboard;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery;
import org.journeyplatform.projections.programmes.ProgrammeCatalogueProjection;
import org.springframework.stereotype.Component;

/**
 * The dashboards a programme manager may see: those of the programmes she is assigned to, one at a time or all of them
 * together. The JSON API and the web page both ask here, so both apply the same scoping and the same period rules.
 */
@Component
public class Dashboards {

    /** The longest period a dashboard covers: ten years of months is already a long chart. */
    static final long LONGEST_PERIOD_DAYS = 3653;

    private final QueryGateway queries;
    private final StaffAssignments assignments;
    private final ProgrammeCatalogueProjection catalogue;
    private final Clock clock;

    public Dashboards(
            QueryGateway queries, StaffAssignments assignments, ProgrammeCatalogueProjection catalogue, Clock clock) {
        this.queries = queries;
        this.assignments = assignments;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** The programmes the manager works in, by id, with their names, in name order. */
    public Map<String, String> programmesOf(String username) {
        return catalogue.namesOf(assignments.ofStaffMember(username).stream()
                .map(StaffAssignments.Assignment::programmeId)
                .toList());
    }

    /** One programme's dashboard; 404 when it is not a programme of hers (whether or not it exists). */
    public ProgrammeDashboard ofProgramme(
            String username, String programmeId, LocalDate from, LocalDate to, Interval interval) {
        // a programme id is a UUID, and UUIDs do not depend on case: the other programme endpoints take 956A3706-...
        String id = programmeId == null ? null : programmeId.toLowerCase(java.util.Locale.ROOT);
        if (!programmesOf(username).containsKey(id)) {
            throw new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme of yours has this id.");
        }
        return query(List.of(id), from, to, interval);
    }

    /** All her programmes together, each participant counted once. */
    public ProgrammeDashboard ofAll(String username, LocalDate from, LocalDate to, Interval interval) {
        return query(List.copyOf(programmesOf(username).keySet()), from, to, interval);
    }

    /** The period's last day: today unless given. */
    public LocalDate toOrToday(LocalDate to) {
        return to == null ? LocalDate.now(clock) : to;
    }

    /** The period's first day: the first of the month eleven months before its last day (twelve months) unless given. */
    public static LocalDate fromOrYearBefore(LocalDate from, LocalDate to) {
        return from == null ? to.minusMonths(11).withDayOfMonth(1) : from;
    }

    /** MONTH, QUARTER or YEAR, in any case; MONTH when not given. */
    public static Interval interval(String text) {
        if (text == null || text.isBlank()) {
            return Interval.MONTH;
        }
        try {
            return Interval.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "'interval' must be month, quarter or year.");
        }
    }

    private ProgrammeDashboard query(List<String> programmes, LocalDate from, LocalDate to, Interval interval) {
        LocalDate last = toOrToday(to);
        LocalDate first = fromOrYearBefore(from, last);
        if (first.isAfter(last)) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The period's 'from' must not be after its 'to'.");
        }
        if (ChronoUnit.DAYS.between(first, last) > LONGEST_PERIOD_DAYS) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "A dashboard period is at most ten years long.");
        }
        if (first.getYear() < 1900 || last.getYear() > 2999) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The period must lie between 1900 and 2999.");
        }
        return queries.query(new ProgrammeDashboardQuery(programmes, first, last, interval), ProgrammeDashboard.class)
                .join();
    }
}
