package org.journeyplatform.infra.axon.parking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterJdbcConverter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a parked event as Axon's default converter does, then takes the event itself again from the event store (by
 * her aggregate and sequence number, through the upcasters), keeping the parked copy's tracking token. Axon's JDBC
 * queue keeps a copy of the event and applies no upcasters to it; the store is the record, so a repaired event or a
 * new upcaster is what a retry handles. The copy serves only if the event is no longer in the store.
 */
class StoreRereadingConverter extends DefaultDeadLetterJdbcConverter<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(StoreRereadingConverter.class);

    private final Supplier<EventStorageEngine> storageEngine;

    StoreRereadingConverter(
            DeadLetterSchema schema,
            Serializer genericSerializer,
            Serializer eventSerializer,
            Supplier<EventStorageEngine> storageEngine) {
        super(DefaultDeadLetterJdbcConverter.<EventMessage<?>>builder()
                .schema(schema)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer));
        this.storageEngine = storageEngine;
    }

    @Override
    public JdbcDeadLetter<EventMessage<?>> convertToLetter(ResultSet resultSet) throws SQLException {
        JdbcDeadLetter<EventMessage<?>> parked = super.convertToLetter(resultSet);
        if (!(parked.message() instanceof DomainEventMessage<?> copy)) {
            return parked;
        }
        DomainEventMessage<?> stored = reread(copy);
        if (stored == null) {
            return parked;
        }
        EventMessage<?> message = parked.message() instanceof TrackedEventMessage<?> tracked
                ? new GenericTrackedDomainEventMessage<>(tracked.trackingToken(), stored)
                : stored;
        return new JdbcDeadLetter<>(
                parked.getIdentifier(),
                parked.getSequenceIndex(),
                parked.getSequenceIdentifier(),
                parked.enqueuedAt(),
                parked.lastTouched(),
                parked.cause().orElse(null),
                parked.diagnostics(),
                message);
    }

    private DomainEventMessage<?> reread(DomainEventMessage<?> copy) {
        DomainEventStream events =
                storageEngine.get().readEvents(copy.getAggregateIdentifier(), copy.getSequenceNumber());
        if (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() == copy.getSequenceNumber()
                    && event.getIdentifier().equals(copy.getIdentifier())) {
                return event;
            }
        }
        log.warn("Parked event {} is not in the event store; its parked copy is used", copy.getIdentifier());
        return null;
    }
}
