package org.journeyplatform.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, appending a journey's events so that an append that comes too late leaves the database
 * transaction usable. Axon's own insert fails on the unique key of (journey, sequence number) when another instance
 * appended to the same journey first; in PostgreSQL a failed statement aborts the whole transaction, so the request's
 * transaction had to wrap every command in a savepoint (two more round trips per command) to try it again. Here each
 * event goes in with a one-row insert that skips a taken sequence number ({@code ON CONFLICT DO NOTHING}) and whose
 * update count says whether it was stored; if any was skipped, Axon's {@code ConcurrencyException} is thrown, exactly
 * as before, with the transaction still usable ({@link #lateAppend}): the command can be tried again on the fresh
 * journey. The events of one append go in together or not at all: several are inserted behind a savepoint, rolled back
 * to when one was skipped (the event table refuses deletes).
 * <p>
 * A command appends one event, at most a few. Larger appends (only the bulk generator makes them, for journeys nobody
 * else can be writing) go through Axon's batched insert, which the driver rewrites into multi-row inserts and is the
 * faster for thousands of rows; a conflict there fails the statement and aborts the transaction, as Axon's always did.
 * <p>
 * Events read back carry their time stamp parsed once, and quickly ({@link StoredInstants}): the tracked read below is
 * Axon's, line for line, but for that. Its gap settings are therefore this class's ({@link #configure}), not Axon's
 * private copies.
 */
public class JourneyEventStorageEngine extends JdbcEventStorageEngine {

    /** The unique key a late append meets; any other unique violation (an event id) still fails the statement. */
    private static final String AGGREGATE_SEQUENCE = "aggregate_identifier, sequence_number";
    /** Appends larger than this are the bulk generator's: Axon's batched insert. */
    static final int LARGEST_CHECKED_APPEND = 64;

    /** Axon's defaults: the lowest global index, the most gaps a token keeps and how long a gap is waited for (ms). */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;

    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private final TransactionManager transactionManager;
    private final String insertOne;

    /** Axon's builder with the gap settings the tracked read below assumes. */
    public static Builder configure(Builder builder) {
        return builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS);
    }

    /** @param builder Axon's builder, passed through {@link #configure} */
    public JourneyEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSchema schema) {
        super(builder);
        this.transactionManager = transactionManager;
        String into = "INSERT INTO " + schema.domainEventTable() + " (" + schema.eventIdentifierColumn() + ", "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn() + ", " + schema.typeColumn()
                + ", " + schema.timestampColumn() + ", " + schema.payloadTypeColumn() + ", "
                + schema.payloadRevisionColumn() + ", " + schema.payloadColumn() + ", " + schema.metaDataColumn() + ")";
        this.insertOne =
                into + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (" + AGGREGATE_SEQUENCE + ") DO NOTHING";
    }

    /**
     * Axon's {@code getTrackedEventData} (4.13), with an entry whose time stamp is parsed once: Axon's parses it here
     * for the token's gaps and again for the message.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        StampedEntry<?> domainEvent = new StampedEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = domainEvent
                .getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token = previousToken;
        if (token == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    allowGaps
                            ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                                    .boxed()
                                    .collect(Collectors.toCollection(TreeSet::new))
                            : Collections.emptySortedSet());
        } else {
            token = token.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, domainEvent);
    }

    /** Axon's {@code getDomainEventData} (4.13), with an entry whose time stamp is parsed once, when first asked. */
    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return new StampedEntry<>(
                resultSet.getString(schema.typeColumn()),
                resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getLong(schema.sequenceNumberColumn()),
                resultSet.getString(schema.eventIdentifierColumn()),
                readTimeStamp(resultSet, schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
    }

    /** A stored event whose time stamp is parsed at most once ({@link StoredInstants}). */
    static final class StampedEntry<T> extends GenericDomainEventEntry<T> {

        private final String stamp;
        private Instant parsed; // an Instant is immutable: a race parses twice and answers the same

        StampedEntry(
                String type,
                String aggregateIdentifier,
                long sequenceNumber,
                String eventIdentifier,
                Object timestamp,
                String payloadType,
                String payloadRevision,
                T payload,
                T metaData) {
            super(
                    type,
                    aggregateIdentifier,
                    sequenceNumber,
                    eventIdentifier,
                    timestamp,
                    payloadType,
                    payloadRevision,
                    payload,
                    metaData);
            this.stamp = timestamp.toString();
        }

        @Override
        public Instant getTimestamp() {
            Instant instant = parsed;
            if (instant == null) {
                instant = StoredInstants.parse(stamp);
                parsed = instant;
            }
            return instant;
        }
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() > LARGEST_CHECKED_APPEND) {
            super.appendEvents(events, serializer);
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                // several events: a partial insert is undone by a savepoint (the table refuses deletes); a single
                // event, nearly every command, needs none
                Savepoint before = events.size() > 1 ? connection.setSavepoint() : null;
                List<String> stored = insert(connection, events, serializer);
                if (stored.size() < events.size()) {
                    if (before != null) {
                        connection.rollback(before);
                    }
                    EventMessage<?> late = events.get(0);
                    for (EventMessage<?> event : events) {
                        if (!stored.contains(event.getIdentifier())) {
                            late = event;
                            break;
                        }
                    }
                    handlePersistenceException(new LateAppend(late), late);
                }
                if (before != null) {
                    connection.releaseSavepoint(before);
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                close(connection);
            }
        });
    }

    /**
     * Whether this failure is an append that came too late and left its transaction usable, so that the command may be
     * sent again in the same transaction. Any other conflict (a unique key violated by a failed statement) has aborted
     * the transaction: trying again in it could only fail.
     */
    public static boolean lateAppend(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof LateAppend) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether PostgreSQL refused an append because the journey's sequence number was taken: a unique-key violation
     * (SQL state 23505) on the event table, as our insert or Axon's meets it.
     */
    public static boolean isTakenSequence(SQLException e) {
        return "23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("domain_event_entry");
    }

    /**
     * An event not stored because its sequence number was taken by another append; reported, like the unique-key
     * violation Axon's own insert would have met (SQL state 23505), as Axon's {@code ConcurrencyException}.
     */
    static final class LateAppend extends SQLException {
        LateAppend(EventMessage<?> event) {
            super(
                    "duplicate key value violates unique constraint domain_event_entry_aggregate_sequence_uq: event "
                            + event.getIdentifier() + " of journey "
                            + asDomainEvent(event).getAggregateIdentifier()
                            + " at sequence " + asDomainEvent(event).getSequenceNumber()
                            + " was appended elsewhere first",
                    "23505");
        }
    }

    /** Inserts the events one by one, skipping any whose sequence number is taken; answers the ids of those stored. */
    private List<String> insert(Connection connection, List<? extends EventMessage<?>> events, Serializer serializer)
            throws SQLException {
        List<String> stored = new ArrayList<>(events.size());
        try (PreparedStatement statement = connection.prepareStatement(insertOne)) {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                SerializedObject<byte[]> meta = event.serializeMetaData(serializer, byte[].class);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                statement.setString(5, DateTimeUtils.formatInstant(event.getTimestamp()));
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setBytes(8, payload.getData());
                statement.setBytes(9, meta.getData());
                if (statement.executeUpdate() == 1) {
                    stored.add(event.getIdentifier());
                }
            }
        }
        return stored;
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new EventStoreException("Failed to release the database connection", e);
        }
    }
}
