package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Re-identification risk of what an export would release, measured before anything is released, and the reductions
 * that bring it within the study's limits (docs/research.md, "Disclosure risk").
 * <p>
 * The model is the prosecutor model of ARX and sdcMicro: an attacker who knows that a woman is in the export, her
 * quasi-identifiers, the types, days and coded fields of her events, and her enrolment date. A record's risk is one over the
 * number of released records she cannot tell from it: identical values, and a last day of observation that could be
 * hers (the common end less a follow-up cut of 0 to 182 days, unless the record's history was cut short). Measured for
 * the person table over the quasi-identifiers as released, for the histories over their signatures ({@link
 * HistoryDetail#signature}: event types with their released day numbers and fields), and for the two together.
 * <p>
 * The plan: the person table is made k-anonymous first ({@link KAnonymity}, which generalises and suppresses as
 * before). Then every history starts in full, and the records that are unique (person row and history together) have their history reduced one {@link HistoryDetail}
 * level at a time, only they, until the share of unique records is within the study's limit or the last level is
 * reached; then, while the average risk is above the study's limit, the records in the smallest groups are reduced the
 * same way; then as many unique records as the unique-share limit needs are suppressed whole, in the order of their pseudonyms
 * (which the study secret makes random, independent of her history). Suppressing people can leave groups smaller
 * than k, so the plan is made again, from k-anonymity on, over everyone not suppressed for her history, until no more
 * histories need suppressing.
 * The export is refused when a measure is still above the study's limit ({@link RiskLimits}).
 */
public final class DisclosureRisk {

    private DisclosureRisk() {}

    /**
     * One measure over a set of records.
     *
     * @param records     how many records
     * @param groups      how many groups of identical records
     * @param uniqueShare the share of records alone in their group
     * @param highestRisk one over the size of the smallest group (0 when there are no records)
     * @param averageRisk the mean of every record's risk: groups over records
     */
    public record Measure(int records, int groups, double uniqueShare, double highestRisk, double averageRisk) {

        public static Measure of(Collection<?> records) {
            Map<Object, Integer> sizes = new HashMap<>();
            records.forEach(r -> sizes.merge(r, 1, Integer::sum));
            int unique = (int) sizes.values().stream().filter(s -> s == 1).count();
            int smallest = sizes.values().stream().min(Integer::compare).orElse(0);
            int n = records.size();
            return new Measure(
                    n,
                    sizes.size(),
                    n == 0 ? 0 : (double) unique / n,
                    smallest == 0 ? 0 : 1.0 / smallest,
                    n == 0 ? 0 : (double) sizes.size() / n);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("records", records);
            json.put("groups", groups);
            json.put("uniqueShare", round(uniqueShare));
            json.put("highestRisk", round(highestRisk));
            json.put("averageRisk", round(averageRisk));
            return json;
        }
    }

    /**
     * One participant who could be released: her key (pseudonym), her exact quasi-identifiers, her history's signature
     * at every level, and what her observation's released last day tells someone who knows her enrolment date.
     *
     * @param ends        her released last day of observation at every level
     * @param cut         at which levels her history is cut short (her last day is then her last released event's)
     * @param windowFrom  the first and last released day her last day could be for someone who knows her enrolment
     * @param windowTo    date: the common end less 182 to 0 days (her follow-up cut), in days since her enrolment
     * @param enrolled    her released (shifted) enrolment date as an epoch day, or null when the study gives no dates
     * @param enrolledFrom the first and last released enrolment date (epoch days) a record of hers could show, for
     * @param enrolledTo  someone who knows her real enrolment date: it moved by -182 to +182 days, then released at
     *                    the study's granularity
     * @param start       her released first day of observation (0 when she was enrolled in the study period)
     * @param startFrom   the first and last released first day a record of hers could show, for someone who knows her
     * @param startTo     enrolment date: 0 when she was enrolled in the period; else the period's first day less her
     *                    enrolment, plus 0 to 182 days (her follow-up cut, which a history cut short does not give away
     *                    by its last day)
     */
    public record Candidate(
            String key,
            Map<QuasiIdentifier, String> quasiIdentifiers,
            Map<HistoryDetail, String> signatures,
            Map<HistoryDetail, Long> ends,
            Set<HistoryDetail> cut,
            long windowFrom,
            long windowTo,
            Long enrolled,
            long enrolledFrom,
            long enrolledTo,
            long start,
            long startFrom,
            long startTo) {

        /** A candidate whose last day tells nothing (every record's last day is inside everyone's window). */
        public Candidate(
                String key, Map<QuasiIdentifier, String> quasiIdentifiers, Map<HistoryDetail, String> signatures) {
            this(key, quasiIdentifiers, signatures, Map.of(), Set.of(), Long.MIN_VALUE, Long.MAX_VALUE);
        }

        /** A candidate of a study that gives no dates. */
        public Candidate(
                String key,
                Map<QuasiIdentifier, String> quasiIdentifiers,
                Map<HistoryDetail, String> signatures,
                Map<HistoryDetail, Long> ends,
                Set<HistoryDetail> cut,
                long windowFrom,
                long windowTo) {
            this(
                    key,
                    quasiIdentifiers,
                    signatures,
                    ends,
                    cut,
                    windowFrom,
                    windowTo,
                    null,
                    Long.MIN_VALUE,
                    Long.MAX_VALUE,
                    0,
                    Long.MIN_VALUE,
                    Long.MAX_VALUE);
        }

        /** Whether this record could be one of hers for someone who knows her: last day and enrolment date. */
        boolean couldBe(Candidate her, HistoryDetail level) {
            if (enrolled != null && (enrolled < her.enrolledFrom() || enrolled > her.enrolledTo())) {
                return false;
            }
            if (start < her.startFrom() || start > her.startTo()) {
                return false;
            }
            Long end = ends.get(level);
            return end == null || cut.contains(level) || (end >= her.windowFrom() && end <= her.windowTo());
        }
    }

    /**
     * What will be released.
     *
     * @param detail            the level of every released history, by key
     * @param historySuppressed keys of histories still unique after every reduction and suppressed whole
     * @param kOutcome          the person table as released (its suppressed keys: left out by k-anonymity)
     * @param persons           the person table's measure
     * @param histories         the histories' measure
     * @param combined          the person row and history together
     * @param refusal           the limit not met, if one is not
     */
    public record Plan(
            Map<String, HistoryDetail> detail,
            Set<String> historySuppressed,
            KAnonymity.Outcome kOutcome,
            Measure persons,
            Measure histories,
            Measure combined,
            int eligible,
            RiskLimits limits,
            Optional<Refusal> refusal) {

        /** How many released histories are at each level. */
        public Map<HistoryDetail, Integer> levels() {
            Map<HistoryDetail, Integer> levels = new EnumMap<>(HistoryDetail.class);
            for (HistoryDetail level : HistoryDetail.values()) {
                levels.put(level, 0);
            }
            detail.values().forEach(level -> levels.merge(level, 1, Integer::sum));
            return levels;
        }

        /** Everyone left out to meet k and the limits, as a share of those who could be released. */
        public double suppressedShare() {
            int suppressed = historySuppressed.size() + kOutcome.suppressed().size();
            return eligible == 0 ? 0 : (double) suppressed / eligible;
        }

        /** The manifest's {@code anonymisation.risk}. */
        public Map<String, Object> json(Study study) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put(
                    "model",
                    "prosecutor: an attacker who knows she is in the export, her quasi-identifiers, the types, days "
                            + "and fields of her events and her enrolment date; a record's risk is one over the number "
                            + "of released records identical in those and in their history_detail whose first and last "
                            + "days of observation and (with shifted dates) enrolment date could be hers");
            Map<String, Object> persons = new LinkedHashMap<>(this.persons.json());
            persons.put(
                    "columns",
                    study.quasiIdentifiers().stream()
                            .map(QuasiIdentifier::column)
                            .toList());
            json.put("persons", persons);
            Map<String, Object> histories = new LinkedHashMap<>(this.histories.json());
            histories.put(
                    "definition",
                    "each history's level and event types with their released day numbers and fields, in order "
                            + "(of the observation markers only her state and programmes when observation started; "
                            + "pseudonyms of her own plans, goals, safety plans and helpers by their order of "
                            + "appearance)");
            json.put("histories", histories);
            json.put("combined", this.combined.json());
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("maxUniqueShare", this.limits.maxUniqueShare());
            limits.put("maxAverageRisk", this.limits.maxAverageRisk());
            limits.put("maxSuppressedShare", this.limits.maxSuppressedShare());
            json.put("limits", limits);
            Map<String, Object> reduced = new LinkedHashMap<>();
            levels().forEach((level, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("histories", count);
                row.put("releases", level.description());
                reduced.put(level.name(), row);
            });
            json.put("historyDetail", reduced);
            Map<String, Object> suppressed = new LinkedHashMap<>();
            suppressed.put("eligible", eligible);
            suppressed.put("wholeHistories", historySuppressed.size());
            suppressed.put("kAnonymity", kOutcome.suppressed().size());
            suppressed.put("share", round(suppressedShare()));
            suppressed.put(
                    "why",
                    "a history still unique after every reduction is suppressed whole (as few as the unique-share "
                            + "limit needs, chosen at random by pseudonym); a person in a group of fewer than k after "
                            + "every generalisation is suppressed by k-anonymity");
            json.put("suppressed", suppressed);
            return json;
        }
    }

    /**
     * A limit not met: the measure (for example {@code histories.averageRisk}), its value, the study's limit, and what
     * it is in words.
     */
    public record Exceeded(String measure, double value, double limit, String what) {}

    /** The limits an export does not meet, the first named in its detail; nothing is released. */
    public record Refusal(List<Exceeded> exceeded) {

        public String measure() {
            return exceeded.get(0).measure();
        }

        public double value() {
            return exceeded.get(0).value();
        }

        public double limit() {
            return exceeded.get(0).limit();
        }

        public String detail() {
            StringBuilder detail = new StringBuilder("The export was refused and nothing was released: ");
            for (int i = 0; i < exceeded.size(); i++) {
                Exceeded e = exceeded.get(i);
                detail.append(i == 0 ? "" : i == exceeded.size() - 1 ? ", and " : ", ")
                        .append(e.what())
                        .append(" would be ")
                        .append(percent(e.value()))
                        .append(", above the study's limit of ")
                        .append(percent(e.limit()))
                        .append(" (")
                        .append(e.measure())
                        .append(")");
            }
            return detail.append(". A coarser time granularity, fewer quasi-identifiers or a study over more "
                            + "participants lowers the risk; an administrator can register a study with other "
                            + "limits.")
                    .toString();
        }
    }

    /** The plan for these candidates under the study's k and limits. */
    public static Plan plan(List<Candidate> candidates, Study study) {
        RiskLimits limits = study.limits();
        Map<String, Candidate> all = new TreeMap<>();
        candidates.forEach(c -> all.put(c.key(), c));
        Set<String> historySuppressed = new TreeSet<>();
        while (true) {
            List<KAnonymity.Person> persons = new ArrayList<>();
            all.values().stream()
                    .filter(c -> !historySuppressed.contains(c.key()))
                    .forEach(c -> persons.add(new KAnonymity.Person(c.key(), c.quasiIdentifiers())));
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, study.quasiIdentifiers(), study.k());
            Map<String, Candidate> pool = new TreeMap<>();
            outcome.released().keySet().forEach(key -> pool.put(key, all.get(key)));
            Map<String, HistoryDetail> detail = new TreeMap<>();
            pool.keySet().forEach(key -> detail.put(key, HistoryDetail.FULL));
            List<String> unique = reduce(pool, detail, outcome, limits);
            if (!tooMany(unique.size(), pool.size(), limits.maxUniqueShare())) {
                return measured(candidates.size(), pool, detail, historySuppressed, outcome, study);
            }
            double max = limits.maxUniqueShare();
            int needed =
                    (int) Math.min(unique.size(), Math.ceil((unique.size() - max * pool.size()) / (1 - max) - 1e-9));
            historySuppressed.addAll(unique.subList(0, Math.max(1, needed)));
        }
    }

    /**
     * Reduces histories until the records are within the limits or none can be reduced further, and answers the keys
     * of the records still unique. While too many records are unique, the unique ones are reduced one level; then,
     * while the average risk is above its limit, the records with the highest risk that can still be reduced are
     * (those in the smallest groups: reducing them is what lowers the average most for the detail lost).
     */
    private static List<String> reduce(
            Map<String, Candidate> pool,
            Map<String, HistoryDetail> detail,
            KAnonymity.Outcome outcome,
            RiskLimits limits) {
        while (true) {
            Map<String, Integer> counts = candidates(pool, detail, key -> record(pool, detail, outcome, key));
            List<String> unique = new ArrayList<>();
            counts.forEach((key, count) -> {
                if (count == 1) {
                    unique.add(key);
                }
            });
            double average = counts.values().stream().mapToDouble(c -> 1.0 / c).sum() / Math.max(1, counts.size());
            List<String> raise;
            if (tooMany(unique.size(), pool.size(), limits.maxUniqueShare())) {
                raise = unique;
            } else if (average > limits.maxAverageRisk()) {
                int fewest = counts.entrySet().stream()
                        .filter(e -> detail.get(e.getKey()).next() != null)
                        .mapToInt(Map.Entry::getValue)
                        .min()
                        .orElse(Integer.MAX_VALUE);
                raise = counts.entrySet().stream()
                        .filter(e -> e.getValue() == fewest)
                        .map(Map.Entry::getKey)
                        .toList();
            } else {
                return unique;
            }
            boolean raised = false;
            for (String key : raise) {
                HistoryDetail next = detail.get(key).next();
                if (next != null) {
                    detail.put(key, next);
                    raised = true;
                }
            }
            if (!raised) {
                return unique;
            }
        }
    }

    private static Plan measured(
            int eligible,
            Map<String, Candidate> remaining,
            Map<String, HistoryDetail> detail,
            Set<String> historySuppressed,
            KAnonymity.Outcome outcome,
            Study study) {
        Measure persons = measure(
                remaining,
                detail,
                key -> List.copyOf(outcome.released().get(key).values()));
        Measure histories = measure(
                remaining,
                detail,
                key -> List.of(detail.get(key), remaining.get(key).signatures().get(detail.get(key))));
        Measure combined = measure(remaining, detail, key -> record(remaining, detail, outcome, key));
        RiskLimits limits = study.limits();
        int suppressed = historySuppressed.size() + outcome.suppressed().size();
        List<Exceeded> exceeded = new ArrayList<>();
        check(
                exceeded,
                "combined.uniqueShare",
                combined.uniqueShare(),
                limits.maxUniqueShare(),
                "the share of unique records (person row and history together)");
        check(
                exceeded,
                "suppressed.share",
                eligible == 0 ? 0 : (double) suppressed / eligible,
                limits.maxSuppressedShare(),
                "the share of participants who would have to be left out");
        check(
                exceeded,
                "persons.averageRisk",
                persons.averageRisk(),
                limits.maxAverageRisk(),
                "the person table's average re-identification risk");
        check(
                exceeded,
                "histories.averageRisk",
                histories.averageRisk(),
                limits.maxAverageRisk(),
                "the histories' average re-identification risk");
        check(
                exceeded,
                "combined.averageRisk",
                combined.averageRisk(),
                limits.maxAverageRisk(),
                "the average re-identification risk of a record (person row and history together)");
        return new Plan(
                Collections.unmodifiableMap(detail),
                Collections.unmodifiableSet(historySuppressed),
                outcome,
                persons,
                histories,
                combined,
                eligible,
                limits,
                exceeded.isEmpty() ? Optional.empty() : Optional.of(new Refusal(List.copyOf(exceeded))));
    }

    private static void check(List<Exceeded> exceeded, String measure, double value, double limit, String what) {
        if (value > limit) {
            exceeded.add(new Exceeded(measure, round(value), limit, what));
        }
    }

    private static boolean tooMany(int unique, int records, double max) {
        return records > 0 && (double) unique / records > max;
    }

    /**
     * For every record, how many released records someone who knows her (the values of the view, her history and her
     * enrolment date) could not tell from hers: those with the same values whose last day of observation she could
     * have: inside her window ({@link Candidate#windowFrom} to {@link Candidate#windowTo}), or any, when the record's
     * history was cut short (its last day is then one of its events', which the values already hold). Her own is
     * always one of them.
     */
    private static Map<String, Integer> candidates(
            Map<String, Candidate> pool,
            Map<String, HistoryDetail> detail,
            java.util.function.Function<String, Object> view) {
        Map<Object, List<String>> groups = new HashMap<>();
        detail.keySet()
                .forEach(key -> groups.computeIfAbsent(view.apply(key), v -> new ArrayList<>())
                        .add(key));
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> group : groups.values()) {
            count(pool, detail, group, counts);
        }
        return counts;
    }

    /**
     * The candidates of each record of a group (records with the same values): those whose last day could be hers
     * ({@link Candidate#windowFrom} to {@link Candidate#windowTo}, or any when cut short), whose first day of
     * observation could be hers ({@link Candidate#startFrom} to {@link Candidate#startTo}) and, in a study that gives
     * dates, whose released enrolment date could be hers ({@link Candidate#enrolledFrom} to {@link
     * Candidate#enrolledTo}). A history cut short no longer tells her follow-up cut or date offset through its last day,
     * so the other two narrow down the records that could be hers (docs/research.md, "Disclosure risk"). Records that
     * start on their enrolment day (day 0) are counted by binary search over their last days where no dates are given;
     * the others, and records with dates, one by one within their window.
     */
    private static void count(
            Map<String, Candidate> pool,
            Map<String, HistoryDetail> detail,
            List<String> group,
            Map<String, Integer> counts) {
        List<Candidate> zero = new ArrayList<>();
        List<Candidate> late = new ArrayList<>();
        for (String key : group) {
            Candidate record = pool.get(key);
            (record.start() == 0 ? zero : late).add(record);
        }
        boolean zeroDated = zero.stream().anyMatch(r -> r.enrolled() != null);
        // records starting on day 0 without dates: their last days (of those not cut short), and how many are cut short
        long[] zeroEnds = new long[0];
        int zeroCut = 0;
        // records starting on day 0 with dates, by date; and any without a date among them (counted one by one)
        List<Candidate> zeroByDate = new ArrayList<>();
        List<Candidate> zeroUndated = new ArrayList<>();
        if (zeroDated) {
            zero.forEach(r -> (r.enrolled() == null ? zeroUndated : zeroByDate).add(r));
            zeroByDate.sort(java.util.Comparator.comparingLong(Candidate::enrolled));
        } else {
            long[] ends = new long[zero.size()];
            int uncut = 0;
            for (Candidate record : zero) {
                HistoryDetail level = detail.get(record.key());
                Long end = record.ends().get(level);
                if (end == null || record.cut().contains(level)) {
                    zeroCut++;
                } else {
                    ends[uncut++] = end;
                }
            }
            zeroEnds = java.util.Arrays.copyOf(ends, uncut);
            java.util.Arrays.sort(zeroEnds);
        }
        long[] zeroDates = zeroByDate.stream().mapToLong(Candidate::enrolled).toArray();
        late.sort(java.util.Comparator.comparingLong(Candidate::start));
        long[] lateStarts = late.stream().mapToLong(Candidate::start).toArray();
        for (String target : group) {
            Candidate her = pool.get(target);
            int count = 0;
            if (her.startFrom() <= 0 && her.startTo() >= 0) {
                if (!zeroDated) {
                    count += zeroCut + between(zeroEnds, her.windowFrom(), her.windowTo());
                } else {
                    for (Candidate record : zeroUndated) {
                        count += record.couldBe(her, detail.get(record.key())) ? 1 : 0;
                    }
                    int to = her.enrolledTo() == Long.MAX_VALUE
                            ? zeroDates.length
                            : firstAtLeast(zeroDates, her.enrolledTo() + 1);
                    for (int i = firstAtLeast(zeroDates, her.enrolledFrom()); i < to; i++) {
                        Candidate record = zeroByDate.get(i);
                        count += record.couldBe(her, detail.get(record.key())) ? 1 : 0;
                    }
                }
            }
            int to = her.startTo() == Long.MAX_VALUE ? lateStarts.length : firstAtLeast(lateStarts, her.startTo() + 1);
            for (int i = firstAtLeast(lateStarts, her.startFrom()); i < to; i++) {
                Candidate record = late.get(i);
                count += record.couldBe(her, detail.get(record.key())) ? 1 : 0;
            }
            counts.put(target, count);
        }
    }

    /** How many of the sorted values are from {@code from} to {@code to}, both included. */
    private static int between(long[] sorted, long from, long to) {
        return firstAtLeast(sorted, to == Long.MAX_VALUE ? to : to + 1) - firstAtLeast(sorted, from);
    }

    private static int firstAtLeast(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A view's measure over the records released: identical groups, and each record's candidates. */
    private static Measure measure(
            Map<String, Candidate> pool,
            Map<String, HistoryDetail> detail,
            java.util.function.Function<String, Object> view) {
        Map<String, Integer> counts = candidates(pool, detail, view);
        int n = counts.size();
        int groups = (int) detail.keySet().stream().map(view).distinct().count();
        long unique = counts.values().stream().filter(c -> c == 1).count();
        int smallest = counts.values().stream().min(Integer::compare).orElse(0);
        double average = counts.values().stream().mapToDouble(c -> 1.0 / c).sum();
        return new Measure(
                n,
                groups,
                n == 0 ? 0 : (double) unique / n,
                smallest == 0 ? 0 : 1.0 / smallest,
                n == 0 ? 0 : average / n);
    }

    private static Object record(
            Map<String, Candidate> pool, Map<String, HistoryDetail> detail, KAnonymity.Outcome outcome, String key) {
        // the level is released with her (outcomes.csv's history_detail): records at other levels are told apart
        return List.of(
                List.copyOf(outcome.released().get(key).values()),
                detail.get(key),
                pool.get(key).signatures().get(detail.get(key)));
    }

    static double round(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }
}
