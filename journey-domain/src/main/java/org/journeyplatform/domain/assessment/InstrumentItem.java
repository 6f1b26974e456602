package org.journeyplatform.domain.assessment;

import java.util.Objects;

/**
 * One item of an assessment instrument, scored within a range.
 *
 * @param code its code, unique within the instrument
 * @param label what it asks about
 * @param min the lowest score
 * @param max the highest score
 */
public record InstrumentItem(String code, String label, int min, int max) {

    public InstrumentItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        if (min > max) {
            throw new IllegalArgumentException("Item " + code + ": min above max");
        }
    }
}
