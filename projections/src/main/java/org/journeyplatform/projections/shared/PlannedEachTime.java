package org.journeyplatform.projections.shared;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A statement that PostgreSQL plans anew, for the values it is given, every time it runs: never from a plan it cached
 * for the statement's text.
 * <p>
 * The driver prepares a statement on the server once it has run a few times on a connection, and PostgreSQL then
 * settles on one generic plan for it, costed against the tables as they were at that moment. A projection's tables
 * start empty (a replay, a rebuild beside the live tables, a new installation), so a statement that finds rows by a
 * list of participants was planned as a scan of the whole (tiny) table, and kept that plan while the table grew to
 * hundreds of thousands of rows: the work-for-today model's latest-reading statements took 3 to 15 ms each during a
 * replay of 200,000 events (auto_explain), one scan per transaction, growing with the table. Statements that run once
 * per transaction of a processor are cheap to plan each time; per-event statements keep their cached plans.
 * <p>
 * The driver reuses a server-side statement it already prepared for the same text on that connection, whatever is
 * asked here: a text sent through this class must be sent through it only.
 */
public final class PlannedEachTime {

    /** PostgreSQL's driver's statement interface, when that driver is on the class path. */
    private static final Class<?> POSTGRESQL_STATEMENT = postgresqlStatement();

    private static final Method PREPARE_THRESHOLD = prepareThreshold(POSTGRESQL_STATEMENT);

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private PlannedEachTime() {}

    /** Runs an insert, update or delete planned for these values; the rows it changed. */
    public static int update(JdbcTemplate jdbc, String sql, Object... params) {
        return jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                neverPrepared(statement);
                for (int i = 0; i < params.length; i++) {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, params[i]);
                }
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close(); // JdbcTemplate closes only a statement it was handed
                throw e;
            }
        });
    }

    /** The driver sends the statement unnamed every time: PostgreSQL plans it with its values and keeps no plan. */
    static void neverPrepared(PreparedStatement statement) throws SQLException {
        if (POSTGRESQL_STATEMENT == null) {
            return;
        }
        if (!statement.isWrapperFor(POSTGRESQL_STATEMENT)) {
            if (!WARNED.getAndSet(true)) {
                LoggerFactory.getLogger(PlannedEachTime.class)
                        .warn(
                                "A statement does not unwrap to PostgreSQL's driver ({}): statements meant to be planned"
                                        + " each time may keep a cached plan",
                                statement.getClass().getName());
            }
            return;
        }
        try {
            PREPARE_THRESHOLD.invoke(statement.unwrap(POSTGRESQL_STATEMENT), 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PostgreSQL's driver refused a statement's prepare threshold", e);
        }
    }

    private static Class<?> postgresqlStatement() {
        try {
            return Class.forName("org.postgresql.PGStatement", false, PlannedEachTime.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Method prepareThreshold(Class<?> statement) {
        try {
            return statement == null ? null : statement.getMethod("setPrepareThreshold", int.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("PostgreSQL's driver has no setPrepareThreshold", e);
        }
    }
}
