package org.journeyplatform.infra.crypto;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Research studies' secrets in the key store ({@code keystore.research_study_secret}): 32 random bytes for each study,
 * the key of its pseudonyms and date offsets (so two studies share no pseudonym), wrapped by the primary master key
 * with the study's id as associated data. A secret is never answered, logged or written to an export; it is unwrapped
 * only to make an export, and re-wrapped with the primary master key whenever it is found wrapped by an older one.
 */
@Component
public class StudySecrets {

    private static final Logger log = LoggerFactory.getLogger(StudySecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final MasterKeys masterKeys;

    public StudySecrets(JdbcClient jdbc, MasterKeys masterKeys) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
    }

    /**
     * Makes and keeps the study's secret, in the caller's transaction (the one that registers the study: a study is
     * never stored without its secret, nor a secret without its study).
     */
    public void create(String studyId, Instant createdAt) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A study's secret is made in the transaction that registers the study");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] wrapped;
        try {
            wrapped = masterKeys.primary().encrypt(secret, associatedData(studyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret could not be wrapped by the primary master key", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        jdbc.sql("""
                        INSERT INTO keystore.research_study_secret (study_id, master_key_id, wrapped_secret,
                                                                    created_at)
                        VALUES (?, ?, ?, ?)""")
                .params(studyId, masterKeys.primaryId(), wrapped, Timestamp.from(createdAt))
                .update();
    }

    /**
     * The study's secret, unwrapped (the caller clears it after use). Re-wraps it with the primary master key when an
     * older one wrapped it.
     *
     * @throws IllegalStateException when the study has no secret, or the master key that wrapped it is not configured
     */
    public byte[] secretOf(String studyId) {
        Object[] row = jdbc.sql("""
                        SELECT master_key_id, wrapped_secret FROM keystore.research_study_secret WHERE study_id = ?""")
                .param(studyId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)})
                .optional()
                .orElseThrow(() -> new IllegalStateException("The study has no secret in the key store."));
        String keyId = (String) row[0];
        byte[] secret;
        try {
            secret = masterKeys.get(keyId).decrypt((byte[]) row[1], associatedData(studyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret cannot be unwrapped by master key '" + keyId + "'", e);
        }
        if (!keyId.equals(masterKeys.primaryId())) {
            rewrap(studyId, keyId, secret);
        }
        return secret;
    }

    /**
     * Re-wraps every study secret that an older master key wraps, when that key is still configured; answers how
     * many were re-wrapped. Secrets whose master key is missing are logged (by study id) and left as they are: their
     * studies cannot be exported until the key is configured again.
     */
    public int rewrapAll() {
        List<String[]> rows = jdbc.sql("""
                        SELECT study_id, master_key_id FROM keystore.research_study_secret WHERE master_key_id <> ?""")
                .param(masterKeys.primaryId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int rewrapped = 0;
        List<String> missing = new ArrayList<>();
        for (String[] row : rows) {
            if (!masterKeys.has(row[1])) {
                missing.add(row[0]);
                continue;
            }
            byte[] secret = secretOf(row[0]);
            Arrays.fill(secret, (byte) 0);
            rewrapped++;
        }
        if (!missing.isEmpty()) {
            log.error(
                    "{} research study secrets are wrapped by master keys that are not configured; those studies "
                            + "cannot be exported: {}",
                    missing.size(),
                    missing);
        }
        return rewrapped;
    }

    private void rewrap(String studyId, String oldKeyId, byte[] secret) {
        Aead primary = masterKeys.primary();
        try {
            jdbc.sql("""
                            UPDATE keystore.research_study_secret SET master_key_id = ?, wrapped_secret = ?
                             WHERE study_id = ? AND master_key_id = ?""")
                    .params(masterKeys.primaryId(), primary.encrypt(secret, associatedData(studyId)), studyId, oldKeyId)
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret could not be re-wrapped by the primary master key", e);
        }
    }

    private static byte[] associatedData(String studyId) {
        return ("journey-platform/research-study-secret/" + studyId).getBytes(StandardCharsets.UTF_8);
    }
}
