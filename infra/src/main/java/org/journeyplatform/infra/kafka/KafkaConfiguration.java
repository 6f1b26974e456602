package org.journeyplatform.infra.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integration stream, when {@code journey.kafka.enabled} is true (off by default; one flag and a bootstrap
 * address switch it on): the {@link KafkaPublisher}, its processor's error handling (a failed batch is retried, never
 * skipped), the topic, and the publish-lag metric.
 */
@Configuration
@ConditionalOnProperty(name = "journey.kafka.enabled", havingValue = "true")
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean
    public KafkaSettings kafkaSettings(
            @Value("${journey.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${journey.kafka.topic:journey.events.v1}") String topic,
            @Value("${journey.kafka.partitions:6}") int partitions,
            @Value("${journey.kafka.replication-factor:1}") short replicationFactor,
            @Value("${journey.kafka.min-insync-replicas:1}") int minInsyncReplicas,
            @Value("${journey.kafka.ack-timeout:PT30S}") Duration ackTimeout,
            @Value("${journey.kafka.retention-ms:-1}") long retentionMs,
            org.springframework.core.env.Environment environment) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException("journey.kafka.enabled is true but journey.kafka.bootstrap-servers "
                    + "(JOURNEY_KAFKA_BOOTSTRAP_SERVERS) is empty");
        }
        return new KafkaSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                minInsyncReplicas,
                ackTimeout,
                retentionMs,
                clientProperties(environment));
    }

    @Bean(destroyMethod = "close")
    public KafkaPublisher kafkaPublisher(KafkaSettings settings, Serializer serializer) {
        return new KafkaPublisher(settings, serializer);
    }

    /**
     * Further client settings for every Kafka client of the platform (TLS, SASL...): {@code journey.kafka.client.*},
     * e.g. {@code journey.kafka.client.security.protocol=SASL_SSL}.
     */
    public static Map<String, String> clientProperties(org.springframework.core.env.Environment environment) {
        return org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(
                        "journey.kafka.client",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    /** A failed batch fails the processor's batch, so it is retried from the same position, not logged and skipped. */
    @Bean
    public ConfigurerModule kafkaPublisherErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                KafkaPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    public PublishLag publishLag(
            org.axonframework.config.EventProcessingConfiguration processing,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            MeterRegistry registry) {
        PublishLag lag = new PublishLag(processing, jdbc);
        Gauge.builder("journey.kafka.publish.lag", lag, PublishLag::events)
                .description("Journey events in the event store not yet acknowledged by Kafka")
                .baseUnit("events")
                .register(registry);
        return lag;
    }

    /**
     * Creates the topic with its settings if it is missing (retention unlimited by default: consumers that start
     * later read the whole history); true once it exists. A broker that is down only delays this: the publisher
     * asks again before its next batch.
     */
    static boolean createTopic(KafkaSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.producerProperties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(properties)) {
            Set<String> topics = admin.listTopics().names().get();
            if (!topics.contains(settings.topic())) {
                admin.createTopics(Set.of(
                                new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor())
                                        .configs(Map.of(
                                                "min.insync.replicas",
                                                Integer.toString(settings.minInsyncReplicas()),
                                                "retention.ms",
                                                Long.toString(settings.retentionMs())))))
                        .all()
                        .get();
                log.info(
                        "Kafka topic {} created ({} partitions, replication factor {}, min.insync.replicas {})",
                        settings.topic(),
                        settings.partitions(),
                        settings.replicationFactor(),
                        settings.minInsyncReplicas());
            }
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            log.warn(
                    "Kafka topic {} could not be checked or created now ({}); publishing will retry",
                    settings.topic(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn(
                    "Kafka topic {} could not be checked or created now ({}); publishing will retry",
                    settings.topic(),
                    e.toString());
        }
        return false;
    }
}
