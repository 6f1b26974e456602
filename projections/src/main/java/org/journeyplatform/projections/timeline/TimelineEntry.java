package org.journeyplatform.projections.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * One row of a participant's timeline: one journey event, with when it happened in her life and when (and by whom)
 * it was recorded. {@code occurredOn}, {@code occurredTime} and {@code details} are as the event counts (corrections
 * applied); when it was corrected, {@code original} holds what was first recorded.
 *
 * @param sequenceNumber the event's position in her record: the order things were recorded in
 * @param type           the kind of event in kebab case, e.g. {@code programme-exited}
 * @param late           recorded after something that happened later in her life was already recorded
 * @param status         {@code recorded}, {@code corrected} or {@code retracted} (as known at the time read)
 * @param programmeName  the programme's name when the event concerns a programme
 * @param details        the event's other fields (reason, kind, note...); may hold personal data
 * @param corrections    the corrections made to it, oldest first
 * @param retraction     the retraction of it, if retracted
 * @param original       the event as first recorded, when corrected
 */
public record TimelineEntry(
        String eventId,
        String participantId,
        long sequenceNumber,
        String type,
        LocalDate occurredOn,
        LocalTime occurredTime,
        Instant recordedAt,
        String recordedBy,
        boolean late,
        String status,
        String programmeId,
        String programmeName,
        Map<String, Object> details,
        List<Amendment> corrections,
        Amendment retraction,
        Original original) {

    /** A correction or retraction of an event: which event did it, when, by whom, why, and what it changed. */
    public record Amendment(
            String eventId,
            Instant recordedAt,
            String recordedBy,
            String reason,
            Map<String, String> correctedValues) {}

    /** What was first recorded, before corrections. */
    public record Original(LocalDate occurredOn, LocalTime occurredTime, Map<String, Object> details) {}
}
