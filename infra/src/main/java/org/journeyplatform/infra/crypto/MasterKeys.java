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

    private final String primaryId;
    private final Map<String, Aead> keys;

    private MasterKeys(String primaryId, Map<String, Aead> keys) {
        this.primaryId = primaryId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** Parses {@code id:base64,id:base64...}; the first is the primary. */
    public static MasterKeys parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("No master key is configured (journey.crypto.master-keys, "
                    + "JOURNEY_MASTER_KEYS): personal data cannot be protected.");
        }
        Map<String, Aead> keys = new LinkedHashMap<>();
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
                throw new IllegalStateException("Master key '" + parts[0] + "' must be 32 bytes (AES-256); it has "
                        + raw.length + ".");
            }
            if (keys.containsKey(parts[0])) {
                throw new IllegalStateException("Master key id '" + parts[0] + "' is configured twice.");
            }
            try {
                keys.put(parts[0], new AesGcmJce(raw));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Master key '" + parts[0] + "' cannot be used: " + e.getMessage(), e);
            }
        }
        return new MasterKeys(keys.keySet().iterator().next(), keys);
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
