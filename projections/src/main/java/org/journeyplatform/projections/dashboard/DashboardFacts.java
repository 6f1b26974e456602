package org.journeyplatform.projections.dashboard;

import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.journeyplatform.projections.shared.BatchedWrites;
import org.journeyplatform.projections.shared.KeptTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes dashboard facts to a table of them: from journey events (the in-process projection) or from the integration
 * stream on Kafka (a separate dashboard process), with the same rules, so both produce the same figures. Every write
 * is keyed by event id and safe to repeat.
 */
public final class DashboardFacts {

    /** The in-process projection's table. */
    public static final String EVENT_STORE_TABLE = "dashboard_fact";
    /** The table a dashboard process fed from Kafka fills. */
    public static final String KAFKA_TABLE = "kafka_dashboard.dashboard_fact";

    private final JdbcClient jdbc;
    /** New facts are sent per batch of events, before it commits; corrections and retractions send them first. */
    private final BatchedWrites inserts;

    private final String table;
    /** A batch's facts go as one statement. */
    private final BatchedWrites.Rows rows;

    public DashboardFacts(JdbcClient jdbc, JdbcTemplate template, String table) {
        if (!table.equals(EVENT_STORE_TABLE) && !table.equals(KAFKA_TABLE)) {
            throw new IllegalArgumentException("Unknown dashboard fact table " + table);
        }
        this.jdbc = jdbc;
        this.inserts = new BatchedWrites(template);
        this.table = table;
        this.rows = new BatchedWrites.Rows(
                "INSERT INTO " + table + """
                         (event_id, participant_id, sequence_number, kind, occurred_on,
                                                    occurred_time, programme_id, label, ref, direction, score)
                        SELECT f.event_id, f.participant_id, CAST(f.sequence_number AS bigint), f.kind,
                               CAST(f.occurred_on AS date), CAST(f.occurred_time AS time), f.programme_id, f.label,
                               f.ref, f.direction, CAST(f.score AS double precision)
                          FROM """
                        + BatchedWrites.Rows.unnest(
                                "f",
                                "event_id",
                                "participant_id",
                                "sequence_number",
                                "kind",
                                "occurred_on",
                                "occurred_time",
                                "programme_id",
                                "label",
                                "ref",
                                "direction",
                                "score")
                        + " ON CONFLICT DO NOTHING",
                11);
    }

    /**
     * One counted event. {@code field} gives the event's value of a field by name (as text; null when absent), so the
     * same code reads a journey event or its integration-event JSON.
     */
    public void record(
            String eventId,
            String participantId,
            long sequence,
            Kind kind,
            LocalDate occurredOn,
            LocalTime occurredAt,
            Function<String, String> field) {
        String score = kind.scoreField == null ? null : field.apply(kind.scoreField);
        inserts.add(
                rows,
                eventId,
                participantId,
                sequence,
                kind.name(),
                occurredOn,
                KeptTimes.of(occurredAt), // java.sql.Time would drop the fraction
                valueOf(field, kind.programmeField),
                valueOf(field, kind.labelField),
                valueOf(field, kind.refField),
                valueOf(field, kind.directionField),
                score == null ? null : Double.valueOf(score));
    }

    /** A correction changes the columns kept of the corrected event, and nothing else. */
    public void correct(String correctedEventId, Map<String, String> correctedValues) {
        inserts.flush(); // the corrected event's fact may be held back in this transaction
        Optional<String> kindName = jdbc.sql("SELECT kind FROM " + table + " WHERE event_id = ?")
                .param(correctedEventId)
                .query(String.class)
                .optional();
        if (kindName.isEmpty() || correctedValues == null) {
            return; // an event the dashboard does not count
        }
        Kind kind = Kind.valueOf(kindName.get());
        correctedValues.forEach((field, value) -> kind.columnOf(field).ifPresent(column -> {
            Object converted = value == null || value.isBlank()
                    ? null
                    : switch (column) {
                        case "occurred_on" -> Date.valueOf(LocalDate.parse(value.strip()));
                        case "occurred_time" -> KeptTimes.of(LocalTime.parse(value.strip()));
                        default -> value.strip();
                    };
            if (converted == null && column.equals("occurred_on")) {
                return;
            }
            // table and column come from fixed lists, never from input
            jdbc.sql("UPDATE " + table + " SET " + column
                            + " = ?, written_by = pg_current_xact_id() WHERE event_id = ?")
                    .params(converted, correctedEventId)
                    .update();
        }));
    }

    public void retract(String retractedEventId) {
        inserts.flush();
        jdbc.sql("UPDATE " + table + " SET retracted = true, written_by = pg_current_xact_id() WHERE event_id = ?")
                .param(retractedEventId)
                .update();
    }

    /** Empties the table as a new one (TRUNCATE): readers that hold its facts in memory see that and load it anew. */
    public void reset() {
        inserts.flush();
        jdbc.sql("TRUNCATE " + table).update();
    }

    private static String valueOf(Function<String, String> field, String name) {
        return name == null ? null : field.apply(name);
    }
}
