package org.journeyplatform.infra.axon;

import java.time.Clock;
import java.time.ZoneId;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.infra.json.EventObjectMappers;
import org.journeyplatform.infra.json.JourneyJacksonModule;
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

    /** Metadata key of the staff member (or system process) that sent a command; copied onto its events. */
    public static final String ACTOR = "actor";

    /** Snapshot a journey after this many events, so a long journey loads fast. */
    private final int snapshotThreshold;

    public AxonConfiguration(@Value("${journey.snapshot-threshold:100}") int snapshotThreshold) {
        this.snapshotThreshold = snapshotThreshold;
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
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(EventObjectMappers.create())
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
        return new SimpleCorrelationDataProvider(ACTOR);
    }

    @Bean
    public ConfigurerModule aggregatesConfigurer() {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Journey.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), snapshotThreshold)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Programme.class));
    }
}
