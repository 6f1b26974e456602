package org.journeyplatform.infra.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every participant's own data key (a Tink AES-256-GCM keyset), kept wrapped by the primary {@link MasterKeys master
 * key} in {@code keystore.participant_data_key}, apart from the events it protects. Destroying her key erases her
 * personal data everywhere it was stored encrypted: the event store, snapshots and anything copied from them.
 * <p>
 * Unwrapped keys are cached in memory for {@code journey.crypto.key-cache-ttl} (default 5 minutes): another instance
 * may still read her data for that long after her key was destroyed elsewhere.
 */
public class ParticipantKeys {

    /** What reading her key found. */
    public sealed interface Lookup permits Found, Destroyed, Missing {}

    public record Found(Aead aead) implements Lookup {}

    /** Her key was destroyed: she was erased. */
    public record Destroyed() implements Lookup {}

    /** No key was ever made for her. */
    public record Missing() implements Lookup {}

    private record Cached(Aead aead, Instant until) {}

    private static final int CACHE_SIZE = 10_000;

    /**
     * How many keys were forgotten (destroyed) so far, under the cache's lock: a key read from the store before a
     * forget and unwrapped after it is not kept, or it could outlive her erasure in this instance's memory.
     */
    private long forgotten;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final MasterKeys masterKeys;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public ParticipantKeys(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            MasterKeys masterKeys,
            Clock clock,
            Duration cacheTtl) {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKeys = masterKeys;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    /**
     * Her key, made (and committed, in a transaction of its own, before anything is encrypted with it) when she has
     * none yet. Refused once her key was destroyed: nothing new is stored for an erased participant.
     */
    public Aead forWriting(String participantId) {
        Lookup lookup = lookup(participantId);
        if (lookup instanceof Found found) {
            return found.aead();
        }
        if (lookup instanceof Destroyed) {
            throw new ErasedParticipantException();
        }
        ownTransaction.executeWithoutResult(status -> {
            try {
                KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                        handle, masterKeys.primary(), associatedData(participantId));
                jdbc.sql("""
                                INSERT INTO keystore.participant_data_key (participant_id, master_key_id, wrapped_key,
                                                                           created_at)
                                VALUES (?, ?, ?, ?) ON CONFLICT (participant_id) DO NOTHING""")
                        .params(participantId, masterKeys.primaryId(), wrapped, Timestamp.from(clock.instant()))
                        .update();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("A data key cannot be made", e);
            }
        });
        if (lookup(participantId) instanceof Found found) { // hers, or the one a concurrent writer made first
            return found.aead();
        }
        throw new ErasedParticipantException();
    }

    /**
     * Makes the keys of many new participants at once, in the caller's transaction (one statement), and keeps them in
     * memory for the writes that follow: the bulk generator of synthetic journeys enrols thousands of participants in
     * one transaction, where {@link #forWriting} would commit a transaction of its own for each. A participant who
     * has, or had, a key keeps it as it is.
     */
    public void makeKeys(java.util.Collection<String> participantIds) {
        String[] ids = participantIds.toArray(String[]::new);
        byte[][] wrapped = new byte[ids.length][];
        Aead[] aeads = new Aead[ids.length];
        try {
            for (int i = 0; i < ids.length; i++) {
                KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                wrapped[i] = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                        handle, masterKeys.primary(), associatedData(ids[i]));
                aeads[i] = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key cannot be made", e);
        }
        List<String> made = jdbc.sql("""
                        INSERT INTO keystore.participant_data_key (participant_id, master_key_id, wrapped_key, created_at)
                        SELECT id, ?, key, ? FROM unnest(?, ?) AS made(id, key)
                        ON CONFLICT (participant_id) DO NOTHING RETURNING participant_id""")
                .params(
                        masterKeys.primaryId(),
                        Timestamp.from(clock.instant()),
                        array("text", ids),
                        array("bytea", wrapped))
                .query(String.class)
                .list();
        java.util.Set<String> inserted = new java.util.HashSet<>(made);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            if (status != STATUS_COMMITTED) { // never stored: nothing may be sealed under them
                                inserted.forEach(ParticipantKeys.this::forget);
                            }
                        }
                    });
        }
        Instant until = clock.instant().plus(cacheTtl);
        synchronized (cache) {
            for (int i = 0; i < ids.length; i++) {
                if (inserted.contains(ids[i])) {
                    cache.put(ids[i], new Cached(aeads[i], until));
                }
            }
        }
    }

    private static org.springframework.jdbc.core.support.AbstractSqlTypeValue array(String type, Object[] values) {
        return new org.springframework.jdbc.core.support.AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(java.sql.Connection connection, int sqlType, String typeName)
                    throws java.sql.SQLException {
                return connection.createArrayOf(type, values);
            }
        };
    }

    /** Her key as it stands: found, destroyed (she was erased) or missing. */
    public Lookup lookup(String participantId) {
        long seen;
        synchronized (cache) {
            seen = forgotten;
            Cached cached = cache.get(participantId);
            if (cached != null && cached.until().isAfter(clock.instant())) {
                return new Found(cached.aead());
            }
        }
        List<Object[]> rows = jdbc.sql("""
                        SELECT master_key_id, wrapped_key FROM keystore.participant_data_key
                         WHERE participant_id = ?""")
                .param(participantId)
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getBytes(2)})
                .list();
        if (rows.isEmpty()) {
            return new Missing();
        }
        if (rows.get(0)[1] == null) {
            return new Destroyed();
        }
        Aead aead = unwrap(participantId, (String) rows.get(0)[0], (byte[]) rows.get(0)[1]);
        synchronized (cache) {
            if (forgotten == seen) { // else a key may have been destroyed since it was read: not kept
                cache.put(participantId, new Cached(aead, clock.instant().plus(cacheTtl)));
            }
        }
        return new Found(aead);
    }

    /**
     * Reads and unwraps, with one statement, the keys of those of these participants whose key is not in memory, and
     * keeps them there as {@link #lookup} would: what reads many journeys at once calls this first, instead of one
     * read of the key store per journey. Destroyed and missing keys are left to {@link #lookup}.
     */
    public void warm(java.util.Collection<String> participantIds) {
        Instant now = clock.instant();
        List<String> wanted = new java.util.ArrayList<>();
        long seen;
        synchronized (cache) {
            seen = forgotten;
            for (String participantId : participantIds) {
                Cached cached = cache.get(participantId);
                if (cached == null || !cached.until().isAfter(now)) {
                    wanted.add(participantId);
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Object[]> rows = jdbc.sql("""
                        SELECT participant_id, master_key_id, wrapped_key FROM keystore.participant_data_key
                         WHERE participant_id = ANY (?) AND wrapped_key IS NOT NULL""")
                .param(array("text", wanted.toArray(String[]::new)))
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)})
                .list();
        Map<String, Aead> unwrapped = new java.util.HashMap<>();
        for (Object[] row : rows) {
            unwrapped.put((String) row[0], unwrap((String) row[0], (String) row[1], (byte[]) row[2]));
        }
        Instant until = clock.instant().plus(cacheTtl);
        synchronized (cache) {
            if (forgotten == seen) { // else a key may have been destroyed since it was read: none kept
                unwrapped.forEach((participantId, aead) -> cache.put(participantId, new Cached(aead, until)));
            }
        }
    }

    private Aead unwrap(String participantId, String masterKeyId, byte[] wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(
                            wrapped, masterKeys.get(masterKeyId), associatedData(participantId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The data key of a participant cannot be unwrapped with master key '" + masterKeyId
                            + "': wrong or damaged master key?",
                    e);
        }
    }

    /** Destroys her key for good (its row stays, empty, as the record that it was destroyed). */
    public void destroy(String participantId) {
        jdbc.sql("""
                        INSERT INTO keystore.participant_data_key (participant_id, master_key_id, wrapped_key, created_at,
                                                                   destroyed_at)
                        VALUES (?, NULL, NULL, ?, ?)
                        ON CONFLICT (participant_id) DO UPDATE
                           SET wrapped_key = NULL, master_key_id = NULL,
                               destroyed_at = COALESCE(keystore.participant_data_key.destroyed_at, EXCLUDED.destroyed_at)""")
                .params(participantId, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
                .update();
        forget(participantId);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // until the destruction commits, a read of the store still finds her key and may keep it: forget it again
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forget(participantId);
                        }
                    });
        }
    }

    /** Drops her key from this instance's memory. */
    public void forget(String participantId) {
        synchronized (cache) {
            cache.remove(participantId);
            forgotten++;
        }
    }

    /**
     * Re-wraps every data key not wrapped by the primary master key with the primary one, so that older master keys
     * can be retired. Returns how many were re-wrapped.
     */
    public int rewrapAll() {
        List<Object[]> rows = jdbc.sql("""
                        SELECT participant_id, master_key_id, wrapped_key FROM keystore.participant_data_key
                         WHERE wrapped_key IS NOT NULL AND master_key_id <> ?""")
                .param(masterKeys.primaryId())
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)})
                .list();
        int rewrapped = 0;
        for (Object[] row : rows) {
            String participantId = (String) row[0];
            try {
                KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(
                        (byte[]) row[2], masterKeys.get((String) row[1]), associatedData(participantId));
                byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(
                        handle, masterKeys.primary(), associatedData(participantId));
                rewrapped += jdbc.sql("""
                                UPDATE keystore.participant_data_key SET master_key_id = ?, wrapped_key = ?
                                 WHERE participant_id = ? AND master_key_id = ? AND wrapped_key IS NOT NULL""")
                        .params(masterKeys.primaryId(), wrapped, participantId, row[1])
                        .update();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "A data key cannot be re-wrapped: wrong or damaged master key '" + row[1] + "'?", e);
            }
        }
        return rewrapped;
    }

    /** The ids of master keys that still wrap data keys but are not configured; empty when all can be opened. */
    public List<String> missingMasterKeys() {
        return jdbc.sql("""
                        SELECT DISTINCT master_key_id FROM keystore.participant_data_key
                         WHERE wrapped_key IS NOT NULL ORDER BY master_key_id""").query(String.class).list().stream()
                .filter(id -> !masterKeys.has(id))
                .toList();
    }

    /** How many data keys each master key wraps. */
    public Map<String, Long> countByMasterKey() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT master_key_id, count(*) FROM keystore.participant_data_key
                         WHERE wrapped_key IS NOT NULL GROUP BY master_key_id ORDER BY master_key_id""")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    public String primaryMasterKeyId() {
        return masterKeys.primaryId();
    }

    private static byte[] associatedData(String participantId) {
        return ("journey-platform/data-key/" + participantId).getBytes(StandardCharsets.UTF_8);
    }

    /** Something was to be stored encrypted for a participant whose key was destroyed. */
    public static class ErasedParticipantException extends IllegalStateException {
        public ErasedParticipantException() {
            super("This participant was erased: nothing can be stored for her.");
        }
    }

    /** For callers that only need to know. */
    public Optional<Instant> destroyedAt(String participantId) {
        return jdbc.sql("SELECT destroyed_at FROM keystore.participant_data_key WHERE participant_id = ?")
                .param(participantId)
                .query((rs, row) -> rs.getTimestamp(1))
                .optional()
                .filter(java.util.Objects::nonNull)
                .map(Timestamp::toInstant);
    }
}
