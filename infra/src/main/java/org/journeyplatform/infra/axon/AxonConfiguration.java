package org.journeyplatform.infra.axon;

import java.time.Clock;
import java.time.ZoneId;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.serialization.Revision;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import java.time.Duration;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.infra.crypto.PersonalDataCipher;
import org.journeyplatform.infra.crypto.PersonalDataModule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.journeyplatform.domain.assessment.Instrument;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.peer.Peer;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.infra.json.EventObjectMappers;
import org.journeyplatform.infra.json.JourneyJacksonModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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
    public AxonConfiguration(@Value("${journey.snapshot-threshold:100}") int snapshotThreshold,
                             @Value("${journey.aggregate-cache:true}") boolean aggregateCache) {
        this.snapshotThreshold = snapshotThreshold;
        this.aggregateCache = aggregateCache;
    }

    /** For tests of the serializer alone. */
    public AxonConfiguration(int snapshotThreshold) {
        this(snapshotThreshold, true);
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
    public ParticipantKeys participantKeys(JdbcClient jdbc, PlatformTransactionManager transactions,
                                           MasterKeys masterKeys, Clock clock,
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
        return JacksonSerializer.builder()
                .objectMapper(EventObjectMappers.create(new PersonalDataModule(cipher)))
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
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
     * Axon's JDBC storage engine as Spring Boot would build it, but with snapshots written by
     * {@link EventObjectMappers#createForSnapshots()}: aggregates keep private state with no getters.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer, PersonalDataCipher cipher,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(JacksonSerializer.builder()
                        .objectMapper(EventObjectMappers.createForSnapshots(new PersonalDataModule(cipher)))
                        .revisionResolver(new AnnotationRevisionResolver())
                        .build())
                .eventSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    /** Found by Axon's Spring snapshotter, which builds a journey from its events to snapshot it. */
    @Bean
    public AggregateFactory<Journey> journeyAggregateFactory(ParameterResolverFactory parameterResolverFactory,
                                                             HandlerDefinition handlerDefinition) {
        return new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                Journey.class, parameterResolverFactory, handlerDefinition));
    }

    @Bean
    public EventSchema eventSchema() {
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

    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.ACTOR); // copied from each command onto its events
    }

    /**
     * Journeys recently worked on stay in memory (until the JVM needs the room); a failed append evicts them, and so
     * does an erasure (the cached journey holds her personal data in the clear).
     */
    @Bean
    public org.axonframework.common.caching.Cache journeyCache() {
        return aggregateCache ? new WeakReferenceCache() : org.axonframework.common.caching.NoCache.INSTANCE;
    }

    @Bean
    public ConfigurerModule aggregatesConfigurer(org.axonframework.common.caching.Cache journeyCache) {
        AggregateConfigurer<Journey> journeys = AggregateConfigurer.defaultConfiguration(Journey.class);
        if (aggregateCache) {
            journeys.configureCache(c -> journeyCache);
        }
        return configurer -> configurer
                .configureAggregate(journeys
                        // a snapshot of another revision of the aggregate is ignored: the journey loads from events
                        .configureSnapshotFilter(c -> RevisionSnapshotFilter.builder().type(Journey.class)
                                .revision(Journey.class.getAnnotation(Revision.class).value()).build())
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), snapshotThreshold)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Programme.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Peer.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Instrument.class));
    }
}
