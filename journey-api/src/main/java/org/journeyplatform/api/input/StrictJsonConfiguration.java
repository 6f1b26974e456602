package org.journeyplatform.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.journeyplatform.domain.shared.PlausibleDates;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads JSON strictly (docs/api.md, "Input"): one JSON value and nothing after it, no duplicate names, no
 * number or boolean where text belongs (nor the other way round), no fraction where a whole number belongs, dates and
 * times only as ISO text and dates only between {@value #FIRST_YEAR} and {@value #LAST_YEAR}, and text without control
 * characters ({@link Text}). Each refusal is a 400 naming the field. Events are stored by Axon's own serializer, which
 * this does not touch.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    /** The earliest year a date in a request may have ({@link PlausibleDates}). */
    public static final int FIRST_YEAR = PlausibleDates.FIRST_YEAR;
    /** The latest year a date in a request may have ({@link PlausibleDates}). */
    public static final int LAST_YEAR = PlausibleDates.LAST_YEAR;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.featuresToEnable(
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(StrictJsonConfiguration::strict);
    }

    static void strict(ObjectMapper mapper) {
        mapper.getFactory().setInputDecorator(new StrictUtf8());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        for (LogicalType type : new LogicalType[] {
            LogicalType.Integer,
            LogicalType.Float,
            LogicalType.Boolean,
            LogicalType.Enum,
            LogicalType.Textual,
            LogicalType.DateTime
        }) {
            var config = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString
            }) {
                boolean natural = switch (type) {
                    case Integer -> shape == CoercionInputShape.Integer;
                    case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
                    case Boolean -> shape == CoercionInputShape.Boolean;
                    case Enum, Textual, DateTime -> shape == CoercionInputShape.String;
                    default -> false;
                };
                if (!natural) {
                    config.setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        SimpleModule module = new SimpleModule("strict-request-json");
        module.addDeserializer(String.class, new TextDeserializer(false));
        module.addKeyDeserializer(String.class, new TextKeyDeserializer());
        module.addDeserializer(LocalDate.class, new DateDeserializer());
        module.addDeserializer(LocalTime.class, new TimeDeserializer());
        module.addDeserializer(Double.class, new DecimalDeserializer());
        module.addDeserializer(double.class, new DecimalDeserializer());
        mapper.registerModule(module);
    }

    /**
     * A decimal from a JSON number only, and only a finite one: Jackson would take the strings "NaN" and "Infinity",
     * which no range check refuses in one clear message, a number too large for a double as infinity, and one too
     * small for it (other than 0) as 0.
     */
    static final class DecimalDeserializer extends StdScalarDeserializer<Double> {

        DecimalDeserializer() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT) && !parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return (Double) context.handleUnexpectedToken(Double.class, parser);
            }
            double value = parser.getDoubleValue();
            // too large is infinite; too small (1e-400) is 0, which is another number than the one sent
            if (!Double.isFinite(value) || (value == 0 && nonZero(parser.getText()))) {
                throw new RefusedInputException(parser, Double.class, "is out of range for a number");
            }
            return value == 0 ? 0.0 : value; // -0.0 is 0: never stored or echoed with its sign
        }

        /** Whether a JSON number's digits before its exponent hold anything but zeros ({@code 0e9999999999} is 0). */
        static boolean nonZero(String number) {
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (c == 'e' || c == 'E') {
                    return false;
                }
                if (c >= '1' && c <= '9') {
                    return true;
                }
            }
            return false;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }

    /** Text only from a JSON string, and only without control characters. */
    static final class TextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean multiLine;

        TextDeserializer(boolean multiLine) {
            super(String.class);
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean free = property != null && Text.isFreeText(property.getName());
            return free == multiLine ? this : new TextDeserializer(free);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            var problem = Text.problem(text, multiLine);
            if (problem.isPresent()) {
                throw new RefusedInputException(parser, String.class, problem.get());
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Names in a JSON object read as a map (e.g. correctedValues) follow the same rule as one-line text. */
    static final class TextKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            var problem = Text.problem(key, false);
            if (problem.isPresent()) {
                throw new RefusedInputException(context.getParser(), String.class, "has a name that " + problem.get());
            }
            return key;
        }
    }

    /** A date as ISO text (2025-03-31), within the plausible years. */
    static final class DateDeserializer extends StdScalarDeserializer<LocalDate> {

        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(parser.getText(), DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new RefusedInputException(parser, LocalDate.class, "must be a date like 2025-03-31");
            }
            if (!PlausibleDates.plausible(date)) {
                throw new RefusedInputException(parser, LocalDate.class, "must be " + PlausibleDates.range());
            }
            return date;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    /** A time of day as ISO text (14:30 or 14:30:15), to the microsecond at most. */
    static final class TimeDeserializer extends StdScalarDeserializer<LocalTime> {

        TimeDeserializer() {
            super(LocalTime.class);
        }

        @Override
        public LocalTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalTime) context.handleUnexpectedToken(LocalTime.class, parser);
            }
            LocalTime time;
            try {
                if (parser.getText().endsWith(".")) { // ISO_LOCAL_TIME takes "10:00:00." for 10:00
                    throw new DateTimeParseException("a decimal point with no fraction", parser.getText(), 0);
                }
                time = LocalTime.parse(parser.getText(), DateTimeFormatter.ISO_LOCAL_TIME);
            } catch (DateTimeParseException e) {
                throw new RefusedInputException(parser, LocalTime.class, "must be a time like 14:30");
            }
            if (time.getNano() % 1_000 != 0) {
                // the read models keep times as PostgreSQL does, to the microsecond: a finer one would be rounded
                // there and could take another place in her life than the journey gives it
                throw new RefusedInputException(
                        parser, LocalTime.class, "must be a time like 14:30, to the microsecond at most");
            }
            return time;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
