package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whether she had a peer mentor during a period")
class MentoredDuringTest {

    @Test
    @DisplayName("is the rule as written with a map of mentors held, for random assignments and endings")
    void followsTheRule() {
        Random random = new Random(5);
        LocalDate start = LocalDate.of(2022, 1, 1);
        for (int history = 0; history < 5_000; history++) {
            // given: assignments and endings of up to three mentors (some ended twice or never assigned), in order
            List<DashboardFact> facts = new ArrayList<>();
            LocalDate day = start;
            int events = random.nextInt(8);
            for (int e = 0; e < events; e++) {
                day = day.plusDays(random.nextInt(90));
                Kind kind = random.nextBoolean() ? Kind.MENTOR_ASSIGNED : Kind.MENTOR_ENDED;
                String peer = random.nextInt(10) == 0 ? null : "peer-" + random.nextInt(3);
                facts.add(new DashboardFact("p-1", e, kind, day, null, null, null, peer, null, null));
                if (random.nextInt(4) == 0) {
                    facts.add(new DashboardFact("p-1", e, Kind.PEER_SESSION, day, null, null, null, peer, null, null));
                }
            }
            LocalDate from = start.plusDays(random.nextInt(500));
            LocalDate to = from.plusDays(random.nextInt(300));

            // when / then
            assertThat(DashboardCalculator.mentoredDuring(facts, from, to))
                    .as("%s %s..%s", facts, from, to)
                    .isEqualTo(asWritten(facts, from, to));
        }
    }

    /** The rule of docs/metrics.md, written plainly: a mentor assigned on or before the period's last day and not
     * ended before its first. */
    private static boolean asWritten(List<DashboardFact> facts, LocalDate from, LocalDate to) {
        Map<String, LocalDate> assigned = new HashMap<>();
        for (DashboardFact fact : facts) {
            if (fact.kind() == Kind.MENTOR_ASSIGNED) {
                assigned.putIfAbsent(fact.ref(), fact.on());
            } else if (fact.kind() == Kind.MENTOR_ENDED && assigned.containsKey(fact.ref())) {
                LocalDate since = assigned.remove(fact.ref());
                if (!since.isAfter(to) && !fact.on().isBefore(from)) {
                    return true;
                }
            }
        }
        return assigned.values().stream().anyMatch(since -> !since.isAfter(to));
    }
}
