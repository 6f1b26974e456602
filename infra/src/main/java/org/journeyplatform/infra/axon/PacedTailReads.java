package org.journeyplatform.infra.axon;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The event storage engine, with the reads that follow the head of the store paced: Axon's embedded event store reads
 * new events for the projections in one loop that fetches again as soon as a fetch found anything (and is woken by
 * every commit). Under a steady stream of commands each fetch found one or two events, and cost two queries and a
 * transaction of their own: close to one extra transaction per command, a tenth of the database's work in the
 * {@code append} benchmark. Waiting {@code journey.events.tail-pause} (10 ms by default) before each such read lets the
 * events of several commands arrive first, so they are read (and handled by the projections) together. Projections see
 * a new event at most that much later; commands, reads of a journey and replays (which read behind the head, without
 * blocking) are not paced.
 */
public class PacedTailReads extends ForwardingEventStorageEngine {

    private final long pauseNanos;

    public PacedTailReads(EventStorageEngine store, Duration pause) {
        super(store);
        if (pause.isNegative()) {
            throw new IllegalArgumentException("journey.events.tail-pause must not be negative, was " + pause);
        }
        this.pauseNanos = pause.toNanos();
    }

    /** Axon's producer of new events for the projections asks with {@code mayBlock}: it follows the head. */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
        }
        return store.readEvents(trackingToken, mayBlock);
    }
}
