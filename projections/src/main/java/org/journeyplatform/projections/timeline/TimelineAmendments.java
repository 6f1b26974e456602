package org.journeyplatform.projections.timeline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.domain.journey.LifeOrder;

/**
 * Marks timeline rows corrected or retracted by the correction and retraction rows among them, and puts them in life
 * order as they count. Works on whatever rows were read, so a timeline read as of a past moment shows only the
 * amendments known then.
 */
final class TimelineAmendments {

    static final String CORRECTED = org.journeyplatform.domain.journey.event.EventCorrectedEvent.NAME;
    static final String RETRACTED = org.journeyplatform.domain.journey.event.EventRetractedEvent.NAME;

    private TimelineAmendments() {}

    /**
     * A corrected value, typed like the value it replaces where that was a number, a flag or a list: corrections
     * arrive as text. An emptied value is removed rather than shown as "".
     */
    private static Object typed(Object original, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (original instanceof Integer || original instanceof Long) {
                return Long.parseLong(text.strip());
            }
            if (original instanceof Number) {
                return Double.parseDouble(text.strip());
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (original instanceof Boolean) {
            return Boolean.parseBoolean(text.strip());
        }
        if (original instanceof List<?>) {
            return java.util.Arrays.stream(text.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .sorted()
                    .toList();
        }
        return text;
    }

    /** Rows in recording order in; amended rows in life order out. */
    @SuppressWarnings("unchecked")
    static List<TimelineEntry> resolve(List<TimelineEntry> rows) {
        Map<String, List<TimelineEntry.Amendment>> corrections = new HashMap<>();
        Map<String, TimelineEntry.Amendment> retractions = new HashMap<>();
        for (TimelineEntry row : rows) {
            if (row.type().equals(CORRECTED)) {
                Map<String, String> values = new LinkedHashMap<>();
                ((Map<String, Object>) row.details().getOrDefault("correctedValues", Map.of()))
                        .forEach((k, v) -> values.put(k, String.valueOf(v)));
                corrections
                        .computeIfAbsent(String.valueOf(row.details().get("correctedEventId")), k -> new ArrayList<>())
                        .add(new TimelineEntry.Amendment(
                                row.eventId(),
                                row.recordedAt(),
                                row.recordedBy(),
                                (String) row.details().get("reason"),
                                values));
            } else if (row.type().equals(RETRACTED)) {
                retractions.put(
                        String.valueOf(row.details().get("retractedEventId")),
                        new TimelineEntry.Amendment(
                                row.eventId(),
                                row.recordedAt(),
                                row.recordedBy(),
                                (String) row.details().get("reason"),
                                null));
            }
        }
        List<TimelineEntry> resolved = new ArrayList<>();
        for (TimelineEntry row : rows) {
            List<TimelineEntry.Amendment> amended = corrections.getOrDefault(row.eventId(), List.of());
            TimelineEntry.Amendment retraction = retractions.get(row.eventId());
            if (amended.isEmpty() && retraction == null) {
                resolved.add(row);
                continue;
            }
            LocalDate on = row.occurredOn();
            LocalTime at = row.occurredTime();
            Map<String, Object> details = new LinkedHashMap<>(row.details());
            for (TimelineEntry.Amendment correction : amended) {
                for (Map.Entry<String, String> value :
                        correction.correctedValues().entrySet()) {
                    String text =
                            value.getValue() == null ? "" : value.getValue().strip();
                    try {
                        switch (value.getKey()) {
                            case "occurredOn" -> on = text.isEmpty() ? on : LocalDate.parse(text);
                            case "occurredAt" -> at = text.isEmpty() ? null : LocalTime.parse(text);
                            default ->
                                details.put(value.getKey(), typed(row.details().get(value.getKey()), value.getValue()));
                        }
                    } catch (java.time.format.DateTimeParseException e) {
                        // a stored value the journey could not apply either (it skips it): the timeline keeps the
                        // entry's day or time as it was, and never fails to answer
                    }
                }
            }
            details.values().removeIf(java.util.Objects::isNull);
            resolved.add(new TimelineEntry(
                    row.eventId(),
                    row.participantId(),
                    row.sequenceNumber(),
                    row.type(),
                    on,
                    at,
                    row.recordedAt(),
                    row.recordedBy(),
                    row.late(),
                    retraction != null ? "retracted" : "corrected",
                    row.programmeId(),
                    row.programmeName(),
                    details,
                    List.copyOf(amended),
                    retraction,
                    amended.isEmpty()
                            ? null
                            : new TimelineEntry.Original(row.occurredOn(), row.occurredTime(), row.details())));
        }
        resolved.sort(IN_LIFE_ORDER);
        return resolved;
    }

    /** Her enrolment's public name: it comes first on its day, whatever its time. */
    private static final String ENROLLED = org.journeyplatform.domain.journey.event.EventNames.of(
            org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent.class);

    /** The journey's own life order (ADR 0007), as the rules, the summary and the dashboards use it. */
    static final Comparator<TimelineEntry> IN_LIFE_ORDER = (a, b) -> LifeOrder.compare(new Placed(a), new Placed(b));

    /** A row as placed in her life. */
    private record Placed(TimelineEntry row) implements LifeOrder.Placed {

        @Override
        public LocalDate lifeDay() {
            return row.occurredOn();
        }

        @Override
        public LocalTime lifeTime() {
            return row.occurredTime();
        }

        @Override
        public boolean enrolment() {
            return row.type().equals(ENROLLED);
        }

        @Override
        public long recordingOrder() {
            return row.sequenceNumber();
        }
    }
}
