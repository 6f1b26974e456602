package org.journeyplatform.projections.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One figure as it may be shown. A suppressed cell carries no value at all, only the text "fewer than N": the API never
 * returns what it hides.
 *
 * @param value      the figure, or null when suppressed or when there is nothing to compute it from
 * @param suppressed true when the figure covers too few participants to be shown
 * @param display    the figure as text: rounded, "fewer than 11" when suppressed, "no data" when there is none
 */
// every cell has the same three fields, also where the application leaves nulls out: {"value": null, ...}
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Cell(Double value, boolean suppressed, String display) {

    static Cell suppressed(int threshold) {
        return new Cell(null, true, "fewer than " + threshold);
    }

    static Cell of(Double value, boolean percentage) {
        if (value == null) {
            return new Cell(null, false, "no data");
        }
        double rounded = percentage ? Math.round(value * 1000) / 1000.0 : Math.round(value * 10) / 10.0;
        String display = percentage ? Math.round(value * 100) + "%"
                : rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
        return new Cell(rounded, false, display);
    }
}
