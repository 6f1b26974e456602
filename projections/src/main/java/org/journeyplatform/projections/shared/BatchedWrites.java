package org.journeyplatform.projections.shared;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A projection's writes held back until its transaction commits, then sent as JDBC batches: one round trip for a
 * processor's batch of events rather than one per event (a replay of a large store writes hundreds of thousands of
 * rows). Outside a transaction, a write is made at once.
 * <p>
 * What is held back behaves as if it had been written at once, as far as the projection can tell: the statements run in
 * the order they were added, each seeing the ones before it (a batch is not one statement), in the transaction they
 * were added in, before it commits. A projection that reads its own tables or runs another statement on them in the
 * same transaction calls {@link #flush()} first. The parking of poison events (ADR 0013) sees a failed write as a failed
 * handler call: when handlers run behind savepoints, each call is followed by Spring's transaction flush
 * ({@code TransactionSynchronizationUtils.triggerFlush()}), which sends what that call held back inside its savepoint
 * (and, before the savepoint, what earlier calls held). A handler adds its writes last, after anything that can fail:
 * a savepoint rolled back does not take back what its call held and had not sent.
 */
public final class BatchedWrites {

    /** Held back at most: more are sent at once, so a large transaction's memory stays bounded. */
    static final int LIMIT = 1_000;

    private final JdbcTemplate jdbc;

    public BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the statement now, or before the current transaction commits (and before any {@link #flush()}). */
    public void add(String sql, Object... params) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update(sql, params);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending(this);
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(sql, params);
        if (pending.size() >= LIMIT) {
            pending.flush();
        }
    }

    /**
     * Holds back one row for a table written set-based ({@link Rows}): consecutive rows of the same {@code Rows} go as
     * one statement. Outside a transaction, the row is written at once (a run of one).
     */
    public void add(Rows rows, Object... values) {
        if (values.length != rows.columns) {
            throw new IllegalArgumentException(
                    "A row of " + values.length + " values for " + rows.columns + " columns");
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            rows.send(jdbc, List.<Object[]>of(values.clone()));
            return;
        }
        add(rows.sql, new Object[] {new Row(rows, values.clone())});
    }

    /**
     * A table's rows written set-based: a run of them is sent as one statement that takes each column as a text array
     * ({@code unnest(CAST(? AS text[]), ...)}), rather than one statement per row. PostgreSQL then pays its per-statement
     * cost once per run instead of once per row: a replay writes a row per event.
     * <p>
     * The statement's SELECT reads the columns as text and casts them; it does not see the rows of its own run (one
     * statement), so a row that depends on the rows before it (the timeline's "late") is given what the run's earlier
     * rows say by {@code beforeSending}, which sees the run's rows in order and may change their values.
     */
    public static final class Rows {

        private final String sql;
        private final int columns;
        private final java.util.function.Consumer<List<Object[]>> beforeSending;

        /**
         * @param sql           the statement, with one {@code CAST(? AS text[])} per column in {@code unnest(...)}
         * @param columns       how many values a row has
         * @param beforeSending sees each run of rows, in order, just before it is sent, and may change their values
         */
        public Rows(String sql, int columns, java.util.function.Consumer<List<Object[]>> beforeSending) {
            this.sql = sql;
            this.columns = columns;
            this.beforeSending = beforeSending;
        }

        public Rows(String sql, int columns) {
            this(sql, columns, run -> {});
        }

        /**
         * The unnest of text arrays, one per name: {@code " unnest(CAST(? AS text[]), ...) AS v(a, b)"} (with a space
         * before it: a text block drops the one after its FROM).
         */
        public static String unnest(String alias, String... names) {
            return " unnest(" + String.join(", ", java.util.Collections.nCopies(names.length, "CAST(? AS text[])"))
                    + ") AS " + alias + "(" + String.join(", ", names) + ")";
        }

        void send(JdbcTemplate jdbc, List<Object[]> run) {
            beforeSending.accept(run);
            Object[] arrays = new Object[columns];
            for (int column = 0; column < columns; column++) {
                String[] values = new String[run.size()];
                for (int row = 0; row < run.size(); row++) {
                    Object value = run.get(row)[column];
                    values[row] = value == null ? null : value.toString();
                }
                arrays[column] = values;
            }
            jdbc.update(sql, arrays);
        }
    }

    /** A row held back, with the set-based write it belongs to. */
    private record Row(Rows rows, Object[] values) {}

    /** Sends what the current transaction holds back, in order; nothing when it holds nothing. */
    public void flush() {
        Object pending = TransactionSynchronizationManager.isSynchronizationActive()
                ? TransactionSynchronizationManager.getResource(this)
                : null;
        if (pending != null) {
            ((Pending) pending).flush();
        }
    }

    /** One statement and its arguments, in the order added. */
    private record Statement(String sql, Object[] params) {}

    /** What one transaction holds back. */
    private static final class Pending implements TransactionSynchronization {

        private final BatchedWrites owner;
        private final List<Statement> statements = new ArrayList<>();

        Pending(BatchedWrites owner) {
            this.owner = owner;
        }

        void add(String sql, Object[] params) {
            statements.add(new Statement(sql, params));
        }

        int size() {
            return statements.size();
        }

        /** Consecutive statements of the same text go as one JDBC batch; the order is kept. */
        @Override
        public void flush() {
            // taken out first: when a statement fails (behind a savepoint that is then rolled back), none of these is
            // sent again by a later flush
            List<Statement> sending = new ArrayList<>(statements);
            statements.clear();
            int from = 0;
            while (from < sending.size()) {
                String sql = sending.get(from).sql();
                int to = from + 1;
                while (to < sending.size() && sending.get(to).sql().equals(sql)) {
                    to++;
                }
                List<Object[]> args = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    args.add(sending.get(i).params());
                }
                if (args.get(0).length == 1 && args.get(0)[0] instanceof Row first) {
                    List<Object[]> run = new ArrayList<>(args.size());
                    args.forEach(arg -> run.add(((Row) arg[0]).values()));
                    try {
                        first.rows().send(owner.jdbc, run);
                    } catch (DataAccessException e) {
                        throw withoutValues(e);
                    }
                } else if (args.size() == 1) {
                    owner.jdbc.update(sql, args.get(0));
                } else {
                    try {
                        owner.jdbc.batchUpdate(sql, args);
                    } catch (DataAccessException e) {
                        throw withoutValues(e);
                    }
                }
                from = to;
            }
        }

        /**
         * The driver's message for a failed batch quotes the failing statement with its values (her words, in a
         * timeline row), and the processor logs it: this keeps PostgreSQL's own error (SQL state and message, which
         * the parking of poison events records) and drops the statement.
         */
        private static RuntimeException withoutValues(DataAccessException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BatchUpdateException batch && batch.getNextException() != null) {
                return new UncategorizedSQLException("a batched write of a projection", null, batch.getNextException());
            }
            if (cause instanceof BatchUpdateException batch) {
                return new UncategorizedSQLException(
                        "a batched write of a projection",
                        null,
                        new SQLException("a statement of the batch failed", batch.getSQLState(), batch.getErrorCode()));
            }
            return e;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
        }

        @Override
        public void afterCompletion(int status) {
            statements.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
