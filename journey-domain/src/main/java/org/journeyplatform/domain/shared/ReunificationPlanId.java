package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a participant's reunification plan with one child. */
public record ReunificationPlanId(String value) {

    public ReunificationPlanId {
        Objects.requireNonNull(value, "ReunificationPlanId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ReunificationPlanId must not be blank");
        }
    }

    public static ReunificationPlanId of(UUID uuid) {
        return new ReunificationPlanId(uuid.toString());
    }

    public static ReunificationPlanId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
