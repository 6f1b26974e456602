package org.journeyplatform.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every journey event to the integration topic from a tracking event processor of its own
 * ({@value #PROCESSING_GROUP}). A batch of events is sent, then every send must be acknowledged by the broker
 * ({@code acks=all}, idempotent producer) before the batch commits and the processor's position moves on: a failure
 * fails the batch, which is retried from the same position after a back-off. So nothing is skipped and order per
 * participant holds; an event may be published more than once (at-least-once), and consumers de-duplicate by its id.
 * Commands never wait for Kafka: a broker that is down only lets the publishing position fall behind (publish lag).
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher implements AutoCloseable {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";
    private static final String STARTED = KafkaPublisher.class.getName() + ".started";

    private final KafkaSettings settings;
    private final Serializer serializer;
    private Producer<String, byte[]> producer;
    private volatile boolean topicReady;

    public KafkaPublisher(KafkaSettings settings, Serializer serializer) {
        this.settings = settings;
        this.serializer = serializer;
    }

    /** Only the message: its payload is never deserialised here, so nothing is decrypted for the stream. */
    @EventHandler(payloadType = JourneyEvent.class)
    void on(DomainEventMessage<?> message) throws Exception {
        if (!CurrentUnitOfWork.isStarted()) {
            await(List.of(send(message)), System.nanoTime());
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        long started = batch.getOrComputeResource(STARTED, key -> System.nanoTime());
        if (System.nanoTime() - started > settings.ackTimeout().toNanos()) {
            // the broker is slow or away: fail this batch now rather than block on every event of it
            resetProducer();
            throw new KafkaUnavailableException(
                    "Kafka is not taking journey events; the batch will be sent again", null);
        }
        List<Future<RecordMetadata>> pending = batch.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> list = new ArrayList<>();
            // before the batch (and with it the processor's position) commits: every send acknowledged
            batch.onPrepareCommit(u -> await(list, started));
            return list;
        });
        pending.add(send(message));
    }

    private Future<RecordMetadata> send(DomainEventMessage<?> message) {
        if (!topicReady) {
            // the topic is made with its settings before anything is sent, whenever the brokers are first reachable
            topicReady = KafkaConfiguration.createTopic(settings);
            if (!topicReady) {
                throw new KafkaUnavailableException(
                        "The topic " + settings.topic() + " cannot be checked or "
                                + "created now; the batch will be sent again",
                        null);
            }
        }
        try {
            return producer().send(IntegrationEvents.record(settings.topic(), message, serializer));
        } catch (RuntimeException e) { // no metadata within max.block.ms, a closed or fenced producer...
            resetProducer();
            throw new KafkaUnavailableException(
                    "Kafka cannot take journey events now; the batch will be sent again", e);
        }
    }

    private void await(List<Future<RecordMetadata>> pending, long started) {
        long deadline = started + 2 * settings.ackTimeout().toNanos();
        try {
            for (Future<RecordMetadata> future : pending) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            resetProducer();
            throw new KafkaUnavailableException(
                    "Kafka did not acknowledge a batch of journey events; it will be " + "sent again", e);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            properties.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            int ackTimeout = (int) Math.max(2_000, settings.ackTimeout().toMillis());
            // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackTimeout);
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ackTimeout / 2, 30_000));
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(ackTimeout / 2, 10_000));
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "journey-platform-publisher");
            properties.putAll(settings.producerProperties());
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** After a failed batch the producer starts afresh: its idempotence state may be fenced or out of sequence. */
    private synchronized void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing the Kafka producer after a failure", e);
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** Kafka is unreachable or did not acknowledge in time. */
    public static class KafkaUnavailableException extends RuntimeException {
        public KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
