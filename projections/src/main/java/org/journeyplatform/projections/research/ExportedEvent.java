package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code events.ndjson} before it gets its position: whose (her pseudonym), what (the event type), when
 * (the day since her enrolment, and the shifted date when the study gives dates) and the event's released fields.
 * Nothing personal is ever put in {@code fields}: only codes, numbers, flags and per-study pseudonyms.
 *
 * @param date the shifted date, or null when the study gives days only
 */
public record ExportedEvent(String participant, String type, long day, LocalDate date, Map<String, Object> fields) {

    public ExportedEvent {
        fields = OrderedFields.copyOf(fields);
    }

    /** The line as written, position first. */
    public Map<String, Object> line(long position) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("position", position);
        line.put("participant", participant);
        line.put("type", type);
        line.put("day", day);
        if (date != null) {
            line.put("date", date.toString());
        }
        line.putAll(fields);
        return line;
    }

    public String text(String field) {
        Object value = fields.get(field);
        return value == null ? null : value.toString();
    }
}
