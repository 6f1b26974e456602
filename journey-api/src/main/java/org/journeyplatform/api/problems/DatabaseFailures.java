package org.journeyplatform.api.problems;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.journeyplatform.infra.axon.JourneyEventStorageEngine;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Tells, from anywhere in an exception's causes, what the database said: unreachable, or a conflicting append. */
public final class DatabaseFailures {

    private static final int MAX_DEPTH = 20;

    private DatabaseFailures() {}

    /**
     * What a {@code 503 unavailable} says: a read changed nothing and needs no key; a write was not recorded and is
     * retried with the same Idempotency-Key.
     */
    public static String unavailableDetail(String method) {
        return method == null || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                ? "The platform could not reach its database in time; nothing was read or changed. Retry in a moment."
                : ProblemType.UNAVAILABLE.description();
    }

    /**
     * The classes of an exception's causes, with the SQL state of each SQL exception, for the log: no messages (they
     * can carry submitted, personal values).
     */
    public static String causes(Throwable e) {
        StringBuilder chain = new StringBuilder();
        Throwable t = e.getCause();
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" < ");
            }
            chain.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                chain.append(" [").append(sql.getSQLState()).append(']');
            }
        }
        return chain.isEmpty() ? "none" : chain.toString();
    }

    /**
     * The database could not be reached or the connection broke (SQL state class 08, 57P01..03 admin shutdown, no
     * connection from the pool, or a plain {@code SQLException} with no SQL state, which is how the pool reports a
     * connection it has already closed under the statement): answered {@code 503 unavailable}, never a 500.
     */
    public static boolean unavailable(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getClass() == SQLException.class && ((SQLException) t).getSQLState() == null) {
                return true; // HikariCP's "Connection is closed": the connection was lost under a statement
            }
        }
        return false;
    }

    /**
     * Two appends to one journey at the same sequence number (two instances, or a cached journey that another instance
     * moved on): the unique constraint of the event table refused the later one.
     */
    public static boolean conflictingAppend(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof org.axonframework.modelling.command.ConcurrencyException
                    && !(t instanceof org.axonframework.modelling.command.ConflictingAggregateVersionException)) {
                return true;
            }
            if (t instanceof SQLException sql && JourneyEventStorageEngine.isTakenSequence(sql)) {
                return true;
            }
        }
        return false;
    }
}
