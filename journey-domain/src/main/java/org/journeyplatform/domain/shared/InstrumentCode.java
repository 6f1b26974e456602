package org.journeyplatform.domain.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies an assessment instrument, e.g. {@code ors}, {@code srs}, {@code movers}, {@code ladder}. */
public record InstrumentCode(String value) {

    /** Compiled once: every event that names one is read through here. */
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public InstrumentCode {
        Objects.requireNonNull(value, "InstrumentCode");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("An instrument code is 1 to 64 lower-case letters, digits and dashes");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
