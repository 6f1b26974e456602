package org.journeyplatform.api.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.assertj.core.util.Throwables;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.journeyplatform.projections.shared.BatchedWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projections' writes held back until their transaction commits (timeline rows, dashboard facts), against a real
 * PostgreSQL: nothing is lost, doubled or reordered, and a failed write behind a savepoint is that write's failure only.
 */
@DisplayName("A projection's batched writes behave as if each had been written at once")
class BatchedWritesTest {

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private BatchedWrites writes;
    private String table;

    @BeforeEach
    void aTable() {
        TestDatabase.Coordinates db = TestDatabase.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        writes = new BatchedWrites(jdbc);
        table = "batched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("CREATE TABLE " + table + " (n int PRIMARY KEY, earlier int NOT NULL, word text)");
    }

    @AfterEach
    void dropIt() {
        jdbc.execute("DROP TABLE IF EXISTS " + table);
    }

    /** Row n, counting the rows written before it: shows that each statement sees the ones before it. */
    private void add(int n, String word) {
        writes.add(
                "INSERT INTO " + table + " (n, earlier, word) SELECT ?, (SELECT count(*) FROM " + table
                        + "), ? ON CONFLICT DO NOTHING",
                n,
                word);
    }

    private List<String> rows() {
        return jdbc.queryForList(
                "SELECT n || ':' || earlier || ':' || coalesce(word, '') FROM " + table + " ORDER BY n", String.class);
    }

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    @Test
    @DisplayName("outside a transaction, a write is made at once")
    void outsideATransaction() {
        add(1, "one");
        assertThat(rows()).containsExactly("1:0:one");
    }

    @Nested
    @DisplayName("in a transaction")
    class InATransaction {

        @Test
        @DisplayName("writes wait for the commit, then are all made, in order, each seeing the ones before it")
        void heldUntilCommit() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                for (int n = 1; n <= 5; n++) {
                    add(n, "w" + n);
                }
                assertThat(count()).as("held back").isZero();
            });
            assertThat(rows()).containsExactly("1:0:w1", "2:1:w2", "3:2:w3", "4:3:w4", "5:4:w5");
        }

        @Test
        @DisplayName("a flush sends what is held, so that a statement after it sees them")
        void flushFirst() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                add(1, "a");
                add(2, "b");
                writes.flush();
                assertThat(count()).isEqualTo(2);
                add(3, "c");
            });
            assertThat(rows()).containsExactly("1:0:a", "2:1:b", "3:2:c");
        }

        @Test
        @DisplayName("a rolled-back transaction writes nothing, and the next one does not send its writes again")
        void rollback() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                add(1, "lost");
                status.setRollbackOnly();
            });
            new TransactionTemplate(transactions).executeWithoutResult(status -> add(2, "kept"));
            assertThat(rows()).containsExactly("2:0:kept");
        }

        @Test
        @DisplayName("a large transaction sends its writes before the commit, keeping memory bounded")
        void bounded() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                for (int n = 1; n <= 1_500; n++) {
                    add(n, null);
                }
                assertThat(count()).as("sent early").isGreaterThanOrEqualTo(1_000);
            });
            assertThat(count()).isEqualTo(1_500);
        }

        @Test
        @DisplayName("a write that fails fails the commit, nothing of the transaction is kept, and the error quotes "
                + "no value")
        void failingAtCommit() {
            Throwable failure =
                    catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        add(1, "Marigold");
                        add(2, "Juniper \u0000 refused");
                        add(3, "Larkspur");
                    }));
            assertThat(failure).isInstanceOf(DataAccessException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                        .as(t.getClass().getName())
                        .doesNotContain("Marigold", "Juniper", "Larkspur");
            }
            assertThat(Throwables.getRootCause(failure))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .asString()
                    .startsWith("22");
            assertThat(count()).isZero();
        }
    }

    @Nested
    @DisplayName("written set-based, a run of rows as one statement")
    class SetBased {

        private final List<Integer> runs = new java.util.ArrayList<>();

        /** Row n with its word; the run's size is kept, and "earlier" counts the rows of the run before it. */
        private BatchedWrites.Rows rowsOf() {
            return new BatchedWrites.Rows(
                    "INSERT INTO " + table + " (n, earlier, word) SELECT CAST(r.n AS int), CAST(r.earlier AS int),"
                            + " r.word FROM " + BatchedWrites.Rows.unnest("r", "n", "earlier", "word")
                            + " ON CONFLICT DO NOTHING",
                    3,
                    run -> {
                        runs.add(run.size());
                        for (int i = 0; i < run.size(); i++) {
                            run.get(i)[1] = i;
                        }
                    });
        }

        @Test
        @DisplayName("outside a transaction, a row is written at once")
        void outsideATransaction() {
            writes.add(rowsOf(), 1, null, "one");
            assertThat(rows()).containsExactly("1:0:one");
        }

        @Test
        @DisplayName("consecutive rows go as one statement at the commit, with their values as given, nulls included;"
                + " a row given twice is written once")
        void oneStatementPerRun() {
            BatchedWrites.Rows rows = rowsOf();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                writes.add(rows, 1, null, "ä \"quoted\", {braced} and 'single'");
                writes.add(rows, 2, null, null);
                writes.add(rows, 2, null, "again");
                writes.add(rows, 3, null, "");
                assertThat(count()).as("held back").isZero();
            });
            assertThat(runs).containsExactly(4);
            assertThat(rows()).containsExactly("1:0:ä \"quoted\", {braced} and 'single'", "2:1:", "3:3:");
        }

        @Test
        @DisplayName("a statement of another kind between rows ends a run, and the order is kept")
        void orderKept() {
            BatchedWrites.Rows rows = rowsOf();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                writes.add(rows, 1, null, "a");
                writes.add(rows, 2, null, "b");
                add(3, "c");
                writes.add(rows, 4, null, "d");
            });
            assertThat(runs).containsExactly(2, 1);
            assertThat(rows()).containsExactly("1:0:a", "2:1:b", "3:2:c", "4:0:d");
        }

        @Test
        @DisplayName("a run that fails fails the commit, keeps nothing, and its error quotes no value")
        void failing() {
            BatchedWrites.Rows rows = rowsOf();
            Throwable failure =
                    catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        writes.add(rows, 1, null, "Marigold");
                        writes.add(rows, 2, null, "Juniper \u0000 refused");
                    }));
            assertThat(failure).isInstanceOf(DataAccessException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                        .as(t.getClass().getName())
                        .doesNotContain("Marigold", "Juniper");
            }
            assertThat(count()).isZero();
        }

        @Test
        @DisplayName("a row of the wrong number of values is refused when added")
        void wrongWidth() {
            assertThatThrownBy(() -> writes.add(rowsOf(), 1, "two")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("behind a savepoint per handler call, as a parking processor runs them after a failure")
    class BehindSavepoints {

        @Test
        @DisplayName("the failed call's write is rolled back alone, never sent again, and the others commit")
        void oneFails() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                handlerCall(() -> add(1, "before"));
                assertThatThrownBy(() -> handlerCall(() -> add(2, "NUL \u0000 refused")))
                        .isInstanceOf(DataAccessException.class);
                handlerCall(() -> add(3, "after"));
            });
            assertThat(rows()).containsExactly("1:0:before", "3:1:after");
        }

        @Test
        @DisplayName("writes held from before the switch to savepoints fail the batch, not the next event's call")
        void heldFromBefore() {
            assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        add(1, "NUL \u0000 refused"); // a call made before the processor met a failure
                        handlerCall(() -> add(2, "innocent"));
                    }))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageNotContaining("innocent");
            assertThat(count()).isZero();
        }

        /** What {@code SavepointPerEvent} does around a handler call once its processor has met a failure. */
        private void handlerCall(Runnable handler) {
            TransactionSynchronizationUtils.triggerFlush(); // what earlier calls held, outside this call's savepoint
            TransactionStatus savepoint = transactions.getTransaction(
                    new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
            try {
                handler.run();
                TransactionSynchronizationUtils.triggerFlush();
            } catch (RuntimeException e) {
                transactions.rollback(savepoint);
                throw e;
            }
            transactions.commit(savepoint);
        }
    }
}
