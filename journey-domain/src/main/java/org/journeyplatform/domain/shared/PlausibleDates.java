package org.journeyplatform.domain.shared;

import java.time.LocalDate;

/**
 * The dates the platform accepts from anyone: nobody's journey starts before {@value #FIRST_YEAR}, and nothing it
 * records (a consent's or an order's expiry included) lies after {@value #LAST_YEAR}. Checked where dates come in: the
 * API's request bodies and a correction's values. Stored events are read as they are.
 */
public final class PlausibleDates {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2100;

    private PlausibleDates() {}

    public static boolean plausible(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    /** How a refusal says it: "a date between 1900-01-01 and 2100-12-31". */
    public static String range() {
        return "a date between " + FIRST_YEAR + "-01-01 and " + LAST_YEAR + "-12-31";
    }
}
