package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Figures;
import org.journeyplatform.projections.dashboard.DashboardCalculator.FollowUp;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Group;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Stay;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.journeyplatform.projections.dashboard.DashboardModel.Digest;

/**
 * Every dashboard figure of {@code docs/metrics.md}, computed in one pass over participants whose facts are already in
 * life order and whose stays are already paired ({@link DashboardModel}). It gives exactly what
 * {@link DashboardCalculator} (the definition's reference, which groups, sorts and pairs every fact on every call)
 * gives from the same facts: {@code ReadyFiguresTest} and {@code DashboardOracleTest} hold it to that, cell for cell.
 */
final class ReadyFigures {

    private ReadyFigures() {
    }

    /** Counts and the different participants behind them. */
    private static final class Tally {
        long count;
        long participants;
        private int last = -1;

        void add(boolean firstOfHers) {
            count++;
            if (firstOfHers) {
                participants++;
            }
        }

        /** Counts one for the participant with this ordinal (participants come one after the other). */
        void add(int who) {
            count++;
            if (last != who) {
                last = who;
                participants++;
            }
        }

        Figure figure() {
            return Figure.count(count, participants);
        }
    }

    /** A reunification plan across the cohort, as the reference groups it by its id. */
    private static final class Plan {
        String openedBy;
        boolean closed;
        String restoredByStep;
        String restoredByClosure;
    }

    /**
     * @param participants the participants with an entry into any of the programmes, in the order of their ids
     */
    static Figures compute(List<Digest> participants, Set<String> programmes, LocalDate from, LocalDate to,
                           LocalDate asOf, Interval interval) {
        List<String> intervals = new ArrayList<>();
        Map<String, Integer> slot = new HashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = interval.next(day)) {
            slot.put(interval.labelOf(day), intervals.size());
            intervals.add(interval.labelOf(day));
        }
        int n = intervals.size();
        long fromDay = from.toEpochDay();
        long toDay = to.toEpochDay();
        Tally[][] movement = new Tally[3][n];
        for (Tally[] row : movement) {
            for (int i = 0; i < n; i++) {
                row[i] = new Tally();
            }
        }
        ExitReason[] reasons = ExitReason.values();
        Tally[] byReason = tallies(reasons.length);
        MilestoneType[] milestoneTypes = MilestoneType.values();
        Tally[] byMilestone = tallies(milestoneTypes.length);
        Tally entries = new Tally();
        Tally reentries = new Tally();
        Tally exits = new Tally();
        Tally milestones = new Tally();
        Tally plansOpened = new Tally();
        Tally forward = new Tally();
        Tally back = new Tally();
        Tally sessions = new Tally();
        long cohort = 0;
        long activeNow = 0;
        long mentored = 0;
        List<Double> lengths = new ArrayList<>();
        List<FollowUp> followUps = new ArrayList<>();
        List<Double> daysToMilestone = new ArrayList<>();
        long withMilestone = 0;
        Map<String, Plan> plans = new HashMap<>();
        Map<String, List<double[]>> pairsByInstrument = new TreeMap<>();

        int who = -1;
        for (Digest participant : participants) {
            who++;
            String id = participant.participantId();
            List<Stay> stays = asOf(participant.stays(), asOf);
            boolean scoped = false;
            boolean inCohort = false;
            boolean active = false;
            Stay firstExit = null;
            for (Stay stay : stays) {
                if (!programmes.contains(stay.programmeId())) {
                    continue;
                }
                scoped = true;
                inCohort |= stay.overlaps(from, to);
                active |= stay.openOn(asOf);
                if (in(stay.start(), from, to)) {
                    entries.add(who);
                    movement[0][slot.get(interval.labelOf(stay.start()))].add(who);
                    if (reentry(stay, stays)) {
                        reentries.add(who);
                        movement[1][slot.get(interval.labelOf(stay.start()))].add(who);
                    }
                }
                if (in(stay.end(), from, to)) {
                    exits.add(who);
                    movement[2][slot.get(interval.labelOf(stay.end()))].add(who);
                    for (int r = 0; r < reasons.length; r++) {
                        if (reasons[r].name().equals(stay.exitReason())) {
                            byReason[r].add(who);
                        }
                    }
                    lengths.add((double) ChronoUnit.DAYS.between(stay.start(), stay.end()));
                    if (!DashboardCalculator.NOT_FOLLOWED_UP.contains(stay.exitReason())
                            && (firstExit == null || stay.end().isBefore(firstExit.end()))) {
                        firstExit = stay;
                    }
                }
            }
            if (!scoped) {
                continue;
            }
            activeNow += active ? 1 : 0;
            List<DashboardFact> facts = participant.facts();
            int[] days = participant.days();
            int known = participant.upTo(asOf); // her facts up to the as-of day
            if (firstExit != null) {
                followUps.add(followUp(id, firstExit, facts, days, known, asOf));
            }
            if (!inCohort) {
                continue;
            }
            cohort++;
            Map<LocalDate, Long> firstMilestone = null;
            for (Stay stay : stays) {
                if (!programmes.contains(stay.programmeId()) || !stay.overlaps(from, to)) {
                    continue;
                }
                long start = stay.start().toEpochDay();
                long until = (stay.end() == null ? asOf : stay.end()).toEpochDay();
                for (int i = 0; i < known && days[i] <= until; i++) {
                    if (days[i] >= start && facts.get(i).kind() == Kind.MILESTONE) {
                        if (firstMilestone == null) {
                            firstMilestone = new HashMap<>(4);
                        }
                        firstMilestone.merge(stay.start(), days[i] - start, Math::min);
                        break;
                    }
                }
            }
            if (firstMilestone != null) {
                firstMilestone.values().forEach(d -> daysToMilestone.add(d.doubleValue()));
                withMilestone++;
            }
            Map<String, double[]> readings = null; // instrument -> {first, latest, count}
            for (int i = 0; i < known; i++) {
                DashboardFact f = facts.get(i);
                boolean inPeriod = days[i] >= fromDay && days[i] <= toDay;
                switch (f.kind()) {
                    case MILESTONE -> {
                        if (inPeriod) {
                            milestones.add(who);
                            for (int m = 0; m < milestoneTypes.length; m++) {
                                if (milestoneTypes[m].name().equals(f.label())) {
                                    byMilestone[m].add(who);
                                }
                            }
                        }
                    }
                    case PLAN_OPENED -> {
                        Plan plan = plans.computeIfAbsent(f.ref(), r -> new Plan());
                        if (plan.openedBy == null) {
                            plan.openedBy = id;
                        }
                        if (inPeriod) {
                            plansOpened.add(who);
                        }
                    }
                    case PLAN_STEP -> {
                        Plan plan = plans.computeIfAbsent(f.ref(), r -> new Plan());
                        if (inPeriod) {
                            if (plan.restoredByStep == null
                                    && ReunificationStep.CUSTODY_RESTORED.name().equals(f.label())) {
                                plan.restoredByStep = id;
                            }
                            if (StepDirection.FORWARD.name().equals(f.direction())) {
                                forward.add(who);
                            } else if (StepDirection.BACKWARD.name().equals(f.direction())) {
                                back.add(who);
                            }
                        }
                    }
                    case PLAN_CLOSED -> {
                        Plan plan = plans.computeIfAbsent(f.ref(), r -> new Plan());
                        plan.closed = true;
                        if (inPeriod && plan.restoredByClosure == null
                                && ReunificationPlanClosureReason.CUSTODY_RESTORED.name().equals(f.label())) {
                            plan.restoredByClosure = id;
                        }
                    }
                    case PEER_SESSION -> {
                        if (inPeriod) {
                            sessions.add(who);
                        }
                    }
                    case ASSESSMENT -> {
                        if (f.score() != null && f.label() != null) {
                            if (readings == null) {
                                readings = new HashMap<>(4);
                            }
                            double[] r = readings.computeIfAbsent(f.label(), k -> new double[] {f.score(), 0, 0});
                            r[1] = f.score();
                            r[2]++;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (readings != null) {
                readings.forEach((instrument, r) -> {
                    List<double[]> pairs = pairsByInstrument.computeIfAbsent(instrument, k -> new ArrayList<>());
                    if (r[2] >= 2) {
                        pairs.add(new double[] {r[0], r[1]});
                    }
                });
            }
            mentored += DashboardCalculator.mentoredDuring(facts.subList(0, known), from, to) ? 1 : 0;
        }

        Map<String, Figure> cells = new LinkedHashMap<>();
        List<Group> groups = new ArrayList<>();
        cells.put("headline.participants", Figure.count(cohort, cohort));
        cells.put("headline.activeNow", Figure.count(activeNow, activeNow));
        cells.put("headline.entries", entries.figure());
        cells.put("headline.reentries", reentries.figure());
        cells.put("headline.exits", exits.figure());
        String[] measures = {"entries", "reentries", "exits"};
        for (int m = 0; m < 3; m++) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String key = "movement." + intervals.get(i) + "." + measures[m];
                members.add(key);
                cells.put(key, movement[m][i].figure());
            }
            groups.add(new Group("headline." + measures[m], members));
        }
        List<String> reasonKeys = new ArrayList<>();
        for (int r = 0; r < reasons.length; r++) {
            String key = "exitsByReason." + reasons[r].name();
            reasonKeys.add(key);
            cells.put(key, byReason[r].figure());
        }
        groups.add(new Group("headline.exits", reasonKeys));

        lengths.sort(null);
        cells.put("lengthOfStay.stays", exits.figure());
        cells.put("lengthOfStay.medianDays", Figure.statistic(DashboardCalculator.quantile(lengths, 0.5),
                exits.participants));
        cells.put("lengthOfStay.q1Days", Figure.statistic(DashboardCalculator.quantile(lengths, 0.25),
                exits.participants));
        cells.put("lengthOfStay.q3Days", Figure.statistic(DashboardCalculator.quantile(lengths, 0.75),
                exits.participants));

        // the follow-ups are held to the reference's; the cells made of them have one home
        DashboardCalculator.relapseAndReturn(cells, followUps, asOf);

        List<String> milestoneKeys = new ArrayList<>();
        for (int m = 0; m < milestoneTypes.length; m++) {
            String key = "milestones." + milestoneTypes[m].name();
            milestoneKeys.add(key);
            cells.put(key, byMilestone[m].figure());
        }
        cells.put("milestones.total", milestones.figure());
        groups.add(new Group("milestones.total", milestoneKeys));
        daysToMilestone.sort(null);
        cells.put("milestones.medianDaysFromEntryToFirst", Figure.statistic(
                DashboardCalculator.quantile(daysToMilestone, 0.5), withMilestone));

        Tally open = new Tally();
        Tally restored = new Tally();
        Map<String, Boolean> openSeen = new HashMap<>();
        Map<String, Boolean> restoredSeen = new HashMap<>();
        plans.values().forEach(plan -> {
            if (plan.openedBy != null && !plan.closed) {
                open.add(openSeen.put(plan.openedBy, true) == null);
            }
            String by = plan.restoredByStep != null ? plan.restoredByStep : plan.restoredByClosure;
            if (by != null) {
                restored.add(restoredSeen.put(by, true) == null);
            }
        });
        cells.put("reunification.openPlans", open.figure());
        cells.put("reunification.plansOpened", plansOpened.figure());
        cells.put("reunification.stepsForward", forward.figure());
        cells.put("reunification.stepsBack", back.figure());
        cells.put("reunification.custodyRestored", restored.figure());

        cells.put("peerSupport.sessions", sessions.figure());
        cells.put("peerSupport.sessionsPerParticipant", new Figure(cohort == 0 ? null
                : (double) sessions.count / cohort, List.of((int) cohort, (int) sessions.participants), false));
        cells.put("peerSupport.withMentor", new Figure((double) mentored,
                List.of((int) mentored, (int) (cohort - mentored)), true));
        cells.put("peerSupport.shareWithMentor", Figure.rate(mentored, cohort));

        List<String> instruments = new ArrayList<>(pairsByInstrument.keySet());
        pairsByInstrument.forEach((instrument, pairs) -> {
            String prefix = "assessments." + instrument + ".";
            int count = pairs.size();
            long improved = pairs.stream().filter(p -> p[1] > p[0]).count();
            Double first = mean(pairs, 0);
            Double latest = mean(pairs, 1);
            cells.put(prefix + "participants", Figure.count(count, count));
            cells.put(prefix + "meanFirst", Figure.statistic(first, count));
            cells.put(prefix + "meanLatest", Figure.statistic(latest, count));
            cells.put(prefix + "meanChange", Figure.statistic(count == 0 ? null : latest - first, count));
            cells.put(prefix + "shareImproved", Figure.rate(improved, count));
        });
        return new Figures(cells, groups, intervals, instruments, followUps);
    }

    private static Tally[] tallies(int size) {
        Tally[] tallies = new Tally[size];
        for (int i = 0; i < size; i++) {
            tallies[i] = new Tally();
        }
        return tallies;
    }

    /** Her stays as they stood on the as-of day: none begun after it, and an exit after it not yet made. */
    private static List<Stay> asOf(List<Stay> stays, LocalDate asOf) {
        boolean allKnown = true;
        for (Stay s : stays) {
            allKnown &= !s.start().isAfter(asOf) && (s.end() == null || !s.end().isAfter(asOf));
        }
        if (allKnown) {
            return stays; // the usual case: the figures are as of today
        }
        List<Stay> known = new ArrayList<>(stays.size());
        for (Stay s : stays) {
            if (s.start().isAfter(asOf)) {
                continue;
            }
            known.add(s.end() != null && s.end().isAfter(asOf)
                    ? new Stay(s.participantId(), s.programmeId(), s.start(), null, null) : s);
        }
        return known;
    }

    private static boolean in(LocalDate day, LocalDate from, LocalDate to) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    private static boolean reentry(Stay stay, List<Stay> hers) {
        for (Stay earlier : hers) {
            if (earlier.programmeId().equals(stay.programmeId()) && earlier.end() != null
                    && earlier.start().isBefore(stay.start()) && !earlier.end().isAfter(stay.start())) {
                return true;
            }
        }
        return false;
    }

    private static FollowUp followUp(String participant, Stay exit, List<DashboardFact> facts, int[] days, int known,
                                     LocalDate asOf) {
        LocalDate exited = exit.end();
        LocalDate returned = null;
        if (ExitReason.RETURNED_TO_SEX_TRADE.name().equals(exit.exitReason())) {
            returned = exited;
        } else {
            long exitDay = exited.toEpochDay();
            for (int i = 0; i < known; i++) {
                if (days[i] >= exitDay && facts.get(i).kind() == Kind.RELAPSE) {
                    returned = facts.get(i).on();
                    break;
                }
            }
        }
        return returned == null
                ? new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, asOf), false)
                : new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, returned), true);
    }


    private static Double mean(List<double[]> pairs, int index) {
        return pairs.isEmpty() ? null : pairs.stream().mapToDouble(p -> p[index]).average().orElseThrow();
    }
}
