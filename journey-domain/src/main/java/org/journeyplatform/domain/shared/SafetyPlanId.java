package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies one of a participant's safety plans. */
public record SafetyPlanId(String value) {

    public SafetyPlanId {
        Objects.requireNonNull(value, "SafetyPlanId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("SafetyPlanId must not be blank");
        }
    }

    public static SafetyPlanId of(UUID uuid) {
        return new SafetyPlanId(uuid.toString());
    }

    public static SafetyPlanId random() {
        return of(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
