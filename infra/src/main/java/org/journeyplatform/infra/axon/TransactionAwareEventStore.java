package org.journeyplatform.infra.axon;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store, waking its tracking consumers (the projections) only once the database transaction that
 * holds new events has committed. A journey command's unit of work ends before the request's transaction commits
 * (ADR 0012); waking the consumers at the end of the unit of work would let them look before the events are visible,
 * find nothing and sleep for the fetch delay.
 */
public class TransactionAwareEventStore extends EmbeddedEventStore {

    public TransactionAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    TransactionAwareEventStore.super.afterCommit(events);
                }
            });
        } else {
            super.afterCommit(events);
        }
    }
}
