package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;

/**
 * Computes every dashboard figure of a set of programmes over a period from the participants' facts, exactly as
 * {@code docs/metrics.md} defines them. Pure: no database, no clock (the day the figures are as of comes in).
 */
final class DashboardCalculator {

    /** Exits after which she is not followed up for a return: a transfer continues her support, a death ends it. */
    static final Set<String> NOT_FOLLOWED_UP = Set.of(ExitReason.TRANSFERRED.name(), ExitReason.DIED.name());

    static final int FOLLOW_UP_MONTHS = 10;

    /** A stay in a programme, from her entry to her exit (open when she has not left). */
    record Stay(String participantId, String programmeId, LocalDate start, LocalDate end, String exitReason) {

        boolean overlaps(LocalDate from, LocalDate to) {
            return !start.isAfter(to) && (end == null || !end.isBefore(from));
        }

        boolean openOn(LocalDate day) {
            return !start.isAfter(day) && (end == null || end.isAfter(day));
        }
    }

    /** One participant's time to first return after an exit, or to the end of follow-up (censored). */
    record FollowUp(String participantId, LocalDate exitedOn, long days, boolean returned) {}

    /** The figures before suppression, the groups of cells that add up to a total, and the retention curve. */
    record Figures(
            Map<String, Figure> cells,
            List<Group> groups,
            List<String> intervals,
            List<String> instruments,
            List<FollowUp> followUps) {}

    /** Cells that add up to a shown total: hiding one alone would let a reader compute it back. */
    record Group(String total, List<String> members) {}

    private DashboardCalculator() {}

    static Figures compute(
            Collection<DashboardFact> facts, Set<String> programmes, LocalDate from, LocalDate to, LocalDate asOf) {
        return compute(facts, programmes, from, to, asOf, Interval.MONTH);
    }

    static Figures compute(
            Collection<DashboardFact> facts,
            Set<String> programmes,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Interval interval) {
        Map<String, List<DashboardFact>> byParticipant = facts.stream()
                .filter(f -> !f.on().isAfter(asOf))
                .collect(Collectors.groupingBy(DashboardFact::participantId, TreeMap::new, Collectors.toList()));
        byParticipant.values().forEach(list -> list.sort(DashboardFact.LIFE_ORDER));
        Map<String, List<Stay>> stays = new TreeMap<>();
        byParticipant.forEach((participant, list) -> stays.put(participant, staysOf(participant, list)));

        List<Stay> scoped = stays.values().stream()
                .flatMap(List::stream)
                .filter(s -> programmes.contains(s.programmeId()))
                .toList();
        Set<String> cohort = scoped.stream()
                .filter(s -> s.overlaps(from, to))
                .map(Stay::participantId)
                .collect(Collectors.toCollection(TreeSet::new));
        Pass pass = new Pass(byParticipant, stays, scoped, cohort, from, to, asOf, interval);
        pass.headline();
        pass.movement();
        pass.exitsByReason();
        pass.lengthOfStay();
        List<FollowUp> followUps = pass.relapseAndReturn();
        pass.milestones();
        pass.reunification();
        pass.peerSupport();
        pass.assessments();
        return new Figures(pass.cells, pass.groups, pass.intervals, pass.instruments, followUps);
    }

    /**
     * One computation: who is counted and the stays of the period (docs/metrics.md, "The period, the as-of day and who
     * is counted"), then each family of figures by a method named after its section of docs/metrics.md, in the order
     * the cells are shown.
     */
    private static final class Pass {

        final Map<String, List<DashboardFact>> byParticipant;
        final Map<String, List<Stay>> stays;
        final List<Stay> scoped;
        final Set<String> cohort;
        final LocalDate from;
        final LocalDate to;
        final LocalDate asOf;
        final Interval interval;
        final Predicate<LocalDate> inPeriod;
        final List<Stay> entries;
        final List<Stay> reentries;
        final List<Stay> exits;
        final Map<String, Figure> cells = new LinkedHashMap<>();
        final List<Group> groups = new ArrayList<>();
        final List<String> intervals = new ArrayList<>();
        final List<String> instruments = new ArrayList<>();

        Pass(
                Map<String, List<DashboardFact>> byParticipant,
                Map<String, List<Stay>> stays,
                List<Stay> scoped,
                Set<String> cohort,
                LocalDate from,
                LocalDate to,
                LocalDate asOf,
                Interval interval) {
            this.byParticipant = byParticipant;
            this.stays = stays;
            this.scoped = scoped;
            this.cohort = cohort;
            this.from = from;
            this.to = to;
            this.asOf = asOf;
            this.interval = interval;
            this.inPeriod = day -> day != null && !day.isBefore(from) && !day.isAfter(to);
            entries = scoped.stream().filter(s -> inPeriod.test(s.start())).toList();
            reentries = entries.stream()
                    .filter(s -> stays.get(s.participantId()).stream()
                            .anyMatch(earlier -> earlier.programmeId().equals(s.programmeId())
                                    && earlier.end() != null
                                    && earlier.start().isBefore(s.start())
                                    && !earlier.end().isAfter(s.start())))
                    .toList();
            exits = scoped.stream().filter(s -> inPeriod.test(s.end())).toList();
        }

        /** "Headline". */
        void headline() {
            cells.put("headline.participants", Figure.count(cohort.size(), cohort.size()));
            long activeNow =
                    distinct(scoped.stream().filter(s -> s.openOn(asOf)).toList());
            cells.put("headline.activeNow", Figure.count(activeNow, activeNow));
            cells.put("headline.entries", countOf(entries));
            cells.put("headline.reentries", countOf(reentries));
            cells.put("headline.exits", countOf(exits));
        }

        /** "Movement by month, quarter or year". */
        void movement() {
            for (LocalDate day = from; !day.isAfter(to); day = interval.next(day)) {
                intervals.add(interval.labelOf(day));
            }
            for (String measure : List.of("entries", "reentries", "exits")) {
                List<Stay> source =
                        measure.equals("entries") ? entries : measure.equals("reentries") ? reentries : exits;
                List<String> members = new ArrayList<>();
                Map<String, List<Stay>> byLabel = source.stream()
                        .collect(Collectors.groupingBy(
                                s -> interval.labelOf(measure.equals("exits") ? s.end() : s.start())));
                for (String label : intervals) {
                    String key = "movement." + label + "." + measure;
                    members.add(key);
                    cells.put(key, countOf(byLabel.getOrDefault(label, List.of())));
                }
                groups.add(new Group("headline." + measure, members));
            }
        }

        /** "Exits by reason". */
        void exitsByReason() {
            List<String> reasonKeys = new ArrayList<>();
            for (ExitReason reason : ExitReason.values()) {
                String key = "exitsByReason." + reason.name();
                reasonKeys.add(key);
                cells.put(
                        key,
                        countOf(exits.stream()
                                .filter(s -> reason.name().equals(s.exitReason()))
                                .toList()));
            }
            groups.add(new Group("headline.exits", reasonKeys));
        }

        /** "Length of stay": of the stays that ended in the period. */
        void lengthOfStay() {
            List<Double> lengths = exits.stream()
                    .map(s -> (double) ChronoUnit.DAYS.between(s.start(), s.end()))
                    .sorted()
                    .toList();
            long stayers = distinct(exits);
            cells.put("lengthOfStay.stays", countOf(exits));
            cells.put("lengthOfStay.medianDays", Figure.statistic(quantile(lengths, 0.5), stayers));
            cells.put("lengthOfStay.q1Days", Figure.statistic(quantile(lengths, 0.25), stayers));
            cells.put("lengthOfStay.q3Days", Figure.statistic(quantile(lengths, 0.75), stayers));
        }

        /** "Relapse and return after an exit", and the follow-ups the retention curve is drawn from. */
        List<FollowUp> relapseAndReturn() {
            List<FollowUp> followUps = followUps(exits, byParticipant, asOf);
            DashboardCalculator.relapseAndReturn(cells, followUps, asOf);
            return followUps;
        }

        /** "Milestones". */
        void milestones() {
            List<DashboardFact> milestones = factsOf(byParticipant, cohort, Kind.MILESTONE).stream()
                    .filter(f -> inPeriod.test(f.on()))
                    .toList();
            List<String> milestoneKeys = new ArrayList<>();
            for (MilestoneType type : MilestoneType.values()) {
                String key = "milestones." + type.name();
                milestoneKeys.add(key);
                List<DashboardFact> ofType = milestones.stream()
                        .filter(f -> type.name().equals(f.label()))
                        .toList();
                cells.put(key, Figure.count(ofType.size(), distinctFacts(ofType)));
            }
            cells.put("milestones.total", Figure.count(milestones.size(), distinctFacts(milestones)));
            groups.add(new Group("milestones.total", milestoneKeys));
            Map<String, Long> firstMilestone = new HashMap<>();
            for (Stay stay : scoped) {
                if (!cohort.contains(stay.participantId()) || !stay.overlaps(from, to)) {
                    continue;
                }
                LocalDate until = stay.end() == null ? asOf : stay.end();
                byParticipant.get(stay.participantId()).stream()
                        .filter(f ->
                                f.kind() == Kind.MILESTONE && !f.on().isBefore(stay.start()) && !f.on().isAfter(until))
                        .findFirst()
                        .ifPresent(f -> firstMilestone.merge(
                                stay.participantId() + "|" + stay.start(),
                                ChronoUnit.DAYS.between(stay.start(), f.on()),
                                Math::min));
            }
            List<Double> daysToMilestone = firstMilestone.values().stream()
                    .map(Long::doubleValue)
                    .sorted()
                    .toList();
            long withMilestone = firstMilestone.keySet().stream()
                    .map(k -> k.substring(0, k.indexOf('|')))
                    .distinct()
                    .count();
            cells.put(
                    "milestones.medianDaysFromEntryToFirst",
                    Figure.statistic(quantile(daysToMilestone, 0.5), withMilestone));
        }

        /** "Reunification". */
        void reunification() {
            Map<String, List<DashboardFact>> plans = new TreeMap<>();
            for (Kind kind : List.of(Kind.PLAN_OPENED, Kind.PLAN_STEP, Kind.PLAN_CLOSED)) {
                factsOf(byParticipant, cohort, kind)
                        .forEach(f -> plans.computeIfAbsent(f.ref(), k -> new ArrayList<>())
                                .add(f));
            }
            List<DashboardFact> openPlans = new ArrayList<>();
            List<DashboardFact> restored = new ArrayList<>();
            plans.values().forEach(plan -> {
                DashboardFact opened = plan.stream()
                        .filter(f -> f.kind() == Kind.PLAN_OPENED)
                        .findFirst()
                        .orElse(null);
                boolean closed = plan.stream().anyMatch(f -> f.kind() == Kind.PLAN_CLOSED);
                if (opened != null && !closed) {
                    openPlans.add(opened);
                }
                plan.stream()
                        .filter(f -> inPeriod.test(f.on())
                                && ((f.kind() == Kind.PLAN_STEP
                                                && ReunificationStep.CUSTODY_RESTORED
                                                        .name()
                                                        .equals(f.label()))
                                        || (f.kind() == Kind.PLAN_CLOSED
                                                && ReunificationPlanClosureReason.CUSTODY_RESTORED
                                                        .name()
                                                        .equals(f.label()))))
                        .findFirst()
                        .ifPresent(restored::add);
            });
            List<DashboardFact> steps = factsOf(byParticipant, cohort, Kind.PLAN_STEP).stream()
                    .filter(f -> inPeriod.test(f.on()))
                    .toList();
            List<DashboardFact> forward = steps.stream()
                    .filter(f -> StepDirection.FORWARD.name().equals(f.direction()))
                    .toList();
            List<DashboardFact> back = steps.stream()
                    .filter(f -> StepDirection.BACKWARD.name().equals(f.direction()))
                    .toList();
            cells.put("reunification.openPlans", Figure.count(openPlans.size(), distinctFacts(openPlans)));
            cells.put(
                    "reunification.plansOpened",
                    countFacts(factsOf(byParticipant, cohort, Kind.PLAN_OPENED).stream()
                            .filter(f -> inPeriod.test(f.on()))
                            .toList()));
            cells.put("reunification.stepsForward", countFacts(forward));
            cells.put("reunification.stepsBack", countFacts(back));
            cells.put("reunification.custodyRestored", countFacts(restored));
        }

        /** "Peer support". */
        void peerSupport() {
            List<DashboardFact> sessions = factsOf(byParticipant, cohort, Kind.PEER_SESSION).stream()
                    .filter(f -> inPeriod.test(f.on()))
                    .toList();
            cells.put("peerSupport.sessions", countFacts(sessions));
            // a mean over the cohort times the cohort gives the number of sessions back: judged by both groups
            cells.put(
                    "peerSupport.sessionsPerParticipant",
                    new Figure(
                            cohort.isEmpty() ? null : (double) sessions.size() / cohort.size(),
                            List.of(cohort.size(), (int) distinctFacts(sessions)),
                            false));
            long mentored = cohort.stream()
                    .filter(p -> mentoredDuring(byParticipant.get(p), from, to))
                    .count();
            cells.put(
                    "peerSupport.withMentor",
                    new Figure((double) mentored, List.of((int) mentored, (int) (cohort.size() - mentored)), true));
            cells.put("peerSupport.shareWithMentor", Figure.rate(mentored, cohort.size()));
        }

        /** "Assessments": first against latest reading, per instrument. */
        void assessments() {
            Map<String, List<DashboardFact>> byInstrument = factsOf(byParticipant, cohort, Kind.ASSESSMENT).stream()
                    .filter(f -> f.score() != null && f.label() != null)
                    .collect(Collectors.groupingBy(DashboardFact::label, TreeMap::new, Collectors.toList()));
            byInstrument.forEach((instrument, readings) -> {
                // in the order of her id, so that the means are summed in one order, whatever the map
                Map<String, List<DashboardFact>> perParticipant = readings.stream()
                        .collect(
                                Collectors.groupingBy(DashboardFact::participantId, TreeMap::new, Collectors.toList()));
                List<double[]> pairs = perParticipant.values().stream()
                        .filter(list -> list.size() >= 2)
                        .map(list -> new double[] {
                            list.get(0).score(), list.get(list.size() - 1).score()
                        })
                        .toList();
                instruments.add(instrument);
                String prefix = "assessments." + instrument + ".";
                int n = pairs.size();
                long improved = pairs.stream().filter(p -> p[1] > p[0]).count();
                cells.put(prefix + "participants", Figure.count(n, n));
                cells.put(prefix + "meanFirst", Figure.statistic(mean(pairs, 0), n));
                cells.put(prefix + "meanLatest", Figure.statistic(mean(pairs, 1), n));
                cells.put(prefix + "meanChange", Figure.statistic(n == 0 ? null : mean(pairs, 1) - mean(pairs, 0), n));
                cells.put(prefix + "shareImproved", Figure.rate(improved, n));
            });
        }
    }

    /**
     * The relapse-and-return cells from the follow-ups: how many were followed up for ten months (or returned
     * within them), how many of those returned within them, and the median day off the retention curve. One home
     * for these rules, used by both ways of computing the figures.
     */
    static void relapseAndReturn(Map<String, Figure> cells, List<FollowUp> followUps, LocalDate asOf) {
        long complete = 0;
        long within = 0;
        for (FollowUp f : followUps) {
            LocalDate windowEnd = f.exitedOn().plusMonths(FOLLOW_UP_MONTHS);
            boolean returnedWithin =
                    f.returned() && !f.exitedOn().plusDays(f.days()).isAfter(windowEnd);
            if (returnedWithin || !windowEnd.isAfter(asOf)) {
                complete++;
                within += returnedWithin ? 1 : 0;
            }
        }
        cells.put("relapseAndReturn.exits", Figure.count(followUps.size(), followUps.size()));
        cells.put("relapseAndReturn.followedUp", Figure.count(complete, complete));
        cells.put(
                "relapseAndReturn.returnedWithin10Months",
                new Figure((double) within, List.of((int) within, (int) (complete - within)), true));
        cells.put("relapseAndReturn.shareWithin10Months", Figure.rate(within, complete));
        // the median is read off the curve where it crosses one half: shown only if enough were still followed up there
        KaplanMeier.Point median = KaplanMeier.medianPoint(followUps);
        cells.put(
                "relapseAndReturn.medianDaysToFirstReturn",
                median == null
                        ? Figure.statistic(null, followUps.size())
                        : new Figure((double) median.day(), List.of(followUps.size(), median.atRisk()), false));
    }

    /** Her stays, paired from entries and exits in life order. */
    static List<Stay> staysOf(String participant, List<DashboardFact> lifeOrdered) {
        org.journeyplatform.domain.journey.ProgrammeStays<String> fold =
                new org.journeyplatform.domain.journey.ProgrammeStays<>();
        for (DashboardFact fact : lifeOrdered) {
            if (fact.kind() == Kind.ENTERED && fact.programmeId() != null) {
                fold.entered(fact.programmeId(), fact.on());
            } else if (fact.kind() == Kind.EXITED && fact.programmeId() != null) {
                fold.exited(fact.programmeId(), fact.on(), fact.label());
            }
        }
        List<Stay> stays = new ArrayList<>();
        fold.stays()
                .forEach(s -> stays.add(new Stay(participant, s.programme(), s.entered(), s.exited(), s.exitReason())));
        stays.sort(Comparator.comparing(Stay::start).thenComparing(Stay::programmeId));
        return stays;
    }

    /**
     * For each participant with an exit in the period (her first, transfers and deaths left out): the days from that
     * exit to her first relapse or return (an exit because she returned to the sex trade is one, on day 0), or to the
     * day the figures are as of when there has been none.
     */
    private static List<FollowUp> followUps(
            List<Stay> exits, Map<String, List<DashboardFact>> byParticipant, LocalDate asOf) {
        Map<String, Stay> first = new TreeMap<>();
        exits.stream()
                .filter(s -> !NOT_FOLLOWED_UP.contains(s.exitReason()))
                .sorted(Comparator.comparing(Stay::end))
                .forEach(s -> first.putIfAbsent(s.participantId(), s));
        List<FollowUp> followUps = new ArrayList<>();
        first.forEach((participant, stay) -> {
            LocalDate exited = stay.end();
            LocalDate returned = ExitReason.RETURNED_TO_SEX_TRADE.name().equals(stay.exitReason())
                    ? exited
                    : byParticipant.get(participant).stream()
                            .filter(f -> f.kind() == Kind.RELAPSE && !f.on().isBefore(exited))
                            .map(DashboardFact::on)
                            .findFirst()
                            .orElse(null);
            followUps.add(
                    returned == null
                            ? new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, asOf), false)
                            : new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, returned), true));
        });
        return followUps;
    }

    /** Whether she had a peer mentor during the period: one rule, used by both ways of computing the figures. */
    static boolean mentoredDuring(List<DashboardFact> facts, LocalDate from, LocalDate to) {
        return mentoredDuring(facts, null, facts.size(), from, to);
    }

    /**
     * {@link #mentoredDuring(List, LocalDate, LocalDate)} over the facts at the first {@code count} of the positions
     * given, in order (all facts up to {@code count} when there are none): the other facts play no part in the rule.
     */
    static boolean mentoredDuring(List<DashboardFact> facts, int[] at, int count, LocalDate from, LocalDate to) {
        // her mentors assigned and not yet ended: a few at most, kept in two small arrays (nothing allocated for the
        // many who have none)
        String[] mentors = null;
        LocalDate[] since = null;
        int held = 0;
        for (int i = 0; i < count; i++) {
            DashboardFact fact = facts.get(at == null ? i : at[i]);
            if (fact.kind() != Kind.MENTOR_ASSIGNED && fact.kind() != Kind.MENTOR_ENDED) {
                continue;
            }
            int k = 0;
            while (k < held && !java.util.Objects.equals(mentors[k], fact.ref())) {
                k++;
            }
            if (fact.kind() == Kind.MENTOR_ASSIGNED) {
                if (k == held) { // not already held: the first assignment counts
                    if (mentors == null || held == mentors.length) {
                        mentors = mentors == null ? new String[4] : java.util.Arrays.copyOf(mentors, held * 2);
                        since = since == null ? new LocalDate[4] : java.util.Arrays.copyOf(since, held * 2);
                    }
                    mentors[held] = fact.ref();
                    since[held++] = fact.on();
                }
            } else if (k < held) { // her mentor's ending: one period with a mentor, closed
                if (!since[k].isAfter(to) && !fact.on().isBefore(from)) {
                    return true;
                }
                held--;
                mentors[k] = mentors[held];
                since[k] = since[held];
            }
        }
        for (int k = 0; k < held; k++) {
            if (!since[k].isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    private static List<DashboardFact> factsOf(
            Map<String, List<DashboardFact>> byParticipant, Set<String> cohort, Kind kind) {
        return cohort.stream()
                .flatMap(p -> byParticipant.get(p).stream())
                .filter(f -> f.kind() == kind)
                .toList();
    }

    private static Figure countOf(List<Stay> stays) {
        return Figure.count(stays.size(), distinct(stays));
    }

    private static Figure countFacts(List<DashboardFact> facts) {
        return Figure.count(facts.size(), distinctFacts(facts));
    }

    private static long distinct(List<Stay> stays) {
        return stays.stream().map(Stay::participantId).distinct().count();
    }

    private static long distinctFacts(List<DashboardFact> facts) {
        return facts.stream().map(DashboardFact::participantId).distinct().count();
    }

    private static Double mean(List<double[]> pairs, int index) {
        return pairs.isEmpty()
                ? null
                : pairs.stream().mapToDouble(p -> p[index]).average().orElseThrow();
    }

    /** The p-quantile of sorted values by linear interpolation between order statistics (R's type 7). */
    static Double quantile(List<Double> sorted, double p) {
        return quantile(sorted.stream().mapToDouble(Double::doubleValue).toArray(), sorted.size(), p);
    }

    /** {@link #quantile(List, double)} of the first {@code size} values of a sorted array. */
    static Double quantile(double[] sorted, int size, double p) {
        if (size == 0) {
            return null;
        }
        double h = (size - 1) * p;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, size - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}
