package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.journeyplatform.projections.dashboard.DashboardModel.Digest;

/**
 * Holds the ready figures ({@link ReadyFigures}, over facts already ordered and paired) to the definition's reference
 * ({@link DashboardCalculator}): the same cells with the same values and group sizes, the same groups, intervals,
 * instruments and follow-ups.
 */
final class ReadyFiguresCheck {

    private ReadyFiguresCheck() {}

    /** The reference figures, after checking that the ready ones are the same. */
    static DashboardCalculator.Figures checked(
            Collection<DashboardFact> facts,
            Set<String> programmes,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Interval interval) {
        DashboardCalculator.Figures reference =
                DashboardCalculator.compute(facts, programmes, from, to, asOf, interval);
        DashboardCalculator.Figures ready =
                ReadyFigures.compute(digests(facts, programmes), programmes, from, to, asOf, interval);
        assertSame(reference, ready, programmes + " " + from + ".." + to + " as of " + asOf + " by " + interval);
        return reference;
    }

    /** The participants with an entry into any of the programmes, as the model holds them, in the order of their ids. */
    static List<Digest> digests(Collection<DashboardFact> facts, Set<String> programmes) {
        Map<String, List<DashboardFact>> byParticipant = facts.stream()
                .collect(Collectors.groupingBy(DashboardFact::participantId, TreeMap::new, Collectors.toList()));
        List<Digest> digests = new ArrayList<>();
        byParticipant.forEach((id, hers) -> {
            Digest digest = DashboardModel.digest(id, hers);
            if (!Collections.disjoint(digest.programmes(), programmes)) {
                digests.add(digest);
            }
        });
        return digests;
    }

    static void assertSame(DashboardCalculator.Figures reference, DashboardCalculator.Figures ready, String what) {
        assertThat(ready.cells().keySet())
                .as(what)
                .containsExactlyElementsOf(reference.cells().keySet());
        reference.cells().forEach((key, expected) -> {
            Figure actual = ready.cells().get(key);
            assertThat(actual.sizes()).as(what + " " + key + " sizes").isEqualTo(expected.sizes());
            assertThat(actual.additive()).as(what + " " + key).isEqualTo(expected.additive());
            assertThat(actual.share()).as(what + " " + key).isEqualTo(expected.share());
            if (expected.value() == null) {
                assertThat(actual.value()).as(what + " " + key).isNull();
            } else {
                assertThat(actual.value())
                        .as(what + " " + key)
                        .isCloseTo(expected.value(), org.assertj.core.api.Assertions.within(1e-9));
            }
        });
        assertThat(ready.groups()).as(what).isEqualTo(reference.groups());
        assertThat(ready.intervals()).as(what).isEqualTo(reference.intervals());
        assertThat(ready.instruments()).as(what).isEqualTo(reference.instruments());
        assertThat(ready.followUps()).as(what).isEqualTo(reference.followUps());
    }
}
