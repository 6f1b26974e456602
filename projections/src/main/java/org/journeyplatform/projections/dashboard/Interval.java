package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * How the period's movement (entries, re-entries, exits) is broken down: by calendar month, quarter or year. Small
 * programmes see more of their figures by quarter or year, because each cell then covers more participants.
 */
public enum Interval {
    MONTH,
    QUARTER,
    YEAR;

    /** The label of the interval a day falls in: {@code 2025-03}, {@code 2025-Q1} or {@code 2025}. */
    public String labelOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.getYear() + (day.getMonthValue() < 10 ? "-0" : "-") + day.getMonthValue();
            case QUARTER -> day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> String.valueOf(day.getYear());
        };
    }

    /**
     * A number for the interval a day falls in, one more for each interval after it: the day's interval is the
     * {@code ordinal(day) - ordinal(from)}-th of a period that begins on {@code from}.
     */
    int ordinal(LocalDate day) {
        return switch (this) {
            case MONTH -> day.getYear() * 12 + day.getMonthValue() - 1;
            case QUARTER -> day.getYear() * 4 + (day.getMonthValue() - 1) / 3;
            case YEAR -> day.getYear();
        };
    }

    /** The first day of the interval after the one a day falls in. */
    LocalDate next(LocalDate day) {
        return switch (this) {
            case MONTH -> day.withDayOfMonth(1).plusMonths(1);
            case QUARTER ->
                day.withDayOfMonth(1)
                        .withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1)
                        .plusMonths(3);
            case YEAR -> day.withDayOfYear(1).plusYears(1);
        };
    }
}
