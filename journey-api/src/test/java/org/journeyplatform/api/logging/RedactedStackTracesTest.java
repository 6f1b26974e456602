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
    @DisplayName("given PostgreSQL's refusal of a value, wrapped as Spring wraps it")
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

        assertThat(render(quotes)).contains("Cannot deserialize", "year").doesNotContain("Ma\"ria", "ria\"", "1990\"");
        assertThat(render(number)).contains("Numeric value [value withheld]").doesNotContain("19930000000000");
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
                .doesNotContain("Wren", "'Wren', 1990");
    }

    @Test
    @DisplayName("given any other exception, is exactly the one Spring Boot writes")
    void leavesOthersAlone() {
        IllegalStateException failure = new IllegalStateException(
                "Error creating bean with name 'jacksonObjectMapper' defined in class path resource [x.class]",
                new IllegalArgumentException("no programme 42: unknown (see \"docs\")"));

        assertThat(render(failure)).isEqualTo(springBoots(failure));
    }

    @Test
    @DisplayName("given a migration that failed, keeps what Flyway says of it and the names PostgreSQL quotes")
    void keepsFlywaysReport() {
        String report = """
                Migration V22__profile_changes.sql failed
                -----------------------------------------
                SQL State  : 42P07
                Error Code : 0
                Message    : ERROR: relation "participant_profile_change" already exists
                Location   : db/migration/V22__profile_changes.sql (/x/V22__profile_changes.sql)
                Line       : 8
                Statement  : CREATE TABLE participant_profile_change (event_id VARCHAR(64))""";
        IllegalStateException failure = new IllegalStateException(report);

        assertThat(render(failure)).isEqualTo(springBoots(failure));
    }

    @Test
    @DisplayName("given Java's and java.time's refusals of text, and a value PostgreSQL quotes over two lines, "
            + "withholds them")
    void withholdsOtherQuotes() {
        assertThat(render(new NumberFormatException("For input string: \"Wren 12\"")))
                .contains("For input string: \"...\"")
                .doesNotContain("Wren");
        assertThat(render(new java.time.format.DateTimeParseException(
                        "Text 'Wren's day' could not be parsed at index 0", "Wren's day", 0)))
                .contains("Text '...' could not be parsed at index 0")
                .doesNotContain("Wren");
        assertThat(render(new PSQLException(
                        "ERROR: value \"Wren\nExample\" is out of range for type integer\n  Where: x",
                        PSQLState.NUMERIC_VALUE_OUT_OF_RANGE)))
                .contains("ERROR: value \"...\" (detail withheld from the log)")
                .doesNotContain("Wren", "Example");
    }

    private static String springBoots(Throwable failure) {
        LoggerContext context = new LoggerContext();
        var converter = new org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter();
        converter.setContext(context);
        converter.start();
        return converter.convert(event(context, failure));
    }

    private static LoggingEvent event(LoggerContext context, Throwable failure) {
        return new LoggingEvent(
                RedactedStackTracesTest.class.getName(),
                context.getLogger("test"),
                Level.WARN,
                "failed",
                failure,
                null);
    }

    private static String render(Throwable failure) {
        LoggerContext context = new LoggerContext();
        RedactedStackTraces converter = new RedactedStackTraces();
        converter.setContext(context);
        converter.start();
        return converter.convert(event(context, failure));
    }
}
