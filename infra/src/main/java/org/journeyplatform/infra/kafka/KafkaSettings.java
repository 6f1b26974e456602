package org.journeyplatform.infra.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * The integration stream's settings ({@code journey.kafka.*}).
 *
 * @param bootstrapServers   where the brokers are, e.g. {@code kafka-1:9092,kafka-2:9092}
 * @param topic              the topic, {@code journey.events.v1} unless configured
 * @param partitions         partitions of the topic when the platform creates it
 * @param replicationFactor  its replication factor (3 in production)
 * @param minInsyncReplicas  its min.insync.replicas (2 in production: with acks=all a write survives a broker loss)
 * @param ackTimeout         how long a batch may wait for the broker's acknowledgements before it is retried
 * @param retentionMs        the topic's retention.ms when the platform creates it (-1: kept for ever)
 * @param producerProperties further client settings, {@code journey.kafka.client.*} (TLS, SASL...)
 */
public record KafkaSettings(
        String bootstrapServers,
        String topic,
        int partitions,
        short replicationFactor,
        int minInsyncReplicas,
        Duration ackTimeout,
        long retentionMs,
        Map<String, String> producerProperties) {}
