package org.journeyplatform.infra.crypto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.infra.json.JourneyJacksonModule;

/**
 * Makes Jackson store every {@link PersonalData} field of a journey event sealed with her data key
 * ({@link PersonalDataCipher}) and open it again when reading. Only those fields: everything else in the event stays
 * readable for projections and dashboards. A map of corrected values seals only the entries for personal fields.
 * <p>
 * When her key has been destroyed, a personal text field reads as {@value PersonalData#ERASED}, any other personal
 * field as null, and a corrected personal value disappears from its map. Values stored before encryption existed
 * (plain, without the {@code pd1:} prefix) are read as they are.
 */
public class PersonalDataModule extends SimpleModule {

    private static final ObjectMapper VALUES =
            new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new JourneyJacksonModule());

    /** The personal fields a reading on this thread opens ({@link #openingOnly}); null: all of them. */
    private static final ThreadLocal<Set<String>> OPENING_ONLY = new ThreadLocal<>();

    /**
     * Runs {@code reading} (which deserialises events on this thread) with only the named personal fields opened: a
     * field of that name, or a correction's value for it. Every other personal field is not decrypted at all and reads
     * as it does after her erasure: {@value PersonalData#ERASED} for text, null otherwise, and a corrected value for it
     * is left out of the correction's map. For readers that use few of her details over many events (a research export
     * reads her year of birth and her consents' scopes, and a tenth of its time went to opening the rest). Whatever
     * the reader keeps of such events must not be written back or shown: the fields it did not ask for are not hers.
     */
    public static <T> T openingOnly(Set<String> fields, java.util.function.Supplier<T> reading) {
        Set<String> before = OPENING_ONLY.get();
        OPENING_ONLY.set(Set.copyOf(fields));
        try {
            return reading.get();
        } finally {
            if (before == null) {
                OPENING_ONLY.remove();
            } else {
                OPENING_ONLY.set(before);
            }
        }
    }

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("journey-personal-data");
        // the entries of a correction's values that are personal (a corrected exit reason is not)
        Set<String> personalNames = PersonalDataFields.correctableNames();
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(
                    SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> writers) {
                if (!JourneyEvent.class.isAssignableFrom(description.getBeanClass())) {
                    return writers;
                }
                List<BeanPropertyWriter> changed = new ArrayList<>(writers.size());
                for (BeanPropertyWriter writer : writers) {
                    changed.add(
                            writer.getAnnotation(PersonalData.class) == null
                                    ? writer
                                    : new SealingWriter(writer, cipher, personalNames));
                }
                return changed;
            }
        });
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (!JourneyEvent.class.isAssignableFrom(type) || !type.isRecord()) {
                    return deserializer;
                }
                Map<String, Class<?>> personal = new LinkedHashMap<>();
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.isAnnotationPresent(PersonalData.class)) {
                        personal.put(component.getName(), component.getType());
                    }
                }
                return personal.isEmpty() ? deserializer : new OpeningDeserializer(deserializer, cipher, personal);
            }
        });
    }

    /** Writes a personal field sealed; nulls stay null. */
    private static final class SealingWriter extends BeanPropertyWriter {

        private final transient PersonalDataCipher cipher;
        private final Set<String> personalNames;

        SealingWriter(BeanPropertyWriter base, PersonalDataCipher cipher, Set<String> personalNames) {
            super(base);
            this.cipher = cipher;
            this.personalNames = personalNames;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value == null || PersonalData.ERASED.equals(value)) {
                // nothing to protect: after her erasure her journey (and its snapshot) only holds the placeholder
                super.serializeAsField(bean, gen, provider);
                return;
            }
            String participantId = ((JourneyEvent) bean).participantId().toString();
            gen.writeFieldName(getName());
            if (value instanceof Map<?, ?> map) {
                gen.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    gen.writeFieldName(key);
                    if (entry.getValue() == null) {
                        gen.writeNull();
                    } else if (personalNames.contains(key)) {
                        gen.writeString(cipher.seal(
                                participantId, getName() + "." + key, VALUES.writeValueAsBytes(entry.getValue())));
                    } else {
                        provider.defaultSerializeValue(entry.getValue(), gen);
                    }
                }
                gen.writeEndObject();
            } else {
                gen.writeString(cipher.seal(participantId, getName(), VALUES.writeValueAsBytes(value)));
            }
        }
    }

    /**
     * Opens sealed personal fields in the JSON, then lets the event's own deserializer read it. The event's tokens are
     * copied into a {@link TokenBuffer} with her sealed values replaced by their opened JSON on the way; a sealed value
     * met before her id (not so in what this platform writes) waits, as a small tree, until her id is known. It used to
     * read every such event into a tree of nodes and traverse it again: with the cache off, reading the snapshot of a
     * 500-event journey spent half the request threads' CPU in Jackson, a quarter of that building and walking trees.
     */
    private static final class OpeningDeserializer extends DelegatingDeserializer {

        private final transient PersonalDataCipher cipher;
        private final Map<String, Class<?>> personal;

        OpeningDeserializer(JsonDeserializer<?> delegate, PersonalDataCipher cipher, Map<String, Class<?>> personal) {
            super(delegate);
            this.cipher = cipher;
            this.personal = personal;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new OpeningDeserializer(newDelegatee, cipher, personal);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
                return _delegatee.deserialize(parser, context); // not an object: no field to open
            }
            // copy the event's tokens into a buffer, opening sealed values on the way: cheaper than a tree of nodes
            TokenBuffer opened = context.bufferForInputBuffering(parser);
            opened.writeStartObject();
            String participantId = null;
            Map<String, JsonNode> beforeHerId = null;
            for (token = token == JsonToken.START_OBJECT ? parser.nextToken() : token;
                    token == JsonToken.FIELD_NAME;
                    token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("participantId".equals(field) && value == JsonToken.VALUE_STRING) {
                    participantId = parser.getText();
                }
                Class<?> type = personal.get(field);
                if (type == null || value == JsonToken.VALUE_NULL) {
                    opened.writeFieldName(field);
                    opened.copyCurrentStructure(parser);
                } else if (participantId == null) { // not seen her id yet: open it once it is known
                    if (beforeHerId == null) {
                        beforeHerId = new LinkedHashMap<>();
                    }
                    beforeHerId.put(field, context.readTree(parser));
                } else {
                    open(parser, opened, participantId, field, type);
                }
            }
            if (beforeHerId != null) {
                for (Map.Entry<String, JsonNode> field : beforeHerId.entrySet()) {
                    try (JsonParser value = field.getValue().traverse(parser.getCodec())) {
                        value.nextToken();
                        if (participantId == null) {
                            opened.writeFieldName(field.getKey());
                            opened.copyCurrentStructure(value);
                        } else {
                            open(value, opened, participantId, field.getKey(), personal.get(field.getKey()));
                        }
                    }
                }
            }
            opened.writeEndObject();
            JsonParser reading = opened.asParser(parser.getCodec());
            reading.nextToken();
            return _delegatee.deserialize(reading, context);
        }

        /** Writes one personal field, its value (the parser's current token) opened. */
        private void open(JsonParser parser, TokenBuffer opened, String participantId, String field, Class<?> type)
                throws IOException {
            JsonToken value = parser.currentToken();
            Set<String> only = OPENING_ONLY.get();
            if (value == JsonToken.VALUE_STRING && PersonalDataCipher.isSealed(parser.getText())) {
                Optional<byte[]> plain = only == null || only.contains(field)
                        ? cipher.open(participantId, field, parser.getText())
                        : Optional.empty(); // not asked for: left sealed, read as erased
                opened.writeFieldName(field);
                if (plain.isPresent()) {
                    copyJson(plain.get(), opened);
                } else if (type == String.class) {
                    opened.writeString(PersonalData.ERASED);
                } else {
                    opened.writeNull();
                }
            } else if (value == JsonToken.START_OBJECT) { // a map of corrected values: its sealed entries opened
                opened.writeFieldName(field);
                opened.writeStartObject();
                for (JsonToken entry = parser.nextToken(); entry == JsonToken.FIELD_NAME; entry = parser.nextToken()) {
                    String key = parser.currentName();
                    JsonToken entryValue = parser.nextToken();
                    if (entryValue == JsonToken.VALUE_STRING && PersonalDataCipher.isSealed(parser.getText())) {
                        Optional<byte[]> plain = only == null || only.contains(key)
                                ? cipher.open(participantId, field + "." + key, parser.getText())
                                : Optional.empty();
                        if (plain.isPresent()) {
                            opened.writeFieldName(key);
                            copyJson(plain.get(), opened);
                        }
                        // erased: the entry is left out
                    } else {
                        opened.writeFieldName(key);
                        opened.copyCurrentStructure(parser);
                    }
                }
                opened.writeEndObject();
            } else {
                opened.writeFieldName(field);
                opened.copyCurrentStructure(parser);
            }
        }

        private static void copyJson(byte[] json, TokenBuffer opened) throws IOException {
            try (JsonParser value = VALUES.getFactory().createParser(json)) {
                value.nextToken();
                opened.copyCurrentStructure(value);
            }
        }
    }
}
