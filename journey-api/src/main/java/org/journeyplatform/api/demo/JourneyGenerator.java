package org.journeyplatform.api.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.api.erasure.ParticipantErasure;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.peer.RegisterPeerCommand;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.RegisterProgrammeCommand;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.RecordCommandTargets;
import org.journeyplatform.infra.axon.BufferedAppends;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk generator of synthetic journeys, an operator command of the packaged jar (docs/operations.md):
 * {@code java -jar journey-api.jar --generate-journeys=<participants> [--generate-events-per-journey=50]
 * [--generate-seed=1] [--generate-programmes=10]} records that many synthetic journeys (the demo data set's stories,
 * {@link SyntheticJourneys}, padded to about the asked number of events each) and exits: 0 when done, 1 when it
 * failed, 2 when the arguments are wrong or the store already holds the journeys of that seed.
 * <p>
 * Every command goes through the journey aggregate and its rules, with the platform's own repository, parameter
 * resolvers and correlation data, so what is stored is what the API would store: the same events, metadata (actor
 * {@code generated-data}) and sequence numbers, personal data sealed under each participant's own key, the
 * participant-scope rows. Only the transactions differ: two workers each record a hundred journeys in one database
 * transaction, with their keys made in one statement and their events written in one batch
 * ({@link BufferedAppends}), instead of one transaction per command. The projections do not run meanwhile; they catch
 * up when the platform starts. Some participants are erased at the end, as the demo's last one is.
 */
@Component
@Order(90)
public class JourneyGenerator implements ApplicationRunner {

    public static final String OPTION = "generate-journeys";
    public static final String EVENTS = "generate-events-per-journey";
    public static final String SEED = "generate-seed";
    public static final String PROGRAMMES = "generate-programmes";
    static final String ACTOR = "generated-data";
    /** Journeys recorded in one transaction, at most (fewer when they are long: {@link #journeysPerBatch}). */
    static final int BATCH = 100;

    static final int WORKERS = 2;
    /** One participant in this many (the 4th, the 254th, ...) is erased (her data key destroyed) at the end. */
    static final int ERASED_ONE_IN = 250;

    /**
     * What to generate. {@code names} starts the names the ids of participants, programmes and peers are made from
     * ("generated"): the same seed under another name tells the same stories, down to the ids of consents, goals,
     * plans and helpers (which are hers alone), about other participants in other programmes.
     */
    public record Request(int participants, int eventsPerJourney, long seed, int programmes, String names) {
        public Request(int participants, int eventsPerJourney, long seed, int programmes) {
            this(participants, eventsPerJourney, seed, programmes, "generated");
        }
    }

    /** The command line asks for something the generator cannot do (exit status 2). */
    public static final class BadArguments extends RuntimeException {
        BadArguments(String message) {
            super(message);
        }
    }

    /** What was generated. */
    public record Result(int participants, long events, long commands, long refused, int erased, long millis) {
        public double eventsPerSecond() {
            return millis == 0 ? events : events * 1000.0 / millis;
        }
    }

    private final org.axonframework.config.Configuration axon;
    private final CommandGateway commands;
    private final BufferedAppends appends;
    private final ParticipantKeys keys;
    private final EventStoreDirectory directory;
    private final StaffAssignments assignments;
    private final ParticipantErasure erasure;
    private final TransactionTemplate transactions;
    private final ConfigurableApplicationContext context;
    private final Clock clock;
    private final org.axonframework.common.caching.Cache journeyCache;

    public JourneyGenerator(
            org.axonframework.config.Configuration axon,
            CommandGateway commands,
            BufferedAppends appends,
            ParticipantKeys keys,
            EventStoreDirectory directory,
            StaffAssignments assignments,
            ParticipantErasure erasure,
            PlatformTransactionManager transactionManager,
            ConfigurableApplicationContext context,
            Clock clock,
            org.axonframework.common.caching.Cache journeyCache) {
        this.journeyCache = journeyCache;
        this.axon = axon;
        this.commands = commands;
        this.appends = appends;
        this.keys = keys;
        this.directory = directory;
        this.assignments = assignments;
        this.erasure = erasure;
        this.transactions = new TransactionTemplate(transactionManager);
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean asked = args.getOptionNames().stream().anyMatch(name -> name.startsWith("generate-"));
        if (!asked) {
            return;
        }
        int code;
        try {
            Request request = parse(args);
            org.journeyplatform.api.lifecycle.OperatorCommands.stopProjections(axon.eventProcessingConfiguration());
            Result result = generate(
                    request,
                    new ProgressBar(
                            org.journeyplatform.api.lifecycle.ProgressLine.onStandardError(), request.participants()));
            org.journeyplatform.api.lifecycle.OperatorCommands.report()
                    .printf(
                            "Generated %,d journeys with %,d events (%,d commands, %,d refused by a rule; %,d erased) in %.1f s: %,.0f "
                                    + "events/s; seed %d. The projections catch up when the platform starts.%n",
                            result.participants(),
                            result.events(),
                            result.commands(),
                            result.refused(),
                            result.erased(),
                            result.millis() / 1000.0,
                            result.eventsPerSecond(),
                            request.seed());
            code = 0;
        } catch (BadArguments e) {
            System.err.println("journey platform: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            System.err.println("journey platform: generating journeys failed: " + e);
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /**
     * The generator's request, or every reason its arguments are refused (checked before the application starts, so a
     * mistyped number costs no start-up and touches no database).
     */
    public static Request parse(ApplicationArguments args) {
        java.util.Set<String> known = java.util.Set.of(OPTION, EVENTS, SEED, PROGRAMMES);
        List<String> refused = new java.util.ArrayList<>();
        for (String name : new java.util.TreeSet<>(args.getOptionNames())) {
            if (name.startsWith("generate-") && !known.contains(name)) {
                refused.add("there is no option --" + org.journeyplatform.infra.axon.ShadowRebuilds.shortened(name)
                        + "; the generator's are --" + OPTION + ", --" + EVENTS + ", --" + SEED + " and --"
                        + PROGRAMMES);
            }
        }
        if (!args.containsOption(OPTION)) {
            refused.add("--" + OPTION + "=<participants> is needed to generate journeys");
        }
        long participants = args.containsOption(OPTION) ? number(args, OPTION, null, 1, 10_000_000, refused) : 0;
        long events = number(args, EVENTS, "50", 1, 5_000, refused);
        long seed = number(args, SEED, "1", Long.MIN_VALUE, Long.MAX_VALUE, refused);
        long programmes = number(args, PROGRAMMES, "10", 2, 1_000, refused);
        if (!refused.isEmpty()) {
            throw new BadArguments(String.join("; ", refused));
        }
        return new Request((int) participants, (int) events, seed, (int) programmes);
    }

    /** The option's number; 0 when it is refused, with why added to {@code refused}. */
    private static long number(
            ApplicationArguments args, String option, String fallback, long min, long max, List<String> refused) {
        try {
            return number(args, option, fallback, min, max);
        } catch (BadArguments e) {
            refused.add(e.getMessage());
            return 0;
        }
    }

    private static long number(ApplicationArguments args, String option, String fallback, long min, long max) {
        List<String> values = args.getOptionValues(option);
        if (values != null && values.size() > 1) {
            throw new BadArguments("--" + option + " is given more than once");
        }
        if (values != null && values.isEmpty()) { // "--generate-seed 7": the number is not the option's
            throw new BadArguments("--" + option + " needs a number, given as --" + option + "=<number>");
        }
        String value = values == null ? fallback : values.get(0);
        if (value == null) {
            throw new BadArguments("--" + option + " needs a number");
        }
        try {
            long number = Long.parseLong(value.strip().replace("_", ""));
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadArguments(
                    "--" + option + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
    }

    /** Generates the journeys asked for; progress goes to the listener. */
    public Result generate(Request request, Progress progress) {
        return generate(request, progress, true);
    }

    /**
     * The same journeys recorded one command at a time through the platform's command gateway, each in a transaction
     * of its own, as the API and the demo data set record them: what the bulk path must be indistinguishable from.
     */
    Result recordOneByOne(Request request) {
        return generate(
                request,
                new Progress() {
                    @Override
                    public void done(long journeys, long events) {}

                    @Override
                    public void finished() {}
                },
                false);
    }

    private Result generate(Request request, Progress progress, boolean bulk) {
        long started = System.nanoTime();
        if (directory.isEnrolled(participantId(request, 0))) {
            throw new BadArguments(
                    "the store already holds the journeys of seed " + request.seed() + "; choose another --" + SEED);
        }
        SyntheticJourneys.Setting setting = setting(request);
        SyntheticJourneys stories = new SyntheticJourneys(
                new Random(request.seed()), seededIds(request.seed()), LocalDate.now(clock), setting);
        SimpleCommandBus bus = commandBus();
        AtomicLong events = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong journeys = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // the stories are told in order on this thread; two workers record them, at most two batches waiting each
        java.util.concurrent.ExecutorService workers =
                java.util.concurrent.Executors.newFixedThreadPool(WORKERS, new java.util.concurrent.ThreadFactory() {
                    private final java.util.concurrent.atomic.AtomicInteger count =
                            new java.util.concurrent.atomic.AtomicInteger();

                    @Override
                    public Thread newThread(Runnable runnable) {
                        Thread thread = new Thread(runnable, "journey-generator-" + count.getAndIncrement());
                        thread.setDaemon(true);
                        return thread;
                    }
                });
        java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(WORKERS * 3);
        int perBatch = journeysPerBatch(request.eventsPerJourney());
        try {
            List<Journey_> batch = new ArrayList<>();
            for (int i = 0; i < request.participants() && failure.get() == null; i++) {
                ParticipantId id = participantId(request, i);
                batch.add(new Journey_(
                        id, stories.journey(id, SyntheticJourneys.pseudonym(i), request.eventsPerJourney())));
                if (batch.size() == perBatch || i == request.participants() - 1) {
                    List<Journey_> full = batch;
                    batch = new ArrayList<>();
                    room.acquire();
                    workers.execute(() -> {
                        try {
                            if (failure.get() == null) {
                                long[] counts = bulk ? record(bus, full) : recordOneByOne(full);
                                events.addAndGet(counts[0]);
                                sent.addAndGet(counts[1]);
                                refused.addAndGet(counts[2]);
                                progress.done(journeys.addAndGet(full.size()), events.get());
                            }
                        } catch (Throwable e) { // anything: the generator stops and says so
                            failure.compareAndSet(null, e);
                        } finally {
                            room.release();
                        }
                    });
                }
            }
            workers.shutdown();
            while (!workers.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                // the workers finish the batches given to them
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        int erased = 0;
        for (int i = 3; i < request.participants(); i += ERASED_ONE_IN) {
            erasure.erase(
                    participantId(request, i),
                    "Synthetic data: she asked for her data to be erased (GDPR article 17).",
                    ACTOR);
            erased++;
        }
        progress.finished();
        return new Result(
                request.participants(),
                events.get(),
                sent.get(),
                refused.get(),
                erased,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** About 5,000 events a transaction: a hundred journeys of 50 events, one of 5,000. */
    static int journeysPerBatch(int eventsPerJourney) {
        return Math.max(1, Math.min(BATCH, 5_000 / Math.max(1, eventsPerJourney)));
    }

    /** One journey to record: hers, and its steps. */
    private record Journey_(ParticipantId participant, List<SyntheticJourneys.Step> steps) {}

    /** Records a batch of journeys in one transaction; returns {events, commands sent, commands refused}. */
    private long[] record(SimpleCommandBus bus, List<Journey_> batch) {
        long[] counts = new long[3];
        transactions.executeWithoutResult(status -> {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int outcome) {
                            if (outcome != STATUS_COMMITTED) { // the cached journeys hold events never stored
                                batch.forEach(journey -> journeyCache.remove(
                                        journey.participant().toString()));
                            }
                        }
                    });
            keys.makeKeys(batch.stream().map(j -> j.participant().toString()).toList());
            appends.holdBack();
            try {
                sendAll(batch, counts, (command, refusable) -> send(bus, command, refusable));
                counts[0] = appends.write();
            } finally {
                appends.discard();
            }
        });
        return counts;
    }

    /** Records a batch of journeys one command (and one transaction) at a time; returns the counts as above. */
    private long[] recordOneByOne(List<Journey_> batch) {
        long[] counts = new long[3];
        sendAll(batch, counts, (command, refusable) -> {
            try {
                commands.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
                return true;
            } catch (JourneyRuleException e) {
                if (!refusable) {
                    throw e;
                }
                return false;
            }
        });
        counts[0] = directory.eventCount(
                batch.stream().map(j -> j.participant().toString()).toList());
        return counts;
    }

    /** Sends a command; false when a rule refused one that may be refused. */
    private interface Sender {
        boolean send(Object command, boolean refusable);
    }

    /** Sends every step of every journey of the batch, in order; counts commands sent and refused. */
    private void sendAll(List<Journey_> batch, long[] counts, Sender sender) {
        for (Journey_ journey : batch) {
            for (SyntheticJourneys.Step step : journey.steps()) {
                Optional<Object> command = command(step);
                if (command.isEmpty()) {
                    continue;
                }
                counts[1]++;
                if (!sender.send(command.get(), !(step instanceof SyntheticJourneys.Send send) || send.refusable())) {
                    counts[2]++;
                }
            }
        }
    }

    /** The command of a step: a correction needs the latest event it corrects, if she has one. */
    private Optional<Object> command(SyntheticJourneys.Step step) {
        if (step instanceof SyntheticJourneys.Send send) {
            return Optional.of(send.command());
        }
        SyntheticJourneys.Amend amend = (SyntheticJourneys.Amend) step;
        String participant = amend.participant().toString();
        Optional<String> event = appends.latestHeldBack(participant, amend.eventType()::isInstance)
                .map(org.axonframework.messaging.Message::getIdentifier)
                .or(() -> directory.latestEventOf(participant, amend.eventType()));
        return event.map(amend.command());
    }

    /** Sends a command; false when a rule refused one that may be refused. */
    private boolean send(SimpleCommandBus bus, Object command, boolean refusable) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        CommandMessage<Object> message =
                GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR));
        bus.dispatch(message, (sentMessage, result) -> answer.complete(result));
        CommandResultMessage<?> result;
        try {
            result = answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!result.isExceptional()) {
            return true;
        }
        Throwable failure = result.exceptionResult();
        if (refusable && failure instanceof JourneyRuleException) {
            return false;
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /**
     * A command bus of the generator's own, on the calling thread, around the platform's journey repository (its
     * cache, event store, snapshots) and handler configuration, with no transaction per command: the worker's
     * transaction holds the whole batch.
     */
    private SimpleCommandBus commandBus() {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        AggregateAnnotationCommandHandler.<Journey>builder()
                .aggregateType(Journey.class)
                .repository(axon.repository(Journey.class))
                .commandTargetResolver(RecordCommandTargets.INSTANCE)
                .aggregateModel(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        Journey.class, axon.parameterResolverFactory(), axon.handlerDefinition(Journey.class)))
                .build()
                .subscribe(bus);
        return bus;
    }

    /** The programmes and peers of this seed, registered unless they are; built-in staff assigned to them. */
    private SyntheticJourneys.Setting setting(Request request) {
        ProgrammeType[] types = {
            ProgrammeType.DRUG_AND_ALCOHOL_TREATMENT,
            ProgrammeType.PEER_GROUP,
            ProgrammeType.RESIDENTIAL,
            ProgrammeType.OUTREACH,
            ProgrammeType.COURT_DIVERSION,
            ProgrammeType.COMMUNITY
        };
        List<ProgrammeId> programmes = new ArrayList<>();
        for (int k = 0; k < request.programmes(); k++) {
            ProgrammeType type = types[k % types.length];
            ProgrammeId id =
                    ProgrammeId.of(UUID.nameUUIDFromBytes((request.names() + "-" + request.seed() + "-programme-" + k)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (directory.registrationOf(id).isEmpty()) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RegisterProgrammeCommand(
                                id,
                                "Generated "
                                        + type.name()
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', ' ') + " programme " + (k + 1),
                                type,
                                type == ProgrammeType.PEER_GROUP ? DemoDataLoader.twentyWeeks() : List.of()))
                        .andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
            }
            programmes.add(id);
        }
        List<PeerId> peers = new ArrayList<>();
        String[][] named = {
            {"Ash", "PEER_WORKER", "120"},
            {"Bay", "VOLUNTEER_FACILITATOR", "24"},
            {"Cedar", "VOLUNTEER_FACILITATOR", "24"},
            {"Dove", "SPONSOR", "0"}
        };
        for (String[] peer : named) {
            PeerId id = PeerId.of(UUID.nameUUIDFromBytes((request.names() + "-" + request.seed() + "-peer-" + peer[0])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (!directory.isRegistered(id)) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RegisterPeerCommand(
                                id, peer[0] + " (generated)", PeerRole.valueOf(peer[1]), Integer.parseInt(peer[2])))
                        .andMetaData(Map.of(MetaDataKeys.ACTOR, ACTOR)));
            }
            peers.add(id);
        }
        assign("manager", programmes);
        assign("caseworker", programmes.subList(0, Math.max(2, programmes.size() / 2)));
        assign("outreach-worker", programmes.subList(programmes.size() / 2, programmes.size()));
        assign("peer-worker", List.of(programmes.get(1)));
        return new SyntheticJourneys.Setting(
                programmes.get(0), programmes.subList(1, programmes.size()), programmes.get(1), peers);
    }

    /** The built-in staff accounts, where they exist, work in the generated programmes. */
    private void assign(String username, List<ProgrammeId> programmes) {
        try {
            assignments.requireAccount(username);
        } catch (RuntimeException noSuchAccount) {
            return;
        }
        programmes.forEach(programme -> assignments.assign(username, programme.toString(), ACTOR));
    }

    /** The id of the generated participant with this number. */
    public static ParticipantId participantId(Request request, int index) {
        return ParticipantId.of(
                UUID.nameUUIDFromBytes((request.names() + "-" + request.seed() + "-participant-" + index)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Random (version 4) UUIDs from a seeded random: the same seed gives the same ids. */
    private static java.util.function.Supplier<UUID> seededIds(long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        return () -> {
            synchronized (random) {
                long high = (random.nextLong() & ~0xF000L) | 0x4000L;
                long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                return new UUID(high, low);
            }
        };
    }

    /** Told of the generator's progress. */
    public interface Progress {
        void done(long journeys, long events);

        void finished();
    }

    /** A progress bar, redrawn at most twice a second on a terminal (a line per tenth elsewhere: {@link ProgressLine}). */
    static final class ProgressBar implements Progress {
        private static final int WIDTH = 30;
        private final org.journeyplatform.api.lifecycle.ProgressLine out;
        private final long total;
        private final long started = System.nanoTime();
        private long drawn;

        ProgressBar(org.journeyplatform.api.lifecycle.ProgressLine out, long total) {
            this.out = out;
            this.total = total;
        }

        @Override
        public synchronized void done(long journeys, long events) {
            long now = System.nanoTime();
            if (journeys < total && now - drawn < 500_000_000L) {
                return;
            }
            drawn = now;
            double seconds = Math.max(0.001, (now - started) / 1e9);
            int filled = (int) (WIDTH * journeys / total);
            long left = journeys == 0 ? 0 : (long) (seconds * (total - journeys) / journeys);
            out.show(
                    (double) journeys / total,
                    String.format(
                            "[%s%s] %3d%% %,d of %,d journeys, %,d events, %,.0f events/s, %d:%02d left ",
                            "#".repeat(filled),
                            ".".repeat(WIDTH - filled),
                            100 * journeys / total,
                            journeys,
                            total,
                            events,
                            events / seconds,
                            left / 60,
                            left % 60));
        }

        @Override
        public synchronized void finished() {
            out.finish();
        }
    }
}
