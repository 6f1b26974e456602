package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.infra.testsupport.SampleEvents;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event serializer, keeping the classes and readers it has looked up")
class ReusingJacksonSerializerTest {

    private final JacksonSerializer axons =
            (JacksonSerializer) new AxonConfiguration(100).serializer(TestCrypto.cipher());

    @Test
    @DisplayName("is the serializer the platform uses")
    void configured() {
        assertThat(axons).isInstanceOf(ReusingJacksonSerializer.class);
    }

    @Test
    @DisplayName("reads every kind of journey event back as it was written, again and again")
    void roundTrips() {
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            Object event = SampleEvents.sampleOf(type);
            SerializedObject<byte[]> stored = axons.serialize(event, byte[].class);
            for (int i = 0; i < 3; i++) {
                assertThat(axons.<byte[], Object>deserialize(stored)).isEqualTo(event);
            }
        }
    }

    @Test
    @DisplayName("reads metadata back as Axon's own serializer does, with its own reader, again and again")
    void metaData() throws Exception {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("actor", "caseworker");
        values.put("count", 3);
        values.put("nothing", null);
        values.put("nested", java.util.Map.of("a", java.util.List.of(1, "two")));
        org.axonframework.messaging.MetaData metaData = org.axonframework.messaging.MetaData.from(values);
        JacksonSerializer plain = JacksonSerializer.defaultSerializer();

        SerializedObject<byte[]> stored = axons.serialize(metaData, byte[].class);
        for (int i = 0; i < 3; i++) {
            assertThat(axons.<byte[], Object>deserialize(stored))
                    .isEqualTo(plain.<byte[], Object>deserialize(stored))
                    .isEqualTo(metaData);
        }
        assertThat(axons.getObjectMapper()
                        .readerFor(org.axonframework.messaging.MetaData.class)
                        .readValue("{}", org.axonframework.messaging.MetaData.class))
                .isEqualTo(org.axonframework.messaging.MetaData.emptyInstance());
        com.fasterxml.jackson.databind.ObjectMapper mapper = axons.getObjectMapper();
        com.fasterxml.jackson.databind.DeserializationContext context =
                ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
                                mapper.getDeserializationContext())
                        .createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(org.axonframework.messaging.MetaData.class)))
                .as("its own reader, not Axon's")
                .isInstanceOf(ReusingJacksonSerializer.MetaDataReader.class);
    }

    @Test
    @DisplayName("answers a type no class stands for as unknown each time, and an empty type as Void")
    void unknownStaysUnknown() {
        SimpleSerializedType missing = new SimpleSerializedType("org.journeyplatform.NoSuchEvent", "1");
        for (int i = 0; i < 3; i++) {
            assertThat(axons.classForType(missing)).isEqualTo(UnknownSerializedType.class);
            assertThat(axons.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
        }
        Object unknown = axons.deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class, missing));
        assertThat(unknown).isInstanceOf(UnknownSerializedType.class);
    }
}
