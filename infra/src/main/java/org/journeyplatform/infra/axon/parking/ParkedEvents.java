package org.journeyplatform.infra.axon.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.journeyplatform.infra.axon.parking.ParkedEventsConfiguration.ParkingProcessors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the operator sees of parked events, and what she can do with them: list them per processor (no payload: the
 * participant, the event's type, id and position, when it was parked and why), count them (the gauge
 * {@code journey.events.parked}), retry them once the cause is fixed, or give one up.
 */
public class ParkedEvents implements MeterBinder {

    /** At most this many parked events are listed per processor; the count is always complete. */
    public static final int LIST_LIMIT = 500;

    private final ParkingProcessors processors;
    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private volatile Counted counted = new Counted(Instant.EPOCH, Map.of());

    public ParkedEvents(ParkingProcessors processors, JdbcClient jdbc, EventProcessingConfiguration processing) {
        this.processors = processors;
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** One parked event: no payload, and a cause that quotes no personal data ({@link ParkingPolicy}). */
    public record Parked(
            String id,
            String sequenceId,
            long sequenceIndex,
            String aggregateType,
            String eventId,
            Long globalPosition,
            Long sequenceNumber,
            String eventType,
            String eventRevision,
            String parkedAt,
            String lastTouched,
            String causeType,
            String causeMessage) {

        /** Parked because it failed; otherwise it waits behind an earlier parked event of its sequence. */
        public boolean failed() {
            return causeType != null;
        }
    }

    /** A retry's outcome: sequences tried, of which cleared (every event applied), and what stays parked. */
    public record RetryOutcome(String processor, int sequencesRetried, int sequencesCleared, long stillParked) {}

    public List<String> processors() {
        return processors.groups();
    }

    public boolean parks(String processor) {
        return processors.contains(processor);
    }

    /** Parked events per processor, every parking processor named (0 for none). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = ParkedEventsConfiguration.zeroes(processors.groups());
        jdbc.sql("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(e -> counts.computeIfPresent(e.getKey(), (k, v) -> e.getValue()));
        return counts;
    }

    /** The parked events of one processor, sequence by sequence, each in its order. */
    public List<Parked> list(String processor) {
        return jdbc.sql("""
                        SELECT dl.dead_letter_id, dl.sequence_identifier, dl.sequence_index, dl.aggregate_type,
                               dl.event_identifier, e.global_index, dl.sequence_number, dl.payload_type,
                               dl.payload_revision, dl.enqueued_at, dl.last_touched, dl.cause_type, dl.cause_message
                          FROM dead_letter_entry dl
                          LEFT JOIN domain_event_entry e ON e.event_identifier = dl.event_identifier
                         WHERE dl.processing_group = ?
                         ORDER BY dl.sequence_identifier, dl.sequence_index
                         LIMIT ?""")
                .params(processor, LIST_LIMIT)
                .query((rs, n) -> new Parked(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        (Long) rs.getObject(6),
                        (Long) rs.getObject(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13)))
                .list();
    }

    /** Retries every parked sequence of the processor once, oldest first. */
    public RetryOutcome retry(String processor) {
        return retry(
                processor, jdbc.sql("""
                        SELECT sequence_identifier FROM dead_letter_entry WHERE processing_group = ?
                         GROUP BY sequence_identifier ORDER BY min(enqueued_at)""").param(processor).query(String.class).list());
    }

    /**
     * Retries one sequence (her events, for a journey) of the processor; none is retried (0) when nothing of that
     * sequence is parked.
     */
    public RetryOutcome retrySequence(String processor, String sequenceId) {
        boolean parked =
                jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM dead_letter_entry
                                        WHERE processing_group = ? AND sequence_identifier = ?)""").params(processor, sequenceId).query(Boolean.class).single();
        return retry(processor, parked ? List.of(sequenceId) : List.of());
    }

    private RetryOutcome retry(String processor, List<String> sequences) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = deadLetterProcessor(processor);
        int cleared = 0;
        for (String sequence : sequences) {
            if (letters.process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                    && sequence.equals(jdbcLetter.getSequenceIdentifier()))) {
                cleared++;
            }
        }
        counted = new Counted(Instant.EPOCH, Map.of());
        return new RetryOutcome(
                processor, sequences.size(), cleared, queue(processor).size());
    }

    /**
     * Gives up one parked event: this processor will never apply it (the others are not concerned). The events
     * waiting behind it stay parked until retried. False if there is no such parked event.
     */
    public boolean evict(String processor, String id) {
        Optional<String> sequence =
                jdbc.sql("""
                        SELECT sequence_identifier FROM dead_letter_entry
                         WHERE processing_group = ? AND dead_letter_id = ?""").params(processor, id).query(String.class).optional();
        if (sequence.isEmpty()) {
            return false;
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence.get())) {
            if (letter instanceof JdbcDeadLetter<?> jdbcLetter && id.equals(jdbcLetter.getIdentifier())) {
                queue.evict(letter);
                counted = new Counted(Instant.EPOCH, Map.of());
                return true;
            }
        }
        return false;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> deadLetterProcessor(String processor) {
        return processing
                .sequencedDeadLetterProcessor(processor)
                .orElseThrow(
                        () -> new IllegalArgumentException("No processor parks events under the name " + processor));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing
                .deadLetterQueue(processor)
                .orElseThrow(
                        () -> new IllegalArgumentException("No processor parks events under the name " + processor));
    }

    /** {@code journey.events.parked{processor=...}}: read from the table, at most once a second. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : processors.groups()) {
            Gauge.builder("journey.events.parked", this, p -> p.cachedCounts().getOrDefault(processor, 0L))
                    .tag("processor", processor)
                    .description("Events this processor could not handle or read, parked with the later events of "
                            + "their sequence (docs/operations.md)")
                    .baseUnit("events")
                    .register(registry);
        }
    }

    private Map<String, Long> cachedCounts() {
        Counted current = counted;
        Instant now = Instant.now();
        if (current.at().plusSeconds(1).isAfter(now)) {
            return current.counts();
        }
        try {
            Map<String, Long> counts = counts();
            counted = new Counted(now, counts);
            return counts;
        } catch (RuntimeException e) {
            return current.counts(); // a database hiccup does not break the metrics endpoint
        }
    }

    private record Counted(Instant at, Map<String, Long> counts) {}
}
