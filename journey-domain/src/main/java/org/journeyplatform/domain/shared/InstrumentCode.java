package org.journeyplatform.domain.shared;

import java.util.Objects;

/** Identifies an assessment instrument, e.g. {@code ors}, {@code srs}, {@code movers}, {@code ladder}. */
public record InstrumentCode(String value) {

    public InstrumentCode {
        Objects.requireNonNull(value, "InstrumentCode");
        if (!value.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("An instrument code is 1 to 64 lower-case letters, digits and dashes");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
