package org.journeyplatform.projections.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's statement that finds rows by a list of participants, on one connection (as a pooled processor's
 * transactions reuse theirs), run while its table is nearly empty and again once it has grown: how PostgreSQL found the rows
 * is read from its own counters of this transaction's scans ({@code pg_stat_xact_user_tables}).
 */
@DisplayName("A statement planned each time it runs")
class PlannedEachTimeTest {

    private static final String FIND =
            "DELETE FROM %s WHERE participant_id = ANY (?) AND event_type = 'assessment-recorded'";

    private Connection connection;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private String table;

    @BeforeEach
    void anEmptyTableOfFactsAndOneConnection() throws SQLException {
        connection = TestCrypto.dataSource().getConnection();
        SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
        jdbc = new JdbcTemplate(one);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(one));
        table = "planned_" + UUID.randomUUID().toString().replace("-", "");
        // shaped as the work-for-today model's facts, as a rebuild beside the live tables makes its new ones
        jdbc.execute("CREATE TABLE " + table + " (LIKE work_fact INCLUDING ALL)");
    }

    @AfterEach
    void dropIt() throws SQLException {
        jdbc.execute("DROP TABLE IF EXISTS " + table);
        connection.close();
    }

    @Test
    @DisplayName(
            "given it ran while the table was nearly empty, when the table has grown, then it still finds her rows by"
                    + " the index")
    void byTheIndexOnceGrown() {
        // given, when
        Scans scans = plannedEachTimeWhileNearlyEmptyThenGrown();

        // then
        assertThat(scans.sequential()).isZero();
        assertThat(scans.byIndex()).isPositive();
    }

    @Test
    @DisplayName("through the platform's connection pool (HikariCP, whose statements wrap the driver's) it is planned"
            + " each time too")
    void throughTheConnectionPool() {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        org.journeyplatform.infra.testsupport.TestDatabase.Coordinates db =
                org.journeyplatform.infra.testsupport.TestDatabase.get();
        config.setJdbcUrl(db.url());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1); // one connection: every statement below runs on it, as a processor's do
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            jdbc = new JdbcTemplate(pool);
            transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));

            Scans scans = plannedEachTimeWhileNearlyEmptyThenGrown();

            assertThat(scans.sequential()).isZero();
            assertThat(scans.byIndex()).isPositive();
        } finally {
            jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true)); // to drop the table after
        }
    }

    @Test
    @DisplayName(
            "(the trap it avoids) a statement prepared while the table was nearly empty scans the grown table whole")
    void theCachedPlanScansTheTable() {
        facts(30);
        for (int i = 0; i < 12; i++) {
            jdbc.update(FIND.formatted(table), (Object) new String[] {"someone"});
        }

        Scans scans = afterGrowth(sql -> jdbc.update(sql, (Object) new String[] {"her", "him"}));

        assertThat(scans.sequential()).isPositive();
    }

    /**
     * A replay's first facts, the statement run through {@link PlannedEachTime} often enough on this connection for the
     * driver to prepare it and PostgreSQL to settle on a plan, then the table grown and the statement run once more:
     * that last run's scans.
     */
    private Scans plannedEachTimeWhileNearlyEmptyThenGrown() {
        facts(30);
        for (int i = 0; i < 12; i++) {
            PlannedEachTime.update(jdbc, FIND.formatted(table), (Object) new String[] {"someone"});
        }
        return afterGrowth(sql -> PlannedEachTime.update(jdbc, sql, (Object) new String[] {"her", "him"}));
    }

    /** This transaction's scans of the table: whole-table scans, and scans of an index. */
    private record Scans(long sequential, long byIndex) {}

    /** Grows the table to 20,000 rows, then runs the statement once in the same transaction, and counts its scans. */
    private Scans afterGrowth(Consumer<String> statement) {
        return transaction.execute(status -> {
            facts(20_000);
            Scans before = scans();
            statement.accept(FIND.formatted(table));
            Scans after = scans();
            return new Scans(after.sequential() - before.sequential(), after.byIndex() - before.byIndex());
        });
    }

    /** Adds this many facts of 5,000 participants, half of them readings. */
    private void facts(int count) {
        jdbc.update(
                "INSERT INTO " + table + " (event_id, participant_id, sequence_number, event_type, occurred_on)"
                        + " SELECT gen_random_uuid(), 'p' || (n % 5000), n,"
                        + " CASE WHEN n % 2 = 0 THEN 'assessment-recorded' ELSE 'programme-entered' END,"
                        + " DATE '2026-01-01' FROM generate_series(1, ?) n",
                count);
    }

    private Scans scans() {
        return jdbc.queryForObject(
                "SELECT coalesce(seq_scan, 0), coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = ?",
                (rs, row) -> new Scans(rs.getLong(1), rs.getLong(2)),
                table);
    }
}
