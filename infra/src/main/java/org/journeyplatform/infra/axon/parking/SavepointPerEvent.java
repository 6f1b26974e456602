package org.journeyplatform.infra.axon.parking;

import java.util.Optional;
import java.util.Set;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler of a parking processor behind a savepoint of the batch's transaction. In PostgreSQL a failed
 * statement aborts its whole transaction: without the savepoint the batch could neither park the event nor go on with
 * the next ones, and would be retried for ever. With it, a failure rolls back that handler's writes only; the event is
 * parked in the same transaction and the batch goes on. Two short statements per event; the processors run off the
 * request path. Also around a retry of a parked event, where the same holds.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

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
        if (!original.canHandleMessageType(EventMessage.class) || !groups.contains(groupOf(original).orElse(""))) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                TransactionStatus savepoint = transactions.getTransaction(nested);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    transactions.rollback(savepoint);
                    throw e;
                }
                transactions.commit(savepoint);
                return result;
            }
        };
    }

    private static Optional<String> groupOf(MessageHandlingMember<?> member) {
        try {
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(member.declaringClass(),
                    ProcessingGroup.class);
            return Optional.ofNullable(group).map(ProcessingGroup::value);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
