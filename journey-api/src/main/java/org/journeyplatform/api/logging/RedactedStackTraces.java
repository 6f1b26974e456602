package org.journeyplatform.api.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.context.ApplicationListener;

/**
 * Stack traces in the log never quote a stored value. The parking line of a projection that failed says only what
 * {@code ParkingPolicy} allows, but the stack trace logged with a failure carries each exception's own message, and
 * those quote data: PostgreSQL's message for a value it cannot take ends with the value ({@code invalid input syntax
 * for type integer: "..."}), and Spring's data-access exceptions repeat that message in theirs; Jackson's quote the
 * token they could not read. (The driver is told to leave out PostgreSQL's detail and context lines, which quote rows
 * and JSON, and a failed batch's statement with its values: {@code logServerErrorDetail=false} in
 * {@code application.yml}.) A log is read and shipped by people who may not see a participant's record.
 * <p>
 * Every exception's message is therefore written with PostgreSQL's part cut at its first quoted value and without any
 * detail, hint or context lines should the driver be set to add them (from {@code ERROR:}, {@code FATAL:},
 * {@code PANIC:} or {@code WARNING:} on, as the driver writes them; PostgreSQL's messages in English, its default
 * {@code lc_messages}), without a failed batch's statement or the driver's quote of a value it could not convert, and
 * with Jackson's up to the first value it quotes, then where it was; the classes, the SQL statement (which has
 * parameters, never values) and every stack frame stay. The conversion word {@code %redactedEx} does this; the
 * platform's log patterns use it ({@code logging.exception-conversion-word}), registered before logging starts. Messages
 * written by the platform's own log lines are its own affair: they name events and ids, never values.
 */
public class RedactedStackTraces extends ExtendedWhitespaceThrowableProxyConverter {

    /** Where PostgreSQL's part of a message begins, as the JDBC driver writes it. */
    private static final Pattern SEVERITY = Pattern.compile("\\b(?:ERROR|FATAL|PANIC|WARNING): ");
    /** PostgreSQL's detail lines after its message, as the driver writes them (when it is allowed to). */
    private static final Pattern DETAIL_LINE = Pattern.compile(
            "  (?:Detail|Hint|Where|Position|Internal Query|Internal Position|Location|Routine|File|Line|"
                    + "Server SQLState): ");
    /** Java's NumberFormatException, which quotes its input. */
    private static final Pattern INPUT_STRING = Pattern.compile("For input string: \"[^\"\\n]*\"?");
    /** java.time's DateTimeParseException, which quotes its input. */
    private static final Pattern UNPARSED_TEXT = Pattern.compile("(?s)Text '.*?' could not be parsed");
    /** The driver's own message for a value it could not convert, which ends with the value. */
    private static final Pattern DRIVER_VALUE = Pattern.compile("(?s)(Bad value for type [^:]*:).*");
    /** A failed batch's statement, which the driver writes with its values unless told not to. */
    private static final Pattern BATCH_STATEMENT = Pattern.compile("(?s)(Batch entry \\d+) .*? was aborted");
    /** Jackson's number out of range, which it writes in parentheses. */
    private static final Pattern NUMERIC_VALUE = Pattern.compile("Numeric value \\([^)]*\\)");
    /** Where Jackson met what it could not read. */
    private static final Pattern JSON_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
    /** The fields Jackson was in (names and indexes, never values). */
    private static final Pattern JSON_PATH = Pattern.compile("\\(through reference chain: ([^)\\n]*)\\)");

    public static final String CONVERSION_WORD = "redactedEx";

    /** Registers {@code %redactedEx} with Logback before Spring Boot configures it. */
    public static class Registration implements ApplicationListener<ApplicationStartingEvent> {
        @Override
        public void onApplicationEvent(ApplicationStartingEvent event) {
            register();
        }
    }

    public static void register() {
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put(CONVERSION_WORD, RedactedStackTraces::new);
    }

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(Redacted.of(proxy));
    }

    /** An exception's message with no stored value in it. */
    public static String redact(String className, String message) {
        if (message == null) {
            return null;
        }
        // every rule on every message, whatever its class: a wrapper's message often copies its cause's
        // (new X(cause) says cause.toString(); Spring's data-access exceptions append the driver's message)
        String text = BATCH_STATEMENT.matcher(message).replaceAll("$1 (statement withheld) was aborted");
        text = serverMessages(text);
        text = DRIVER_VALUE.matcher(text).replaceAll("$1 ...");
        text = INPUT_STRING.matcher(text).replaceAll("For input string: \"...\"");
        text = UNPARSED_TEXT.matcher(text).replaceAll("Text '...' could not be parsed");
        if (className.startsWith("com.fasterxml.jackson.")
                || text.startsWith("com.fasterxml.jackson.")
                || text.contains("JSON parse error")) {
            text = jackson(text);
        }
        return text;
    }

    /**
     * PostgreSQL's messages, as the driver writes them (a line from the severity on, then indented detail lines): on
     * that line everything from the first quoted value on is withheld, but not a quoted name of a relation, column,
     * constraint or the like before it (so that Flyway's and the schema's errors still say what they are about); a
     * value the line does not close is withheld with the lines it runs on to; detail lines, which quote rows and JSON,
     * are dropped and said to be.
     */
    private static String serverMessages(String text) {
        if (!SEVERITY.matcher(text).find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean afterSeverity = false;
        boolean insideValue = false;
        boolean dropped = false;
        for (String line : text.split("\n", -1)) {
            if (insideValue) {
                insideValue = line.indexOf('"') < 0;
                continue;
            }
            if (afterSeverity && DETAIL_LINE.matcher(line).lookingAt()) {
                dropped = true;
                continue;
            }
            if (dropped) {
                out.append(" (detail withheld from the log)");
                dropped = false;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            Matcher severity = SEVERITY.matcher(line);
            if (severity.find()) {
                afterSeverity = true;
                int value = org.journeyplatform.infra.axon.parking.ParkingPolicy.firstValueQuote(line, severity.end());
                if (value >= 0) {
                    // the rest of the line goes: a value may hold quotes itself, and one with no closing quote here
                    // runs on to the next lines, up to the one that closes it
                    insideValue = line.indexOf('"', value + 1) < 0;
                    out.append(line, 0, value).append("\"...\"");
                } else {
                    out.append(line);
                }
            } else {
                afterSeverity = afterSeverity && line.isBlank();
                out.append(line);
            }
        }
        if (dropped) {
            out.append(" (detail withheld from the log)");
        }
        return out.toString();
    }

    /**
     * A message of Jackson's (or one that copies it) up to the first value it quotes, then where it was: Jackson
     * quotes the token or text it could not read ({@code Unrecognized token 'Wren'}, {@code from String "..."}) or
     * the number ({@code Numeric value (1993...) out of range}), with quotes that may themselves hold quotes.
     */
    private static String jackson(String message) {
        String text = NUMERIC_VALUE.matcher(message).replaceAll("Numeric value [value withheld]");
        int cut = text.length();
        for (char c : new char[] {'\'', '"', '\n'}) {
            int at = text.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        if (cut == text.length()) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.substring(0, cut).stripTrailing()).append(" [value withheld]");
        Matcher where = JSON_LOCATION.matcher(text);
        if (where.find()) {
            safe.append(" (line ")
                    .append(where.group(1))
                    .append(", column ")
                    .append(where.group(2))
                    .append(')');
        }
        Matcher chain = JSON_PATH.matcher(text);
        if (chain.find()) {
            safe.append(" (through reference chain: ").append(chain.group(1)).append(')');
        }
        return safe.toString();
    }

    /** A logged exception whose messages, and those of its causes, are redacted. */
    private record Redacted(IThrowableProxy proxy) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy proxy) {
            return proxy == null || proxy instanceof Redacted ? proxy : new Redacted(proxy);
        }

        @Override
        public String getMessage() {
            return redact(proxy.getClassName(), proxy.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return redact(proxy.getClassName(), proxy.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            return suppressed == null
                    ? null
                    : Arrays.stream(suppressed).map(Redacted::of).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
