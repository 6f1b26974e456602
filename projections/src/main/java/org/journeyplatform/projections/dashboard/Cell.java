package org.journeyplatform.projections.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One figure as it may be shown. A suppressed cell carries no value at all, only a text that says why it is hidden:
 * the API never returns what it hides.
 * <ul>
 *   <li>A figure hidden because a group of participants it reveals holds between 1 and threshold-1 people
 *       ({@link #FEWER_THAN_THRESHOLD}): a count that is itself that small reads "fewer than 11"; any other figure
 *       (a median, mean or share, or a count whose complement is small, such as 35 of 40) reads "hidden: it would
 *       reveal a group of fewer than 11".</li>
 *   <li>A figure hidden only so that a small one cannot be worked out from it ({@link #REVEALS_A_SMALL_FIGURE}): it is
 *       not small itself, and reads "hidden so a small figure cannot be worked out".</li>
 * </ul>
 *
 * @param value          the figure, or null when suppressed or when there is nothing to compute it from
 * @param suppressed     true when the figure is hidden
 * @param display        the figure as text: rounded; why it is hidden when suppressed; "no data" when there is none
 * @param hiddenBecause  null when shown, else {@link #FEWER_THAN_THRESHOLD} or {@link #REVEALS_A_SMALL_FIGURE}
 */
// every cell has the same three fields, also where the application leaves nulls out: {"value": null, ...}
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Cell(
        Double value,
        boolean suppressed,
        String display,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hiddenBecause) {

    /** The figure itself covers between one and threshold-1 participants. */
    public static final String FEWER_THAN_THRESHOLD = "fewer-than-threshold";
    /** The figure is not small, but a small one could be worked out from it and the figures shown. */
    public static final String REVEALS_A_SMALL_FIGURE = "reveals-a-small-figure";

    static final String COMPLEMENTARY_TEXT = "hidden so a small figure cannot be worked out";
    private static final String FEWER_THAN = "fewer than ";

    public Cell(Double value, boolean suppressed, String display) {
        this(value, suppressed, display, suppressed ? FEWER_THAN_THRESHOLD : null);
    }

    /**
     * A figure hidden because it reveals too small a group; only a count that is itself small says "fewer than N".
     */
    static Cell small(int threshold, boolean smallCount) {
        return new Cell(
                null,
                true,
                smallCount ? FEWER_THAN + threshold : "hidden: it would reveal a group of fewer than " + threshold,
                FEWER_THAN_THRESHOLD);
    }

    /** A figure hidden so that a small one cannot be worked out from it. */
    static Cell complementary() {
        return new Cell(null, true, COMPLEMENTARY_TEXT, REVEALS_A_SMALL_FIGURE);
    }

    /**
     * The figure as a page shows it in a sentence or a table cell: its display, but "hidden" for a figure that is
     * not a small count (the page's legend says what each means).
     */
    @JsonIgnore
    public String shortDisplay() {
        return !suppressed || smallCount() ? display : "hidden";
    }

    /** Hidden as a count that is itself small: it reads "fewer than N". */
    @JsonIgnore
    public boolean smallCount() {
        return suppressed && display.startsWith(FEWER_THAN);
    }

    static Cell of(Double value, boolean percentage) {
        if (value == null) {
            return new Cell(null, false, "no data");
        }
        double rounded = percentage ? Math.round(value * 1000) / 1000.0 : Math.round(value * 10) / 10.0;
        String display = percentage
                ? Math.round(value * 100) + "%"
                : rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
        return new Cell(rounded, false, display);
    }
}
