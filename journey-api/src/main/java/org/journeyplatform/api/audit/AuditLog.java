package org.journeyplatform.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, chained record of every read and write of identifying participant data: who, when, which
 * participant, which endpoint, for what purpose, whether under break-glass, and with what outcome.
 * <p>
 * Entries are appended freely, with no lock: in the transaction of the request they belong to (a journey command's
 * entry commits or rolls back with its events) or in one of their own. One sealing step ({@link #seal()}, every
 * quarter of a second, one instance at a time) then chains them: it gives each unsealed entry the next position and
 * an HMAC-SHA256 over its fields and the previous entry's MAC, under a key derived from the primary master key
 * ({@link MasterKeys#auditChainKey}), which is never in the database; the entry records the key's id. Without the key,
 * nobody with access to the database can recompute a MAC, so a changed, removed or reordered entry is found by
 * {@link #verify()}. Signed checkpoints of the chain's head ({@link AuditCheckpoints}), kept in a table of their own
 * and in a file outside the database, find the newest entries removed. Entries sealed before keyed MACs existed keep
 * their plain SHA-256 and still verify, below the first checkpoint only. See ADR 0012 and ADR 0014.
 * <p>
 * Free text about an access (the purpose staff give, a break-glass reason) is stored sealed with her data key
 * ({@link HerFreeText}); the MAC covers the sealed bytes, so her erasure leaves the chain intact and the text
 * unreadable.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** The hash "before" the first entry. */
    static final String GENESIS = "0".repeat(64);
    /** Taken (try-lock) by the sealing step and the checkpoints only: never in a request's path. */
    static final long SEAL_LOCK = 0x6a6f75726e6579L; // "journey"

    private static final int SEAL_BATCH = 2000;

    /** How long verification waits for the sealing lock, which a sealing step holds for well under a second. */
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(10);

    static final String LOCK_HELD = "the audit log's sealing lock was held elsewhere for over " + LOCK_WAIT.toSeconds()
            + " s: no entry is sealed while it is (an instance's sealing step holds it for well under a second); "
            + "find the session holding advisory lock " + SEAL_LOCK + " in pg_locks";

    /** Since when the sealing step has found the lock taken, round after round (0: it had it last time). */
    private volatile long lockMissedSince;

    private volatile boolean warnedLockHeld;

    /** How many unsealed entries not written by the platform the log was last told of. */
    private volatile long warnedForeignCount;

    /** The last position a plain SHA-256 may be at, once read (it never changes). */
    private volatile Long legacyBoundary;

    /** The last reason the sealing step found not to chain onto the head, said once in the log. */
    private volatile String warnedHeadProblem;

    /** Entry ids taken from the table's sequence ahead, a few at a time: an entry's id is in the MAC it is written with. */
    private final EntryIds entryIdsAhead = new EntryIds();

    /** Ids of {@code audit_entry_id_seq}, taken 64 at a time (one statement), handed out one by one. */
    private final class EntryIds {
        private final java.util.concurrent.ConcurrentLinkedQueue<Long> ahead =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        long next() {
            Long id = ahead.poll();
            if (id != null) {
                return id;
            }
            List<Long> taken = jdbc.sql("SELECT nextval('audit_entry_id_seq') FROM generate_series(1, 64)")
                    .query(Long.class)
                    .list();
            ahead.addAll(taken.subList(1, taken.size()));
            return taken.get(0);
        }
    }
    /** The free-text field of an entry, for its associated data. */
    static final String PURPOSE_FIELD = "audit-purpose";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MasterKeys masterKeys;
    private final HerFreeText freeText;
    private final AuditCheckpoints checkpoints;

    public AuditLog(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            TransactionTemplate transactions,
            Clock clock,
            MasterKeys masterKeys,
            HerFreeText freeText,
            AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.clock = clock;
        this.masterKeys = masterKeys;
        this.freeText = freeText;
        this.checkpoints = checkpoints;
    }

    /**
     * What is done with her data: read or written by staff, disclosed outside the service (her anonymised history
     * released in a research export), or a disclosure withdrawn (the files of a research export that released her are
     * no longer served, because someone it released withdrew her consent or was erased).
     */
    public enum Action {
        READ,
        WRITE,
        DISCLOSE,
        WITHDRAW
    }

    /** Whether the access happened: allowed, refused (a 4xx: nothing disclosed or recorded) or failed (a 5xx). */
    /**
     * What became of an access: it happened; it was refused (4xx); it failed (5xx, nothing recorded); or a command's
     * commit was not confirmed by the database and could not be learnt in time (it may have happened: its own entry,
     * committed with it, then says ALLOWED too).
     */
    public enum Outcome {
        ALLOWED,
        REFUSED,
        FAILED,
        UNCONFIRMED
    }

    /**
     * One entry, as answered: {@code purpose} is the platform's code (e.g. {@code erasure}), the free text staff gave
     * (opened with her key; {@code (erased)} once she is erased), or both ({@code break-glass: ...}). position,
     * previousHash and hash (the MAC) are null until it is sealed; macKeyId null on an entry sealed with plain SHA-256
     * before keyed MACs existed.
     */
    public record Entry(
            Long position,
            long entryId,
            Instant recordedAt,
            String actor,
            String roles,
            Action action,
            String participantId,
            String endpoint,
            String purpose,
            boolean breakGlass,
            Outcome outcome,
            String macKeyId,
            String previousHash,
            String hash) {}

    /**
     * What an access was, before it is stored: kept by a request so it can be recorded again with its outcome.
     * {@code code} is a purpose the platform chose (stored as it is); {@code freeText} what staff wrote (stored sealed
     * with each participant's key); {@code breakGlass} whether only a break-glass grant allowed it.
     */
    public record Access(
            String actor,
            String roles,
            Action action,
            List<String> participantIds,
            String endpoint,
            String code,
            String freeText,
            boolean breakGlass) {

        /** An access with a purpose the platform chose. */
        public Access(
                String actor, String roles, Action action, List<String> participantIds, String endpoint, String code) {
            this(actor, roles, action, participantIds, endpoint, code, null, false);
        }
    }

    /**
     * The result of checking the chain: every sealed entry as written, in order, none missing, and none of the newest
     * removed since a checkpoint; {@code unsealed} entries are appended but not yet chained (sealed within a second).
     * When not valid, {@code problem} says what was found and {@code firstInvalidPosition} where.
     */
    public record Verification(
            boolean valid,
            /* null when the chain was not read: the sealing lock was held elsewhere, or the checkpoints are unreadable */
            Long entries,
            Long firstInvalidPosition,
            long unsealed,
            String problem,
            AuditCheckpoints.Checkpoint checkpoint) {}

    /** One entry as stored. */
    record Row(
            Long position,
            long entryId,
            Instant recordedAt,
            String actor,
            String roles,
            Action action,
            String participantId,
            String endpoint,
            String purpose,
            byte[] purposeSealed,
            boolean breakGlass,
            Outcome outcome,
            String macKeyId,
            String previousHash,
            String hash,
            String appendKeyId,
            String appendMac) {}

    /** Records one access; fails (and so fails the request) when it cannot be recorded. */
    public void record(
            String actor, String roles, Action action, String participantId, String endpoint, String purpose) {
        record(
                new Access(actor, roles, action, Collections.singletonList(participantId), endpoint, purpose),
                Outcome.ALLOWED);
    }

    /** Records one access to each of several participants (e.g. those named in a list), in one transaction. */
    public void record(
            String actor, String roles, Action action, List<String> participantIds, String endpoint, String purpose) {
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
        String keyId = masterKeys.primaryId();
        byte[] key = masterKeys.auditChainKey(keyId).orElseThrow();
        List<Object[]> rows = new ArrayList<>(access.participantIds().size());
        for (String participantId : access.participantIds()) {
            Row entry = new Row(
                    null,
                    entryIdsAhead.next(),
                    now.toInstant(),
                    access.actor(),
                    access.roles(),
                    access.action(),
                    participantId,
                    access.endpoint(),
                    access.code(),
                    freeText.seal(participantId, PURPOSE_FIELD, access.freeText()),
                    access.breakGlass(),
                    outcome,
                    null,
                    null,
                    null,
                    keyId,
                    null);
            rows.add(new Object[] {
                entry.entryId(),
                now,
                entry.actor(),
                entry.roles(),
                entry.action().name(),
                participantId,
                entry.endpoint(),
                entry.purpose(),
                entry.purposeSealed(),
                entry.breakGlass(),
                outcome.name(),
                keyId,
                appendMac(key, keyId, entry)
            });
        }
        String insert = """
                INSERT INTO audit_entry (entry_id, recorded_at, actor, roles, action, participant_id, endpoint, purpose,
                                         purpose_sealed, break_glass, outcome, append_key_id, append_mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        if (rows.size() == 1
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            // a command's transaction: its id comes back with the entry, for the commit in doubt (CommitOutcomes)
            String transactionId = jdbcTemplate.queryForObject(
                    insert + " RETURNING pg_current_xact_id()::text", String.class, rows.get(0));
            rememberTransactionId(Long.parseLong(transactionId));
        } else if (rows.size() == 1) {
            jdbcTemplate.update(insert, rows.get(0));
        } else {
            transactions.executeWithoutResult(status -> jdbcTemplate.batchUpdate(insert, rows));
        }
    }

    private static final Object TRANSACTION_ID = new Object();

    private static void rememberTransactionId(long id) {
        if (TransactionSynchronizationManager.hasResource(TRANSACTION_ID)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(TRANSACTION_ID, id);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TRANSACTION_ID);
            }
        });
    }

    /**
     * The id of the current transaction, when an entry was appended in it: a command's transaction learns its id
     * with its audit entry, at no extra cost.
     */
    public static Optional<Long> currentTransactionId() {
        return Optional.ofNullable((Long) TransactionSynchronizationManager.getResource(TRANSACTION_ID));
    }

    /** Chains entries appended since the last run; one instance at a time seals, the others skip. */
    @Scheduled(fixedDelayString = "${journey.audit.seal-interval:PT0.25S}", initialDelayString = "PT1S")
    public void sealScheduled() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn(
                    "Sealing the audit log failed this time ({}); it is tried again shortly",
                    e.getClass().getName());
        }
    }

    /** Anchors the chain's head in a signed checkpoint, when it moved since the last one. */
    @Scheduled(fixedDelayString = "${journey.audit.checkpoint-interval:PT1M}", initialDelayString = "PT2S")
    public void checkpointScheduled() {
        try {
            checkpoints.checkpoint(false);
        } catch (RuntimeException e) {
            log.warn(
                    "Checkpointing the audit log failed this time ({}); it is tried again later",
                    e.getClass().getName());
        }
    }

    /** Seals every committed unsealed entry into the chain, unless another instance is at it; answers how many. */
    public long seal() {
        return seal(false);
    }

    /**
     * Seals every committed unsealed entry into the chain; answers how many were sealed. With {@code wait}, waits for
     * a sealing step running elsewhere to finish first (verification), else leaves the work to it.
     */
    long seal(boolean wait) {
        String keyId = masterKeys.primaryId();
        byte[] key = masterKeys.auditChainKey(keyId).orElseThrow();
        long[] after = {0}; // the entries read so far by this call, sealed or left: a page of foreign ones is passed
        long[] sealedNow = {0};
        long[] foreignSeen = {0};
        try {
            return sealRounds(wait, keyId, key, after, sealedNow, foreignSeen);
        } finally {
            if (foreignSeen[0] > 0 && foreignSeen[0] != warnedForeignCount) {
                warnedForeignCount = foreignSeen[0];
                log.warn(
                        "Audit log: {} unsealed {} not written by the platform; not sealed. "
                                + "Verify it (GET /api/v1/admin/audit/verification)",
                        foreignSeen[0],
                        foreignSeen[0] == 1 ? "entry was" : "entries were");
            }
        }
    }

    private long sealRounds(
            boolean wait, String keyId, byte[] key, long[] after, long[] sealedNow, long[] foreignSeen) {
        long total = 0;
        while (true) {
            Long sealed = transactions.execute(status -> {
                if (!lock(jdbc, wait)) {
                    lockMissed();
                    return -1L;
                }
                lockMissedSince = 0;
                warnedLockHeld = false;
                List<Row> unsealed = new ArrayList<>();
                long[] foreign = {0};
                jdbc.sql("""
                                SELECT e.*, b.entry_id IS NOT NULL AS before_append_macs
                                  FROM audit_entry e LEFT JOIN audit_entry_before_append_macs b USING (entry_id)
                                 WHERE e.position IS NULL AND e.entry_id > ? ORDER BY e.entry_id LIMIT ?""")
                        .param(after[0])
                        .param(SEAL_BATCH)
                        .query((rs, row) -> {
                            Row entry = map(rs, row);
                            after[0] = Math.max(after[0], entry.entryId());
                            if (writtenByThePlatform(rs, entry)) {
                                unsealed.add(entry);
                            } else {
                                foreign[0]++;
                            }
                            return null;
                        })
                        .list();
                foreignSeen[0] += foreign[0]; // never chained: they stay, unsealed, as the evidence
                long read = unsealed.size() + foreign[0];
                if (unsealed.isEmpty()) {
                    return read; // none to seal here: a full page of foreign entries goes on to the next
                }
                Row last = jdbc.sql("""
                                SELECT * FROM audit_entry WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1""").query(AuditLog::map).optional().orElse(null);
                String lastProblem = last == null ? null : headProblem(last);
                if (lastProblem != null) {
                    // chaining onto an entry the platform did not seal would vouch for it: nothing is sealed (the
                    // entries wait, unsealed and complete) until the chain is repaired; verification names it
                    if (!lastProblem.equals(warnedHeadProblem)) {
                        warnedHeadProblem = lastProblem;
                        log.warn(
                                "Audit log not sealed: {}; verify it (GET /api/v1/admin/audit/verification)",
                                lastProblem);
                    }
                    return -1L;
                }
                long position = last == null ? 0 : last.position();
                String previous = last == null ? GENESIS : last.hash();
                int count = unsealed.size();
                Long[] positions = new Long[count];
                String[] previousHashes = new String[count];
                String[] hashes = new String[count];
                Long[] entryIds = new Long[count];
                for (int i = 0; i < count; i++) {
                    Row entry = unsealed.get(i);
                    position++;
                    String mac = mac(key, keyId, previous, position, entry);
                    positions[i] = position;
                    previousHashes[i] = previous;
                    hashes[i] = mac;
                    entryIds[i] = entry.entryId();
                    previous = mac;
                }
                // one statement for the whole round rather than one per entry
                jdbcTemplate.update(connection -> {
                    java.sql.PreparedStatement update = connection.prepareStatement("""
                            UPDATE audit_entry
                               SET position = sealed.position, previous_hash = sealed.previous_hash,
                                   hash = sealed.hash, mac_key_id = ?
                              FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])
                                   AS sealed (entry_id, position, previous_hash, hash)
                             WHERE audit_entry.entry_id = sealed.entry_id""");
                    update.setString(1, keyId);
                    update.setArray(2, connection.createArrayOf("bigint", entryIds));
                    update.setArray(3, connection.createArrayOf("bigint", positions));
                    update.setArray(4, connection.createArrayOf("text", previousHashes));
                    update.setArray(5, connection.createArrayOf("text", hashes));
                    return update;
                });
                sealedNow[0] += unsealed.size();
                return read;
            });
            total = sealedNow[0];
            if (sealed == null || sealed <= 0) {
                if (sealed != null && sealed < 0 && total == 0) {
                    return 0; // another instance is sealing
                }
                return total;
            }
            if (sealed < SEAL_BATCH) {
                return total;
            }
        }
    }

    /** Whether the database gave up waiting for a lock ({@code lock_timeout}, SQLSTATE 55P03). */
    private static boolean lockWaitEnded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lock was taken: by another instance's sealing step, for well under a second, or by someone holding it, which
     * keeps every entry from being sealed; said once when it has lasted over a minute.
     */
    private void lockMissed() {
        long now = System.nanoTime();
        if (lockMissedSince == 0) {
            lockMissedSince = now;
        } else if (!warnedLockHeld && now - lockMissedSince > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
            warnedLockHeld = true;
            log.warn(
                    "Audit log: the sealing lock has been taken elsewhere for over a minute, so no entry is being "
                            + "sealed here; if no other instance is sealing, find the session holding advisory lock {} "
                            + "in pg_locks",
                    SEAL_LOCK);
        }
    }

    /**
     * Why the newest sealed entry is not as the platform sealed it, checked against the entry before it (its position
     * and MAC), or null when it is: the sealing step chains onto it only then.
     */
    private String headProblem(Row last) {
        Row before = last.position() <= 1
                ? null
                : jdbc.sql("SELECT * FROM audit_entry WHERE position = ?")
                        .param(last.position() - 1)
                        .query(AuditLog::map)
                        .optional()
                        .orElse(null);
        if (last.position() > 1 && before == null) {
            return "the newest sealed entry, at position " + last.position() + ", has no entry before it at "
                    + (last.position() - 1) + ": entries were removed, or one was sealed past the chain's end";
        }
        return sealingProblem(
                masterKeys,
                last,
                last.position(),
                before == null ? GENESIS : before.hash(),
                before != null && before.macKeyId() != null,
                legacyBoundary());
    }

    /**
     * The last position at which an entry may carry a plain SHA-256 (sealed before keyed MACs existed, V15), as V25
     * found the chain; 0 when none may. A plain SHA-256 needs no key: anywhere else it is a forgery.
     */
    static long legacyBoundary(JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(max(position), 0) FROM audit_legacy_boundary")
                .query(Long.class)
                .single();
    }

    /** {@link #legacyBoundary(JdbcClient)}, read once: V25 closed its table. */
    private long legacyBoundary() {
        Long boundary = legacyBoundary;
        if (boundary == null) {
            boundary = legacyBoundary(jdbc);
            legacyBoundary = boundary;
        }
        return boundary;
    }

    /** Takes the sealing lock for the current transaction: waiting for it, or only if free. */
    static boolean lock(JdbcClient jdbc, boolean wait) {
        if (wait) {
            // a sealing step or checkpoint elsewhere holds it for well under a second; anyone holding it longer keeps
            // entries from being sealed, and a verification waiting on it says so rather than hang
            jdbc.sql("SELECT set_config('lock_timeout', ?, true)")
                    .param(LOCK_WAIT.toMillis() + "ms")
                    .query(String.class)
                    .single();
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked")
                    .param(SEAL_LOCK)
                    .query(Integer.class)
                    .single();
            return true;
        }
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                .param(SEAL_LOCK)
                .query(Boolean.class)
                .single());
    }

    /** Entries, in chain order (sealed first, then those not sealed yet), optionally of one participant. */
    public List<Entry> entries(String participantId, int limit, long afterPosition) {
        return jdbc
                .sql("""
                        SELECT e.*, b.entry_id IS NOT NULL AS before_append_macs
                          FROM audit_entry e LEFT JOIN audit_entry_before_append_macs b USING (entry_id)
                         WHERE (CAST(? AS text) IS NULL OR participant_id = ?)
                           AND (position > ? OR position IS NULL)
                         ORDER BY position NULLS LAST, entry_id LIMIT ?""")
                .params(participantId, participantId, afterPosition, limit)
                .query(this::platformsOwn)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .map(this::opened)
                .toList();
    }

    /**
     * An entry as stored, when the platform wrote it: sealed, or unsealed and carrying the platform's append MAC (or
     * left unsealed by a version before it); null for one written by anyone else, which no listing shows as an access
     * (verification names it).
     */
    private Row platformsOwn(ResultSet rs, int row) throws SQLException {
        Row entry = map(rs, row);
        return entry.position() != null || writtenByThePlatform(rs, entry) ? entry : null;
    }

    /**
     * The accounting of disclosures for one participant: what was actually disclosed, i.e. allowed reads and
     * disclosures (research exports), and the withdrawal of a research export that released her. Refused and failed
     * accesses and writes are in {@link #entries} only.
     */
    public List<Entry> disclosures(String participantId, int limit, long afterPosition) {
        return jdbc.sql("""
                        SELECT e.*, b.entry_id IS NOT NULL AS before_append_macs
                          FROM audit_entry e LEFT JOIN audit_entry_before_append_macs b USING (entry_id)
                         WHERE participant_id = ? AND outcome = 'ALLOWED'
                           AND action IN ('READ', 'DISCLOSE', 'WITHDRAW') AND (position > ? OR position IS NULL)
                         ORDER BY position NULLS LAST, entry_id LIMIT ?""").params(participantId, afterPosition, limit).query(this::platformsOwn).list().stream()
                .filter(java.util.Objects::nonNull)
                .map(this::opened)
                .toList();
    }

    /**
     * Seals what is waiting, then recomputes the whole chain and holds it against every checkpoint; when all is
     * well, anchors the head in a new checkpoint.
     */
    public Verification verify() {
        try {
            seal(true);
        } catch (org.springframework.dao.DataAccessException e) {
            if (lockWaitEnded(e)) {
                return new Verification(false, null, null, 0, LOCK_HELD, null);
            }
            throw e;
        }
        String chainId = checkpoints.chainId();
        AuditCheckpoints.Known known = checkpoints.known(chainId);
        if (known.problem() != null) {
            return new Verification(false, null, null, 0, known.problem(), null);
        }
        List<AuditCheckpoints.Checkpoint> anchors = new ArrayList<>(known.checkpoints());
        anchors.sort(Comparator.comparingLong(AuditCheckpoints.Checkpoint::position));
        Long legacyLimit = anchors.isEmpty() ? null : anchors.get(0).position();
        long legacyBoundary = legacyBoundary();
        int next = 0;
        String previous = GENESIS;
        long expectedPosition = 1;
        long count = 0;
        boolean keyed = false;
        long after = 0;
        while (true) {
            List<Row> page = jdbc.sql("""
                            SELECT * FROM audit_entry WHERE position > ? ORDER BY position LIMIT 1000""").param(after).query(AuditLog::map).list();
            if (page.isEmpty()) {
                break;
            }
            for (Row entry : page) {
                long position = entry.position();
                if (position != expectedPosition) {
                    return invalid(
                            count,
                            expectedPosition,
                            "entry " + expectedPosition + " is missing: the chain " + "goes on at entry " + position);
                }
                if (!previous.equals(entry.previousHash())) {
                    return invalid(
                            count,
                            position,
                            "entry " + position + " does not follow entry " + (position - 1)
                                    + ": an entry was changed, removed or put in between");
                }
                String expected;
                if (entry.macKeyId() == null) {
                    if (keyed || (legacyLimit != null && position > legacyLimit) || position > legacyBoundary) {
                        return invalid(
                                count,
                                position,
                                "entry " + position + " carries a plain SHA-256 where a "
                                        + "keyed MAC is required: it was rewritten");
                    }
                    expected = legacyHash(previous, position, entry);
                } else {
                    Optional<byte[]> key = masterKeys.auditChainKey(entry.macKeyId());
                    if (key.isEmpty()) {
                        return invalid(
                                count,
                                position,
                                "entry " + position + " is sealed with the key of master key '" + entry.macKeyId()
                                        + "', which is not configured: it cannot be checked");
                    }
                    expected = mac(key.get(), entry.macKeyId(), previous, position, entry);
                    keyed = true;
                }
                if (!expected.equals(entry.hash())) {
                    return invalid(
                            count,
                            position,
                            "entry " + position + " is not as it was sealed: its fields do " + "not match its "
                                    + (entry.macKeyId() == null ? "hash" : "MAC"));
                }
                while (next < anchors.size() && anchors.get(next).position() == position) {
                    AuditCheckpoints.Checkpoint anchor = anchors.get(next++);
                    if (!anchor.headHash().equals(entry.hash())) {
                        return invalid(
                                count,
                                position,
                                "entry " + position + " is not the entry " + anchor.describe()
                                        + " recorded at that position");
                    }
                }
                previous = entry.hash();
                expectedPosition++;
                count++;
                after = position;
            }
        }
        if (next < anchors.size()) {
            AuditCheckpoints.Checkpoint newest = anchors.get(anchors.size() - 1);
            return invalid(
                    count,
                    expectedPosition,
                    "the chain ends at entry " + (expectedPosition - 1) + " but " + newest.describe() + " recorded "
                            + newest.position() + ": the newest entries were removed");
        }
        long[] foreign = {0, Long.MAX_VALUE}; // how many, and the first id
        long unsealed = jdbc.sql("""
                        SELECT e.*, b.entry_id IS NOT NULL AS before_append_macs
                          FROM audit_entry e LEFT JOIN audit_entry_before_append_macs b USING (entry_id)
                         WHERE e.position IS NULL""")
                .query((rs, row) -> {
                    Row entry = map(rs, row);
                    if (!writtenByThePlatform(rs, entry)) {
                        foreign[0]++;
                        foreign[1] = Math.min(foreign[1], entry.entryId());
                    }
                    return entry.entryId();
                })
                .list()
                .size();
        if (foreign[0] > 0) {
            return new Verification(
                    false,
                    count,
                    null,
                    unsealed,
                    foreign[0] + " unsealed " + (foreign[0] == 1 ? "entry was" : "entries were")
                            + " not written by the platform (the first has id " + foreign[1]
                            + "): it did not make their MAC, so they are not sealed",
                    null);
        }
        AuditCheckpoints.Checkpoint anchored;
        try {
            anchored = checkpoints.checkpoint(true).orElse(anchors.isEmpty() ? null : anchors.get(anchors.size() - 1));
        } catch (org.springframework.dao.DataAccessException e) {
            if (lockWaitEnded(e)) {
                return new Verification(false, count, null, unsealed, LOCK_HELD, null);
            }
            throw e;
        }
        return new Verification(true, count, null, unsealed, null, anchored);
    }

    /**
     * The first problem of the sealed chain after the entry at {@code position} whose MAC is {@code hash} ({@code 0} and
     * {@link #GENESIS}: the whole chain, where entries sealed before keyed MACs existed may come first), or null when
     * every later entry follows the one before it, in order, and matches its MAC. What the checkpoints walk before
     * anchoring a new head: a head is never signed over an entry that was not sealed by the platform.
     */
    static String problemAfter(JdbcClient jdbc, MasterKeys masterKeys, long position, String hash) {
        String previous = hash;
        long expectedPosition = position + 1;
        long after = position;
        boolean keyed = position > 0;
        long boundary = legacyBoundary(jdbc);
        while (true) {
            List<Row> page = jdbc.sql("""
                            SELECT * FROM audit_entry WHERE position > ? ORDER BY position LIMIT 1000""").param(after).query(AuditLog::map).list();
            if (page.isEmpty()) {
                return null;
            }
            for (Row entry : page) {
                String problem = sealingProblem(masterKeys, entry, expectedPosition, previous, keyed, boundary);
                if (problem != null) {
                    return problem;
                }
                keyed |= entry.macKeyId() != null;
                previous = entry.hash();
                expectedPosition++;
                after = entry.position();
            }
        }
    }

    /**
     * Why a sealed entry is not as the platform sealed it at {@code expectedPosition} after the entry whose MAC is
     * {@code previous} (a plain SHA-256 is accepted only while {@code keyed} is false), or null when it is.
     */
    private static String sealingProblem(
            MasterKeys masterKeys, Row entry, long expectedPosition, String previous, boolean keyed, long boundary) {
        long position = entry.position();
        if (position != expectedPosition) {
            return "entry " + expectedPosition + " is missing: the chain goes on at entry " + position;
        }
        if (!previous.equals(entry.previousHash())) {
            return "entry " + position + " does not follow entry " + (position - 1)
                    + ": an entry was changed, removed or put in between";
        }
        String expected;
        if (entry.macKeyId() == null) {
            if (keyed || position > boundary) {
                return "entry " + position + " carries a plain SHA-256 where a keyed MAC is required: it was rewritten";
            }
            expected = legacyHash(previous, position, entry);
        } else {
            Optional<byte[]> key = masterKeys.auditChainKey(entry.macKeyId());
            if (key.isEmpty()) {
                return "entry " + position + " is sealed with the key of master key '" + entry.macKeyId()
                        + "', which is not configured: it cannot be checked";
            }
            expected = mac(key.get(), entry.macKeyId(), previous, position, entry);
        }
        return expected.equals(entry.hash())
                ? null
                : "entry " + position + " is not as it was sealed: its fields do not match its "
                        + (entry.macKeyId() == null ? "hash" : "MAC");
    }

    private static Verification invalid(long count, long position, String problem) {
        return new Verification(false, count, position, 0, problem, null);
    }

    /** An entry as answered: its free text opened with her key, or "(erased)". */
    private Entry opened(Row row) {
        String text = row.purposeSealed() == null
                ? null
                : freeText.open(row.participantId(), PURPOSE_FIELD, row.purposeSealed());
        String purpose = row.purpose() == null ? text : text == null ? row.purpose() : row.purpose() + ": " + text;
        return new Entry(
                row.position(),
                row.entryId(),
                row.recordedAt(),
                row.actor(),
                row.roles(),
                row.action(),
                row.participantId(),
                row.endpoint(),
                purpose,
                row.breakGlass(),
                row.outcome(),
                row.macKeyId(),
                row.previousHash(),
                row.hash());
    }

    /**
     * The MAC of one entry (hex HMAC-SHA256): over every field as stored (the free text as its sealed bytes), the
     * id of the key, its position and the previous entry's MAC; each field length-prefixed, so no two entries share
     * an input.
     */
    static String mac(byte[] key, String keyId, String previous, long position, Row entry) {
        return fieldsMac(key, "journey-platform/audit-entry/v2", keyId, previous, Long.toString(position), entry);
    }

    /**
     * The MAC the platform writes an entry with (hex HMAC-SHA256 with the audit chain key): over its id and every field
     * as stored, under a label of its own, so that it is never a seal's MAC. The sealing step seals only entries that
     * carry it: one inserted by anyone else, who cannot make it, is never chained.
     */
    static String appendMac(byte[] key, String keyId, Row entry) {
        return fieldsMac(key, "journey-platform/audit-append/v1", keyId, "", "", entry);
    }

    /**
     * Whether an unsealed entry, read with the column {@code before_append_macs} (joined from
     * {@code audit_entry_before_append_macs}), was written by the platform: before append MACs, or with its MAC.
     */
    private boolean writtenByThePlatform(ResultSet rs, Row entry) throws SQLException {
        return rs.getBoolean("before_append_macs") || carriesTheAppendMac(entry);
    }

    /** Whether an entry's append MAC matches, with a key configured. */
    private boolean carriesTheAppendMac(Row entry) {
        if (entry.appendKeyId() == null || entry.appendMac() == null) {
            return false;
        }
        return masterKeys
                .auditChainKey(entry.appendKeyId())
                .map(key -> java.security.MessageDigest.isEqual(
                        appendMac(key, entry.appendKeyId(), entry).getBytes(StandardCharsets.US_ASCII),
                        entry.appendMac().getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    private static String fieldsMac(
            byte[] key, String label, String keyId, String previous, String position, Row entry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String field : new String[] {
                label,
                keyId,
                previous,
                position,
                Long.toString(entry.entryId()),
                entry.recordedAt().toString(),
                entry.actor(),
                entry.roles(),
                entry.action().name(),
                entry.participantId(),
                entry.endpoint(),
                entry.purpose(),
                entry.purposeSealed() == null ? null : Base64.getEncoder().encodeToString(entry.purposeSealed()),
                Boolean.toString(entry.breakGlass()),
                entry.outcome().name()
            }) {
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                mac.update(java.nio.ByteBuffer.allocate(4)
                        .putInt(field == null ? -1 : bytes.length)
                        .array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    private static String legacyHash(String previous, long position, Row entry) {
        return hash(
                previous,
                position,
                entry.recordedAt(),
                entry.actor(),
                entry.roles(),
                entry.action(),
                entry.participantId(),
                entry.endpoint(),
                entry.purpose(),
                entry.outcome());
    }

    /**
     * The plain SHA-256 of one entry sealed before keyed MACs existed (V15). Entries written before outcomes existed
     * (all allowed) hash as they did, so the chain written by earlier versions still verifies.
     */
    static String hash(
            String previous,
            long position,
            Instant recordedAt,
            String actor,
            String roles,
            Action action,
            String participantId,
            String endpoint,
            String purpose,
            Outcome outcome) {
        String canonical = String.join(
                "\u001f",
                previous,
                Long.toString(position),
                recordedAt.toString(),
                actor,
                roles,
                action.name(),
                String.valueOf(participantId),
                endpoint,
                String.valueOf(purpose));
        if (outcome != Outcome.ALLOWED) {
            canonical = canonical + "\u001f" + outcome.name();
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(
                (Long) rs.getObject("position"),
                rs.getLong("entry_id"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("actor"),
                rs.getString("roles"),
                Action.valueOf(rs.getString("action")),
                rs.getString("participant_id"),
                rs.getString("endpoint"),
                rs.getString("purpose"),
                rs.getBytes("purpose_sealed"),
                rs.getBoolean("break_glass"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("mac_key_id"),
                rs.getString("previous_hash"),
                rs.getString("hash"),
                rs.getString("append_key_id"),
                rs.getString("append_mac"));
    }
}
