package org.journeyplatform.infra.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.journeyplatform.domain.journey.event.JourneyEvent;

/**
 * The ObjectMapper configurations for what Axon stores: {@link #create()} for events, tokens and metadata (records and
 * Axon's own types), {@link #createForSnapshots()} for aggregate snapshots. They are independent of the web layer's
 * mapper on purpose: a change to how the API renders JSON must never change how stored events are read.
 */
public final class EventObjectMappers {

    private EventObjectMappers() {}

    public static ObjectMapper create() {
        return builder().build();
    }

    /** For events with their personal data sealed by the given module (crypto-shredding). */
    public static ObjectMapper create(com.fasterxml.jackson.databind.Module personalData) {
        return builder().addModule(personalData).build();
    }

    /**
     * For aggregate snapshots: an aggregate keeps its state in private fields with no getters (state changes only in
     * event sourcing handlers), so snapshots are written and read field by field.
     */
    public static ObjectMapper createForSnapshots() {
        return snapshotBuilder().build();
    }

    /** Snapshots hold her effective events: their personal data is sealed there too. */
    public static ObjectMapper createForSnapshots(com.fasterxml.jackson.databind.Module personalData) {
        return snapshotBuilder().addModule(personalData).build();
    }

    private static JsonMapper.Builder snapshotBuilder() {
        return builder()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                // a journey keeps its effective events, of many kinds, behind the JourneyEvent interface
                .addMixIn(JourneyEvent.class, TypedJourneyEvent.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
    private interface TypedJourneyEvent {}

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new StoredDates()) // after JavaTimeModule: its LocalDate reader wins
                .addModule(new JourneyJacksonModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an older reader meets a newer event: ignore fields it does not know rather than fail
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
