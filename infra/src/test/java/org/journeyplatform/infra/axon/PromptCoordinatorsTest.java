package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A pooled processor's coordinator runs its waiting round as soon as a batch has committed")
class PromptCoordinatorsTest {

    /** Brings forward delays up to two hours, so that a test's delayed task never runs at its own time by chance. */
    private final PromptCoordinators coordinators = new PromptCoordinators(TimeUnit.HOURS.toMillis(2));

    private final List<ScheduledExecutorService> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ScheduledExecutorService::shutdownNow);
    }

    private PromptCoordinators.Executor executor(String name) {
        PromptCoordinators.Executor executor = (PromptCoordinators.Executor)
                coordinators.coordinatorExecutor(name, runnable -> new Thread(runnable, "Coordinator[" + name + "]"));
        started.add(executor);
        return executor;
    }

    @Nested
    @DisplayName("its executor")
    class ItsExecutor {

        @Test
        @DisplayName("runs a delayed round at once when woken, and that round only once")
        void wakesADelayedRound() {
            PromptCoordinators.Executor executor = executor("p");
            AtomicInteger runs = new AtomicInteger();
            ScheduledFuture<?> round = executor.schedule((Runnable) runs::incrementAndGet, 1, TimeUnit.HOURS);
            assertThat(executor.waiting()).isEqualTo(1);

            coordinators.wake("p");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(runs).hasValue(1));
            assertThat(round.isCancelled()).isTrue(); // its hour-late run will never come
            assertThat(executor.waiting()).isZero();
            assertThat(executor.getQueue()).isEmpty();
        }

        @Test
        @DisplayName("leaves a round without a delay, and a round that has already run, as they are")
        void leavesTheRest() {
            PromptCoordinators.Executor executor = executor("p");
            AtomicInteger runs = new AtomicInteger();
            executor.schedule((Runnable) runs::incrementAndGet, 0, TimeUnit.MILLISECONDS);
            executor.schedule((Runnable) runs::incrementAndGet, 1, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(runs).hasValue(2));

            coordinators.wake("p");
            coordinators.wake("another processor");

            assertThat(executor.waiting()).isZero();
            assertThat(executor.broughtForward()).isZero();
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(runs).hasValue(2));
        }

        @Test
        @DisplayName(
                "as configured, brings forward Axon's 100 ms \"queues full\" round and leaves its longer waits alone")
        void onlyTheShortWait() {
            PromptCoordinators configured = new PromptCoordinators();
            PromptCoordinators.Executor executor = (PromptCoordinators.Executor)
                    configured.coordinatorExecutor("q", runnable -> new Thread(runnable, "Coordinator[q]"));
            started.add(executor);
            AtomicInteger backOff = new AtomicInteger();
            executor.schedule((Runnable) backOff::incrementAndGet, 500, TimeUnit.MILLISECONDS);
            executor.schedule((Runnable) backOff::incrementAndGet, 60, TimeUnit.SECONDS);

            assertThat(executor.waiting()).isZero(); // neither is one a wake may bring forward
            configured.wake("q");
            assertThat(executor.broughtForward()).isZero();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(backOff).hasValue(1));
            assertThat(executor.getQueue()).hasSize(1); // the minute-long wait still waits
        }

        @Test
        @DisplayName("runs a round once when its wake and its time come together")
        void onceUnderRaces() {
            PromptCoordinators.Executor executor = executor("p");
            AtomicInteger runs = new AtomicInteger();
            int rounds = 2_000;
            for (int i = 0; i < rounds; i++) {
                executor.schedule((Runnable) runs::incrementAndGet, i % 3, TimeUnit.MILLISECONDS);
                coordinators.wake("p");
            }

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(runs).hasValue(rounds));
            assertThat(executor.waiting()).isZero();
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(runs).hasValue(rounds));
        }

        @Test
        @DisplayName("once stopped, forgets its tasks and is no longer woken under its processor's name")
        void forgottenWhenStopped() {
            PromptCoordinators.Executor executor = executor("p");
            executor.schedule(() -> {}, 1, TimeUnit.HOURS);
            executor.shutdownNow();

            await().atMost(Duration.ofSeconds(10)).until(executor::isTerminated);
            assertThat(coordinators.coordinated("p")).isFalse();
            assertThat(executor.waiting()).isZero();
        }

        @Test
        @DisplayName("does not fail a batch when its processor has stopped")
        void stopped() {
            PromptCoordinators.Executor executor = executor("p");
            executor.schedule(() -> {}, 1, TimeUnit.HOURS);
            executor.shutdownNow();

            coordinators.wake("p");

            assertThat(executor.isShutdown()).isTrue();
        }
    }

    @Nested
    @DisplayName("its interceptor")
    class ItsInterceptor {

        @Test
        @DisplayName("wakes the coordinator once per batch, after the batch commits")
        void afterCommit() throws Exception {
            PromptCoordinators.Executor executor = executor("p");
            AtomicInteger runs = new AtomicInteger();
            executor.schedule((Runnable) runs::incrementAndGet, 1, TimeUnit.HOURS);
            executor.schedule((Runnable) runs::incrementAndGet, 1, TimeUnit.HOURS);
            var interceptor = coordinators.wakeAfterEachBatch("p");
            DefaultUnitOfWork<EventMessage<?>> batch =
                    DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("one"));
            InterceptorChain chain = () -> null;

            interceptor.handle(batch, chain);
            interceptor.handle(batch, chain);
            assertThat(executor.waiting()).isEqualTo(2); // nothing before the commit

            batch.commit();

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(runs).hasValue(2));
            assertThat(executor.waiting()).isZero();
        }

        @Test
        @DisplayName("leaves the coordinator waiting when the batch rolls back")
        void notAfterRollback() throws Exception {
            PromptCoordinators.Executor executor = executor("p");
            executor.schedule(() -> {}, 1, TimeUnit.HOURS);
            var interceptor = coordinators.wakeAfterEachBatch("p");
            DefaultUnitOfWork<EventMessage<?>> batch =
                    DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("one"));

            interceptor.handle(batch, () -> null);
            batch.rollback();

            assertThat(executor.waiting()).isEqualTo(1);
        }

        @Test
        @DisplayName("adds nothing to a unit of work of a processor without a prompt coordinator")
        void otherProcessors() throws Exception {
            var interceptor = coordinators.wakeAfterEachBatch("subscribing");
            DefaultUnitOfWork<EventMessage<?>> command =
                    DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("one"));

            interceptor.handle(command, () -> null);

            assertThat(command.resources()).isEmpty();
            command.commit();
        }
    }

    @Test
    @DisplayName("a processor far behind, with two segments, handles every event once and each journey's in order")
    void everyEventOnceAndInOrder() {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        int journeys = 40;
        int each = 150; // 6,000 events: several times what a work package's queue holds
        for (int n = 0; n < each; n++) {
            List<EventMessage<?>> round = new ArrayList<>();
            for (int j = 0; j < journeys; j++) {
                round.add(new GenericDomainEventMessage<>("Journey", "journey-" + j, n, n));
            }
            store.publish(round);
        }
        // as configured in the platform: only Axon's short "queues full" wait is brought forward
        PromptCoordinators configured = new PromptCoordinators();
        PromptCoordinators.Executor coordinator = (PromptCoordinators.Executor)
                configured.coordinatorExecutor("behind", runnable -> new Thread(runnable, "Coordinator[behind]"));
        started.add(coordinator);
        Map<String, List<Long>> seen = Collections.synchronizedMap(new HashMap<>());
        AtomicInteger handled = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        Object handler = new Object() {
            @org.axonframework.eventhandling.EventHandler
            void on(Integer payload, org.axonframework.eventhandling.DomainEventMessage<?> message) {
                if (first.getAndSet(false)) {
                    // the first batch is held until the queues are full and the coordinator waits its 100 ms: what a
                    // processor behind the store meets when its handlers are slower than its reads
                    // (looked at every millisecond: the batch must commit well within those 100 ms to wake it)
                    await().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(1))
                            .atMost(Duration.ofSeconds(30))
                            .until(() -> coordinator.waiting() > 0);
                }
                seen.computeIfAbsent(
                                message.getAggregateIdentifier(), id -> Collections.synchronizedList(new ArrayList<>()))
                        .add(message.getSequenceNumber());
                handled.incrementAndGet();
            }
        };
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        started.add(workers);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("behind")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .batchSize(100)
                .initialToken(org.axonframework.messaging.StreamableMessageSource::createTailToken)
                .build();
        processor.registerHandlerInterceptor(configured.wakeAfterEachBatch("behind"));
        processor.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(handled).hasValue(journeys * each));
        } finally {
            processor.shutDown();
        }

        // the queues filled up, and committed batches brought the coordinator's 100 ms round forward
        assertThat(coordinator.broughtForward()).isPositive();
        assertThat(seen).hasSize(journeys);
        List<Long> inOrder = java.util.stream.LongStream.range(0, each).boxed().toList();
        seen.values().forEach(sequence -> assertThat(sequence).isEqualTo(inOrder));
    }
}
