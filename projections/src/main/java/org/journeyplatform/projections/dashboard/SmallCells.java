package org.journeyplatform.projections.dashboard;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression (docs/metrics.md): a figure whose groups of participants hold between one and threshold-1
 * people is hidden (primary suppression); then, where hidden cells could be computed back from a shown total and the
 * shown cells beside them, or from the same figure of each programme behind an all-programmes view, more cells are
 * hidden until they cannot (complementary suppression): in a group of cells that add up to a total, a hidden cell
 * (the total included) is never the only hidden one, and hidden members beside a shown total add up to at least the
 * threshold. Each relation is made safe on its own; combinations of several relations are not solved (docs/metrics.md).
 */
final class SmallCells {

    private SmallCells() {}

    /**
     * Counts shown beside the share made of them and the same denominator: 66 % of 163 followed up is exactly 107
     * returns, so hiding one of the two and showing the other hides nothing.
     */
    static final String[][] COUNT_AND_SHARE = {
        {"relapseAndReturn.returnedWithin10Months", "relapseAndReturn.shareWithin10Months"},
        {"peerSupport.withMentor", "peerSupport.shareWithMentor"}
    };

    /**
     * @param perProgramme for a view over several programmes, the cells of each programme's own dashboard as shown
     *                     (empty for a single programme)
     */
    static Map<String, Cell> suppress(
            DashboardCalculator.Figures figures, int threshold, Collection<Map<String, Cell>> perProgramme) {
        Map<String, Figure> cells = figures.cells();
        Set<String> hidden = new HashSet<>();
        cells.forEach((key, figure) -> {
            if (figure.small(threshold)) {
                hidden.add(key);
            }
        });
        if (perProgramme.size() > 1) {
            cells.forEach((key, figure) -> {
                if (!figure.additive() || hidden.contains(key) || figure.value() == null) {
                    return;
                }
                double shown = 0;
                int hiddenInProgrammes = 0;
                for (Map<String, Cell> programme : perProgramme) {
                    Cell cell = programme.get(key);
                    if (cell == null) {
                        continue;
                    }
                    hiddenInProgrammes += cell.suppressed() ? 1 : 0;
                    shown += cell.suppressed() || cell.value() == null ? 0 : cell.value();
                }
                // the combined count less the programmes' shown ones is what their hidden cells add up to: one
                // programme's hidden cell on its own would be given back exactly (12 re-entries of fewer than 11
                // women, say), several together must not add up to a small number
                double difference = figure.value() - shown;
                if (hiddenInProgrammes > 0 && difference > 0 && (hiddenInProgrammes == 1 || difference < threshold)) {
                    hidden.add(key);
                }
            });
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            // a share and the count it is made of, beside the same denominator, give each other away: one hidden,
            // both hidden
            for (String[] pair : COUNT_AND_SHARE) {
                if (cells.containsKey(pair[0])
                        && cells.containsKey(pair[1])
                        && hidden.contains(pair[0]) != hidden.contains(pair[1])) {
                    hidden.add(pair[0]);
                    hidden.add(pair[1]);
                    changed = true;
                }
            }
            for (DashboardCalculator.Group group : figures.groups()) {
                List<String> hiddenMembers = group.members().stream()
                        .filter(key -> hidden.contains(key) && cells.get(key).value() > 0)
                        .toList();
                boolean totalHidden = hidden.contains(group.total());
                double hiddenSum = hiddenMembers.stream()
                        .mapToDouble(key -> cells.get(key).value())
                        .sum();
                // One hidden cell in a relation "total = sum of members" is computed back from the others; several
                // hidden members beside a shown total give away their sum, which must not be small either.
                boolean exposed = hiddenMembers.size() + (totalHidden ? 1 : 0) == 1
                        || (!totalHidden && !hiddenMembers.isEmpty() && hiddenSum < threshold);
                if (!exposed) {
                    continue;
                }
                String next = group.members().stream()
                        .filter(key -> !hidden.contains(key) && cells.get(key).value() > 0)
                        .min(Comparator.comparingDouble(key -> cells.get(key).value()))
                        .orElse(totalHidden ? null : group.total());
                if (next != null) {
                    hidden.add(next);
                    changed = true;
                }
            }
        }
        Map<String, Cell> shown = new LinkedHashMap<>();
        cells.forEach((key, figure) -> shown.put(
                key,
                !hidden.contains(key)
                        ? Cell.of(figure.value(), figure.share())
                        : figure.small(threshold)
                                ? Cell.small(
                                        threshold,
                                        figure.additive()
                                                && figure.value() != null
                                                && figure.value() > 0
                                                && figure.value() < threshold)
                                : Cell.complementary()));
        return shown;
    }
}
