package org.journeyplatform.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained record of every read and write of identifying participant data: who, when, which
 * participant, which endpoint, for what purpose. Each entry's hash covers its fields and the previous entry's hash, so
 * a changed, removed or reordered entry is found by {@link #verify()}. Entries are written in a transaction of their
 * own, serialised by an advisory lock, before the data is read or changed: a request whose access could not be
 * recorded fails and discloses nothing.
 */
@Component
public class AuditLog {

    /** The hash "before" the first entry. */
    static final String GENESIS = "0".repeat(64);
    private static final long LOCK = 0x6a6f75726e6579L; // "journey"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * What is done with her data: read or written by staff, or disclosed outside the service (her anonymised history
     * released in a research export).
     */
    public enum Action { READ, WRITE, DISCLOSE }

    /** One entry, as stored. */
    public record Entry(long position, Instant recordedAt, String actor, String roles, Action action,
                        String participantId, String endpoint, String purpose, String previousHash, String hash) {
    }

    /** The result of checking the chain. */
    public record Verification(boolean valid, long entries, Long firstInvalidPosition) {
    }

    /** Records one access; fails (and so fails the request) when it cannot be recorded. */
    public void record(String actor, String roles, Action action, String participantId, String endpoint,
                       String purpose) {
        record(actor, roles, action, java.util.Collections.singletonList(participantId), endpoint, purpose);
    }

    /** Records one access to each of several participants (e.g. those named in a list), in one transaction. */
    public void record(String actor, String roles, Action action, List<String> participantIds, String endpoint,
                       String purpose) {
        if (participantIds.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
            Entry last = jdbc.sql("SELECT * FROM audit_entry ORDER BY position DESC LIMIT 1")
                    .query(AuditLog::map).optional().orElse(null);
            long position = last == null ? 0 : last.position();
            String previous = last == null ? GENESIS : last.hash();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
            for (String participantId : participantIds) {
                position++;
                String hash = hash(previous, position, now, actor, roles, action, participantId, endpoint, purpose);
                jdbc.sql("""
                                INSERT INTO audit_entry (position, recorded_at, actor, roles, action, participant_id,
                                                         endpoint, purpose, previous_hash, hash)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(position, Timestamp.from(now), actor, roles, action.name(), participantId, endpoint,
                                purpose, previous, hash)
                        .update();
                previous = hash;
            }
        });
    }

    /** Entries, oldest first, optionally of one participant. */
    public List<Entry> entries(String participantId, int limit, long afterPosition) {
        return jdbc.sql("""
                        SELECT * FROM audit_entry WHERE (CAST(? AS text) IS NULL OR participant_id = ?) AND position > ?
                         ORDER BY position LIMIT ?""")
                .params(participantId, participantId, afterPosition, limit)
                .query(AuditLog::map).list();
    }

    /** Recomputes the whole chain. */
    public Verification verify() {
        String previous = GENESIS;
        long expectedPosition = 1;
        long count = 0;
        long after = 0;
        while (true) {
            List<Entry> page = entries(null, 1000, after);
            if (page.isEmpty()) {
                return new Verification(true, count, null);
            }
            for (Entry entry : page) {
                String hash = hash(previous, entry.position(), entry.recordedAt(), entry.actor(), entry.roles(),
                        entry.action(), entry.participantId(), entry.endpoint(), entry.purpose());
                if (entry.position() != expectedPosition || !entry.previousHash().equals(previous)
                        || !entry.hash().equals(hash)) {
                    return new Verification(false, count, expectedPosition);
                }
                previous = entry.hash();
                expectedPosition++;
                count++;
                after = entry.position();
            }
        }
    }

    static String hash(String previous, long position, Instant recordedAt, String actor, String roles, Action action,
                       String participantId, String endpoint, String purpose) {
        String canonical = String.join("\u001f", previous, Long.toString(position), recordedAt.toString(), actor,
                roles, action.name(), String.valueOf(participantId), endpoint, String.valueOf(purpose));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getLong("position"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"),
                rs.getString("roles"), Action.valueOf(rs.getString("action")), rs.getString("participant_id"),
                rs.getString("endpoint"), rs.getString("purpose"), rs.getString("previous_hash"), rs.getString("hash"));
    }
}
