package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one person or service in a participant's support network. */
public record HelperId(String value) {

    public HelperId {
        Objects.requireNonNull(value, "HelperId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("HelperId must not be blank");
        }
    }

    public static HelperId of(UUID uuid) {
        return new HelperId(uuid.toString());
    }

    public static HelperId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
