package org.journeyplatform.api.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.infra.crypto.PersonalDataCipher;
import org.journeyplatform.infra.kafka.IntegrationEvents;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.journeyplatform.projections.dashboard.DashboardFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard read model fed from the integration stream instead of the event store, for dashboard servers that
 * scale out: {@code journey.kafka.dashboard-consumer.instances} consumers (in this process; run more processes for
 * more) share the topic's partitions as one consumer group and fill {@code kafka_dashboard.dashboard_fact} with the
 * same rules as the in-process projection, so they give the same figures. Each event is applied once, by its id
 * (delivery is at-least-once), in the same database transaction that records its id; offsets are committed after.
 * It needs no personal data and has no key to open any.
 */
@Component
@ConditionalOnProperty(name = "journey.kafka.dashboard-consumer.enabled", havingValue = "true")
public class DashboardTopicConsumer {

    private static final Logger log = LoggerFactory.getLogger(DashboardTopicConsumer.class);

    private static final long LAG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String topic;
    private final String group;
    private final int instances;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DashboardFacts facts;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean running = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<TopicPartition, Long> lagByPartition = new ConcurrentHashMap<>();
    private final Map<String, Set<TopicPartition>> assignments = new ConcurrentHashMap<>();

    public DashboardTopicConsumer(
            @Value("${journey.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${journey.kafka.topic:journey.events.v1}") String topic,
            @Value("${journey.kafka.dashboard-consumer.group:journey-dashboard}") String group,
            @Value("${journey.kafka.dashboard-consumer.instances:1}") int instances,
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            MeterRegistry registry,
            org.springframework.core.env.Environment environment) {
        this.clientProperties = org.journeyplatform.infra.kafka.KafkaConfiguration.clientProperties(environment);
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.group = group;
        this.instances = Math.max(1, instances);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.facts = new DashboardFacts(jdbc, template, DashboardFacts.KAFKA_TABLE);
        Gauge.builder("journey.kafka.consumer.lag", this, DashboardTopicConsumer::lag)
                .description("Integration events on the topic not yet applied to the Kafka-fed dashboards")
                .baseUnit("events")
                .tag("group", group)
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < instances; i++) {
            KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(properties(i), new StringDeserializer(), new ByteArrayDeserializer());
            consumers.add(consumer);
            String name = group + "-" + i;
            Thread thread = new Thread(() -> run(name, consumer), "dashboard-consumer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("Dashboard consumer: {} instance(s) in group {} on topic {}", instances, group, topic);
    }

    private Properties properties(int instance) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + instance);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return properties;
    }

    private void run(String name, KafkaConsumer<String, byte[]> consumer) {
        long lagMeasuredAt = 0;
        try {
            consumer.subscribe(Set.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    partitions.forEach(lagByPartition::remove);
                    assignments.put(name, Set.copyOf(consumer.assignment()));
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    assignments.put(name, Set.copyOf(consumer.assignment()));
                }
            });
            while (running.get()) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        transactions.executeWithoutResult(status -> records.forEach(this::apply));
                        consumer.commitSync();
                    }
                    if (System.nanoTime() - lagMeasuredAt > LAG_INTERVAL_NANOS || records.isEmpty()) {
                        measureLag(consumer); // a round trip to the broker: not on every poll of a busy consumer
                        lagMeasuredAt = System.nanoTime();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the broker away, a rebalance, the database busy: what was not committed comes again
                    log.warn(
                            "Dashboard consumer {}: {}; retrying",
                            name,
                            org.journeyplatform.api.logging.RedactedStackTraces.redact(
                                    e.getClass().getName(), e.toString()));
                    rewind(consumer);
                    pause();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one integration event once: a redelivered one finds its id already recorded. */
    void apply(ConsumerRecord<String, byte[]> record) {
        String eventId = IntegrationEvents.header(record.headers(), "ce_id");
        Class<?> type = IntegrationEvents.classOf(IntegrationEvents.header(record.headers(), "ce_type"));
        if (eventId == null || type == null) {
            return; // not an event of this stream's types: a newer version, read by a newer consumer
        }
        int fresh = jdbc.sql("INSERT INTO kafka_dashboard.applied_event (event_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(eventId)
                .update();
        if (fresh == 0) {
            return;
        }
        JsonNode data;
        try {
            data = json.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("An integration event's data is not JSON (event " + eventId + ")", e);
        }
        if (type == EventCorrectedEvent.class) {
            Map<String, String> values = new LinkedHashMap<>();
            data.path("correctedValues").fields().forEachRemaining(entry -> {
                String value =
                        entry.getValue().isNull() ? null : entry.getValue().asText();
                if (!PersonalDataCipher.isSealed(value)) { // sealed values are personal: no figure uses them
                    values.put(entry.getKey(), value);
                }
            });
            facts.correct(data.path("correctedEventId").asText(), values);
        } else if (type == EventRetractedEvent.class) {
            facts.retract(data.path("retractedEventId").asText());
        } else {
            Kind.ofType(type).ifPresent(kind -> {
                JsonNode occurredOn = data.path("occurredOn");
                facts.record(
                        eventId,
                        record.key(),
                        Long.parseLong(IntegrationEvents.header(record.headers(), "journey_sequence")),
                        kind,
                        LocalDate.parse(occurredOn.path("date").asText()),
                        occurredOn.hasNonNull("time")
                                ? LocalTime.parse(occurredOn.get("time").asText())
                                : null,
                        field -> data.hasNonNull(field) ? data.get(field).asText() : null);
            });
        }
    }

    /** Back to the last committed offsets, so records polled but not applied are polled again. */
    private static void rewind(KafkaConsumer<String, byte[]> consumer) {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            consumer.committed(assigned, Duration.ofSeconds(5)).forEach((partition, offset) -> {
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else {
                    consumer.seekToBeginning(Set.of(partition));
                }
            });
        } catch (RuntimeException e) {
            log.debug("Cannot rewind the dashboard consumer now", e);
        }
    }

    /** Waits a second before trying again, or less when the process stops. */
    private void pause() {
        try {
            stopping.await(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private void measureLag(KafkaConsumer<String, byte[]> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(5));
        for (TopicPartition partition : assigned) {
            lagByPartition.put(
                    partition,
                    Math.max(
                            0, ends.getOrDefault(partition, 0L) - consumer.position(partition, Duration.ofSeconds(5))));
        }
    }

    /** Events on the topic not yet applied, over the partitions this process's consumers hold. */
    public double lag() {
        return lagByPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The partitions each consumer of this process holds now, by consumer. */
    public Map<String, Set<TopicPartition>> assignments() {
        return Map.copyOf(assignments);
    }

    @PreDestroy
    public void stop() {
        running.set(false);
        stopping.countDown();
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
