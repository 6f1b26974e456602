package org.journeyplatform.infra.axon.parking;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Parks the events a projection cannot handle, or cannot even deserialise, in Axon's sequenced dead-letter queue
 * (ADR 0013), in PostgreSQL ({@code dead_letter_entry}, Flyway V13). Every <em>pooled</em> processor in
 * {@code axon.eventhandling.processors} gets one; the others keep propagating errors: {@code participant-scope}
 * (subscribing, in the command's own transaction: a failure fails the command) and {@code kafka-publisher}
 * (tracking: the topic must get every event in the store's order, so it stops rather than skips).
 * <p>
 * Sequenced per aggregate (Axon's default policy: her participant id for journey events): her later events wait
 * behind a parked one, everyone else's go on. Once a handler has failed, savepoints around handler calls
 * ({@link SavepointPerEvent}) keep a failed SQL statement from aborting the whole batch's transaction on its retry, so
 * the event can be parked in it. A replay (token
 * reset) clears the processor's parked events, and the replay parks again those that still fail. A retry reads the
 * event again from the event store ({@link StoreRereadingConverter}), so a repair there, or an upcaster, takes effect.
 */
@Configuration(proxyBeanMethods = false)
public class ParkedEventsConfiguration {

    /** Axon's dead-letter columns in snake_case, as V13 creates them. */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** The processing groups that park: every pooled processor (one processing group each). */
    @Bean
    public ParkingProcessors parkingProcessors(EventProcessorProperties processors) {
        Set<String> pooled = new TreeSet<>();
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() == EventProcessorProperties.Mode.POOLED) {
                pooled.add(name);
            }
        });
        return new ParkingProcessors(List.copyOf(pooled));
    }

    @Bean
    public ConfigurerModule parkedEventsConfigurer(
            ParkingProcessors parking,
            DeadLetterSchema schema,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            Serializer serializer,
            ObjectProvider<EventStorageEngine> storageEngine) {
        return configurer -> parking.groups()
                .forEach(group -> configurer
                        .eventProcessing()
                        .registerDeadLetterQueue(
                                group,
                                c -> deadLetterQueue(
                                        group,
                                        schema,
                                        connectionProvider,
                                        transactionManager,
                                        serializer,
                                        storageEngine))
                        .registerDeadLetterPolicy(group, c -> new ParkingPolicy())
                        // a reset empties the queue; the replay parks again whatever still fails
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (c, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache())
                        // an event of a type this version does not know is parked too, not silently passed over
                        .registerEventHandler(c -> new UnknownEventTypeGuard(group))
                        .assignHandlerInstancesMatching(
                                group,
                                Integer.MAX_VALUE,
                                handler -> handler instanceof UnknownEventTypeGuard guard
                                        && guard.group().equals(group)));
    }

    /**
     * The queue serialises parked events with the very {@link Serializer} instance the event store reads them with:
     * Axon then copies the stored bytes as they are (SerializedMessage.serializePayload), so an event whose payload
     * cannot be deserialised, or whose type is unknown, is parked without being deserialised.
     */
    private static SequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(
            String group,
            DeadLetterSchema schema,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            Serializer serializer,
            ObjectProvider<EventStorageEngine> storageEngine) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .converter(new StoreRereadingConverter(schema, serializer, serializer, storageEngine::getObject))
                .build();
    }

    @Bean
    public HandlerEnhancerDefinition savepointPerEvent(
            ParkingProcessors parking, PlatformTransactionManager transactions) {
        return new SavepointPerEvent(Set.copyOf(parking.groups()), transactions);
    }

    @Bean
    public ParkedEvents parkedEvents(
            ParkingProcessors parking,
            JdbcClient jdbc,
            org.axonframework.config.EventProcessingConfiguration processing) {
        return new ParkedEvents(parking, jdbc, processing);
    }

    /** The names of the processors (processing groups) that park events, in order. */
    public record ParkingProcessors(List<String> groups) {
        public boolean contains(String group) {
            return groups.contains(group);
        }
    }

    static Map<String, Long> zeroes(List<String> groups) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        groups.forEach(g -> counts.put(g, 0L));
        return counts;
    }
}
