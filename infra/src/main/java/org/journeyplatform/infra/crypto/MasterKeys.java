package org.journeyplatform.infra.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The master keys that wrap (encrypt) every participant's data key: AES-256-GCM keys from configuration
 * ({@code journey.crypto.master-keys}, e.g. {@code JOURNEY_MASTER_KEYS=k2:BASE64,k1:BASE64}), each with an id. The first
 * is the primary: it wraps new data keys and re-wraps old ones; the others only unwrap, so a master key can be rotated
 * (docs/adr/0010-crypto-shredding.md). A key is 32 random bytes, base64-encoded, e.g. from {@code openssl rand -base64 32}.
 */
public final class MasterKeys {

    /** The id of the development master key in application.yml; production start-up refuses it. */
    public static final String DEVELOPMENT_KEY_ID = "development";

    /** The fixed label the audit chain's MAC key is derived with (HMAC-SHA256 of it under the master key). */
    static final String AUDIT_CHAIN_LABEL = "journey-platform/audit-chain/v1";

    private final String primaryId;
    private final Map<String, Aead> keys;
    private final Map<String, byte[]> auditChainKeys;

    private MasterKeys(String primaryId, Map<String, Aead> keys, Map<String, byte[]> auditChainKeys) {
        this.primaryId = primaryId;
        this.keys = Collections.unmodifiableMap(keys);
        this.auditChainKeys = Collections.unmodifiableMap(auditChainKeys);
    }

    /** Parses {@code id:base64,id:base64...}; the first is the primary. */
    public static MasterKeys parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("No master key is configured (journey.crypto.master-keys, "
                    + "JOURNEY_MASTER_KEYS): personal data cannot be protected.");
        }
        Map<String, Aead> keys = new LinkedHashMap<>();
        Map<String, byte[]> auditChainKeys = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || !parts[0].matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalStateException("A master key is configured as id:base64-of-32-bytes, ids of letters, "
                        + "digits, '.', '_' or '-'; one entry is not.");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(parts[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Master key '" + parts[0] + "' is not valid base64.");
            }
            if (raw.length != 32) {
                throw new IllegalStateException(
                        "Master key '" + parts[0] + "' must be 32 bytes (AES-256); it has " + raw.length + ".");
            }
            if (keys.containsKey(parts[0])) {
                throw new IllegalStateException("Master key id '" + parts[0] + "' is configured twice.");
            }
            try {
                keys.put(parts[0], new AesGcmJce(raw));
                auditChainKeys.put(parts[0], derive(raw, AUDIT_CHAIN_LABEL));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Master key '" + parts[0] + "' cannot be used: " + e.getMessage(), e);
            }
        }
        return new MasterKeys(keys.keySet().iterator().next(), keys, auditChainKeys);
    }

    /**
     * The key that MACs the audit chain under the master key with this id: HMAC-SHA256 of a fixed label, keyed with the
     * master key. Like the master key it is never stored; the audit log records the id it used. Empty when that
     * master key is not configured.
     */
    public java.util.Optional<byte[]> auditChainKey(String id) {
        byte[] key = auditChainKeys.get(id);
        return key == null ? java.util.Optional.empty() : java.util.Optional.of(key.clone());
    }

    private static byte[] derive(byte[] masterKey, String label) throws GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(masterKey, "HmacSHA256"));
        return mac.doFinal(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String primaryId() {
        return primaryId;
    }

    public Aead primary() {
        return keys.get(primaryId);
    }

    public boolean has(String id) {
        return keys.containsKey(id);
    }

    public Aead get(String id) {
        Aead key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("Master key '" + id + "' is not configured (journey.crypto.master-keys); "
                    + "data keys it wrapped cannot be opened.");
        }
        return key;
    }
}
