package org.journeyplatform.projections.research;

/** How an export gives the days of events (docs/research.md). */
public enum DateMode {
    /**
     * Calendar dates, each participant's shifted by her own offset of up to 182 days earlier or later, derived from the
     * study secret: the intervals between her events are exact, her real dates are not given. Every record also has
     * its day number since her enrolment.
     */
    SHIFTED,
    /** No calendar dates at all: only the number of days since her enrolment (day 0). */
    DAYS_SINCE_ENROLMENT
}
