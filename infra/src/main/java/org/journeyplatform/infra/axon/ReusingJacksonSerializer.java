package org.journeyplatform.infra.axon;

import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's {@link JacksonSerializer}, keeping what it would otherwise look up again for every message it reads: the
 * class a stored type name stands for (Axon asks the class loader each time) and the {@link ObjectReader} of each class
 * (Axon makes a new one each time; a reader is immutable and safe to share between threads). Both cost about 7 % of a
 * research export's reading threads (JFR); every replay and every journey loaded from the store reads the same way.
 * Only classes found are kept: a type not on the class path is answered by Axon as before (which remembers such names
 * itself).
 */
public class ReusingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public ReusingJacksonSerializer(Builder builder) {
        super(configured(builder));
        // registered after Axon's own module, so it takes precedence (Jackson asks the latest module first)
        getObjectMapper()
                .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("journey-metadata")
                        .addDeserializer(MetaData.class, new MetaDataReader(null)));
    }

    /**
     * Reads a message's metadata as Axon's {@code MetaDataDeserializer} does (a map of string keys to untyped values),
     * but finds the map's deserialiser once, when the reader of {@link MetaData} is made, not for every message: Axon
     * looks it up and contextualises it on every call, which took about 14 % of the timeline's replay thread (JFR),
     * for metadata as small as {@code {"actor":"caseworker"}}.
     */
    static final class MetaDataReader extends com.fasterxml.jackson.databind.JsonDeserializer<MetaData>
            implements com.fasterxml.jackson.databind.deser.ContextualDeserializer {

        private final com.fasterxml.jackson.databind.JsonDeserializer<Object> map;

        MetaDataReader(com.fasterxml.jackson.databind.JsonDeserializer<Object> map) {
            this.map = map;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonDeserializer<?> createContextual(
                com.fasterxml.jackson.databind.DeserializationContext context,
                com.fasterxml.jackson.databind.BeanProperty property)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return map != null ? this : new MetaDataReader(mapOf(context));
        }

        @Override
        @SuppressWarnings("unchecked")
        public MetaData deserialize(
                com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.DeserializationContext context)
                throws java.io.IOException {
            com.fasterxml.jackson.databind.JsonDeserializer<Object> reading = map != null ? map : mapOf(context);
            return MetaData.from((Map<String, ?>) reading.deserialize(parser, context, new java.util.HashMap<>()));
        }

        @Override
        public Object deserializeWithType(
                com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.DeserializationContext context,
                com.fasterxml.jackson.databind.jsontype.TypeDeserializer types)
                throws java.io.IOException {
            return types.deserializeTypedFromObject(parser, context);
        }

        private static com.fasterxml.jackson.databind.JsonDeserializer<Object> mapOf(
                com.fasterxml.jackson.databind.DeserializationContext context)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return context.findRootValueDeserializer(
                    context.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        }
    }

    /**
     * Axon applies the builder's options (lenient deserialisation, default typing, the class loader) to the object
     * mapper in {@link Builder#build()}, not in the constructor: built once here (and dropped), so that they apply.
     */
    private static Builder configured(Builder builder) {
        builder.build();
        return builder;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (found != UnknownSerializedType.class
                && !SimpleSerializedType.emptyType().equals(type)) {
            classes.put(type.getName(), found);
        }
        return found;
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
