package org.journeyplatform.infra.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the days of stored events ({@code "2024-03-01"}) without a {@link java.time.format.DateTimeFormatter}: every
 * event has one or more, and with the aggregate cache off a 500-event journey's snapshot is read on every command,
 * where {@code LocalDate.parse} took 6 % of the request threads' CPU. A string of exactly {@code yyyy-MM-dd} that names
 * a real day is read digit by digit, to the same {@link LocalDate} the formatter gives; anything else (another form, an
 * impossible day, a number) goes to Jackson's own deserializer, with its own answers and errors.
 * <p>
 * Only for what Axon stores ({@link EventObjectMappers}); the API's mapper, with its own date rules, does not use it.
 */
final class StoredDates extends SimpleModule {

    StoredDates() {
        super("journey-stored-dates");
        addDeserializer(LocalDate.class, new IsoLocalDate());
    }

    static final class IsoLocalDate extends StdScalarDeserializer<LocalDate> {

        IsoLocalDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                LocalDate day = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (day != null) {
                    return day;
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(parser, context);
        }

        /** The day a {@code yyyy-MM-dd} text names, or null for any other text or a day that does not exist. */
        static LocalDate parse(char[] text, int offset, int length) {
            if (length != 10 || text[offset + 4] != '-' || text[offset + 7] != '-') {
                return null;
            }
            int year = digits(text, offset, 4);
            int month = digits(text, offset + 5, 2);
            int day = digits(text, offset + 8, 2);
            if (year < 0 || month < 0 || day < 0) {
                return null;
            }
            try {
                return LocalDate.of(year, month, day);
            } catch (DateTimeException impossible) {
                return null;
            }
        }

        private static int digits(char[] text, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                char c = text[i];
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
