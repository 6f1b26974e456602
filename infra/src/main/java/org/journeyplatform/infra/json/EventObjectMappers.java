package org.journeyplatform.infra.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one ObjectMapper configuration used for everything Axon stores (events, snapshots, tokens, metadata). It is
 * independent of the web layer's mapper on purpose: a change to how the API renders JSON must never change how stored
 * events are read.
 */
public final class EventObjectMappers {

    private EventObjectMappers() {
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new JourneyJacksonModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an older reader meets a newer event: ignore fields it does not know rather than fail
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
