package org.journeyplatform.projections.dashboard;

import java.util.List;

/**
 * A figure as computed, before small-cell suppression: its value and the sizes of the groups of participants it
 * reveals (a count: the participants it counts; a rate: those it counts and those it does not; a median or mean: the
 * participants it is computed over). It is shown only when none of those groups holds between one and threshold-1
 * participants. Never leaves the server: {@link Cell} does.
 *
 * @param value    the value, or null when there is nothing to compute it from
 * @param sizes    the sizes of the groups of participants the value reveals
 * @param additive true for counts, which add up to totals and across programmes (and so can be computed back)
 * @param share    true for a share (shown as a percentage)
 */
record Figure(Double value, List<Integer> sizes, boolean additive, boolean share) {

    Figure(Double value, List<Integer> sizes, boolean additive) {
        this(value, sizes, additive, false);
    }

    static Figure count(long count, long participants) {
        return new Figure((double) count, List.of((int) participants), true);
    }

    static Figure statistic(Double value, long participants) {
        return new Figure(participants == 0 ? null : value, List.of((int) participants), false);
    }

    static Figure rate(long counted, long of) {
        return new Figure(
                of == 0 ? null : (double) counted / of, List.of((int) counted, (int) (of - counted)), false, true);
    }

    boolean small(int threshold) {
        return sizes.stream().anyMatch(size -> size > 0 && size < threshold);
    }
}
