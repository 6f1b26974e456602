package org.journeyplatform.infra.axon;

import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
