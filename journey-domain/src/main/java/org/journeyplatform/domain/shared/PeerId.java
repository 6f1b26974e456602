package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a registered peer worker or volunteer facilitator. */
public record PeerId(String value) {

    public PeerId {
        Objects.requireNonNull(value, "PeerId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("PeerId must not be blank");
        }
    }

    public static PeerId of(UUID uuid) {
        return new PeerId(uuid.toString());
    }

    public static PeerId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
