package org.journeyplatform.infra.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.journeyplatform.domain.assessment.Instrument;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.peer.Peer;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.infra.crypto.PersonalDataCipher;
import org.journeyplatform.infra.crypto.PersonalDataModule;
import org.journeyplatform.infra.json.EventObjectMappers;
import org.journeyplatform.infra.json.JourneyJacksonModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon without Axon Server: the JDBC event store and token store on PostgreSQL (tables from Flyway, see
 * {@code db/migration}), Jackson for every serialised message, the domain's aggregates with snapshotting, and the
 * clock that command handlers judge "today" by.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Snapshot a journey after this many events, so a long journey loads fast. */
    private final int snapshotThreshold;

    /** Keep recently used journeys in memory (off where several instances handle commands for the same journeys). */
    private final boolean aggregateCache;

    @Autowired
    public AxonConfiguration(
            @Value("${journey.snapshot-threshold:100}") int snapshotThreshold,
            @Value("${journey.aggregate-cache:true}") boolean aggregateCache) {
        this.snapshotThreshold = snapshotThreshold;
        this.aggregateCache = aggregateCache;
    }

    /** For tests of the serializer alone. */
    public AxonConfiguration(int snapshotThreshold) {
        this(snapshotThreshold, true);
    }

    /** What the journey's rules ask about outside her journey, one resource for every recording handler. */
    @Bean
    org.journeyplatform.domain.journey.Directories journeyDirectories(EventStoreDirectory directory) {
        return new org.journeyplatform.domain.journey.Directories(directory, directory, directory);
    }

    @Bean
    public Clock clock(@Value("${journey.time-zone:UTC}") String timeZone) {
        return Clock.system(ZoneId.of(timeZone));
    }

    @Bean
    public JourneyJacksonModule journeyJacksonModule() {
        return new JourneyJacksonModule();
    }

    @Bean
    public MasterKeys masterKeys(@Value("${journey.crypto.master-keys:}") String configured) {
        return MasterKeys.parse(configured);
    }

    @Bean
    public ParticipantKeys participantKeys(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            MasterKeys masterKeys,
            Clock clock,
            @Value("${journey.crypto.key-cache-ttl:PT5M}") Duration cacheTtl) {
        return new ParticipantKeys(jdbc, transactions, masterKeys, clock, cacheTtl);
    }

    @Bean
    public PersonalDataCipher personalDataCipher(ParticipantKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    @Primary
    public Serializer serializer(PersonalDataCipher cipher) {
        return new ReusingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(EventObjectMappers.create(new PersonalDataModule(cipher)))
                .revisionResolver(new AnnotationRevisionResolver()));
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Axon's JDBC storage engine as Spring Boot would build it, appending so that a late append leaves the transaction
     * usable ({@link JourneyEventStorageEngine}), with snapshots written by
     * {@link EventObjectMappers#createForSnapshots()}: aggregates keep private state with no getters. Behind
     * {@link BufferedAppends}, which lets the bulk generator write the events of many commands in one batch, and
     * {@link PacedTailReads}, which lets the projections read the new events of several commands at once.
     */
    @Bean
    public BufferedAppends eventStorageEngine(
            Serializer serializer,
            PersonalDataCipher cipher,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @org.springframework.beans.factory.annotation.Value("${journey.events.tail-pause:PT0.01S}")
                    java.time.Duration tailPause) {
        return new BufferedAppends(new PacedTailReads(
                new JourneyEventStorageEngine(
                        JourneyEventStorageEngine.configure(JdbcEventStorageEngine.builder())
                                .snapshotSerializer(JacksonSerializer.builder()
                                        .objectMapper(
                                                EventObjectMappers.createForSnapshots(new PersonalDataModule(cipher)))
                                        .revisionResolver(new AnnotationRevisionResolver())
                                        .build())
                                .eventSerializer(serializer)
                                .upcasterChain(configuration.upcasterChain())
                                .persistenceExceptionResolver(persistenceExceptionResolver)
                                .snapshotFilter(configuration.snapshotFilter())
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .readEventDataWithGaps(GapReads::build)
                                .schema(eventSchema),
                        transactionManager,
                        eventSchema),
                tailPause));
    }

    /**
     * Axon's JDBC components get the connection of the current Spring transaction, and nothing more. Axon's default
     * wraps it so that a unit of work commits (or rolls back) the connection itself when the command is handled: that
     * would commit a command's events before the rest of its request's transaction (audit entry, idempotency answer)
     * and roll back the whole request's work on a refusal. Spring's transaction, which Axon's
     * {@code SpringTransactionManager} starts or joins, decides instead (ADR 0012).
     */
    @Bean
    public ConnectionProvider connectionProvider(javax.sql.DataSource dataSource) {
        return new org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Tells Axon that an append was refused because another one took the journey's sequence number first (PostgreSQL's
     * SQL state 23505 on the event table's unique key), so that it reports a {@code ConcurrencyException} the write
     * path can retry; Axon's default resolver looks at vendor error codes, which PostgreSQL leaves at 0.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        PersistenceExceptionResolver axons =
                new org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver();
        return exception -> {
            Throwable t = exception;
            for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return axons.isDuplicateKeyViolation(exception);
        };
    }

    /** The embedded event store, telling the projections of new events once they are committed. */
    @Bean
    public org.axonframework.eventsourcing.eventstore.EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return new TransactionAwareEventStore(org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(
                        org.axonframework.eventsourcing.eventstore.EventStore.class, "eventStore")));
    }

    /**
     * Axon's Spring snapshotter, as Axon's auto-configuration builds it, but taking its snapshots on a thread of its
     * own after the command's transaction has committed. By default it runs on the command's thread at the end of the
     * unit of work, inside the request's transaction (ADR 0012): a snapshot that could not be stored would abort that
     * transaction and fail a valid command. Snapshots waiting beyond 1,000 are skipped (a later command takes one).
     */
    @Bean
    public org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            org.axonframework.eventsourcing.eventstore.EventStore eventStore,
            TransactionManager transactionManager,
            org.axonframework.eventsourcing.SnapshotterSpanFactory spanFactory) {
        java.util.concurrent.ThreadPoolExecutor background = new java.util.concurrent.ThreadPoolExecutor(
                1,
                1,
                0L,
                java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(1000),
                runnable -> {
                    Thread thread = new Thread(runnable, "journey-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                },
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
        java.util.concurrent.Executor afterCommit = task -> {
            if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                background.execute(task);
                            }
                        });
            } else {
                background.execute(task);
            }
        };
        return org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(afterCommit)
                .build();
    }

    /** Found by Axon's Spring snapshotter, which builds a journey from its events to snapshot it. */
    @Bean
    public AggregateFactory<Journey> journeyAggregateFactory(
            ParameterResolverFactory parameterResolverFactory, HandlerDefinition handlerDefinition) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                Journey.class, parameterResolverFactory, handlerDefinition));
    }

    @Bean
    public EventSchema eventSchema() {
        return schema();
    }

    /** The event store's tables and columns (migration V1), for the storage engine and for tests that build one. */
    public static EventSchema schema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The actor is copied from each command onto its events. Not from an event onto what its handlers make: they make
     * nothing but a result message per event, which Axon builds with the correlation data of the event being handled,
     * so that every processor deserialised every event's metadata for nothing (about 4 % of a replay's CPU, JFR). No
     * event handler sends a command or query.
     */
    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        CorrelationDataProvider actor = new SimpleCorrelationDataProvider(MetaDataKeys.ACTOR);
        return message -> message instanceof org.axonframework.eventhandling.EventMessage<?>
                ? java.util.Map.of()
                : actor.correlationDataFor(message);
    }

    /**
     * The journeys recently worked on stay in memory, at most {@code journey.aggregate-cache-size} of them; a failed
     * append evicts one, and so do an erasure (the cached journey holds her personal data in the clear) and a rolled-back
     * command transaction. With the cache off, a journey loads from its latest snapshot and the events after it.
     */
    @Bean
    public org.axonframework.common.caching.Cache journeyCache(
            @Value("${journey.aggregate-cache-size:2000}") long size,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        if (!aggregateCache) {
            return org.axonframework.common.caching.NoCache.INSTANCE;
        }
        JourneyCache cache = new JourneyCache(size);
        meters.ifAvailable(registry -> io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(
                registry, cache.native_(), "journeys"));
        return cache;
    }

    /** The coordinators of the pooled processors, woken by each batch they commit (ADR 0021). */
    @Bean
    public PromptCoordinators promptCoordinators() {
        return new PromptCoordinators();
    }

    /**
     * Every pooled processor's coordinator runs its next round as soon as one of its work packages has committed a
     * batch, instead of up to 100 ms later: Axon's own capped a processor that is behind near 10,000 events/s (ADR 0021).
     * The thread keeps Axon's name; the executor stops with the configuration, as Axon's default one does.
     */
    @Bean
    public ConfigurerModule promptCoordinatorsConfigurer(PromptCoordinators coordinators) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration((config, builder) ->
                        builder.coordinatorExecutor(name -> {
                            java.util.concurrent.ScheduledExecutorService executor = coordinators.coordinatorExecutor(
                                    name, new org.axonframework.common.AxonThreadFactory("Coordinator[" + name + "]"));
                            config.onShutdown(executor::shutdown);
                            return executor;
                        }))
                .registerDefaultHandlerInterceptor((config, name) -> coordinators.wakeAfterEachBatch(name));
    }

    /** A failure to keep the participant-scope model fails the command it follows: never a silent gap in access. */
    @Bean
    public ConfigurerModule participantScopeErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        "participant-scope", c -> org.axonframework.eventhandling.PropagatingErrorHandler.instance());
    }

    @Bean
    public ConfigurerModule aggregatesConfigurer(org.axonframework.common.caching.Cache journeyCache) {
        AggregateConfigurer<Journey> journeys = AggregateConfigurer.defaultConfiguration(Journey.class)
                // the target of a record command read through method handles, not by reflection on every command
                .configureCommandTargetResolver(c -> org.journeyplatform.domain.shared.RecordCommandTargets.INSTANCE);
        if (aggregateCache) {
            journeys.configureCache(c -> journeyCache);
        }
        return configurer -> configurer
                .configureAggregate(journeys
                        // a snapshot of another revision of the aggregate is ignored: the journey loads from events.
                        // The type is the one snapshots are stored under, the aggregate's simple name: the filter
                        // compares it with the stored type and passes every snapshot of another type untested, so
                        // type(Journey.class), which names the class in full, let snapshots of every revision through
                        .configureSnapshotFilter(c -> RevisionSnapshotFilter.builder()
                                .type(Journey.class.getSimpleName())
                                .revision(Journey.class
                                        .getAnnotation(Revision.class)
                                        .value())
                                .build())
                        .configureSnapshotTrigger(
                                c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotThreshold)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Programme.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Peer.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Instrument.class));
    }
}
