package org.journeyplatform.projections.research;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * How finely a study receives every time value of an export (docs/research.md, "Time values"): day numbers since her
 * enrolment are rounded down to a multiple of the unit, and shifted dates are her released enrolment date plus that
 * day number, her enrolment date itself rounded down to the start of its week or month.
 */
public enum TimeGranularity {
    /** Exact days. */
    DAY(1, "days: every day number is exact"),
    /** Weeks: day numbers rounded down to a multiple of 7, her shifted enrolment date to the Monday of its week. */
    WEEK(7, "weeks: day numbers rounded down to a multiple of 7 (0, 7, 14, ...)"),
    /**
     * Months of 30 days: day numbers rounded down to a multiple of 30, her shifted enrolment date to the first day of its
     * month.
     */
    MONTH(30, "30-day months: day numbers rounded down to a multiple of 30 (0, 30, 60, ...)");

    private final int days;
    private final String description;

    TimeGranularity(int days, String description) {
        this.days = days;
        this.description = description;
    }

    /** The unit in days. */
    public int days() {
        return days;
    }

    /** What it does to the day numbers, in words (manifest and codebook). */
    public String description() {
        return description;
    }

    /** A day number as released: rounded down to a multiple of the unit. */
    public long release(long day) {
        return Math.floorDiv(day, days) * days;
    }

    /** A shifted enrolment date as released: the start of its week or month. */
    public LocalDate release(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }
}
