package org.journeyplatform.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained record of every read and write of identifying participant data: who, when, which
 * participant, which endpoint, for what purpose, and with what outcome.
 * <p>
 * Entries are appended freely, with no lock: in the transaction of the request they belong to (a journey command's
 * entry commits or rolls back with its events) or in one of their own before data is read. One sealing step
 * ({@link #seal()}, every quarter of a second, one instance at a time) then chains them: it gives each unsealed entry
 * the next position and a hash over its fields and the previous entry's hash, so a changed, removed or reordered sealed
 * entry is found by {@link #verify()}. The chain's order is the order of sealing, which follows the order of
 * commits; see ADR 0012.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** The hash "before" the first entry. */
    static final String GENESIS = "0".repeat(64);
    /** Taken (try-lock) by the sealing step only: never in a request's path. */
    private static final long SEAL_LOCK = 0x6a6f75726e6579L; // "journey"
    private static final int SEAL_BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * What is done with her data: read or written by staff, or disclosed outside the service (her anonymised history
     * released in a research export).
     */
    public enum Action { READ, WRITE, DISCLOSE }

    /** Whether the access happened: allowed, refused (a 4xx: nothing disclosed or recorded) or failed (a 5xx). */
    public enum Outcome { ALLOWED, REFUSED, FAILED }

    /** One entry, as stored; position, previousHash and hash are null until it is sealed. */
    public record Entry(Long position, long entryId, Instant recordedAt, String actor, String roles, Action action,
                        String participantId, String endpoint, String purpose, Outcome outcome, String previousHash,
                        String hash) {
    }

    /** What an access was, before it is stored: kept by a request so it can be recorded again with its outcome. */
    public record Access(String actor, String roles, Action action, List<String> participantIds, String endpoint,
                         String purpose) {
    }

    /**
     * The result of checking the chain: every sealed entry as written, in order, none missing; {@code unsealed}
     * entries are appended but not yet chained (sealed within a second).
     */
    public record Verification(boolean valid, long entries, Long firstInvalidPosition, long unsealed) {
    }

    /** Records one access; fails (and so fails the request) when it cannot be recorded. */
    public void record(String actor, String roles, Action action, String participantId, String endpoint,
                       String purpose) {
        record(new Access(actor, roles, action, Collections.singletonList(participantId), endpoint, purpose),
                Outcome.ALLOWED);
    }

    /** Records one access to each of several participants (e.g. those named in a list), in one transaction. */
    public void record(String actor, String roles, Action action, List<String> participantIds, String endpoint,
                       String purpose) {
        record(new Access(actor, roles, action, participantIds, endpoint, purpose), Outcome.ALLOWED);
    }

    /**
     * Appends the access, with its outcome, in the current transaction if there is one (it then commits or rolls back
     * with it), else in one of its own. No lock is taken.
     */
    public void record(Access access, Outcome outcome) {
        if (access.participantIds().isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)); // as PostgreSQL keeps it
        List<Object[]> rows = new ArrayList<>(access.participantIds().size());
        for (String participantId : access.participantIds()) {
            rows.add(new Object[] {now, access.actor(), access.roles(), access.action().name(), participantId,
                    access.endpoint(), access.purpose(), outcome.name()});
        }
        String insert = """
                INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, endpoint, purpose, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
        if (rows.size() == 1) {
            jdbcTemplate.update(insert, rows.get(0));
        } else {
            transactions.executeWithoutResult(status -> jdbcTemplate.batchUpdate(insert, rows));
        }
    }

    /** Chains entries appended since the last run; one instance at a time seals, the others skip. */
    @Scheduled(fixedDelayString = "${journey.audit.seal-interval:PT0.25S}", initialDelayString = "PT1S")
    public void sealScheduled() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn("Sealing the audit log failed this time ({}); it is tried again shortly", e.getClass().getName());
        }
    }

    /** Seals every committed unsealed entry into the chain; answers how many were sealed. */
    public long seal() {
        long total = 0;
        while (true) {
            Long sealed = transactions.execute(status -> {
                Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(SEAL_LOCK)
                        .query(Boolean.class).single();
                if (!Boolean.TRUE.equals(locked)) {
                    return -1L;
                }
                List<Entry> unsealed = jdbc.sql("""
                                SELECT * FROM audit_entry WHERE position IS NULL ORDER BY entry_id LIMIT ?""")
                        .param(SEAL_BATCH).query(AuditLog::map).list();
                if (unsealed.isEmpty()) {
                    return 0L;
                }
                Entry last = jdbc.sql("""
                                SELECT * FROM audit_entry WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1""")
                        .query(AuditLog::map).optional().orElse(null);
                long position = last == null ? 0 : last.position();
                String previous = last == null ? GENESIS : last.hash();
                List<Object[]> updates = new ArrayList<>(unsealed.size());
                for (Entry entry : unsealed) {
                    position++;
                    String hash = hash(previous, position, entry);
                    updates.add(new Object[] {position, previous, hash, entry.entryId()});
                    previous = hash;
                }
                jdbcTemplate.batchUpdate(
                        "UPDATE audit_entry SET position = ?, previous_hash = ?, hash = ? WHERE entry_id = ?", updates);
                return (long) unsealed.size();
            });
            if (sealed == null || sealed <= 0) {
                if (sealed != null && sealed < 0 && total == 0) {
                    return 0; // another instance is sealing
                }
                return total;
            }
            total += sealed;
            if (sealed < SEAL_BATCH) {
                return total;
            }
        }
    }

    /** Entries, in chain order (sealed first, then those not sealed yet), optionally of one participant. */
    public List<Entry> entries(String participantId, int limit, long afterPosition) {
        return jdbc.sql("""
                        SELECT * FROM audit_entry WHERE (CAST(? AS text) IS NULL OR participant_id = ?)
                           AND (position > ? OR position IS NULL)
                         ORDER BY position NULLS LAST, entry_id LIMIT ?""")
                .params(participantId, participantId, afterPosition, limit)
                .query(AuditLog::map).list();
    }

    /** Seals what is waiting, then recomputes the whole chain. */
    public Verification verify() {
        seal();
        String previous = GENESIS;
        long expectedPosition = 1;
        long count = 0;
        long after = 0;
        while (true) {
            List<Entry> page = jdbc.sql("""
                            SELECT * FROM audit_entry WHERE position > ? ORDER BY position LIMIT 1000""")
                    .param(after).query(AuditLog::map).list();
            if (page.isEmpty()) {
                long unsealed = jdbc.sql("SELECT count(*) FROM audit_entry WHERE position IS NULL")
                        .query(Long.class).single();
                return new Verification(true, count, null, unsealed);
            }
            for (Entry entry : page) {
                String hash = hash(previous, entry.position(), entry);
                if (entry.position() != expectedPosition || !previous.equals(entry.previousHash())
                        || !hash.equals(entry.hash())) {
                    return new Verification(false, count, expectedPosition, 0);
                }
                previous = entry.hash();
                expectedPosition++;
                count++;
                after = entry.position();
            }
        }
    }

    private static String hash(String previous, long position, Entry entry) {
        return hash(previous, position, entry.recordedAt(), entry.actor(), entry.roles(), entry.action(),
                entry.participantId(), entry.endpoint(), entry.purpose(), entry.outcome());
    }

    /**
     * The hash of one entry. Entries written before outcomes existed (all allowed) hash as they did, so the chain
     * written by earlier versions still verifies.
     */
    static String hash(String previous, long position, Instant recordedAt, String actor, String roles, Action action,
                       String participantId, String endpoint, String purpose, Outcome outcome) {
        String canonical = String.join("\u001f", previous, Long.toString(position), recordedAt.toString(), actor,
                roles, action.name(), String.valueOf(participantId), endpoint, String.valueOf(purpose));
        if (outcome != Outcome.ALLOWED) {
            canonical = canonical + "\u001f" + outcome.name();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry((Long) rs.getObject("position"), rs.getLong("entry_id"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"), rs.getString("roles"),
                Action.valueOf(rs.getString("action")), rs.getString("participant_id"), rs.getString("endpoint"),
                rs.getString("purpose"), Outcome.valueOf(rs.getString("outcome")), rs.getString("previous_hash"),
                rs.getString("hash"));
    }
}
