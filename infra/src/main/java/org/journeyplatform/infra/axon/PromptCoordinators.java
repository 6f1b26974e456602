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
 * <p>Only a committed batch wakes the coordinator, so a processor that has caught up does not spin: its coordinator
 * keeps the delays Axon chose while no events arrive.
 */
public final class PromptCoordinators {

    private static final String BATCH_WAKES = PromptCoordinators.class.getName() + ".wakes";

    private final Map<String, Executor> executors = new ConcurrentHashMap<>();

    /**
     * The coordinator executor of the processor {@code name}: one thread, named by {@code threads}, whose delayed
     * rounds a committed batch of that processor brings forward.
     */
    public ScheduledThreadPoolExecutor coordinatorExecutor(String name, ThreadFactory threads) {
        Executor executor = new Executor(threads);
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

    /** A single-thread scheduled executor whose delayed tasks can be run at once, each still once. */
    static final class Executor extends ScheduledThreadPoolExecutor {

        private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicLong broughtForward =
                new java.util.concurrent.atomic.AtomicLong();

        Executor(ThreadFactory threads) {
            super(1, threads);
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0) {
                return super.schedule(command, delay, unit);
            }
            Waiting task = new Waiting(command);
            ScheduledFuture<?> future = super.schedule(
                    () -> {
                        waiting.remove(task);
                        command.run();
                    },
                    delay,
                    unit);
            task.future = future;
            waiting.add(task);
            return future;
        }

        /** Each delayed task not yet begun runs now instead of at its time; one that has begun is left to finish. */
        void wake() {
            for (Waiting task : waiting) {
                waiting.remove(task);
                // cancel succeeds only for a task that has not begun and will now never run at its time: run it once
                if (task.future.cancel(false)) {
                    try {
                        execute(task.command);
                        broughtForward.incrementAndGet();
                    } catch (java.util.concurrent.RejectedExecutionException stopped) {
                        // the processor has stopped: its coordinator has no round left to run
                    }
                }
            }
        }

        /** How many delayed tasks a wake has run before their time (for tests). */
        long broughtForward() {
            return broughtForward.get();
        }

        /** How many delayed tasks wait (for tests). */
        int waiting() {
            waiting.removeIf(task -> task.future.isDone());
            return waiting.size();
        }

        private static final class Waiting {
            final Runnable command;
            volatile ScheduledFuture<?> future;

            Waiting(Runnable command) {
                this.command = command;
            }
        }
    }
}
