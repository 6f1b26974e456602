package org.journeyplatform.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.UncategorizedSQLException;

@DisplayName("A stack trace in the log")
class RedactedStackTracesTest {

    @Nested
    @DisplayName("given PostgreSQL's refusal of a value, wrapped as Spring and Axon wrap it")
    class DatabaseRefusal {

        @Test
        @DisplayName(
                "keeps the classes, the statement and the kind of error, never the value, the detail or the context")
        void withholdsTheValue() {
            SQLException refusal = new PSQLException(
                    "ERROR: invalid input syntax for type integer: \"Wren's secret\"\n"
                            + "  Detail: Key (participant_id)=(Wren Example) already exists.\n"
                            + "  Where: JSON data, line 1: {\"chosenName\":\"Wren Example",
                    PSQLState.DATA_TYPE_MISMATCH);
            RuntimeException wrapped = new IllegalStateException(
                    "Exception occurred while processing events",
                    new UncategorizedSQLException("PreparedStatementCallback", "INSERT INTO t VALUES (?)", refusal));

            String logged = render(wrapped);

            assertThat(logged)
                    .contains(
                            "java.lang.IllegalStateException: Exception occurred while processing events",
                            "UncategorizedSQLException",
                            "INSERT INTO t VALUES (?)",
                            "ERROR: invalid input syntax for type integer: \"...\" (detail withheld from the log)",
                            "org.postgresql.util.PSQLException",
                            "\tat ")
                    .doesNotContain("Wren", "secret", "Key (", "JSON data");
        }

        @Test
        @DisplayName(
                "as the driver writes it without detail (logServerErrorDetail=false), cuts the value and says no more")
        void withoutDetail() {
            assertThat(render(new PSQLException(
                            "ERROR: invalid input syntax for type integer: \"١٩٩٠ Wren\"",
                            PSQLState.DATA_TYPE_MISMATCH)))
                    .contains("PSQLException: ERROR: invalid input syntax for type integer: \"...\"\n")
                    .doesNotContain("Wren", "withheld");
        }

        @Test
        @DisplayName("withholds the driver's own quote of a value it could not convert")
        void withholdsTheDriversQuote() {
            assertThat(render(new PSQLException("Bad value for type int : Wren", PSQLState.NUMERIC_VALUE_OUT_OF_RANGE)))
                    .contains("Bad value for type int : ...")
                    .doesNotContain("Wren");
        }
    }

    @Test
    @DisplayName("given JSON that cannot be read, keeps the parser's error and where, never the token")
    void withholdsJsonTokens() throws Exception {
        JsonParseException failure = null;
        try {
            new ObjectMapper().readTree("{\"chosenName\": Wren}");
        } catch (JsonParseException e) {
            failure = e;
        }

        String logged = render(failure);

        assertThat(logged)
                .contains("JsonParseException", "Unrecognized token", "line 1")
                .doesNotContain("Wren");
    }

    @Test
    @DisplayName("given a value Jackson quotes that holds quotes itself, or a number, withholds all of it")
    void withholdsAwkwardValues() {
        Exception quotes = null;
        Exception number = null;
        try {
            new ObjectMapper().readValue("{\"year\": \"Ma\\\"ria\\\" 1990\"}", Year.class);
        } catch (Exception e) {
            quotes = e;
        }
        try {
            new ObjectMapper().readValue("{\"year\": 19930000000000}", Year.class);
        } catch (Exception e) {
            number = e;
        }

        assertThat(render(quotes)).contains("Cannot deserialize", "year").doesNotContain("Ma\"ria", "ria\"", "1990");
        assertThat(render(number)).contains("Numeric value").doesNotContain("1993");
    }

    record Year(int year) {}

    @Test
    @DisplayName("given a wrapper whose message copies its cause's, withholds the value there too")
    void withholdsCopies() {
        Exception json = null;
        try {
            new ObjectMapper().readTree("{\"chosenName\": Wren}");
        } catch (Exception e) {
            json = e;
        }
        RuntimeException copiesJson = new IllegalStateException(json);
        RuntimeException copiesDriver = new IllegalStateException(
                new PSQLException("Bad value for type int : Wren", PSQLState.NUMERIC_VALUE_OUT_OF_RANGE));
        RuntimeException batch = new IllegalStateException(new java.sql.BatchUpdateException(
                "Batch entry 0 INSERT INTO participant VALUES ('Wren', 1990) was aborted: ERROR: boom  Call "
                        + "getNextException to see other errors in the batch.",
                new int[0]));

        assertThat(render(copiesJson)).contains("Unrecognized token").doesNotContain("Wren");
        assertThat(render(copiesDriver))
                .contains("Bad value for type int : ...")
                .doesNotContain("Wren");
        assertThat(render(batch))
                .contains("Batch entry 0 (statement withheld) was aborted: ERROR: boom")
                .doesNotContain("Wren", "1990");
    }

    @Test
    @DisplayName("given any other exception, is the one Spring Boot writes")
    void leavesOthersAlone() {
        IllegalArgumentException failure = new IllegalArgumentException("no programme 42: unknown");
        assertThat(render(failure)).contains("java.lang.IllegalArgumentException: no programme 42: unknown");
    }

    private static String render(Throwable failure) {
        LoggerContext context = new LoggerContext();
        RedactedStackTraces converter = new RedactedStackTraces();
        converter.setContext(context);
        converter.start();
        LoggingEvent event = new LoggingEvent(
                RedactedStackTracesTest.class.getName(),
                context.getLogger("test"),
                Level.WARN,
                "failed",
                failure,
                null);
        return converter.convert(event);
    }
}
