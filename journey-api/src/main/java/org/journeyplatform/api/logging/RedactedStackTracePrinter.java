package org.journeyplatform.api.logging;

import java.io.IOException;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.StandardStackTracePrinter;

/**
 * Stack traces in structured (JSON) logs, written as {@link RedactedStackTraces} writes them in the plain log: every
 * message of the trace with the values it quotes withheld, the classes and frames as they are. Spring Boot's JSON
 * formats print stack traces their own way, not through the log pattern's conversion word; {@code application.yml}
 * names this printer for them ({@code logging.structured.json.stacktrace.printer}).
 */
public class RedactedStackTracePrinter implements StackTracePrinter {

    private final StackTracePrinter printer = StandardStackTracePrinter.rootLast()
            .withFormatter(throwable -> {
                String className = throwable.getClass().getName();
                String message = RedactedStackTraces.redact(className, throwable.getLocalizedMessage());
                return message == null ? className : className + ": " + message;
            });

    @Override
    public void printStackTrace(Throwable throwable, Appendable out) throws IOException {
        printer.printStackTrace(throwable, out);
    }
}
