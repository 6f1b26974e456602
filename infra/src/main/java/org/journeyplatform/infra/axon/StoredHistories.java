package org.journeyplatform.infra.axon;

import java.sql.Array;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.RecordedHistories;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.infra.crypto.PersonalDataModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the histories of a batch of journeys with one statement, deserialised and upcast exactly as Axon's storage
 * engine does for one journey ({@link EventStreamUtils#upcastAndDeserializeDomainEvents}, the same serializer and
 * upcasters), after unwrapping the batch's data keys with one statement more. A research export read each journey by
 * itself: one transaction, one query and one key read each, about a quarter of its time (JFR).
 */
@Component
public class StoredHistories implements RecordedHistories {

    /**
     * One index scan per journey, in the batch's order. Not {@code aggregate_identifier = ANY (?)}: PostgreSQL expects
     * several times the rows that statement returns and plans it as a parallel scan, whose workers took 40 to 250 ms to
     * start for every batch here (auto_explain), three times slower than reading the journeys one by one.
     */
    private static final String READ = statement("");

    /**
     * The same, of some kinds of events only (their stored type names), and each journey's first event whatever its
     * kind (so that a reader can tell a journey begun by her enrolment), and every event stamped in or after the second
     * of the moment asked for, whatever its kind: the read stops at her first event recorded after that moment, as a
     * read of all her events does, even where a clock stepped back. Still one index scan per journey: the kinds filter
     * the rows it finds, so that the rows a reader does not want are neither sent nor held. (Time stamps are stored as
     * ISO-8601 text in UTC, so their first 19 characters order them to the second.)
     */
    private static final String READ_KINDS =
            statement("AND (d.payload_type = ANY (?) OR d.sequence_number = 0 OR d.time_stamp >= ?)");

    private static String statement(String filter) {
        return """
                SELECT e.aggregate_identifier, e.sequence_number, e.type, e.event_identifier, e.time_stamp,
                       e.payload_type, e.payload_revision, e.payload, e.meta_data
                  FROM unnest(?) WITH ORDINALITY AS batch(id, place)
                 CROSS JOIN LATERAL (SELECT * FROM domain_event_entry d
                                      WHERE d.aggregate_identifier = batch.id %s
                                      ORDER BY d.sequence_number) e
                 ORDER BY batch.place, e.sequence_number""".formatted(filter);
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final org.axonframework.config.Configuration axon;
    private final ParticipantKeys keys;
    private final ObjectProvider<EventUpcaster> upcasters;

    public StoredHistories(
            JdbcTemplate jdbc,
            @Qualifier("eventSerializer") Serializer serializer,
            @Lazy org.axonframework.config.Configuration axon,
            ParticipantKeys keys,
            ObjectProvider<EventUpcaster> upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
        this.keys = keys;
        this.upcasters = upcasters;
    }

    @Override
    public Map<String, RecordedHistory> recordedUpTo(
            List<String> participantIds,
            Instant asOf,
            Set<String> personalFieldsRead,
            Set<Class<? extends JourneyEvent>> kinds) {
        Set<String> fields = Set.copyOf(personalFieldsRead);
        // stored type names say which rows are of a kind only while no upcaster can rename or change a stored type:
        // with one, every row is read and the kinds are told apart after upcasting ({@link Opening#only})
        List<String> typeNames = kinds == null || upcasters.stream().findAny().isPresent()
                ? null
                : kinds.stream()
                        .map(kind -> serializer.typeForClass(kind).getName())
                        .sorted()
                        .toList();
        Map<String, List<DomainEventMessage<?>>> messages = messages(participantIds, asOf, typeNames);
        Map<String, RecordedHistory> histories = new LinkedHashMap<>();
        messages.forEach((participantId, history) -> histories.put(participantId, new Opening(history, fields)));
        return histories;
    }

    /**
     * Each aggregate's messages up to {@code asOf}, not yet deserialised, of the stored types named (and the first
     * event), or all ({@code typeNames} null); only journeys with at least one event by then (an aggregate whose events
     * are not journey events has none kept).
     */
    private Map<String, List<DomainEventMessage<?>>> messages(
            List<String> participantIds, Instant asOf, List<String> typeNames) {
        Map<String, List<DomainEventData<?>>> stored = new LinkedHashMap<>();
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(participantIds)); // a repeated id: read once
        if (distinct.isEmpty()) {
            return Map.of();
        }
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(typeNames == null ? READ : READ_KINDS);
                    statement.setArray(1, ids(connection, distinct));
                    if (typeNames != null) {
                        statement.setArray(2, ids(connection, typeNames));
                        statement.setString(3, SECOND.format(asOf));
                    }
                    return statement;
                },
                resultSet -> {
                    String aggregate = resultSet.getString(1);
                    stored.computeIfAbsent(aggregate, id -> new ArrayList<>())
                            .add(new JourneyEventStorageEngine.StampedEntry<>(
                                    resultSet.getString(3),
                                    aggregate,
                                    resultSet.getLong(2),
                                    resultSet.getString(4),
                                    resultSet.getString(5),
                                    resultSet.getString(6),
                                    resultSet.getString(7),
                                    resultSet.getBytes(8),
                                    resultSet.getBytes(9)));
                });
        keys.warm(stored.keySet());
        EventUpcaster upcasters = axon.upcasterChain();
        Map<String, List<DomainEventMessage<?>>> histories = new LinkedHashMap<>();
        stored.forEach((participantId, entries) -> {
            List<DomainEventMessage<?>> history = new ArrayList<>(entries.size());
            DomainEventStream stream =
                    EventStreamUtils.upcastAndDeserializeDomainEvents(entries.stream(), serializer, upcasters);
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                if (message.getTimestamp().isAfter(asOf)) {
                    break;
                }
                if (JourneyEvent.class.isAssignableFrom(message.getPayloadType())
                        && (typeNames == null
                                || history.isEmpty() // her first event
                                || typeNames.contains(message.getPayloadType().getName()))) {
                    history.add(message); // not another kind read only because of its time stamp
                }
            }
            if (!history.isEmpty()) { // another aggregate's id, or a journey begun after asOf
                histories.put(participantId, history);
            }
        });
        return histories;
    }

    /** A journey's messages, each deserialised when first asked for, with only the named personal fields opened. */
    private static final class Opening implements RecordedHistory {

        private final List<DomainEventMessage<?>> messages;
        private final Set<String> fields;

        Opening(List<DomainEventMessage<?>> messages, Set<String> fields) {
            this.messages = messages;
            this.fields = fields;
        }

        @Override
        public List<RecordedEvent> only(Set<Class<? extends JourneyEvent>> kinds) {
            return PersonalDataModule.openingOnly(fields, () -> {
                List<RecordedEvent> events = new ArrayList<>();
                for (DomainEventMessage<?> message : messages) {
                    if (kinds.contains(message.getPayloadType())) {
                        events.add(recorded(message));
                    }
                }
                return events;
            });
        }

        @Override
        public List<RecordedEvent> all() {
            return PersonalDataModule.openingOnly(fields, () -> {
                List<RecordedEvent> events = new ArrayList<>(messages.size());
                for (DomainEventMessage<?> message : messages) {
                    events.add(recorded(message));
                }
                return events;
            });
        }

        @Override
        public Class<?> firstKind() {
            return messages.get(0).getPayloadType();
        }

        private static RecordedEvent recorded(DomainEventMessage<?> message) {
            // a message keeps its payload once deserialised: asking again opens nothing twice
            return new RecordedEvent(
                    message.getIdentifier(), message.getSequenceNumber(), (JourneyEvent) message.getPayload());
        }
    }

    /** A moment to the second, as the start of a stored time stamp. */
    private static final java.time.format.DateTimeFormatter SECOND = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private static Array ids(Connection connection, List<String> values) throws java.sql.SQLException {
        return connection.createArrayOf("varchar", values.toArray(String[]::new));
    }
}
