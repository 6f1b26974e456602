package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one participant and her journey. Opaque: it carries nothing about her. */
public record ParticipantId(String value) {

    public ParticipantId {
        Objects.requireNonNull(value, "participant id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("participant id must not be blank");
        }
    }

    public static ParticipantId of(UUID uuid) {
        return new ParticipantId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
