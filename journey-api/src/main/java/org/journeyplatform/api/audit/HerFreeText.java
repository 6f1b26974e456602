package org.journeyplatform.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.projections.scope.ParticipantScopes;
import org.springframework.stereotype.Component;

/**
 * Free text staff write about an access to one participant (an {@code X-Access-Purpose}, a break-glass reason), sealed
 * with her own data key (AES-256-GCM, bound to her and to the field), so that her erasure, which destroys the key,
 * makes it unreadable wherever it is kept, while the row that holds it stays. Opened, it reads {@value #ERASED} once
 * her key is destroyed.
 */
@Component
public class HerFreeText {

    /** What sealed text reads once her key was destroyed. */
    public static final String ERASED = "(erased)";

    private final ParticipantKeys keys;
    private final ParticipantScopes scopes;

    public HerFreeText(ParticipantKeys keys, ParticipantScopes scopes) {
        this.keys = keys;
        this.scopes = scopes;
    }

    /**
     * The text sealed with her key; null when there is no text, no participant of this id (nothing is made for an id
     * that names nobody), or she was erased (nothing new is kept about her).
     */
    public byte[] seal(String participantId, String field, String text) {
        if (text == null || participantId == null) {
            return null;
        }
        ParticipantKeys.Lookup lookup = keys.lookup(participantId);
        com.google.crypto.tink.Aead aead;
        if (lookup instanceof ParticipantKeys.Found found) {
            aead = found.aead();
        } else if (lookup instanceof ParticipantKeys.Missing && enrolled(participantId)) {
            try {
                aead = keys.forWriting(participantId);
            } catch (ParticipantKeys.ErasedParticipantException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return aead.encrypt(text.getBytes(StandardCharsets.UTF_8), associatedData(participantId, field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Free text about an access cannot be encrypted", e);
        }
    }

    /** The text, or {@value #ERASED} when her key was destroyed (or is missing). Fails on damaged ciphertext. */
    public String open(String participantId, String field, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (!(keys.lookup(participantId) instanceof ParticipantKeys.Found found)) {
            return ERASED;
        }
        try {
            return new String(
                    found.aead().decrypt(sealed, associatedData(participantId, field)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Free text about an access cannot be decrypted: damaged, or sealed for "
                            + "another participant or field",
                    e);
        }
    }

    private boolean enrolled(String participantId) {
        return scopes.isEnrolled(participantId);
    }

    private static byte[] associatedData(String participantId, String field) {
        return ("journey-platform/access-text/" + participantId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
