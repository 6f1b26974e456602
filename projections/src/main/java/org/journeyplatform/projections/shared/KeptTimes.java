package org.journeyplatform.projections.shared;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * A time of day as the read models keep it: to the microsecond, as PostgreSQL's {@code time} does. A finer time (the
 * API refuses one now; an event stored before may hold one) is cut, never rounded: the driver would round
 * 23:59:59.9999995 up to 24:00, a time of day no reader takes.
 */
public final class KeptTimes {

    private KeptTimes() {}

    /** The time cut to the microsecond, or null for none. */
    public static LocalTime of(LocalTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** A time read back as microseconds of the day (never past the day's last microsecond). */
    public static LocalTime ofMicroOfDay(long micros) {
        return LocalTime.ofNanoOfDay(Math.min(micros, 86_399_999_999L) * 1_000);
    }
}
