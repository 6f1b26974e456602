package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;

/**
 * The order of her life, the one order in which her journey is judged, folded and counted (the journey's rules, the
 * participant summary, the dashboards, research): the day it happened; on that day her enrolment first (whatever its
 * time: nothing of her record comes before it); then the time of day, untimed first; then the order it was recorded in.
 */
public final class LifeOrder {

    private LifeOrder() {}

    /** Something placed in her life. */
    public interface Placed {

        /** The day it happened in her life. */
        LocalDate lifeDay();

        /** The time of day it happened, or null when only the day is known. */
        LocalTime lifeTime();

        /** Whether it is her enrolment, which comes first on its day. */
        boolean enrolment();

        /** Its place in the order her record was written (her record's sequence number). */
        long recordingOrder();
    }

    /** Life order over anything placed in her life. */
    public static <T extends Placed> Comparator<T> comparator() {
        return LifeOrder::compare;
    }

    /** Life order, written out: it runs for every event of a journey that is loaded, judged or counted. */
    public static int compare(Placed a, Placed b) {
        int byDay = a.lifeDay().compareTo(b.lifeDay());
        if (byDay != 0) {
            return byDay;
        }
        boolean aEnrolment = a.enrolment();
        if (aEnrolment != b.enrolment()) {
            return aEnrolment ? -1 : 1;
        }
        LocalTime aTime = a.lifeTime();
        LocalTime bTime = b.lifeTime();
        if (aTime != bTime) {
            if (aTime == null || bTime == null) {
                return aTime == null ? -1 : 1;
            }
            int byTime = aTime.compareTo(bTime);
            if (byTime != 0) {
                return byTime;
            }
        }
        return Long.compare(a.recordingOrder(), b.recordingOrder());
    }
}
