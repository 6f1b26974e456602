package org.journeyplatform.domain.assessment;

import java.util.List;
import java.util.Objects;

/**
 * A subscale of an instrument: a score computed from some of its items.
 *
 * @param code its code, unique within the instrument
 * @param itemCodes the items it is computed from
 * @param scoring summed or averaged
 */
public record InstrumentSubscale(String code, String label, List<String> itemCodes, Scoring scoring) {

    public InstrumentSubscale {
        Objects.requireNonNull(code, "code");
        itemCodes = List.copyOf(itemCodes);
        Objects.requireNonNull(scoring, "scoring");
    }
}
