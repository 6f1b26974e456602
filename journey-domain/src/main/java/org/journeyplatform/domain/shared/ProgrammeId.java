package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one programme (a service a participant can enter and leave). */
public record ProgrammeId(String value) {

    public ProgrammeId {
        Objects.requireNonNull(value, "programme id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("programme id must not be blank");
        }
    }

    public static ProgrammeId of(UUID uuid) {
        return new ProgrammeId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
