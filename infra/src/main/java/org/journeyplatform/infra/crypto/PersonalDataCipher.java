package org.journeyplatform.infra.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals one personal-data value with its participant's data key (AES-256-GCM through Tink), bound to her and to the
 * field it belongs to, as text: {@code pd1:} and the base64 of the ciphertext. Opening it again needs her key: once
 * the key is destroyed, nothing can open it.
 */
public class PersonalDataCipher {

    /** The prefix of a sealed value, with the format's version. */
    public static final String PREFIX = "pd1:";

    private final ParticipantKeys keys;

    public PersonalDataCipher(ParticipantKeys keys) {
        this.keys = keys;
    }

    public String seal(String participantId, String field, byte[] plaintext) {
        try {
            byte[] sealed = keys.forWriting(participantId).encrypt(plaintext, associatedData(participantId, field));
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data cannot be encrypted", e);
        }
    }

    /** The value, or empty when her key was destroyed (she was erased). Fails loudly on anything else. */
    public Optional<byte[]> open(String participantId, String field, String sealed) {
        ParticipantKeys.Lookup lookup = keys.lookup(participantId);
        if (lookup instanceof ParticipantKeys.Destroyed) {
            return Optional.empty();
        }
        if (!(lookup instanceof ParticipantKeys.Found found)) {
            throw new IllegalStateException("A participant's personal data is encrypted but her data key is missing "
                    + "from keystore.participant_data_key: was the key store restored from an older backup?");
        }
        try {
            byte[] ciphertext = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            return Optional.of(found.aead().decrypt(ciphertext, associatedData(participantId, field)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A participant's personal data cannot be decrypted: damaged, or sealed for "
                            + "another participant or field",
                    e);
        }
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    private static byte[] associatedData(String participantId, String field) {
        return ("journey-platform/personal-data/" + participantId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
