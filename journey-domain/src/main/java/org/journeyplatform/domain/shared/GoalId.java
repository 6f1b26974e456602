package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one of a participant's goals. */
public record GoalId(String value) {

    public GoalId {
        Objects.requireNonNull(value, "GoalId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("GoalId must not be blank");
        }
    }

    public static GoalId of(UUID uuid) {
        return new GoalId(uuid.toString());
    }

    public static GoalId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
