package org.journeyplatform.infra.axon;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.domain.assessment.Instrument;
import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.assessment.event.InstrumentDefinedEvent;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.peer.Peer;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers what exists (programmes and their curricula, peers, instruments, journeys) from the event store itself, so
 * the answers are consistent at once: a programme registered a moment ago can be entered straight away. Ids of one
 * kind are never taken for ids of another: the aggregate type stored with each event is checked.
 */
@Component
public class EventStoreDirectory implements ProgrammeDirectory, PeerDirectory, InstrumentCatalogue {

    private final JdbcClient jdbc;
    private final EventStore eventStore;
    /**
     * What never changes once stored, remembered: the aggregate type of an id (from its first event) and a
     * programme's registration (its first event). The store is append-only, so these answers hold for good.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Object> firstEvents =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .build();
    /**
     * The latest definition of each instrument seen, and when it was last checked against the store. It is used for
     * {@link #RECHECK} before the store is asked again whether a later one was stored (by another instance; this
     * instance forgets its own at once). A reading judged by the previous definition in that moment keeps that
     * definition's revision: readings always say which they used.
     */
    private final java.util.Map<String, Known> definitions = new java.util.concurrent.ConcurrentHashMap<>();

    static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(1);

    private record Known(InstrumentDefinition definition, long checkedAt) {}

    public EventStoreDirectory(JdbcClient jdbc, @Lazy EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @Override
    public Optional<List<CurriculumModule>> curriculumOf(ProgrammeId programmeId) {
        return registrationOf(programmeId).map(first -> ((ProgrammeRegisteredEvent) first.getPayload()).curriculum());
    }

    /** The registration of a programme, with when it was recorded, when it is registered. */
    public Optional<DomainEventMessage<?>> registrationOf(ProgrammeId programmeId) {
        String key = "registration:" + programmeId;
        Object known = firstEvents.getIfPresent(key);
        if (known != null) {
            return Optional.of((DomainEventMessage<?>) known);
        }
        Optional<DomainEventMessage<?>> registration =
                events(programmeId.toString(), Programme.class).stream().findFirst();
        registration.ifPresent(first -> remember(key, first));
        return registration;
    }

    @Override
    public boolean isRegistered(PeerId peerId) {
        return isA(peerId.toString(), Peer.class);
    }

    @Override
    public Optional<InstrumentDefinition> find(InstrumentCode instrument) {
        Known known = definitions.get(instrument.toString());
        if (known != null) {
            long now = System.nanoTime();
            if (now - known.checkedAt() < RECHECK.toNanos()) {
                return Optional.of(known.definition());
            }
            if (jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                    .param(instrument.toString())
                    .query(Long.class)
                    .optional()
                    .filter(latest -> latest == known.definition().revision())
                    .isPresent()) {
                definitions.put(instrument.toString(), new Known(known.definition(), now));
                return Optional.of(known.definition()); // no later definition was stored
            }
        }
        List<DomainEventMessage<?>> events = events(instrument.toString(), Instrument.class);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        DomainEventMessage<?> latest = events.get(events.size() - 1);
        InstrumentDefinedEvent definition = (InstrumentDefinedEvent) latest.getPayload();
        InstrumentDefinition found = new InstrumentDefinition(
                definition.instrument(),
                latest.getSequenceNumber(),
                definition.name(),
                definition.items(),
                definition.subscales(),
                definition.totalScoring());
        onceCommitted(() -> definitions.put(instrument.toString(), new Known(found, System.nanoTime())));
        return Optional.of(found);
    }

    /**
     * Remembers an answer read from the store, once it is committed: read inside a transaction that then rolls back
     * (a programme registered and refused in one request), it was never true.
     */
    private void remember(String key, Object value) {
        onceCommitted(() -> firstEvents.put(key, value));
    }

    private static void onceCommitted(Runnable remember) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            remember.run();
                        }
                    });
        } else {
            remember.run();
        }
    }

    /** Forgets what this instance knew of an instrument's definition: it was just defined again. */
    public void forget(InstrumentCode instrument) {
        definitions.remove(instrument.toString());
    }

    /** Whether any journey has been recorded at all. */
    public boolean anyJourney() {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE type = 'Journey' AND sequence_number = 0)")
                .query(Boolean.class)
                .single();
    }

    /** The codes of every instrument ever defined, in order. */
    public List<InstrumentCode> instrumentCodes() {
        return jdbc
                .sql("SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE type = 'Instrument' "
                        + "ORDER BY aggregate_identifier")
                .query(String.class)
                .list()
                .stream()
                .map(InstrumentCode::new)
                .toList();
    }

    /** The id of the latest event of this type in the stream of this aggregate, when it has one. */
    public Optional<String> latestEventOf(String aggregateId, Class<?> eventType) {
        return jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                           AND payload_type = ? ORDER BY sequence_number DESC LIMIT 1""")
                .params(aggregateId, eventType.getName())
                .query(String.class)
                .optional();
    }

    /** How many events the streams of these aggregates hold together. */
    public long eventCount(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (:ids)")
                .param("ids", List.copyOf(aggregateIds))
                .query(Long.class)
                .single();
    }

    /**
     * Of these aggregates, those with an event of one of these types recorded after {@code after}, in id order.
     */
    public List<String> recordedSince(Collection<String> aggregateIds, Collection<Class<?>> eventTypes, Instant after) {
        if (aggregateIds.isEmpty() || eventTypes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                         WHERE aggregate_identifier = ANY (:ids) AND payload_type IN (:types)
                           AND CAST(time_stamp AS timestamptz) > :after
                         ORDER BY 1""")
                .param("ids", aggregateIds.toArray(String[]::new))
                .param("types", eventTypes.stream().map(Class::getName).toList())
                .param("after", Timestamp.from(after))
                .query(String.class)
                .list();
    }

    /** Drops the snapshots of this aggregate (they hold what her key sealed, and her state as of then). */
    public void dropSnapshots(String aggregateId) {
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateId)
                .update();
    }

    /** Whether a journey (an enrolled participant) exists with this id. */
    public boolean isEnrolled(ParticipantId participantId) {
        return isA(participantId.toString(), Journey.class);
    }

    private boolean isA(String aggregateId, Class<?> aggregateType) {
        String key = "type:" + aggregateId;
        Object type = firstEvents.getIfPresent(key);
        if (type == null) {
            type = jdbc.sql(
                            "SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                    .param(aggregateId)
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (type != null) {
                remember(key, type);
            }
        }
        return aggregateType.getSimpleName().equals(type);
    }

    private List<DomainEventMessage<?>> events(String aggregateId, Class<?> aggregateType) {
        if (!isA(aggregateId, aggregateType)) {
            return List.of();
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        stream.forEachRemaining(events::add);
        return events;
    }
}
