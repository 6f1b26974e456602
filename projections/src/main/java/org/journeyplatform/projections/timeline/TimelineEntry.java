package org.journeyplatform.projections.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

/**
 * One row of a participant's timeline: one journey event, with when it happened in her life and when (and by whom)
 * it was recorded.
 *
 * @param sequenceNumber the event's position in her record: the order things were recorded in
 * @param type           the kind of event in kebab case, e.g. {@code programme-exited}
 * @param programmeName  the programme's name when the event concerns a programme
 * @param details        the event's other fields (reason, kind, note...); may hold personal data
 */
public record TimelineEntry(String eventId, String participantId, long sequenceNumber, String type,
                            LocalDate occurredOn, LocalTime occurredTime, Instant recordedAt, String recordedBy,
                            String programmeId, String programmeName, Map<String, Object> details) {
}
