package org.journeyplatform.projections.research;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Works on a list's items on a few threads of its own and hands each result on in the list's order, in the calling
 * thread, holding at most a few results per thread at once: an export reads and anonymises her history on one core
 * while the other waits for the next one's events, and its files come out the same as one thread would write them.
 * The threads are stopped when the call returns or fails; a read already waiting on the database finishes first (the
 * JDBC driver does not heed interrupts), and the call waits up to 5 s for that.
 */
final class InOrder {

    /** What the calling thread does with each result, in the list's order. */
    interface Sink<R> {
        void accept(int index, R result) throws Exception;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private InOrder() {}

    /**
     * How many threads an export works on: two where there are two cores or more (one reads her events while the other
     * anonymises the last ones), else one. Each holds a database connection while it reads, and the pool is shared with
     * the commands (docs/operations.md, "Sizing"): more threads would take connections from them on a larger machine.
     */
    static int threads() {
        return Math.min(2, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Applies {@code work} to every item on {@code threads} threads and gives each result to {@code sink} in order. The
     * first exception, from the work or the sink, stops everything and is thrown as it was (unchecked ones unchanged,
     * checked ones wrapped).
     */
    static <T, R> void map(List<T> items, int threads, Function<T, R> work, Sink<R> sink) {
        map(items, threads, threads * 8, work, sink);
    }

    /** As {@link #map(List, int, Function, Sink)}, with at most {@code window} items worked on or waiting at once. */
    private static <T, R> void map(List<T> items, int threads, int window, Function<T, R> work, Sink<R> sink) {
        if (threads <= 1 || items.size() < 2) {
            for (int i = 0; i < items.size(); i++) {
                give(sink, i, work.apply(items.get(i)));
            }
            return;
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger made = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "research-export-" + pool + "-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<R>> pending = new ArrayDeque<>(window);
        try {
            int submitted = 0;
            for (int i = 0; i < items.size(); i++) {
                while (submitted < items.size() && pending.size() < window) {
                    T item = items.get(submitted++);
                    pending.addLast(executor.submit(() -> work.apply(item)));
                }
                give(sink, i, result(pending.removeFirst()));
            }
        } finally {
            pending.forEach(future -> future.cancel(true));
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * As {@link #map}, with the work done {@code batch} items at a time (one read of the store for a batch of
     * histories, not one each), at most two batches per thread worked on or waiting at once: {@code work} answers one
     * result per item of its batch, in the batch's order, and {@code sink} is given each item's result with the item's
     * index in {@code items}.
     */
    static <T, R> void mapInBatches(
            List<T> items, int threads, int batch, Function<List<T>, List<R>> work, Sink<R> sink) {
        if (batch < 1) {
            throw new IllegalArgumentException("A batch holds at least one item, not " + batch);
        }
        List<List<T>> batches = new java.util.ArrayList<>();
        for (int from = 0; from < items.size(); from += batch) {
            batches.add(items.subList(from, Math.min(items.size(), from + batch)));
        }
        map(batches, threads, threads * 2, work, (b, results) -> {
            if (results.size() != batches.get(b).size()) {
                throw new IllegalStateException("A batch of " + batches.get(b).size() + " gave " + results.size());
            }
            for (int j = 0; j < results.size(); j++) {
                sink.accept(b * batch + j, results.get(j));
            }
        });
    }

    /** Items worked on together by {@link #mapInBatches}: 32 histories of about 50 events are one read of 1,600 rows. */
    static final int BATCH = 32;

    private static <R> void give(Sink<R> sink, int index, R result) {
        try {
            sink.accept(index, result);
        } catch (RuntimeException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <R> R result(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The export was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
