package org.journeyplatform.projections.work;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.projections.shared.BatchedWrites;
import org.journeyplatform.projections.shared.PlannedEachTime;
import org.journeyplatform.projections.timeline.ParticipantTimelineProjection;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the work for today needs of each journey, kept event by event in {@code work_fact}: one narrow row per
 * programme entry and exit, consent given or withdrawn and reunification plan event, and her latest reading of each
 * instrument, with the latest correction of its values applied; a retracted entry has no row, an erased participant
 * none at all. The home page then reads a few rows per participant of her programmes, not her timeline's JSON with its
 * corrections and retractions worked out on every read (ADR 0018).
 * <p>
 * Every reading is kept in {@code work_reading}; her latest of each instrument is chosen again from them once per
 * transaction for every participant whose readings changed in it (a retraction can make an older reading the latest),
 * so a replay pays two statements per batch of events for it, not one per reading.
 * <p>
 * Its handlers belong to the {@code participant-timeline} processing group: they run in the timeline's transactions,
 * are replayed and rebuilt with it, and add no reader of the event store. Idempotent: a row is keyed by its event's id,
 * a correction sets the same values again, a retraction or erasure deletes what is there, and the latest readings are
 * chosen from all of hers each time.
 */
@Component
@ProcessingGroup(ParticipantTimelineProjection.PROCESSING_GROUP)
public class WorkForTodayProjection {

    /** The tables this projection owns; rebuilt with the timeline's, as they share a processing group. */
    public static final List<String> TABLES = List.of("work_fact", "work_reading");

    private static final String INSERT = "INSERT INTO work_fact (event_id, " + WorkFact.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_READING = """
            INSERT INTO work_reading (event_id, participant_id, sequence_number, instrument, occurred_on)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** The corrected values this model keeps, by the event field's name: the column, and what it holds. */
    private static final Map<String, Column> CORRECTABLE = correctable();

    private enum Holds {
        TEXT,
        DATE,
        TIME
    }

    private record Column(String name, Holds holds) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BatchedWrites writes;

    public WorkForTodayProjection(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.writes = new BatchedWrites(template);
    }

    private static Map<String, Column> correctable() {
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("occurredOn", new Column("occurred_on", Holds.DATE));
        columns.put("occurredAt", new Column("occurred_time", Holds.TIME));
        columns.put("programmeId", new Column("programme_id", Holds.TEXT));
        columns.put("reason", new Column("reason", Holds.TEXT));
        columns.put("consentId", new Column("consent_id", Holds.TEXT));
        columns.put("kind", new Column("consent_kind", Holds.TEXT));
        columns.put("scope", new Column("scope", Holds.TEXT));
        columns.put("expiresOn", new Column("expires_on", Holds.DATE));
        columns.put("planId", new Column("plan_id", Holds.TEXT));
        columns.put("childPseudonym", new Column("child_pseudonym", Holds.TEXT));
        columns.put("step", new Column("step", Holds.TEXT));
        return Map.copyOf(columns);
    }

    private void keep(WorkFact fact, DomainEventMessage<?> message) {
        Object[] parameters = new Object[16];
        parameters[0] = message.getIdentifier();
        System.arraycopy(fact.parameters(), 0, parameters, 1, 15);
        writes.add(INSERT, parameters);
    }

    @EventHandler
    void on(ProgrammeEnteredEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.stay(message, ProgrammeEnteredEvent.NAME, event.occurredOn(), event.programmeId(), null),
                message);
    }

    @EventHandler
    void on(ProgrammeExitedEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.stay(
                        message, ProgrammeExitedEvent.NAME, event.occurredOn(), event.programmeId(), event.reason()),
                message);
    }

    @EventHandler
    void on(AssessmentRecordedEvent event, DomainEventMessage<?> message) {
        writes.add(
                INSERT_READING,
                message.getIdentifier(),
                message.getAggregateIdentifier(),
                message.getSequenceNumber(),
                event.instrument().toString(),
                Date.valueOf(event.occurredOn().date()));
        readingsChanged(message.getAggregateIdentifier());
    }

    @EventHandler
    void on(ConsentGivenEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.consent(
                        message,
                        ConsentGivenEvent.NAME,
                        event.occurredOn(),
                        event.consentId(),
                        event.kind() == null ? null : event.kind().name(),
                        event.scope(),
                        event.expiresOn()),
                message);
    }

    @EventHandler
    void on(ConsentWithdrawnEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.consent(
                        message, ConsentWithdrawnEvent.NAME, event.occurredOn(), event.consentId(), null, null, null),
                message);
    }

    @EventHandler
    void on(ReunificationPlanOpenedEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.plan(
                        message,
                        ReunificationPlanOpenedEvent.NAME,
                        event.occurredOn(),
                        event.planId(),
                        event.childPseudonym(),
                        null,
                        null),
                message);
    }

    @EventHandler
    void on(ReunificationStepRecordedEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.plan(
                        message,
                        ReunificationStepRecordedEvent.NAME,
                        event.occurredOn(),
                        event.planId(),
                        null,
                        event.step(),
                        null),
                message);
    }

    @EventHandler
    void on(ReunificationPlanClosedEvent event, DomainEventMessage<?> message) {
        keep(
                WorkFact.plan(
                        message,
                        ReunificationPlanClosedEvent.NAME,
                        event.occurredOn(),
                        event.planId(),
                        null,
                        null,
                        event.reason()),
                message);
    }

    /**
     * The corrected entry's row takes the corrected values it keeps, trimmed as the journey trims them (the latest
     * correction is handled last, so it wins); an emptied value becomes null; a correction of an entry without a row, or
     * of values it does not keep, changes nothing. A value that is not a date or time where one is kept (never accepted
     * by the journey; after an erasure, personal values are left out) is passed over. Readings are never corrected
     * (the journey refuses it: they are retracted and recorded again).
     */
    @EventHandler
    void on(EventCorrectedEvent event) {
        if (event.correctedValues() == null || event.correctedValues().isEmpty()) {
            return;
        }
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        new java.util.TreeMap<>(event.correctedValues()).forEach((field, value) -> {
            Column column = CORRECTABLE.get(field);
            if (column == null) {
                return;
            }
            Object kept = value == null || value.isBlank() ? null : value.strip();
            try {
                if (kept != null && column.holds() == Holds.DATE) {
                    kept = Date.valueOf(LocalDate.parse((String) kept));
                } else if (kept != null && column.holds() == Holds.TIME) {
                    kept = org.journeyplatform.projections.shared.KeptTimes.of(
                            java.time.LocalTime.parse((String) kept));
                }
            } catch (java.time.format.DateTimeParseException e) {
                return;
            }
            if (kept == null && column.name().equals("occurred_on")) {
                return; // every entry has a date
            }
            sets.add(column.name() + " = ?");
            values.add(kept);
        });
        if (sets.isEmpty()) {
            return;
        }
        values.add(event.correctedEventId());
        writes.add("UPDATE work_fact SET " + String.join(", ", sets) + " WHERE event_id = ?", values.toArray());
    }

    @EventHandler
    void on(EventRetractedEvent event) {
        writes.add("DELETE FROM work_fact WHERE event_id = ?", event.retractedEventId());
        writes.add("DELETE FROM work_reading WHERE event_id = ?", event.retractedEventId());
        readingsChanged(event.participantId().toString());
    }

    @EventHandler
    void on(ParticipantErasedEvent event) {
        writes.add(
                "DELETE FROM work_fact WHERE participant_id = ?",
                event.participantId().toString());
        writes.add(
                "DELETE FROM work_reading WHERE participant_id = ?",
                event.participantId().toString());
    }

    /**
     * Her latest reading of each instrument is chosen again from all of hers: before the transaction commits (and at
     * each flush of it), once for every participant whose readings changed in it; at once outside a transaction.
     */
    private void readingsChanged(String participantId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            latestReadings(Set.of(participantId));
            return;
        }
        Changed changed = (Changed) TransactionSynchronizationManager.getResource(this);
        if (changed == null) {
            changed = new Changed();
            TransactionSynchronizationManager.bindResource(this, changed);
            TransactionSynchronizationManager.registerSynchronization(changed);
        }
        changed.participants.add(participantId);
    }

    private void latestReadings(Set<String> participants) {
        writes.flush(); // her readings as this transaction left them
        String[] ids = participants.toArray(String[]::new);
        // planned for these participants each time: a cached plan made while the tables were nearly empty (a replay)
        // scans them whole, once per transaction, as they grow
        PlannedEachTime.update(
                template,
                "DELETE FROM work_fact WHERE participant_id = ANY (?) AND event_type = 'assessment-recorded'",
                (Object) ids);
        PlannedEachTime.update(template, """
                        INSERT INTO work_fact (event_id, participant_id, sequence_number, event_type, occurred_on,
                                               instrument)
                        SELECT DISTINCT ON (participant_id, instrument) event_id, participant_id, sequence_number,
                               'assessment-recorded', occurred_on, instrument
                          FROM work_reading WHERE participant_id = ANY (?)
                         ORDER BY participant_id, instrument, occurred_on DESC, sequence_number DESC""", (Object) ids);
    }

    /** The participants whose readings changed in one transaction. */
    private final class Changed implements TransactionSynchronization {

        private final Set<String> participants = new LinkedHashSet<>();

        /** Called after each handler call when the processor runs them behind savepoints, and before committing. */
        @Override
        public void flush() {
            if (!participants.isEmpty()) {
                Set<String> now = Set.copyOf(participants);
                participants.clear();
                latestReadings(now);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
        }

        @Override
        public void afterCompletion(int status) {
            participants.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(WorkForTodayProjection.this);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Deletes her rows at once: called by her erasure itself, so that no list names her once the erasure has answered,
     * and again when the processor meets her erasure event.
     */
    public void forget(String participantId) {
        writes.flush();
        jdbc.sql("DELETE FROM work_fact WHERE participant_id = ?")
                .param(participantId)
                .update();
        jdbc.sql("DELETE FROM work_reading WHERE participant_id = ?")
                .param(participantId)
                .update();
    }

    @ResetHandler
    void reset() {
        writes.flush();
        jdbc.sql("DELETE FROM work_fact").update();
        jdbc.sql("DELETE FROM work_reading").update();
    }
}
