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
 * for type integer: "..."}), its detail and context lines quote rows and JSON ({@code Key (id)=(...)}, {@code JSON
 * data, line 1: ...}), and Spring's data-access exceptions repeat that message in theirs; Jackson's quote the token
 * they could not read. A log is read and shipped by people who may not see a participant's record.
 * <p>
 * Every exception's message is therefore written with PostgreSQL's part cut at its first quoted value and without
 * its detail, hint and context lines (from {@code ERROR:}, {@code FATAL:}, {@code PANIC:} or {@code WARNING:} on, as
 * the driver writes them), and with Jackson's quoted tokens left out; the classes, the SQL statement (which has
 * parameters, never values) and every stack frame stay. The conversion word {@code %redactedEx} does this; the
 * platform's log patterns use it ({@code logging.exception-conversion-word}), registered before logging starts. Messages
 * written by the platform's own log lines are its own affair: they name events and ids, never values.
 */
public class RedactedStackTraces extends ExtendedWhitespaceThrowableProxyConverter {

    /** PostgreSQL's part of a message, from its severity on, as the JDBC driver writes it. */
    private static final Pattern SERVER_MESSAGE = Pattern.compile("(?s)\\b(ERROR|FATAL|PANIC|WARNING): (.*)");
    /** The driver's own message for a value it could not convert, which ends with the value. */
    private static final Pattern DRIVER_VALUE = Pattern.compile("(?s)(Bad value for type [^:]*:).*");
    /** A quoted value, or the beginning of one cut by the end of the line. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]*(\"|$)|'[^'\\n]*('|$)", Pattern.MULTILINE);

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
    static String redact(String className, String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        Matcher server = SERVER_MESSAGE.matcher(text);
        if (server.find()) {
            String primary = server.group(2);
            int end = primary.indexOf('\n');
            primary = end < 0 ? primary : primary.substring(0, end);
            int quote = primary.indexOf('"');
            if (quote >= 0) {
                primary = primary.substring(0, quote) + "\"...\"";
            }
            text = text.substring(0, server.start()) + server.group(1) + ": " + primary.stripTrailing()
                    + " (detail withheld from the log)";
        }
        if (className.startsWith("org.postgresql.")) {
            text = DRIVER_VALUE.matcher(text).replaceAll("$1 ...");
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            text = QUOTED.matcher(text).replaceAll("'...'");
        }
        return text;
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
