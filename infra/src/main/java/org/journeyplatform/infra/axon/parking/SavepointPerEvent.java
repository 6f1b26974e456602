package org.journeyplatform.infra.axon.parking;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * Runs the event handlers of a parking processor behind a savepoint of the batch's transaction once one of them has
 * failed. In PostgreSQL a failed statement aborts its whole transaction: without the savepoint the batch could neither
 * park the event nor go on with the next ones. With it, a failure rolls back that handler's writes only; the event is
 * parked in the same transaction and the batch goes on.
 * <p>
 * A savepoint costs two round trips per event, which would halve the speed of a replay, so handlers run without one
 * until a handler of the processing group fails: that batch then rolls back (it cannot park in an aborted
 * transaction), Axon retries it, and the next {@value #GUARDED_CALLS} handler calls of the group run behind savepoints,
 * so the retry parks the event and goes on. Also around a retry of a parked event, where the same holds.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    /** How many handler calls of a group run behind savepoints after one of its handlers failed. */
    static final long GUARDED_CALLS = 10_000;

    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> guarded =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Set<String> groups;
    private final PlatformTransactionManager transactions;
    private final TransactionDefinition nested;

    public SavepointPerEvent(Set<String> groups, PlatformTransactionManager transactions) {
        this.groups = groups;
        this.transactions = transactions;
        DefaultTransactionDefinition definition =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        this.nested = definition;
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        String group = groupOf(original).orElse("");
        if (!original.canHandleMessageType(EventMessage.class) || !groups.contains(group)) {
            return original;
        }
        java.util.concurrent.atomic.AtomicLong remaining =
                guarded.computeIfAbsent(group, g -> new java.util.concurrent.atomic.AtomicLong());
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                if (remaining.get() <= 0) {
                    guardTheCommit(remaining);
                    try {
                        return super.handle(message, target);
                    } catch (Exception | Error e) {
                        remaining.set(GUARDED_CALLS); // the batch rolls back; its retry runs behind savepoints
                        throw e;
                    }
                }
                remaining.decrementAndGet();
                // writes held back by earlier calls of this batch (made before it switched to savepoints, or by
                // another thread's failure) are sent first, outside this event's savepoint: one that fails there fails
                // the batch, whose retry runs behind savepoints from its first event, rather than this event
                TransactionSynchronizationUtils.triggerFlush();
                TransactionStatus savepoint = transactions.getTransaction(nested);
                Object result;
                try {
                    result = super.handle(message, target);
                    // writes the handler held back until commit (BatchedWrites) are sent now, behind its savepoint,
                    // so that one that fails is this event's failure, and the event is parked
                    TransactionSynchronizationUtils.triggerFlush();
                } catch (Exception | Error e) {
                    transactions.rollback(savepoint);
                    throw e;
                }
                transactions.commit(savepoint);
                return result;
            }
        };
    }

    /**
     * Writes that handlers held back are sent when the batch's transaction commits, outside any handler call: one
     * that fails there fails the batch as a failed handler would, and its retry must run behind savepoints too. Once
     * per transaction and group, ahead of the writes themselves.
     */
    private static void guardTheCommit(AtomicLong remaining) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(remaining)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(remaining, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                try {
                    TransactionSynchronizationUtils.triggerFlush();
                } catch (RuntimeException | Error e) {
                    remaining.set(GUARDED_CALLS);
                    throw e;
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(remaining);
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }
        });
    }

    private static Optional<String> groupOf(MessageHandlingMember<?> member) {
        try {
            ProcessingGroup group =
                    AnnotatedElementUtils.findMergedAnnotation(member.declaringClass(), ProcessingGroup.class);
            return Optional.ofNullable(group).map(ProcessingGroup::value);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
