package org.journeyplatform.infra.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Zero-downtime rebuilds of read models (ADR 0015). A rebuild builds a projection's tables anew beside the live ones,
 * in a schema of its own ({@code rebuild_<projection>}), with the projection's own event handlers run by a processor of
 * its own from the first event of the store, while reads keep being answered from the live tables. Once it has caught
 * up with the head of the store, the live processor stops, the rebuild catches up with the last events, and one
 * transaction swaps the tables (the new ones take the old ones' names, indexes and constraints) and hands the rebuild's
 * position to the live processor, which starts again from there. A rebuild that fails or is cancelled drops its schema
 * and leaves the live tables as they were.
 * <p>
 * The handlers write to the new tables because the rebuild's transactions put its schema first on PostgreSQL's
 * {@code search_path}: the projections name their tables without a schema. What a projection owns is declared in
 * {@code ProjectionTables}; it must read and write no other projection's tables.
 */
public class ShadowRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuilds.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    static final String SUFFIX = ".rebuild";
    /** The name of a rebuild of every projection together (its processor is {@code projections.rebuild}). */
    static final String TOGETHER = "projections";
    /** How long the live processor may stay stopped while the rebuild takes the last events. */
    static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);
    /** How long the switch waits for readers to leave the live tables. */
    static final Duration LOCK_LIMIT = Duration.ofSeconds(5);
    /** After a switch that could not be made, the next attempt. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** How close to the head of the store a rebuild must be for the switch to begin. */
    static final long NEAR_HEAD = 1_000;
    /**
     * A rebuild's segments, each handled by a thread of its own: its store is read once (by its coordinator) and its
     * events handled on both cores, whatever segments the live processor has (the switch hands over the position of
     * the segment furthest behind, see {@link #swap}).
     */
    static final int SEGMENTS = 2;
    /** A rebuild that holds no segment this long has lost its token: it fails. */
    static final Duration UNCLAIMED_LIMIT = Duration.ofSeconds(30);

    /** What a rebuild is doing. */
    public enum State {
        BUILDING,
        SWITCHING,
        DONE,
        FAILED,
        CANCELLED
    }

    /** Where a rebuild stands: events done of the store's head, the rate, the time left. */
    public record Progress(
            String projection,
            State state,
            long position,
            long head,
            double eventsPerSecond,
            Long secondsLeft,
            Instant startedAt,
            Instant finishedAt,
            String failure) {}

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Map<String, List<String>> tables;
    private final Clock clock;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final PromptCoordinators coordinators = new PromptCoordinators();
    private volatile boolean holdSwitches;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild-monitor");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param tables the tables each projection (processing group) owns; only these projections can be rebuilt
     */
    public ShadowRebuilds(
            EventProcessingConfiguration processing,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            TokenStore tokens,
            TransactionManager axonTransactions,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            Map<String, List<String>> tables,
            Clock clock) {
        this.processing = processing;
        this.events = events;
        this.tokens = tokens;
        this.axonTransactions = axonTransactions;
        this.transactions = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.tables = Map.copyOf(tables);
        this.clock = clock;
        monitor.scheduleWithFixedDelay(this::watch, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** On shutdown: rebuilds under way stop and drop what they built; the watcher stops. */
    public synchronized void close() {
        monitor.shutdownNow();
        for (Rebuild rebuild : distinct()) {
            if (rebuild.state == State.BUILDING) {
                try {
                    abandon(rebuild, State.CANCELLED, "the platform stopped");
                } catch (RuntimeException e) {
                    log.warn("Rebuild of {} could not be cleaned up on shutdown: {}", rebuild.projection, told(e), e);
                }
            }
        }
    }

    /** The projections that can be rebuilt beside their live tables. */
    public List<String> rebuildable() {
        return tables.keySet().stream().sorted().toList();
    }

    /** @throws IllegalArgumentException naming those that can, when this projection cannot be rebuilt */
    public void requireRebuildable(String projection) {
        if (!tables.containsKey(projection) || !NAME.matcher(projection).matches()) {
            throw new IllegalArgumentException("There is no projection called '" + shortened(projection)
                    + "' that can be rebuilt; these can: " + String.join(", ", rebuildable()) + ".");
        }
    }

    /**
     * Drops what a rebuild interrupted by a crash left behind (its schema and its tokens). Called at start-up, before
     * any rebuild: a rebuild does not survive its instance.
     */
    public void cleanUpInterrupted() {
        transactions.executeWithoutResult(status -> jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?")
                .param(TOGETHER + SUFFIX)
                .update());
        for (String projection : tables.keySet()) {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("DROP SCHEMA IF EXISTS " + schema(projection) + " CASCADE")
                        .update();
                jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?")
                        .param(projection + SUFFIX)
                        .update();
            });
        }
    }

    /**
     * Starts a rebuild of one projection.
     *
     * @throws IllegalArgumentException when the projection does not exist or cannot be rebuilt beside its tables
     * @throws IllegalStateException    when a rebuild of it is already under way
     */
    public synchronized Progress start(String projection) {
        requireRebuildable(projection);
        return start(projection, List.of(projection)).get(0);
    }

    /**
     * Starts one rebuild of every projection that can be rebuilt and is running in this instance (one stopped here, say
     * because another instance runs it, is left alone): one processor reads the
     * store once and runs every projection's handlers, each event read, deserialised and opened once for all of them
     * rather than once per projection; all switch over together. Cancelling or failing one cancels or fails them all.
     *
     * @throws IllegalStateException when a rebuild of any of them is already under way
     */
    public synchronized List<Progress> startAll() {
        List<String> running = rebuildable().stream()
                .filter(projection -> processing
                        .eventProcessor(projection, StreamingEventProcessor.class)
                        .filter(StreamingEventProcessor::isRunning)
                        .isPresent())
                .toList();
        if (running.isEmpty()) {
            throw new IllegalArgumentException("No projection that can be rebuilt runs in this instance.");
        }
        return start(TOGETHER, running);
    }

    private List<Progress> start(String name, List<String> projections) {
        List<Member> members = new ArrayList<>();
        List<Object> handlers = new ArrayList<>();
        for (String projection : projections) {
            StreamingEventProcessor live = processing
                    .eventProcessor(projection, StreamingEventProcessor.class)
                    .orElse(null);
            if (live == null) {
                throw new IllegalArgumentException(
                        "The projection '" + projection + "' does not run in this instance.");
            }
            Rebuild running = rebuilds.get(projection);
            if (running != null && (running.state == State.BUILDING || running.state == State.SWITCHING)) {
                throw new IllegalStateException("A rebuild of '" + projection + "' is already under way.");
            }
            members.add(new Member(projection, schema(projection), tables.get(projection), live));
            handlers.addAll(handlers(projection, live));
        }
        transactions.executeWithoutResult(status -> {
            for (Member member : members) {
                jdbc.sql("DROP SCHEMA IF EXISTS " + member.schema() + " CASCADE")
                        .update();
                jdbc.sql("CREATE SCHEMA " + member.schema()).update();
                for (String table : member.tables()) {
                    jdbc.sql("CREATE TABLE " + member.schema() + "." + table + " (LIKE public." + table
                                    + " INCLUDING ALL)")
                            .update();
                }
            }
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?")
                    .param(name + SUFFIX)
                    .update();
        });
        Rebuild rebuild = new Rebuild(name, members, clock.instant());
        members.forEach(member -> rebuilds.put(member.projection(), rebuild));
        try {
            rebuild.processor = processor(rebuild, handlers);
            rebuild.processor.start();
        } catch (RuntimeException e) {
            abandon(rebuild, State.FAILED, told(e));
            throw e;
        }
        for (Member member : members) {
            log.info(
                    "Rebuild of {} started beside its live tables ({}), in schema {}{}",
                    member.projection(),
                    String.join(", ", member.tables()),
                    member.schema(),
                    members.size() > 1 ? ", together with " + (members.size() - 1) + " more" : "");
        }
        long head = head();
        return members.stream()
                .map(member -> rebuild.progress(head, member.projection()))
                .toList();
    }

    /** Where the latest rebuild of a projection stands, if there was one since this instance started. */
    public Optional<Progress> progress(String projection) {
        Rebuild rebuild = rebuilds.get(projection);
        return rebuild == null ? Optional.empty() : Optional.of(rebuild.progress(head(), projection));
    }

    /**
     * Stops a rebuild under way and drops what it built; the live tables stay as they are. A rebuild of every
     * projection together stops as a whole. False if none was.
     */
    public synchronized boolean cancel(String projection) {
        Rebuild rebuild = rebuilds.get(projection);
        if (rebuild == null || rebuild.state != State.BUILDING) {
            return false;
        }
        abandon(rebuild, State.CANCELLED, null);
        return true;
    }

    /** The live processor's event handlers (Axon's adapters around the projection's beans), to run them again. */
    private static List<Object> handlers(String projection, StreamingEventProcessor live) {
        List<Object> handlers = new ArrayList<>();
        if (live instanceof AbstractEventProcessor processor) {
            collect(processor.eventHandlerInvoker(), handlers);
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(
                    "The projection '" + projection + "' has no event handlers a rebuild can run.");
        }
        return handlers;
    }

    private static void collect(org.axonframework.eventhandling.EventHandlerInvoker invoker, List<Object> handlers) {
        if (invoker instanceof org.axonframework.eventhandling.MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        }
    }

    private PooledStreamingEventProcessor processor(Rebuild rebuild, List<Object> handlers) {
        // a coordinator woken by each committed batch, not every 100 ms: Axon's alone capped a rebuild near 10,000
        // events/s (PromptCoordinators, ADR 0021)
        ScheduledExecutorService coordinator = coordinators.coordinatorExecutor(
                rebuild.projection + SUFFIX, named("Rebuild[" + rebuild.projection + "]-coordinator"));
        ScheduledExecutorService worker =
                Executors.newScheduledThreadPool(SEGMENTS, named("Rebuild[" + rebuild.projection + "]-worker"));
        rebuild.executors.add(coordinator);
        rebuild.executors.add(worker);
        PooledStreamingEventProcessor built = PooledStreamingEventProcessor.builder()
                .name(rebuild.projection + SUFFIX)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handlers)
                        // a handler's failure fails the rebuild: never an event skipped in a rebuilt table
                        .listenerInvocationErrorHandler(
                                org.axonframework.eventhandling.PropagatingErrorHandler.instance())
                        .build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(axonTransactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(worker)
                .initialSegmentCount(SEGMENTS)
                .batchSize(500)
                .initialToken(StreamableMessageSource::createTailToken)
                .errorHandler(error -> {
                    // an event the projection cannot handle: the rebuild fails, the live tables keep serving; the
                    // reason is told as a parked event's is, without the values an exception's message may quote
                    List<String> batch = error.failedEvents().stream()
                            .map(EventMessage::getIdentifier)
                            .toList();
                    rebuild.failure = "the batch from event " + (batch.isEmpty() ? "?" : batch.get(0)) + " failed"
                            + culprit(batch, error.error())
                                    .map(id -> " at event " + id)
                                    .orElse("") + ": "
                            + told(error.error());
                    throw error.error() instanceof Exception e ? e : new IllegalStateException(error.error());
                })
                .build();
        built.registerHandlerInterceptor(searchPath(rebuild));
        built.registerHandlerInterceptor(coordinators.wakeAfterEachBatch(rebuild.projection + SUFFIX));
        return built;
    }

    /**
     * A failure as administrators are told it and the log says it: its class and a message that quotes nothing a
     * stored event or row holds, as a parked event's reason ({@code ParkingPolicy}).
     */
    static String told(Throwable failure) {
        if (failure instanceof RebuildFailure own) {
            return own.getMessage();
        }
        org.axonframework.messaging.deadletter.ThrowableCause cause =
                org.journeyplatform.infra.axon.parking.ParkingPolicy.safeCause(failure);
        return cause.type() + ": " + cause.message();
    }

    /** A failure this class finds itself, whose message it wrote and which quotes nothing stored. */
    static final class RebuildFailure extends IllegalStateException {
        RebuildFailure(String message) {
            super(message);
        }
    }

    /**
     * The event of the batch that an exception's messages name (Axon's names the message it could not deserialise),
     * if any: ids are safe to show, the rest of those messages may quote what the event holds.
     */
    static Optional<String> culprit(List<String> batch, Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure;
                t != null && messages.length() < 100_000;
                t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return batch.stream().filter(id -> messages.indexOf(id) >= 0).findFirst();
    }

    /** Puts the rebuild's schema first on the search path of each transaction it handles events in. */
    private MessageHandlerInterceptor<EventMessage<?>> searchPath(Rebuild rebuild) {
        Object marker = rebuild;
        return (unitOfWork, chain) -> {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new RebuildFailure("a rebuild handles events only in a transaction");
            }
            if (!TransactionSynchronizationManager.hasResource(marker)) {
                List<String> schemas = rebuild.schemas();
                // each table is owned by one projection, so it is found in that projection's rebuild schema
                long found = jdbc.sql("""
                                SELECT count(*) FROM pg_namespace n, (SELECT set_config('search_path', ?, true)) s
                                 WHERE n.nspname = ANY (string_to_array(?, ','))""")
                        .params(String.join(", ", schemas) + ", public", String.join(",", schemas))
                        .query(Long.class)
                        .single();
                if (found != schemas.size()) { // a schema is gone: never write to the live tables
                    throw new RebuildFailure("the rebuild's schema " + String.join(", ", schemas) + " is missing");
                }
                TransactionSynchronizationManager.bindResource(marker, Boolean.TRUE);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(marker);
                    }
                });
            }
            return chain.proceed();
        };
    }

    /**
     * Every half second: progress in the log, a failure noticed, a caught-up rebuild switched over, what an ended
     * rebuild left behind dropped. Nothing escapes it: a periodic task that throws is never run again, and every
     * rebuild after it would wait for a switch that never comes.
     */
    private void watch() {
        try {
            watchEach();
            dropLeftOvers();
        } catch (RuntimeException | Error e) {
            log.error("The rebuild watcher met an error; it goes on", e);
        }
    }

    /** What rebuilds that ended while the database was away left behind, unless a newer rebuild took their place. */
    private synchronized void dropLeftOvers() {
        for (Rebuild rebuild : distinct()) {
            // a newer rebuild of one of its projections builds in the same schema: it is left alone (its other
            // schemas go with their projections' next rebuild, or at start-up)
            if (rebuild.leftOver
                    && current(rebuild)
                    && (rebuild.state == State.FAILED || rebuild.state == State.CANCELLED)) {
                try {
                    dropBuilt(rebuild);
                    rebuild.leftOver = false;
                    log.info("Rebuild of {}: what it built beside the live tables is dropped now", rebuild.projection);
                } catch (RuntimeException e) {
                    // still away: next time
                }
            }
        }
    }

    private void watchEach() {
        for (Rebuild rebuild : distinct()) {
            try {
                if (rebuild.state != State.BUILDING || rebuild.processor == null) {
                    continue; // not building, or its processor not made yet (a rebuild just started)
                }
                long head = head();
                Progress progress = rebuild.progress(head, rebuild.projection);
                if (!rebuild.processor.processingStatus().isEmpty()) {
                    rebuild.lastClaimed = clock.instant();
                }
                if (rebuild.failure != null) {
                    fail(rebuild, rebuild.failure);
                } else if (Duration.between(rebuild.lastClaimed, clock.instant())
                                .compareTo(UNCLAIMED_LIMIT)
                        > 0) {
                    fail(
                            rebuild,
                            "the rebuild has held no segment for " + UNCLAIMED_LIMIT.toSeconds()
                                    + " s (its token was removed, or another process holds it)");
                } else if (allClaimed(rebuild)
                        && head - progress.position() <= NEAR_HEAD
                        && !holdSwitches
                        && clock.instant().isAfter(rebuild.nextSwitchAttempt)) {
                    // near enough: with the live processor stopped, it takes the last events within seconds (under
                    // a steady stream of commands it would never be exactly at the head when looked at)
                    switchOver(rebuild);
                } else if (Duration.between(rebuild.lastLogged, clock.instant()).toSeconds() >= 10) {
                    rebuild.lastLogged = clock.instant();
                    log.info(
                            "Rebuild of {}: {} of {} events, {} events/s, about {} s left",
                            rebuild.projection,
                            progress.position(),
                            head,
                            Math.round(progress.eventsPerSecond()),
                            progress.secondsLeft());
                }
            } catch (RuntimeException e) {
                log.error("Rebuild of {} failed: {}", rebuild.projection, told(e));
                fail(rebuild, told(e));
            }
        }
    }

    /** Fails a rebuild that is still building (not one cancelled or started again meanwhile). */
    private synchronized void fail(Rebuild rebuild, String failure) {
        if (rebuild.state == State.BUILDING && current(rebuild)) {
            abandon(rebuild, State.FAILED, failure);
        }
    }

    /**
     * For tests, and for an operator who wants to choose the moment: while held, rebuilds that have caught up keep
     * following the store and do not switch over.
     */
    public void holdSwitches(boolean hold) {
        this.holdSwitches = hold;
    }

    /**
     * Stops the live processor, lets the rebuild take the events that came meanwhile, and swaps in one transaction.
     * If the rebuild cannot catch up within {@link #CATCH_UP_LIMIT}, or the live tables stay locked by readers for
     * longer than {@link #LOCK_LIMIT}, the live processor starts again and the switch is tried again
     * {@link #RETRY_AFTER} later. Whatever happens, the live processor runs again afterwards.
     */
    private synchronized void switchOver(Rebuild rebuild) {
        if (rebuild.state != State.BUILDING || !current(rebuild)) {
            return;
        }
        rebuild.state = State.SWITCHING;
        rebuild.members.forEach(member -> member.live().shutDown());
        try {
            long head = head();
            long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
            // every segment held and at the head: the position of a segment nobody holds is not in the status
            while ((!allClaimed(rebuild) || position(rebuild.processor) < head) && rebuild.failure == null) {
                if (System.nanoTime() > deadline) {
                    retryLater(rebuild, "did not catch up within " + CATCH_UP_LIMIT.toSeconds() + " s");
                    return;
                }
                Thread.sleep(20); // the processor's own threads do the work; this thread only waits for them
            }
            if (rebuild.failure != null) {
                abandon(rebuild, State.FAILED, rebuild.failure);
                return;
            }
            rebuild.processor.shutDown();
            try {
                transactions.executeWithoutResult(status -> swap(rebuild));
            } catch (org.springframework.dao.PessimisticLockingFailureException locked) {
                rebuild.processor.start();
                retryLater(rebuild, "readers held the live tables for more than " + LOCK_LIMIT.toSeconds() + " s");
                return;
            } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException held) {
                // a segment of the live processor is still claimed elsewhere: most often by a process killed before
                // it could release it, until Axon's claim time-out passes. The swap rolled back whole; try again later
                rebuild.processor.start();
                retryLater(rebuild, "found a segment of the live processor still claimed by another process");
                return;
            }
            rebuild.finalPosition = head;
            rebuild.finishedAt = clock.instant();
            rebuild.state = State.DONE;
            rebuild.executors.forEach(ScheduledExecutorService::shutdownNow);
            log.info(
                    "Rebuild of {} switched over at event {}: reads now come from the rebuilt tables",
                    rebuild.projection,
                    head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(rebuild, State.FAILED, "interrupted while switching over");
        } catch (RuntimeException e) {
            log.error("Rebuild of {} could not switch over; the live tables stay", rebuild.projection, e);
            abandon(rebuild, State.FAILED, told(e));
        } finally {
            rebuild.members.forEach(member -> member.live().start());
        }
    }

    private void retryLater(Rebuild rebuild, String why) {
        rebuild.state = State.BUILDING;
        rebuild.nextSwitchAttempt = clock.instant().plus(RETRY_AFTER);
        log.warn(
                "Rebuild of {} {}; it goes on, and the switch is tried again in {} s",
                rebuild.projection,
                why,
                RETRY_AFTER.toSeconds());
    }

    /** In the caller's transaction: the rebuilt tables take the live ones' place, and the live processor its position. */
    private void swap(Rebuild rebuild) {
        jdbc.sql("SELECT set_config('lock_timeout', ?, true)")
                .param(LOCK_LIMIT.toMillis() + "ms")
                .query(String.class)
                .single();
        for (Member member : rebuild.members) {
            for (String table : member.tables()) {
                jdbc.sql("LOCK TABLE public." + table + " IN ACCESS EXCLUSIVE MODE")
                        .update();
            }
        }
        TrackingToken position = rebuiltPosition(rebuild);
        for (Member member : rebuild.members) {
            swap(member, position);
        }
        jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?")
                .param(rebuild.projection + SUFFIX)
                .update();
    }

    /**
     * Where every segment of the rebuild has got to, as one position: the lowest index of its segments, with every gap
     * any of them has left (Axon's lower bound). The segments stop at or past the head read before the switch, but not
     * at the same event, and a segment can have passed an event it was still waiting for (a gap: a command that
     * committed late) that another has handled; from this position none is skipped, and what one segment handled
     * beyond another's is handled again, which the projections' handlers allow (keyed by event, applied in order).
     */
    private TrackingToken rebuiltPosition(Rebuild rebuild) {
        String name = rebuild.projection + SUFFIX;
        int[] segments = tokens.fetchSegments(name);
        if (segments.length == 0) {
            throw new RebuildFailure("the rebuild of " + rebuild.projection + " has no tokens to hand over");
        }
        TrackingToken lowest = null;
        for (int i = 0; i < segments.length; i++) {
            TrackingToken token = tokens.fetchToken(name, segments[i]);
            if (token == null) {
                return null; // a segment that has handled nothing: the live processor starts from the first event
            }
            lowest = i == 0 ? token : lowest.lowerBound(token);
        }
        return lowest;
    }

    /** One projection's part of the switch: its tables, its live processor's position, its parked events. */
    private void swap(Member member, TrackingToken position) {
        for (String table : member.tables()) {
            Map<String, String> oldNames = new java.util.HashMap<>();
            for (Map<String, Object> index : indexes("public", table)) {
                oldNames.put(shape((String) index.get("definition")), (String) index.get("name"));
            }
            jdbc.sql("DROP TABLE public." + table).update();
            jdbc.sql("ALTER TABLE " + member.schema() + "." + table + " SET SCHEMA public")
                    .update();
            List<Map<String, Object>> moved = indexes("public", table);
            for (int i = 0; i < moved.size(); i++) { // out of the way first: a new name may be another's old one
                jdbc.sql("ALTER INDEX public." + quote((String) moved.get(i).get("name")) + " RENAME TO "
                                + quote("rebuilt_" + table + "_" + i))
                        .update();
            }
            for (int i = 0; i < moved.size(); i++) {
                String old = oldNames.get(shape((String) moved.get(i).get("definition")));
                if (old != null) {
                    jdbc.sql("ALTER INDEX public." + quote("rebuilt_" + table + "_" + i) + " RENAME TO " + quote(old))
                            .update();
                }
            }
        }
        // every segment of the live processor starts from the rebuild's position, whatever its segments
        int[] live = tokens.fetchSegments(member.projection());
        if (live.length == 0) {
            throw new RebuildFailure("the live processor of " + member.projection() + " has no tokens to move");
        }
        for (int segment : live) {
            tokens.storeToken(position, member.projection(), segment);
        }
        jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = ?")
                .param(member.projection())
                .update();
        // the rebuilt tables hold every event (a rebuild fails on any it cannot handle): what the live processor had
        // parked is in them, and retrying it later would apply old events over newer rows
        jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = ?")
                .param(member.projection())
                .update();
        jdbc.sql("DROP SCHEMA " + member.schema() + " CASCADE").update();
    }

    private List<Map<String, Object>> indexes(String schema, String table) {
        return jdbc.sql("""
                        SELECT indexname AS name, indexdef AS definition FROM pg_indexes
                         WHERE schemaname = ? AND tablename = ? ORDER BY indexname""").params(schema, table).query().listOfRows();
    }

    /** An index definition without its name and schema: what makes two indexes the same. */
    private static String shape(String definition) {
        return definition.replaceFirst("INDEX \\S+ ON \\S+\\.", "INDEX ON ");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private void abandon(Rebuild rebuild, State state, String failure) {
        rebuild.finalPosition = rebuild.processor == null ? 0 : Math.max(0, position(rebuild.processor));
        rebuild.state = State.SWITCHING; // neither building nor finished while it is taken down
        try {
            if (rebuild.processor != null) {
                rebuild.processor.shutDown();
            }
        } finally {
            rebuild.executors.forEach(ScheduledExecutorService::shutdownNow);
            try {
                dropBuilt(rebuild);
            } catch (RuntimeException e) {
                // the database is away: the rebuild ends all the same (the live tables were never touched), and what
                // it built is dropped by the watcher once the database answers, or by the next rebuild's start
                rebuild.leftOver = true;
                log.warn(
                        "Rebuild of {}: what it built beside the live tables could not be dropped yet ({}); tried "
                                + "again every half second",
                        rebuild.projection,
                        told(e));
            }
            rebuild.failure = failure;
            rebuild.finishedAt = clock.instant();
            rebuild.state = state; // last: whoever sees it finished sees nothing of it left
        }
        log.warn(
                "Rebuild of {} {}{}; the live tables stay as they were",
                rebuild.projection,
                state == State.CANCELLED ? "cancelled" : "failed",
                failure == null ? "" : ": " + failure);
    }

    private void dropBuilt(Rebuild rebuild) {
        transactions.executeWithoutResult(status -> {
            for (String schema : rebuild.schemas()) {
                jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
            }
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?")
                    .param(rebuild.projection + SUFFIX)
                    .update();
        });
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .flatMap(p -> p.stream().boxed())
                .mapToLong(Long::longValue)
                .min()
                .orElse(-1);
    }

    /** A name as it may be quoted back: at most 100 characters. */
    public static String shortened(String name) {
        return name.length() <= 100 ? name : name.substring(0, 100) + "...";
    }

    static String schema(String projection) {
        return "rebuild_" + projection.replace('-', '_');
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Whether the rebuild's processor holds every one of its segments (the others' positions are not in its status). */
    private static boolean allClaimed(Rebuild rebuild) {
        return rebuild.processor.processingStatus().size() == SEGMENTS;
    }

    /** Whether this rebuild is still the latest of every projection it rebuilds (none was started again meanwhile). */
    private boolean current(Rebuild rebuild) {
        return rebuild.members.stream().allMatch(member -> rebuilds.get(member.projection()) == rebuild);
    }

    /** Every rebuild known, each once (a rebuild of every projection is known under each of their names). */
    private List<Rebuild> distinct() {
        List<Rebuild> each = new ArrayList<>();
        for (Rebuild rebuild : rebuilds.values()) {
            if (each.stream().noneMatch(known -> known == rebuild)) {
                each.add(rebuild);
            }
        }
        return each;
    }

    /** A projection a rebuild builds anew: its schema, its tables, its live processor. */
    private record Member(String projection, String schema, List<String> tables, StreamingEventProcessor live) {
        Member {
            tables = List.copyOf(tables);
        }
    }

    /** One rebuild (of one projection, or of every projection together), and the figures its progress comes from. */
    private final class Rebuild {
        /** The projection's name, or {@value #TOGETHER} for every projection together: its processor's name. */
        final String projection;

        final List<Member> members;
        final Instant startedAt;
        final List<ScheduledExecutorService> executors = new ArrayList<>();
        volatile PooledStreamingEventProcessor processor;
        volatile State state = State.BUILDING;
        volatile String failure;
        volatile Instant finishedAt;
        /** Its schema and tokens could not be dropped when it ended (the database was away): the watcher tries again. */
        volatile boolean leftOver;

        volatile long finalPosition = -1;
        Instant lastLogged;
        Instant lastClaimed;
        Instant nextSwitchAttempt;
        /** Two readings of the position, a few seconds apart: the current rate. */
        long earlierPosition;

        Instant earlierAt;
        long laterPosition;
        Instant laterAt;

        Rebuild(String projection, List<Member> members, Instant startedAt) {
            this.projection = projection;
            this.members = List.copyOf(members);
            this.startedAt = startedAt;
            this.lastLogged = startedAt;
            this.lastClaimed = startedAt;
            this.nextSwitchAttempt = startedAt;
            this.earlierAt = startedAt;
            this.laterAt = startedAt;
        }

        List<String> schemas() {
            return members.stream().map(Member::schema).toList();
        }

        /** Its progress, as told of one of its projections. */
        Progress progress(long head, String name) {
            StreamingEventProcessor running = processor; // null for the moment between its start and its processor's
            long position = (state == State.BUILDING || state == State.SWITCHING) && running != null
                    ? Math.max(0, position(running))
                    : finalPosition;
            Instant now = clock.instant();
            Instant end = finishedAt == null ? now : finishedAt;
            double rate;
            synchronized (this) {
                if (Duration.between(laterAt, now).toMillis() >= 2_000) { // a new reading every two seconds or more
                    earlierPosition = laterPosition;
                    earlierAt = laterAt;
                    laterPosition = position;
                    laterAt = now;
                }
                double recent = Duration.between(earlierAt, laterAt).toMillis() / 1000.0;
                rate = finishedAt == null && recent >= 1 && earlierAt != startedAt
                        ? (laterPosition - earlierPosition) / recent // the rate of the last few seconds
                        : position
                                / Math.max(
                                        0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            }
            long behind = Math.max(0, head - position);
            Long left = null; // not known before the first events are done
            if (state != State.BUILDING || behind <= NEAR_HEAD) {
                left = 0L; // done, or only the switch is left
            } else if (rate > 0) {
                left = (long) Math.ceil(behind / rate);
            }
            return new Progress(name, state, position, head, rate, left, startedAt, finishedAt, failure);
        }
    }
}
