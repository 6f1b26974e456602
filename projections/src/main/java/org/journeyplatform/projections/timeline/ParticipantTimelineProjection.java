package org.journeyplatform.projections.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.projections.shared.BatchedWrites;
import org.journeyplatform.projections.shared.KeptTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A participant's timeline: one row per journey event, for every kind of event, including kinds added later. Rows are
 * keyed by event id, so handling an event twice changes nothing; a replay starts from an empty table.
 */
@Component
@ProcessingGroup(ParticipantTimelineProjection.PROCESSING_GROUP)
public class ParticipantTimelineProjection {

    public static final String PROCESSING_GROUP = "participant-timeline";

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of("timeline_entry");

    private static final Set<String> COLUMNS_OF_THEIR_OWN = Set.of("participantId", "occurredOn", "programmeId");
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    /** Rows are sent per batch of events, before it commits (a replay writes one per event of the store). */
    private final BatchedWrites writes;

    private final ObjectMapper json = new ObjectMapper();
    /**
     * Her latest timeline as last read, with a fingerprint of her rows: served again only while her rows are exactly
     * as they were (no row added, removed or changed since, here or by another instance), so reading a long timeline
     * again costs one look-up of her rows' ids and versions rather than reading and parsing every row. Bounded by the
     * number of entries held ({@code journey.timeline.cache-entries}; about a kilobyte of heap each).
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Kept> latest;

    /** A timeline as read, and the fingerprint of the rows it was read from. */
    private record Kept(Fingerprint fingerprint, List<TimelineEntry> entries) {}

    /** Her rows' count, highest sequence number and the sum of their row versions (any change to a row moves it). */
    private record Fingerprint(long rows, long highest, long versions) {}

    public ParticipantTimelineProjection(
            JdbcClient jdbc,
            JdbcTemplate template,
            @org.springframework.beans.factory.annotation.Value("${journey.timeline.cache-entries:50000}")
                    long cacheEntries) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(template);
        this.latest = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumWeight(cacheEntries)
                .weigher((String id, Kept kept) -> kept.entries().size() + 1)
                .build();
    }

    /**
     * Her rows, written set-based: a run of rows (a batch of events) is one statement. "Late" asks for her rows
     * recorded before this one with a later day: those already written are asked in the statement, those of the same
     * run (which one statement does not see) are found before it is sent ({@link #lateInRun}).
     */
    private static final BatchedWrites.Rows ROWS = new BatchedWrites.Rows(
            """
                    INSERT INTO timeline_entry (event_id, participant_id, sequence_number, event_type, occurred_on,
                                                occurred_time, recorded_at, recorded_by, programme_id, details, late)
                    SELECT v.event_id, v.participant_id, CAST(v.sequence_number AS bigint), v.event_type,
                           CAST(v.occurred_on AS date), CAST(v.occurred_time AS time),
                           CAST(v.recorded_at AS timestamptz), v.recorded_by, v.programme_id, CAST(v.details AS jsonb),
                           CAST(v.late_in_run AS boolean)
                               OR (CAST(v.can_be_late AS boolean)
                                   AND EXISTS (SELECT 1 FROM timeline_entry earlier
                                                WHERE earlier.participant_id = v.participant_id
                                                  AND earlier.sequence_number < CAST(v.sequence_number AS bigint)
                                                  AND earlier.event_type NOT IN ('event-corrected', 'event-retracted')
                                                  AND earlier.occurred_on > CAST(v.occurred_on AS date)))
                      FROM """
                    + BatchedWrites.Rows.unnest(
                            "v",
                            "event_id",
                            "participant_id",
                            "sequence_number",
                            "event_type",
                            "occurred_on",
                            "occurred_time",
                            "recorded_at",
                            "recorded_by",
                            "programme_id",
                            "details",
                            "can_be_late",
                            "late_in_run")
                    + " ON CONFLICT DO NOTHING",
            12,
            ParticipantTimelineProjection::lateInRun);

    private static final int PARTICIPANT = 1;
    private static final int SEQUENCE = 2;
    private static final int OCCURRED_ON = 4;
    private static final int CAN_BE_LATE = 10;
    private static final int LATE_IN_RUN = 11;

    /**
     * Marks a row late when an earlier row of hers in the same run (lower sequence number, not a correction or
     * retraction) has a later day: what the statement's own question cannot see.
     */
    static void lateInRun(List<Object[]> run) {
        Map<Object, List<Object[]>> earlier = new java.util.HashMap<>();
        for (Object[] row : run) {
            List<Object[]> hers = earlier.computeIfAbsent(row[PARTICIPANT], p -> new java.util.ArrayList<>());
            boolean late = false;
            if ((Boolean) row[CAN_BE_LATE]) {
                for (Object[] before : hers) {
                    if ((Long) before[SEQUENCE] < (Long) row[SEQUENCE]
                            && ((java.time.LocalDate) before[OCCURRED_ON])
                                    .isAfter((java.time.LocalDate) row[OCCURRED_ON])) {
                        late = true;
                        break;
                    }
                }
                hers.add(row);
            }
            row[LATE_IN_RUN] = late;
        }
    }

    @EventHandler
    public void on(JourneyEvent event, DomainEventMessage<?> message) {
        ProgrammeId programmeId = programmeOf(event);
        writes.add(
                ROWS,
                message.getIdentifier(),
                event.participantId().toString(),
                message.getSequenceNumber(),
                typeName(event.getClass()),
                event.occurredOn().date(),
                KeptTimes.of(event.occurredOn().time()), // with its fraction of a second: java.sql.Time would drop it
                message.getTimestamp(),
                (String) message.getMetaData().get(MetaDataKeys.ACTOR),
                programmeId == null ? null : programmeId.toString(),
                detailsOf(event),
                !(event instanceof EventCorrectedEvent || event instanceof EventRetractedEvent),
                false);
    }

    /**
     * Her erasure gets its row like any event; then every personal value in her rows is blanked: text becomes
     * "erased", numbers and other values go, and corrected personal values leave their corrections.
     */
    @EventHandler
    public void on(
            org.journeyplatform.domain.journey.event.ParticipantErasedEvent event, DomainEventMessage<?> message) {
        on((JourneyEvent) event, message);
        forget(event.participantId().toString());
    }

    /**
     * Blanks every personal value in her rows. Called by her erasure itself, so that no read serves them once the
     * erasure has answered, and again when this projection meets her erasure event (or replays it); repeating it
     * changes nothing.
     */
    public void forget(String participantId) {
        writes.flush(); // her rows held back in this transaction are blanked too
        latest.invalidate(participantId); // the fingerprint would show the blanking anyway; no need to hold her words
        ERASABLE.forEach((eventType, names) -> jdbc.sql("""
                        UPDATE timeline_entry t SET details = (
                            SELECT COALESCE(jsonb_object_agg(e.key, CASE
                                       WHEN e.key = 'correctedValues' AND jsonb_typeof(e.value) = 'object'
                                           THEN e.value - CAST(? AS text[])
                                       WHEN e.key = ANY (CAST(? AS text[])) THEN to_jsonb(CAST(? AS text))
                                       ELSE e.value END), '{}'::jsonb)
                              FROM jsonb_each(t.details) e
                             WHERE NOT (e.key = ANY (CAST(? AS text[]))))
                         WHERE t.participant_id = ? AND t.event_type = ?""")
                .params(
                        CORRECTABLE_PERSONAL,
                        names.text(),
                        org.journeyplatform.domain.shared.PersonalData.ERASED,
                        names.other(),
                        participantId,
                        eventType)
                .update());
    }

    /** An event type's personal fields: those holding text, and the others. */
    private record Erasable(String[] text, String[] other) {}

    /** By timeline event type (e.g. programme-exited): only that type's own personal fields are blanked. */
    private static final Map<String, Erasable> ERASABLE = erasable();

    private static final String[] CORRECTABLE_PERSONAL =
            org.journeyplatform.domain.shared.PersonalDataFields.correctableNames()
                    .toArray(String[]::new);

    private static Map<String, Erasable> erasable() {
        Map<String, Erasable> byType = new LinkedHashMap<>();
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            java.util.List<String> text = new java.util.ArrayList<>();
            java.util.List<String> other = new java.util.ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(org.journeyplatform.domain.shared.PersonalData.class)
                        && !component.getName().equals("correctedValues")) {
                    (component.getType() == String.class ? text : other).add(component.getName());
                }
            }
            if (!text.isEmpty()
                    || !other.isEmpty()
                    || type == org.journeyplatform.domain.journey.event.EventCorrectedEvent.class) {
                byType.put(typeName(type), new Erasable(text.toArray(String[]::new), other.toArray(String[]::new)));
            }
        }
        return byType;
    }

    @ResetHandler
    void reset() {
        writes.flush();
        jdbc.sql("DELETE FROM timeline_entry").update();
        latest.invalidateAll();
    }

    @QueryHandler
    public List<TimelineEntry> handle(ParticipantTimelineQuery query) {
        if (query.asOfRecorded() != null) {
            return read(query);
        }
        // the fingerprint first, the rows after: rows newer than the fingerprint are kept under the older one and
        // read again next time, never the other way round
        Fingerprint now = jdbc.sql("""
                        SELECT count(*), coalesce(max(sequence_number), -1),
                               coalesce(sum(CAST(CAST(xmin AS text) AS bigint)), 0)
                          FROM timeline_entry WHERE participant_id = ?""")
                .param(query.participantId())
                .query((rs, row) -> new Fingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
        Kept kept = latest.getIfPresent(query.participantId());
        if (kept != null && kept.fingerprint().equals(now)) {
            return kept.entries();
        }
        List<TimelineEntry> entries = read(query);
        if (programmeNamesKnown(entries)) {
            latest.put(query.participantId(), new Kept(now, entries));
        }
        return entries;
    }

    /**
     * Whether every entry naming a programme has its name: the names come from the programme catalogue, a read model
     * of its own that may not yet have caught up with a programme's registration (or is being replayed), and the
     * fingerprint follows her rows only. An answer with a name missing is served but not kept, so the name shows as
     * soon as the catalogue has it.
     */
    private static boolean programmeNamesKnown(List<TimelineEntry> entries) {
        for (TimelineEntry entry : entries) {
            if (entry.programmeId() != null && entry.programmeName() == null) {
                return false;
            }
        }
        return true;
    }

    private List<TimelineEntry> read(ParticipantTimelineQuery query) {
        Timestamp asOf = query.asOfRecorded() == null ? null : Timestamp.from(query.asOfRecorded());
        List<TimelineEntry> rows = jdbc.sql("""
                        SELECT t.*, p.name AS programme_name
                          FROM timeline_entry t LEFT JOIN programme p ON p.programme_id = t.programme_id
                         WHERE t.participant_id = ? AND (CAST(? AS timestamptz) IS NULL OR t.recorded_at <= ?)
                         ORDER BY t.sequence_number""")
                .params(query.participantId(), asOf, asOf)
                .query(this::map)
                .list();
        return List.copyOf(TimelineAmendments.resolve(rows));
    }

    /** {@code ProgrammeExitedEvent} becomes {@code programme-exited}. */
    /** The event's public name ({@code relapse-recorded}), from the one registry of them. */
    static String typeName(Class<?> eventType) {
        return org.journeyplatform.domain.journey.event.EventNames.of(eventType);
    }

    /** An event type's record components, asked of the class once (each call of the reflection copies them). */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            return components == null ? new RecordComponent[0] : components;
        }
    };

    private static ProgrammeId programmeOf(JourneyEvent event) {
        for (RecordComponent component : COMPONENTS.get(event.getClass())) {
            if (component.getName().equals("programmeId")) {
                return (ProgrammeId) read(component, event);
            }
        }
        return null;
    }

    private String detailsOf(JourneyEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (RecordComponent component : COMPONENTS.get(event.getClass())) {
            if (COLUMNS_OF_THEIR_OWN.contains(component.getName())) {
                continue;
            }
            Object value = read(component, event);
            if (value instanceof Enum<?> e) {
                value = e.name();
            } else if (value instanceof Map<?, ?> m) {
                Map<String, Object> copy = new java.util.TreeMap<>();
                m.forEach((k, v) -> copy.put(
                        String.valueOf(k), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
                value = copy;
            } else if (value instanceof Collection<?> c) {
                value = c.stream()
                        .map(v -> v instanceof Enum<?> e ? e.name() : String.valueOf(v))
                        .sorted()
                        .toList();
            } else if (value != null && !(value instanceof Number || value instanceof Boolean)) {
                value = value.toString();
            }
            if (value != null) {
                details.put(component.getName(), value);
            }
        }
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot write timeline details of " + event.getClass().getSimpleName(), e);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }

    private TimelineEntry map(ResultSet rs, int row) throws SQLException {
        try {
            return new TimelineEntry(
                    rs.getString("event_id"),
                    rs.getString("participant_id"),
                    rs.getLong("sequence_number"),
                    rs.getString("event_type"),
                    rs.getDate("occurred_on").toLocalDate(),
                    rs.getObject("occurred_time", java.time.LocalTime.class),
                    rs.getTimestamp("recorded_at").toInstant(),
                    rs.getString("recorded_by"),
                    rs.getBoolean("late"),
                    "recorded",
                    rs.getString("programme_id"),
                    rs.getString("programme_name"),
                    json.readValue(rs.getString("details"), DETAILS),
                    List.of(),
                    null,
                    null);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable timeline details for event " + rs.getString("event_id"), e);
        }
    }
}
