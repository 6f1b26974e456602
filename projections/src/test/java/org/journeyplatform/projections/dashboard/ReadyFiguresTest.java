package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ready figures against the definition's reference on random histories: stays in several programmes, re-entries
 * and overlaps, exits with no entry and entries while already in (what corrections can leave), same-day events with
 * and without a time of day, events after the as-of day, and every kind of fact, over many periods.
 */
@DisplayName("The ready figures")
class ReadyFiguresTest {

    private static final List<String> PROGRAMMES = List.of("prog-a", "prog-b", "prog-c");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("equal the reference's, cell for cell, for one programme and several, by month, quarter and year")
    void equalTheReference(long seed) {
        // given
        Random random = new Random(seed);
        List<DashboardFact> facts = randomFacts(random, 150);

        // when / then
        for (int i = 0; i < 12; i++) {
            Period p = Period.random(random);
            for (Set<String> programmes :
                    List.of(Set.of("prog-a"), Set.of("prog-b"), Set.of("prog-a", "prog-c"), Set.copyOf(PROGRAMMES))) {
                ReadyFiguresCheck.checked(facts, programmes, p.from(), p.to(), p.asOf(), p.interval());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    @DisplayName("computed for several sets of programmes in one pass, equal the reference's for each set alone")
    void severalSetsInOnePass(long seed) {
        // given
        Random random = new Random(seed);
        List<DashboardFact> facts = randomFacts(random, 150);
        List<Set<String>> sets = List.of(
                Set.of("prog-a"),
                Set.of("prog-b"),
                Set.of("prog-c"),
                Set.of("prog-none"),
                Set.of("prog-a", "prog-c"),
                Set.copyOf(PROGRAMMES));

        for (int i = 0; i < 8; i++) {
            Period p = Period.random(random);

            // when
            List<DashboardCalculator.Figures> each = ReadyFigures.computeEach(
                    ReadyFiguresCheck.digests(facts, Set.copyOf(PROGRAMMES)),
                    sets,
                    p.from(),
                    p.to(),
                    p.asOf(),
                    p.interval());

            // then
            for (int k = 0; k < sets.size(); k++) {
                ReadyFiguresCheck.assertSame(
                        DashboardCalculator.compute(facts, sets.get(k), p.from(), p.to(), p.asOf(), p.interval()),
                        each.get(k),
                        sets.get(k) + " " + p);
            }
        }
    }

    /** A period, as of its last day or up to 60 days before it, by month, quarter or year. */
    private record Period(LocalDate from, LocalDate to, LocalDate asOf, Interval interval) {

        static Period random(Random random) {
            LocalDate from = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(1500));
            LocalDate to = from.plusDays(random.nextInt(900));
            LocalDate asOf = random.nextBoolean() ? to : to.minusDays(random.nextInt(60));
            if (asOf.isBefore(from)) {
                asOf = to;
            }
            return new Period(from, to, asOf, Interval.values()[random.nextInt(3)]);
        }
    }

    @Test
    @DisplayName("equal the reference's when nobody is in the programmes")
    void emptyProgrammes() {
        List<DashboardFact> facts = randomFacts(new Random(9), 20);
        ReadyFiguresCheck.checked(
                facts,
                Set.of("prog-none"),
                LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31),
                LocalDate.of(2022, 12, 31),
                Interval.MONTH);
        ReadyFiguresCheck.checked(
                List.of(),
                Set.of("prog-a"),
                LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31),
                LocalDate.of(2022, 12, 31),
                Interval.QUARTER);
    }

    static List<DashboardFact> randomFacts(Random random, int participants) {
        List<DashboardFact> facts = new ArrayList<>();
        long sequence = 0;
        for (int p = 0; p < participants; p++) {
            String id = String.format("p-%04d", p);
            LocalDate day = LocalDate.of(2020, 6, 1).plusDays(random.nextInt(900));
            int events = 2 + random.nextInt(40);
            List<String> plans = new ArrayList<>();
            for (int e = 0; e < events; e++) {
                day = day.plusDays(random.nextInt(4) == 0 ? 0 : random.nextInt(60));
                LocalTime time = random.nextInt(3) == 0 ? LocalTime.of(random.nextInt(24), random.nextInt(60)) : null;
                String programme = random.nextInt(12) == 0 ? null : PROGRAMMES.get(random.nextInt(3));
                Kind kind = random.nextInt(4) == 0
                        ? Kind.ENTERED
                        : random.nextInt(3) == 0 ? Kind.EXITED : Kind.values()[random.nextInt(Kind.values().length)];
                String label = null;
                String ref = null;
                String direction = null;
                Double score = null;
                switch (kind) {
                    case EXITED -> label = pick(random, ExitReason.values()).name();
                    case MILESTONE ->
                        label = pick(random, MilestoneType.values()).name();
                    case RELAPSE -> label = "DRUG_OR_ALCOHOL_USE";
                    case PEER_SESSION, MENTOR_ASSIGNED, MENTOR_ENDED -> ref = "peer-" + random.nextInt(3);
                    case PLAN_OPENED -> {
                        ref = "plan-" + id + "-" + plans.size();
                        plans.add(ref);
                    }
                    case PLAN_STEP -> {
                        ref = plans.isEmpty() ? "plan-" + id + "-x" : plans.get(random.nextInt(plans.size()));
                        label = pick(random, ReunificationStep.values()).name();
                        direction = pick(random, StepDirection.values()).name();
                    }
                    case PLAN_CLOSED -> {
                        ref = plans.isEmpty() ? "plan-" + id + "-x" : plans.get(random.nextInt(plans.size()));
                        label = pick(random, ReunificationPlanClosureReason.values())
                                .name();
                    }
                    case ASSESSMENT -> {
                        label = random.nextBoolean() ? "ORS" : "CORE-10";
                        score = random.nextInt(10) == 0 ? null : (double) random.nextInt(40);
                    }
                    default -> {}
                }
                boolean hasProgramme = kind == Kind.ENTERED || kind == Kind.EXITED;
                facts.add(new DashboardFact(
                        id,
                        ++sequence,
                        kind,
                        day,
                        time,
                        hasProgramme ? programme : null,
                        label,
                        ref,
                        direction,
                        score));
            }
        }
        // recorded out of life order, as late entries are
        java.util.Collections.shuffle(facts, random);
        return facts;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
