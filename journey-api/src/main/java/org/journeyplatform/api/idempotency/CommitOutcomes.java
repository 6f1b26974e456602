package org.journeyplatform.api.idempotency;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of a transaction whose commit PostgreSQL did not confirm (the connection was lost while the commit was
 * on its way): it may have committed, and a client told "nothing was recorded" would then record it twice. The
 * transaction's id is read before the commit; afterwards {@code pg_xact_status} is asked on a fresh connection until
 * the database answers with a final outcome, or the time allowed runs out.
 */
@Component
public class CommitOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CommitOutcomes.class);

    /** How long a request may wait for the database to come back and say what became of its commit. */
    static final Duration RESOLVE_WITHIN = Duration.ofSeconds(12);

    private static final long PAUSE_MILLIS = 200;

    /** The outcome of a commit that was not confirmed. */
    public enum Outcome {
        COMMITTED,
        ROLLED_BACK,
        UNKNOWN
    }

    private final JdbcClient jdbc;

    public CommitOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current transaction's id, assigning one if it has none yet (a command's transaction writes anyway). */
    public long currentTransactionId() {
        return Long.parseLong(jdbc.sql("SELECT pg_current_xact_id()::text")
                .query(String.class)
                .single());
    }

    /**
     * Asks, on connections of its own, whether the transaction committed; waits while the database cannot be reached
     * or the transaction is still in progress, at most {@link #RESOLVE_WITHIN}.
     */
    public Outcome of(long transactionId) {
        long deadline = System.nanoTime() + RESOLVE_WITHIN.toNanos();
        while (true) {
            try {
                String status = jdbc.sql("SELECT pg_xact_status(CAST(? AS text)::xid8)")
                        .param(Long.toString(transactionId))
                        .query(String.class)
                        .optional()
                        .orElse(null);
                if ("committed".equals(status)) {
                    return Outcome.COMMITTED;
                }
                if ("aborted".equals(status)) {
                    return Outcome.ROLLED_BACK;
                }
                // "in progress": the commit is still being written, or the server has not noticed the lost client
            } catch (RuntimeException e) {
                log.debug(
                        "Could not ask what became of transaction {} yet ({})",
                        transactionId,
                        e.getClass().getName());
            }
            if (System.nanoTime() + PAUSE_MILLIS * 1_000_000 > deadline) {
                return Outcome.UNKNOWN;
            }
            try {
                Thread.sleep(PAUSE_MILLIS); // a back-off between questions to a database that is away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.UNKNOWN;
            }
        }
    }
}
