package org.journeyplatform.infra.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.journeyplatform.domain.journey.event.EventNames;

/**
 * Maps a stored journey event to its integration event on {@code journey.events.v1}: a CloudEvent in Kafka's binary
 * content mode (attributes in {@code ce_*} headers), keyed by the participant's id so her events stay in order within
 * a partition. The data is the event's stored JSON, personal-data fields sealed exactly as in the event store
 * ({@code pd1:...}): erasing her key erases them on the topic too. Types are named and versioned apart from the
 * Java classes ({@code org.journeyplatform.journey.programme-entered.v1}); their schemas are in
 * {@code docs/integration-events.md} and {@code docs/schemas/journey.events.v1/}.
 */
public final class IntegrationEvents {

    public static final String SOURCE = "/journey-platform/journeys";
    public static final String TYPE_PREFIX = "org.journeyplatform.journey.";
    public static final String TYPE_SUFFIX = ".v1";

    private IntegrationEvents() {}

    /** The event's public name ({@code programme-entered}), from the one registry of them. */
    public static String name(Class<?> eventType) {
        return EventNames.of(eventType);
    }

    /** The CloudEvents type of an event class. */
    public static String type(Class<?> eventType) {
        return TYPE_PREFIX + name(eventType) + TYPE_SUFFIX;
    }

    /** The event class of a CloudEvents type of this stream, or null when it is not one of ours. */
    public static Class<?> classOf(String type) {
        if (type == null || !type.startsWith(TYPE_PREFIX) || !type.endsWith(TYPE_SUFFIX)) {
            return null;
        }
        return EventNames.classOf(type.substring(TYPE_PREFIX.length(), type.length() - TYPE_SUFFIX.length()));
    }

    /**
     * The record for a journey event read from the event store. The stored payload is used as it is (sealed personal
     * fields included), never serialised again: an erased participant's old events can still be published, and
     * nothing is ever decrypted for the stream.
     */
    public static ProducerRecord<String, byte[]> record(
            String topic, DomainEventMessage<?> message, Serializer serializer) {
        byte[] data = message.serializePayload(serializer, byte[].class).getData();
        String participantId = message.getAggregateIdentifier();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, participantId, data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", message.getIdentifier());
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", type(message.getPayloadType()));
        header(record, "ce_subject", participantId);
        header(record, "ce_time", message.getTimestamp().toString());
        header(record, "content-type", "application/json");
        header(record, "journey_sequence", Long.toString(message.getSequenceNumber()));
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A header's value as text, or null. */
    public static String header(org.apache.kafka.common.header.Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
