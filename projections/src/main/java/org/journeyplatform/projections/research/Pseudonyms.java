package org.journeyplatform.projections.research;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A study's pseudonyms, date offsets and follow-up cuts, all keyed by the study's own secret with HMAC-SHA256, so
 * that they are stable from one export of the study to the next and cannot be linked between studies (or computed back
 * to an id) without the secret. Every input is prefixed with what it is, so no two kinds can coincide:
 * <ul>
 *   <li>a participant: {@code HMAC(secret, "participant:" + participantId)}, the first 80 bits in lower-case base32
 *   (16 characters, e.g. {@code k3q7xw2mbe4tdyua});</li>
 *   <li>a programme, peer, goal, reunification plan, safety plan or helper: {@code HMAC(secret, kind + ":" + id)},
 *   50 bits (10 characters) after the kind, e.g. {@code peer-m2x7qk4r9a};</li>
 *   <li>her follow-up cut {@code c}: {@code HMAC(secret, "cut:" + participantId)}, the first 64 bits as an unsigned
 *   number modulo 183, so 0 to 182 days;</li>
 *   <li>her date offset: {@code c - v}, where {@code v} is {@code HMAC(secret, "shift:" + participantId)} taken the
 *   same way (0 to 182): -182 to +182 days.</li>
 * </ul>
 * Why the offset is built from the cut: everyone's follow-up ends on a day everyone knows (the export date or the end
 * of the study period), so her shifted last day would give her offset away. Her follow-up therefore ends {@code c}
 * days before that day, and her shifted last day is then that day minus {@code v}: it tells nothing about her offset,
 * which stays anywhere in a range of 182 days for whoever knows {@code v} (docs/research.md, "Dates").
 */
public final class Pseudonyms {

    /** The largest shift, in days, either way. */
    public static final int MAX_OFFSET_DAYS = 182;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final byte[] secret;

    /**
     * Keyed MACs not in use: each HMAC takes one (or keys a new one) and gives it back, as {@code doFinal} leaves it
     * ready for the next input under the same key. Held by this object only, so the key goes with it.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Mac> idle =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public Pseudonyms(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("A study secret has at least 32 bytes.");
        }
        this.secret = secret.clone();
        idle.offer(newMac()); // fails here, not at the first pseudonym, should HmacSHA256 be refused
    }

    /** Her pseudonym in this study. */
    public String participant(String participantId) {
        return base32(hmac("participant:" + participantId), 16);
    }

    /** The days by which her dates are shifted in this study: -182 to +182 (her cut minus her shift). */
    public int offsetDays(String participantId) {
        return cutDays(participantId) - uniform("shift:" + participantId);
    }

    /** The days by which her follow-up is cut short at its end (and, if it starts on the period's first day, made
     * up at its start): 0 to 182. */
    public int cutDays(String participantId) {
        return uniform("cut:" + participantId);
    }

    /**
     * The displacement of one of her events in this study: {@code -maxDays} to {@code +maxDays}, from {@code
     * HMAC(secret, "displace:" + participantId + ":" + eventId)}. Keyed by the event's id, it stays the same in every
     * export of the study, so two exports cannot be averaged to undo it.
     */
    public int displacementDays(String participantId, String eventId, int maxDays) {
        if (maxDays == 0) {
            return 0;
        }
        long value = ByteBuffer.wrap(hmac("displace:" + participantId + ":" + eventId), 0, 8)
                .getLong();
        return (int) Long.remainderUnsigned(value, 2L * maxDays + 1) - maxDays;
    }

    /** 0 to 182, from the first 64 bits of the HMAC of the input. */
    private int uniform(String input) {
        long value = ByteBuffer.wrap(hmac(input), 0, 8).getLong();
        return (int) Long.remainderUnsigned(value, MAX_OFFSET_DAYS + 1);
    }

    /** The pseudonym of a programme, peer, plan... of this kind ({@code programme}, {@code peer}...). */
    public String reference(String kind, String id) {
        return kind + "-" + base32(hmac(kind + ":" + id), 10);
    }

    private byte[] hmac(String input) {
        Mac mac = idle.poll();
        if (mac == null) {
            mac = newMac();
        }
        byte[] result = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        idle.offer(mac);
        return result;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String base32(byte[] bytes, int characters) {
        StringBuilder out = new StringBuilder(characters);
        int buffer = 0;
        int bits = 0;
        int i = 0;
        while (out.length() < characters) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[i++] & 0xff);
                bits += 8;
            }
            out.append(BASE32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Pseudonyms[secret hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pseudonyms p && Arrays.equals(p.secret, secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }
}
