package org.journeyplatform.infra.axon;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message and event identifiers (random UUIDs, version 4) from a cryptographically strong generator of each
 * thread's own. Axon's default, {@link UUID#randomUUID()}, shares one {@code NativePRNG} whose reads of
 * {@code /dev/urandom} are serialised on one lock: under concurrent commands, threads queued on it. Registered through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class PerThreadIdentifierFactory extends IdentifierFactory {

    /** Random bytes for 64 identifiers are drawn at once: a DRBG call costs about as much for 1 KiB as for 16 bytes. */
    private static final int BATCH = 64;

    private static final ThreadLocal<Source> SOURCE = ThreadLocal.withInitial(Source::new);

    /** One thread's generator and its unused random bytes. */
    private static final class Source {
        private final SecureRandom random;
        private final byte[] bytes = new byte[16 * BATCH];
        private int next = BATCH;

        Source() {
            SecureRandom chosen;
            try {
                chosen = SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                chosen = new SecureRandom();
            }
            random = chosen;
        }

        UUID nextUuid() {
            if (next == BATCH) {
                random.nextBytes(bytes);
                next = 0;
            }
            int at = 16 * next++;
            long most = 0;
            long least = 0;
            for (int i = 0; i < 8; i++) {
                most = (most << 8) | (bytes[at + i] & 0xff);
                least = (least << 8) | (bytes[at + 8 + i] & 0xff);
            }
            most = (most & ~0xf000L) | 0x4000L; // version 4
            least = (least & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
            return new UUID(most, least);
        }
    }

    @Override
    public String generateIdentifier() {
        return SOURCE.get().nextUuid().toString();
    }
}
