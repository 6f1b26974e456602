package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies a module of a programme's curriculum, e.g. {@code week-03} or {@code shame-and-self-esteem}. */
public record ModuleId(String value) {

    /** Compiled once: every event that names one is read through here. */
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public ModuleId {
        Objects.requireNonNull(value, "ModuleId");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("A module id is 1 to 64 lower-case letters, digits and dashes");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
