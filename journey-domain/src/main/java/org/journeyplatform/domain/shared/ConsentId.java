package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one consent a participant gave (service or research). */
public record ConsentId(String value) {

    public ConsentId {
        Objects.requireNonNull(value, "ConsentId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ConsentId must not be blank");
        }
    }

    public static ConsentId of(UUID uuid) {
        return new ConsentId(uuid.toString());
    }

    public static ConsentId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
