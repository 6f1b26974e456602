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

    private static final int MILESTONE = Kind.MILESTONE.ordinal();
    private static final int PEER_SESSION = Kind.PEER_SESSION.ordinal();
    private static final int PLAN_STEP = Kind.PLAN_STEP.ordinal();
    private static final int RELAPSE = Kind.RELAPSE.ordinal();

    private ReadyFigures() {}

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

    /** Numbers of a figure's distribution, unboxed: a dashboard sorts some ten thousand of them. */
    private static final class Values {
        private double[] values;
        private int size;

        Values() {
            values = new double[64]; // grown by doubling: one programme's pass of many needs few
        }

        void add(double value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void sort() {
            java.util.Arrays.sort(values, 0, size);
        }

        Double quantile(double p) {
            return DashboardCalculator.quantile(values, size, p);
        }

        /** The mean, summed as a stream of them would be (the reference's way, to the last bit); null if none. */
        Double mean() {
            return size == 0
                    ? null
                    : java.util.Arrays.stream(values, 0, size).average().orElseThrow();
        }
    }

    /** Her first and latest reading of one instrument, for everyone in the cohort with two or more. */
    private static final class Pairs {
        final Values first = new Values();
        final Values latest = new Values();
    }

    /** A reunification plan across the cohort, as the reference groups it by its id. */
    private static final class Plan {
        String openedBy;
        boolean closed;
        String restoredByStep;
        String restoredByClosure;
    }

    /**
     * The figures of one set of programmes.
     *
     * @param participants the participants with an entry into any of the programmes, in the order of their ids
     */
    static Figures compute(
            List<Digest> participants,
            Set<String> programmes,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Interval interval) {
        return computeEach(participants, List.of(programmes), from, to, asOf, interval)
                .get(0);
    }

    /**
     * The figures of each of several sets of programmes (an all-programmes view and each programme's own), in one
     * pass: each participant is read once, for every set she has an entry into, while her facts are at hand. Each
     * set's figures are exactly those {@link #compute} gives for it alone.
     *
     * @param participants the participants with an entry into any of the sets' programmes, in the order of their ids
     */
    static List<Figures> computeEach(
            List<Digest> participants,
            List<Set<String>> sets,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Interval interval) {
        List<Pass> passes = new ArrayList<>(sets.size());
        for (Set<String> set : sets) {
            passes.add(new Pass(set, from, to, asOf, interval));
        }
        if (passes.size() == 1) {
            for (int p = 0; p < participants.size(); p++) { // all of them have an entry into its programmes
                passes.get(0).add(participants.get(p), p);
            }
        } else {
            // a participant goes to the passes of one programme through her own few programmes, not by asking
            // every pass whether she is in it
            Map<String, List<Pass>> ofOne = new HashMap<>();
            List<Pass> ofSeveral = new ArrayList<>();
            for (Pass pass : passes) {
                if (pass.only != null) {
                    ofOne.computeIfAbsent(pass.only, k -> new ArrayList<>()).add(pass);
                } else {
                    ofSeveral.add(pass);
                }
            }
            for (int p = 0; p < participants.size(); p++) {
                Digest participant = participants.get(p);
                for (String programme : participant.entered()) {
                    List<Pass> passesOfHers = ofOne.get(programme);
                    for (int k = 0; passesOfHers != null && k < passesOfHers.size(); k++) {
                        passesOfHers.get(k).add(participant, p);
                    }
                }
                for (int k = 0; k < ofSeveral.size(); k++) {
                    if (ofSeveral.get(k).wants(participant)) {
                        ofSeveral.get(k).add(participant, p);
                    }
                }
            }
        }
        List<Figures> figures = new ArrayList<>(passes.size());
        for (Pass pass : passes) {
            figures.add(pass.figures());
        }
        return figures;
    }

    /** The figures of one set of programmes, as the participants come one after the other. */
    private static final class Pass {
        private final Set<String> programmes;
        private final String only; // the one programme, when there is one
        private final Set<String> several; // else the programmes, in a hash set (looked up for every stay)
        private final LocalDate from;
        private final LocalDate to;
        private final LocalDate asOf;
        private final Interval interval;
        private final List<String> intervals = new ArrayList<>();
        private final int firstInterval; // a day of the period is in interval ordinal(day) - firstInterval
        private final int n;
        private final long fromDay;
        private final long toDay;
        private final long asOfDay;
        private final Tally[][] movement;
        private final ExitReason[] reasons = ExitReason.values();
        private final Tally[] byReason = tallies(reasons.length);
        private final MilestoneType[] milestoneTypes = MilestoneType.values();
        private final Tally[] byMilestone = tallies(milestoneTypes.length);
        private final Tally entries = new Tally();
        private final Tally reentries = new Tally();
        private final Tally exits = new Tally();
        private final Tally milestones = new Tally();
        private final Tally plansOpened = new Tally();
        private final Tally forward = new Tally();
        private final Tally back = new Tally();
        private final Tally sessions = new Tally();
        private long cohort;
        private long activeNow;
        private long mentored;
        private final Values lengths;
        private final List<FollowUp> followUps = new ArrayList<>();
        private final Values daysToMilestone;
        private long withMilestone;
        private final Map<String, Plan> plans = new HashMap<>();
        private final Map<String, Pairs> pairsByInstrument = new TreeMap<>();
        private long[] firstMilestoneOf = new long[8]; // per stay start of hers: {start, days to her first milestone}

        Pass(Set<String> programmes, LocalDate from, LocalDate to, LocalDate asOf, Interval interval) {
            this.programmes = programmes;
            this.only = programmes.size() == 1 ? programmes.iterator().next() : null;
            this.several = only == null ? new java.util.HashSet<>(programmes) : null;
            this.from = from;
            this.to = to;
            this.asOf = asOf;
            this.interval = interval;
            for (LocalDate day = from; !day.isAfter(to); day = interval.next(day)) {
                intervals.add(interval.labelOf(day));
            }
            firstInterval = interval.ordinal(from);
            n = intervals.size();
            fromDay = from.toEpochDay();
            toDay = to.toEpochDay();
            asOfDay = asOf.toEpochDay();
            movement = new Tally[3][n];
            for (Tally[] row : movement) {
                for (int i = 0; i < n; i++) {
                    row[i] = new Tally();
                }
            }
            lengths = new Values();
            daysToMilestone = new Values();
        }

        /** Whether she has an entry into one of the programmes (else nothing of hers counts here). */
        boolean wants(Digest participant) {
            for (String programme : participant.entered()) {
                if (counts(programme)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the programme is one of this pass's. */
        private boolean counts(String programme) {
            return only != null ? only.equals(programme) : several.contains(programme);
        }

        /** Counts her in; participants come in the order of their ids, {@code who} rising with each. */
        void add(Digest participant, int who) {
            String id = participant.participantId();
            // her stays as they stood on the as-of day: none begun after it, and an exit after it not yet made (a
            // re-entry is judged the same from all her stays: an earlier stay that ended after the as-of day cannot
            // have ended by a later start on or before it)
            // (all as epoch days, an open stay's end being Digest.OPEN, after every day)
            List<Stay> stays = participant.stays();
            int[] stayDays = participant.stayDays();
            String[] stayProgrammes = participant.stayProgrammes();
            boolean scoped = false;
            boolean inCohort = false;
            boolean active = false;
            Stay firstExit = null;
            for (int s = 0; s < stayProgrammes.length; s++) {
                int start = stayDays[2 * s];
                if (!counts(stayProgrammes[s]) || start > asOfDay) {
                    continue;
                }
                int end = stayDays[2 * s + 1] > asOfDay ? Digest.OPEN : stayDays[2 * s + 1];
                scoped = true;
                inCohort |= start <= toDay && end >= fromDay;
                active |= start <= asOfDay && end > asOfDay;
                Stay stay = null;
                if (start >= fromDay && start <= toDay) {
                    stay = stays.get(s);
                    entries.add(who);
                    movement[0][interval.ordinal(stay.start()) - firstInterval].add(who);
                    if (reentry(s, stayDays, stayProgrammes)) {
                        reentries.add(who);
                        movement[1][interval.ordinal(stay.start()) - firstInterval].add(who);
                    }
                }
                if (end >= fromDay && end <= toDay) { // then it is her exit of this stay (never OPEN)
                    stay = stays.get(s);
                    exits.add(who);
                    movement[2][interval.ordinal(stay.end()) - firstInterval].add(who);
                    for (int r = 0; r < reasons.length; r++) {
                        if (reasons[r].name().equals(stay.exitReason())) {
                            byReason[r].add(who);
                        }
                    }
                    lengths.add(end - start);
                    if (!DashboardCalculator.NOT_FOLLOWED_UP.contains(stay.exitReason())
                            && (firstExit == null || stay.end().isBefore(firstExit.end()))) {
                        firstExit = stay;
                    }
                }
            }
            if (!scoped) {
                return;
            }
            activeNow += active ? 1 : 0;
            List<DashboardFact> facts = participant.facts();
            int[] days = participant.days();
            byte[] kinds = participant.kinds();
            byte[] codes = participant.codes();
            int known = participant.upTo(asOf); // her facts up to the as-of day
            if (firstExit != null) {
                followUps.add(followUp(id, firstExit, participant, known, asOf));
            }
            if (!inCohort) {
                return;
            }
            cohort++;
            int starts = 0; // stay starts of hers with a milestone: the soonest one counts for stays begun the same day
            for (int s = 0; s < stayProgrammes.length; s++) {
                int start = stayDays[2 * s];
                if (!counts(stayProgrammes[s]) || start > asOfDay) {
                    continue;
                }
                int end = stayDays[2 * s + 1] > asOfDay ? Digest.OPEN : stayDays[2 * s + 1];
                if (start > toDay || end < fromDay) { // not in the period
                    continue;
                }
                long until = end == Digest.OPEN ? asOfDay : end;
                for (int i = participant.before(start); i < known && days[i] <= until; i++) {
                    if (kinds[i] == MILESTONE) {
                        int k = 0;
                        while (k < starts && firstMilestoneOf[2 * k] != start) {
                            k++;
                        }
                        if (k == starts) {
                            if (2 * starts + 2 > firstMilestoneOf.length) {
                                firstMilestoneOf = java.util.Arrays.copyOf(firstMilestoneOf, 4 * starts + 4);
                            }
                            firstMilestoneOf[2 * k] = start;
                            firstMilestoneOf[2 * k + 1] = days[i] - start;
                            starts++;
                        } else {
                            firstMilestoneOf[2 * k + 1] = Math.min(firstMilestoneOf[2 * k + 1], days[i] - start);
                        }
                        break;
                    }
                }
            }
            if (starts > 0) {
                for (int k = 0; k < starts; k++) {
                    daysToMilestone.add(firstMilestoneOf[2 * k + 1]);
                }
                withMilestone++;
            }
            // the period's own facts: found by their days, not by walking her whole history
            for (int i = participant.before(fromDay); i < known && days[i] <= toDay; i++) {
                int kind = kinds[i];
                if (kind == MILESTONE) {
                    milestones.add(who);
                    if (codes[i] >= 0) {
                        byMilestone[codes[i]].add(who);
                    }
                } else if (kind == PEER_SESSION) {
                    sessions.add(who);
                } else if (kind == PLAN_STEP) {
                    Plan plan = plans.computeIfAbsent(facts.get(i).ref(), r -> new Plan());
                    if (plan.restoredByStep == null && (codes[i] & Digest.CUSTODY_RESTORED) != 0) {
                        plan.restoredByStep = id;
                    }
                    if ((codes[i] & Digest.FORWARD) != 0) {
                        forward.add(who);
                    } else if ((codes[i] & Digest.BACKWARD) != 0) {
                        back.add(who);
                    }
                }
            }
            // plans opened or closed count from before the period too
            int[] planAt = participant.plans();
            for (int k = 0; k < planAt.length && planAt[k] < known; k++) {
                DashboardFact f = facts.get(planAt[k]);
                boolean inPeriod = days[planAt[k]] >= fromDay && days[planAt[k]] <= toDay;
                Plan plan = plans.computeIfAbsent(f.ref(), r -> new Plan());
                if (f.kind() == Kind.PLAN_OPENED) {
                    if (plan.openedBy == null) {
                        plan.openedBy = id;
                    }
                    if (inPeriod) {
                        plansOpened.add(who);
                    }
                } else {
                    plan.closed = true;
                    if (inPeriod
                            && plan.restoredByClosure == null
                            && ReunificationPlanClosureReason.CUSTODY_RESTORED
                                    .name()
                                    .equals(f.label())) {
                        plan.restoredByClosure = id;
                    }
                }
            }
            // her first and latest reading of each instrument up to the as-of day
            List<DashboardModel.Readings> readings = participant.readings();
            for (int r = 0; r < readings.size(); r++) {
                DashboardModel.Readings instrument = readings.get(r);
                double[] scores = instrument.scores();
                int count = Digest.below(instrument.at(), known);
                if (count > 0) {
                    Pairs pairs = pairsByInstrument.computeIfAbsent(instrument.instrument(), k -> new Pairs());
                    if (count >= 2) {
                        pairs.first.add(scores[0]);
                        pairs.latest.add(scores[count - 1]);
                    }
                }
            }
            int[] mentorAt = participant.mentors();
            mentored += DashboardCalculator.mentoredDuring(facts, mentorAt, Digest.below(mentorAt, known), from, to)
                    ? 1
                    : 0;
        }

        Figures figures() {
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

            lengths.sort();
            cells.put("lengthOfStay.stays", exits.figure());
            cells.put("lengthOfStay.medianDays", Figure.statistic(lengths.quantile(0.5), exits.participants));
            cells.put("lengthOfStay.q1Days", Figure.statistic(lengths.quantile(0.25), exits.participants));
            cells.put("lengthOfStay.q3Days", Figure.statistic(lengths.quantile(0.75), exits.participants));

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
            daysToMilestone.sort();
            cells.put(
                    "milestones.medianDaysFromEntryToFirst",
                    Figure.statistic(daysToMilestone.quantile(0.5), withMilestone));

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
            cells.put(
                    "peerSupport.sessionsPerParticipant",
                    new Figure(
                            cohort == 0 ? null : (double) sessions.count / cohort,
                            List.of((int) cohort, (int) sessions.participants),
                            false));
            cells.put(
                    "peerSupport.withMentor",
                    new Figure((double) mentored, List.of((int) mentored, (int) (cohort - mentored)), true));
            cells.put("peerSupport.shareWithMentor", Figure.rate(mentored, cohort));

            List<String> instruments = new ArrayList<>(pairsByInstrument.keySet());
            pairsByInstrument.forEach((instrument, pairs) -> {
                String prefix = "assessments." + instrument + ".";
                int count = pairs.first.size;
                long improved = 0;
                for (int i = 0; i < count; i++) {
                    improved += pairs.latest.values[i] > pairs.first.values[i] ? 1 : 0;
                }
                Double first = pairs.first.mean();
                Double latest = pairs.latest.mean();
                cells.put(prefix + "participants", Figure.count(count, count));
                cells.put(prefix + "meanFirst", Figure.statistic(first, count));
                cells.put(prefix + "meanLatest", Figure.statistic(latest, count));
                cells.put(prefix + "meanChange", Figure.statistic(count == 0 ? null : latest - first, count));
                cells.put(prefix + "shareImproved", Figure.rate(improved, count));
            });
            return new Figures(cells, groups, intervals, instruments, followUps);
        }
    }

    private static Tally[] tallies(int size) {
        Tally[] tallies = new Tally[size];
        for (int i = 0; i < size; i++) {
            tallies[i] = new Tally();
        }
        return tallies;
    }

    /** Whether she had left the same programme before this stay of hers began (days as in the Digest). */
    private static boolean reentry(int stay, int[] days, String[] programmes) {
        int start = days[2 * stay];
        for (int i = 0; i < programmes.length; i++) {
            if (programmes[i].equals(programmes[stay])
                    && days[2 * i + 1] != Digest.OPEN
                    && days[2 * i] < start
                    && days[2 * i + 1] <= start) {
                return true;
            }
        }
        return false;
    }

    private static FollowUp followUp(String participant, Stay exit, Digest hers, int known, LocalDate asOf) {
        LocalDate exited = exit.end();
        LocalDate returned = null;
        if (ExitReason.RETURNED_TO_SEX_TRADE.name().equals(exit.exitReason())) {
            returned = exited;
        } else {
            byte[] kinds = hers.kinds();
            for (int i = hers.before(exited.toEpochDay()); i < known; i++) {
                if (kinds[i] == RELAPSE) {
                    returned = LocalDate.ofEpochDay(hers.days()[i]);
                    break;
                }
            }
        }
        return returned == null
                ? new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, asOf), false)
                : new FollowUp(participant, exited, ChronoUnit.DAYS.between(exited, returned), true);
    }
}
