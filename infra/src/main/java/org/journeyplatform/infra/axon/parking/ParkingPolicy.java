package org.journeyplatform.infra.axon.parking;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.SerializationException;

/**
 * Parks every failed event, with a cause that never quotes personal data. The cause is stored in plain text next to
 * the sealed event and shown to administrators, so it cannot carry what the event seals: an exception's own message
 * might (a database error's detail quotes the values of a row, a JSON parser quotes the token it choked on). What is
 * kept instead:
 * <ul>
 *   <li>a database error: its SQL state and PostgreSQL's primary message up to the first value it quotes (as in
 *   {@code invalid input syntax for type integer: "..."} or {@code value "..." is out of range}; quoted names of
 *   relations, columns and constraints stay); never the detail, which quotes rows (the
 *   driver's own message only when it has no colon or quotes);</li>
 *   <li>a payload that cannot be deserialised: the parser's error class, the JSON path of field names and the
 *   line and column, never the text;</li>
 *   <li>an unknown event type: the type's name (our own message, {@link UnknownEventTypeException});</li>
 *   <li>anything else: the exception classes only.</li>
 * </ul>
 * The cause's type is the outermost exception's class, as Axon records it.
 */
public class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    /**
     * Where PostgreSQL's message quotes a value: the first quote not opening the name of a relation, column,
     * constraint or the like ({@code invalid input syntax for type integer: "..."}, {@code value "..." is out of
     * range}); from there the message is withheld.
     */
    private static final Pattern QUOTE = Pattern.compile("(?:relation |column |constraint |table |index |type |"
            + "function |schema |database |role |sequence |view |trigger |extension |encoding |collation |operator |"
            + "user )\"[^\"\\n]*\"|\"");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ParkingPolicy.class);

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ThrowableCause safe = safeCause(cause);
        // said before the parking commits: when the database itself is away, parking fails too and the whole batch is
        // tried again, so the event may well be handled then (GET /api/v1/admin/parked-events says what is parked)
        log.warn(
                "Event {} failed and is to be parked (or kept parked), unless parking it fails too and its batch is "
                        + "tried again: {}: {}",
                letter.message().getIdentifier(),
                safe.type(),
                safe.message());
        return Decisions.enqueue(safe);
    }

    /** PostgreSQL's primary message up to the first value it quotes. */
    static String withoutValues(String primary) {
        int value = firstValueQuote(primary, 0);
        return value < 0 ? primary : primary.substring(0, value) + "\"...\"";
    }

    /**
     * Where the first quoted value of a PostgreSQL message begins, from a position on, or -1: the first quote that does
     * not open the quoted name of a relation, column, constraint or the like.
     */
    public static int firstValueQuote(String message, int from) {
        java.util.regex.Matcher quote = QUOTE.matcher(message);
        while (quote.find(from)) {
            if (quote.end() - quote.start() == 1) {
                return quote.start();
            }
            from = quote.end();
        }
        return -1;
    }

    /** A cause fit to be stored and shown: its class, and a message that quotes no data. */
    public static ThrowableCause safeCause(Throwable failure) {
        String message = truncate(safeMessage(failure), ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        return new ThrowableCause(failure.getClass().getName(), message);
    }

    static String safeMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownEventTypeException unknown) {
                return unknown.getMessage();
            }
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                String primary = psql.getServerErrorMessage().getMessage();
                return "SQL state " + psql.getSQLState() + ": " + (primary == null ? "" : withoutValues(primary));
            }
            if (t instanceof SQLException sql) {
                // the driver's own sentences ("Zero bytes may not occur in string parameters.") quote nothing; one
                // that might (a colon or quotes) is withheld
                String text = sql.getMessage();
                boolean plain = text != null && text.length() < 200 && !text.matches("(?s).*[:\"'].*");
                return "SQL state " + sql.getSQLState() + ": "
                        + (plain ? text : t.getClass().getSimpleName());
            }
            if (t instanceof JsonProcessingException json) {
                StringBuilder text = new StringBuilder("The payload could not be deserialised: ")
                        .append(t.getClass().getSimpleName());
                if (t instanceof JsonMappingException mapping
                        && !mapping.getPath().isEmpty()) {
                    text.append(" at ")
                            .append(mapping.getPath().stream()
                                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                                    .collect(Collectors.joining(".")));
                }
                JsonLocation location = json.getLocation();
                if (location != null) {
                    text.append(" (line ")
                            .append(location.getLineNr())
                            .append(", column ")
                            .append(location.getColumnNr())
                            .append(')');
                }
                return text.toString();
            }
        }
        if (failure instanceof SerializationException) {
            return "The payload could not be deserialised (" + chain(failure) + ")";
        }
        return "Message withheld: it may quote personal data (" + chain(failure) + ")";
    }

    private static String chain(Throwable failure) {
        StringBuilder classes = new StringBuilder();
        for (Throwable t = failure; t != null && classes.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            classes.append(classes.isEmpty() ? "" : " < ").append(t.getClass().getName());
        }
        return classes.toString();
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
