package org.journeyplatform.infra.axon;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Wakes a pooled processor's coordinator as soon as one of its work packages has committed a batch (ADR 0021).
 *
 * <p>Axon's {@code PooledStreamingEventProcessor} hands every event to every work package's queue, which holds at most
 * 1,024 of them ({@code WorkPackage.BUFFER_SIZE}); when the queues are full, its coordinator schedules its next round
 * 100 ms later, and nothing brings that round forward when a work package empties its queue. A processor that is
 * behind (a rebuild, the first build of a projection, a burst of commands) could therefore never go through more than
 * about 1,024 events every 100 ms, whatever the machine: every rebuild measured here stopped at 9,600 to 10,240
 * events/s, with both cores partly idle. A processor given this class's coordinator executor and interceptor has its
 * waiting round run at once after each committed batch instead: the round is the same one Axon scheduled (its gates
 * and checks unchanged), only earlier, and a round that has already begun is left alone.
 *
 * <p>Only a committed batch wakes the coordinator, and only that short wait is brought forward: a processor that has
 * caught up does not spin, and Axon's longer waits (an idle processor's next look, an error's back-off) keep their time.
 * A processor whose batches are nearly all events of other segments or types commits few batches and gains little;
 * those that read most of the store (the timeline, the dashboard, every rebuild of all projections) gain most.
 */
public final class PromptCoordinators {

    private static final String BATCH_WAKES = PromptCoordinators.class.getName() + ".wakes";

    /**
     * The longest delay brought forward: Axon's coordinator waits 100 ms when its work packages' queues are full; its
     * other waits (500 ms and more: an idle processor's next look, a claim's, an error's back-off) keep their time.
     */
    static final long QUEUES_FULL_DELAY_MILLIS = 100;

    private final Map<String, Executor> executors = new ConcurrentHashMap<>();
    private final long longestBroughtForward;

    public PromptCoordinators() {
        this(QUEUES_FULL_DELAY_MILLIS);
    }

    /** For tests: brings forward delays up to {@code longestBroughtForwardMillis}. */
    PromptCoordinators(long longestBroughtForwardMillis) {
        this.longestBroughtForward = longestBroughtForwardMillis;
    }

    /**
     * The coordinator executor of the processor {@code name}: one thread, named by {@code threads}, whose delayed
     * rounds a committed batch of that processor brings forward.
     */
    public ScheduledThreadPoolExecutor coordinatorExecutor(String name, ThreadFactory threads) {
        Executor executor = new Executor(name, executors, longestBroughtForward, threads);
        executors.put(name, executor);
        return executor;
    }

    /**
     * The handler interceptor to register on the processor {@code name}: after the transaction of each batch it handled
     * commits, the processor's coordinator runs its waiting round. Processors without a coordinator from
     * {@link #coordinatorExecutor} are left alone.
     */
    public MessageHandlerInterceptor<EventMessage<?>> wakeAfterEachBatch(String name) {
        return (unitOfWork, chain) -> {
            // once per batch: the unit of work of a pooled processor is the batch's, shared by its events
            if (executors.containsKey(name) && unitOfWork.resources().putIfAbsent(BATCH_WAKES, Boolean.TRUE) == null) {
                unitOfWork.afterCommit(u -> wake(name));
            }
            return chain.proceed();
        };
    }

    /** Whether the processor {@code name} has a coordinator from {@link #coordinatorExecutor}. */
    public boolean coordinated(String name) {
        return executors.containsKey(name);
    }

    /** Runs the waiting round of the coordinator of {@code name} now, if it has one waiting. */
    void wake(String name) {
        Executor executor = executors.get(name);
        if (executor != null) {
            executor.wake();
        }
    }

    /**
     * A single-thread scheduled executor whose short delayed tasks (Axon's "queues full" round) can be run at once,
     * each exactly once: whichever comes first, the wake or the task's time, claims it, and the other does nothing.
     */
    static final class Executor extends ScheduledThreadPoolExecutor {

        private final String name;
        private final Map<String, Executor> registry;
        private final long longestBroughtForward;
        private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicLong broughtForward =
                new java.util.concurrent.atomic.AtomicLong();

        Executor(String name, Map<String, Executor> registry, long longestBroughtForward, ThreadFactory threads) {
            super(1, threads);
            this.name = name;
            this.registry = registry;
            this.longestBroughtForward = longestBroughtForward;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0 || unit.toMillis(delay) > longestBroughtForward) {
                // rounds Axon wants now, and its longer waits (an idle processor's, a claim's, an error's back-off)
                return super.schedule(command, delay, unit);
            }
            Waiting task = new Waiting(command);
            ScheduledFuture<?> future = super.schedule(
                    () -> {
                        waiting.remove(task);
                        if (task.claimed.compareAndSet(false, true)) {
                            command.run();
                        }
                    },
                    delay,
                    unit);
            task.future = future;
            waiting.add(task);
            return future;
        }

        /**
         * Each short delayed task not yet claimed runs now instead of at its time. Those waiting when called, only: a
         * round it runs may schedule another (the queues still full), which waits for the next batch or its own time.
         */
        void wake() {
            for (Waiting task : java.util.List.copyOf(waiting)) {
                if (waiting.remove(task) && task.claimed.compareAndSet(false, true)) {
                    task.future.cancel(false);
                    try {
                        execute(task.command);
                        broughtForward.incrementAndGet();
                    } catch (java.util.concurrent.RejectedExecutionException stopped) {
                        // the processor has stopped: its coordinator has no round left to run
                    }
                }
            }
        }

        /** Once stopped, it holds nothing of its processor's and is no longer the one woken under its name. */
        @Override
        protected void terminated() {
            waiting.clear();
            registry.remove(name, this);
            super.terminated();
        }

        /** How many delayed tasks a wake has run before their time (for tests). */
        long broughtForward() {
            return broughtForward.get();
        }

        /** How many short delayed tasks wait (for tests). */
        int waiting() {
            waiting.removeIf(task -> task.future.isDone());
            return waiting.size();
        }

        private static final class Waiting {
            final Runnable command;
            final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
            volatile ScheduledFuture<?> future;

            Waiting(Runnable command) {
                this.command = command;
            }
        }
    }
}
