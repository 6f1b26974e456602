package org.journeyplatform.api.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The exception's message that structured (JSON) logs write beside its stack trace ({@code error.message} in ECS,
 * {@code _error_message} in GELF), with the values it quotes withheld as {@link RedactedStackTraces} withholds them.
 * Named in {@code application.yml} ({@code logging.structured.json.customizer}).
 */
public class RedactedJsonMessages implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(
                JsonWriter.ValueProcessor.of(String.class, (String message) -> RedactedStackTraces.redact("", message))
                        .whenHasPath(path -> path.toString().equals("error.message")
                                || path.toString().equals("_error_message")));
    }
}
