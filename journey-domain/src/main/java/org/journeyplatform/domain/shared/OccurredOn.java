package org.journeyplatform.domain.shared;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * When something happened in the participant's life: a calendar date in the programme's local time, optionally with a
 * time of day. This is deliberately separate from when it was recorded (the event's timestamp) and by whom (the
 * {@code actor} in the event's metadata): staff often record things days or years after they happened.
 *
 * @param date the day it happened, never null
 * @param time the time of day, or null when only the date is known
 */
public record OccurredOn(LocalDate date, LocalTime time) implements Comparable<OccurredOn> {

    public OccurredOn {
        Objects.requireNonNull(date, "occurredOn.date");
    }

    public static OccurredOn on(LocalDate date) {
        return new OccurredOn(date, null);
    }

    public static OccurredOn at(LocalDate date, LocalTime time) {
        return new OccurredOn(date, time);
    }

    public boolean isBefore(LocalDate other) {
        return date.isBefore(other);
    }

    public boolean isAfter(LocalDate other) {
        return date.isAfter(other);
    }

    @Override
    public int compareTo(OccurredOn other) {
        int byDate = date.compareTo(other.date);
        if (byDate != 0) {
            return byDate;
        }
        if (time == null || other.time == null) {
            return time == null ? (other.time == null ? 0 : -1) : 1;
        }
        return time.compareTo(other.time);
    }

    @Override
    public String toString() {
        return time == null ? date.toString() : date + "T" + time;
    }
}
