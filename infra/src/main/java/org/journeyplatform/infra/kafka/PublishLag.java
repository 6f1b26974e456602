package org.journeyplatform.infra.kafka;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many stored events Kafka has not acknowledged yet: the event store's last global index minus the publisher's
 * position (its token advances only after acknowledgement).
 */
public class PublishLag {

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;

    public PublishLag(EventProcessingConfiguration processing, JdbcClient jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** The event store's last position. */
    public long head() {
        Long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                .query(Long.class)
                .single();
        return head == null ? 0 : head;
    }

    /** The publisher's position: every event up to it is acknowledged (-1 before the first). */
    public long position() {
        return processing
                .eventProcessor(KafkaPublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(position -> position.orElse(-1L))
                        .min()
                        .orElse(-1L))
                .orElse(-1L);
    }

    public double events() {
        return Math.max(0, head() - position());
    }
}
