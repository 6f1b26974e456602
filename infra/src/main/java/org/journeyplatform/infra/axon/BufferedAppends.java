package org.journeyplatform.infra.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The event storage engine, able to hold back the appends of one thread and write them to the store in one batch: the
 * bulk generator of synthetic journeys ({@code --generate-journeys}) sends thousands of commands inside one database
 * transaction and has their events written together, not one statement per command. Anything that reads a journey
 * whose events are held back (a journey no longer cached, a snapshot) gets them written first, so every read sees
 * every append. Outside {@link #holdBack()} (every request, every projection) appends go straight through.
 */
public class BufferedAppends extends ForwardingEventStorageEngine {

    private final ThreadLocal<Held> heldBack = new ThreadLocal<>();

    /** One thread's held-back events, and the aggregates they belong to. */
    private static final class Held {
        final List<EventMessage<?>> events = new ArrayList<>();
        final java.util.Set<String> aggregates = new java.util.HashSet<>();
        /** Written before {@link #write()}, because something read an aggregate whose events were held back. */
        int writtenEarlier;

        void add(List<? extends EventMessage<?>> more) {
            for (EventMessage<?> event : more) {
                events.add(event);
                if (event instanceof DomainEventMessage<?> domain) {
                    aggregates.add(domain.getAggregateIdentifier());
                }
            }
        }
    }

    public BufferedAppends(EventStorageEngine store) {
        super(store);
    }

    /** From now on, this thread's appends are held back until {@link #write()}; call it before the commit. */
    public void holdBack() {
        if (heldBack.get() == null) {
            heldBack.set(new Held());
        }
    }

    /**
     * Writes this thread's held-back events (in the transaction of the caller) and stops holding back; returns how many
     * events were appended since {@link #holdBack()}.
     */
    public int write() {
        Held held = heldBack.get();
        heldBack.remove();
        if (held == null) {
            return 0;
        }
        if (!held.events.isEmpty()) {
            store.appendEvents(held.events);
        }
        return held.writtenEarlier + held.events.size();
    }

    /** Forgets this thread's held-back events (its transaction rolls back). */
    public void discard() {
        heldBack.remove();
    }

    /** The latest event held back on this thread for an aggregate that matches, if any. */
    public Optional<DomainEventMessage<?>> latestHeldBack(String aggregateId, Predicate<Object> payload) {
        Held held = heldBack.get();
        if (held == null || !held.aggregates.contains(aggregateId)) {
            return Optional.empty();
        }
        List<EventMessage<?>> events = held.events;
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof DomainEventMessage<?> event
                    && aggregateId.equals(event.getAggregateIdentifier())
                    && payload.test(event.getPayload())) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** Writes what is held back for this aggregate (and everything before it, keeping the order) before it is read. */
    private void beforeReading(String aggregateId) {
        Held held = heldBack.get();
        if (held != null && held.aggregates.contains(aggregateId)) {
            List<EventMessage<?>> batch = new ArrayList<>(held.events);
            held.events.clear();
            held.aggregates.clear();
            held.writtenEarlier += batch.size();
            store.appendEvents(batch);
        }
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Held held = heldBack.get();
        if (held == null) {
            store.appendEvents(events);
        } else {
            held.add(events);
        }
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        beforeReading(aggregateIdentifier);
        return store.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        beforeReading(aggregateIdentifier);
        return store.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        beforeReading(aggregateIdentifier);
        return store.lastSequenceNumberFor(aggregateIdentifier);
    }
}
