package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * k-anonymity on the person-level table (docs/research.md): every combination of released quasi-identifier values must
 * be shared by at least k participants. Participants in a smaller group are first generalised, one step at a time in a
 * fixed order (enrolment year to 5-year ranges, age band to wider bands, referral source to OTHER, then enrolment year
 * to 10-year ranges and age band to two bands), and only they: everyone in a group of at least k keeps her exact
 * values (local recoding). After every step the groups are formed again. Whoever is still in a group smaller than k
 * after the last step is suppressed: left out of every file of the export. Last, every released value of a
 * quasi-identifier is raised to the coarsest level any released participant has for it, so that a column holds one
 * level (no {@code 18-34} beside {@code 25-34}); as the age bands of one level are not all inside those of the next
 * ({@code 35-54} is inside neither {@code 18-44} nor {@code 45+}), that can leave someone in a group smaller than k,
 * who is then suppressed too.
 * <p>
 * With no quasi-identifiers the whole table is one group: fewer than k participants in all are all suppressed.
 * Plain Java, deterministic: the same people give the same result.
 */
public final class KAnonymity {

    /** The generalisation steps, in the order they are tried. */
    static final List<Step> STEPS = List.of(
            new Step(QuasiIdentifier.ENROLMENT_YEAR, 1),
            new Step(QuasiIdentifier.AGE_BAND, 1),
            new Step(QuasiIdentifier.REFERRAL_SOURCE, 1),
            new Step(QuasiIdentifier.ENROLMENT_YEAR, 2),
            new Step(QuasiIdentifier.AGE_BAND, 2));

    private KAnonymity() {}

    /** One generalisation step: a quasi-identifier raised to a level. */
    record Step(QuasiIdentifier quasiIdentifier, int level) {}

    /** One person: a key (her pseudonym) and her exact (level 0) value of every quasi-identifier of the study. */
    public record Person(String key, Map<QuasiIdentifier, String> values) {}

    /**
     * A generalisation that was applied: how many participants had this quasi-identifier raised to this level; all of
     * them in groups smaller than k at that point, or, when {@code consistency}, everyone else released, so that the
     * column holds one level.
     */
    public record Generalisation(
            QuasiIdentifier quasiIdentifier, int level, String releasedAs, int participants, boolean consistency) {}

    /**
     * @param released   the values released for every participant kept, by key (sorted)
     * @param suppressed the keys of the participants left out, sorted
     * @param generalisations what was generalised, in the order applied
     * @param kAchieved  the size of the smallest group released, or null when nobody is released
     * @param groups     how many groups are released
     */
    public record Outcome(
            Map<String, Map<QuasiIdentifier, String>> released,
            Set<String> suppressed,
            List<Generalisation> generalisations,
            Integer kAchieved,
            int groups) {}

    public static Outcome apply(List<Person> persons, List<QuasiIdentifier> quasiIdentifiers, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k is at least 2");
        }
        Map<String, Map<QuasiIdentifier, Integer>> levels = new TreeMap<>();
        Map<String, Person> byKey = new HashMap<>();
        for (Person person : persons) {
            if (byKey.put(person.key(), person) != null) {
                throw new IllegalArgumentException("two persons with one key");
            }
            Map<QuasiIdentifier, Integer> level = new LinkedHashMap<>();
            quasiIdentifiers.forEach(q -> level.put(q, 0));
            levels.put(person.key(), level);
        }
        List<Generalisation> generalisations = new ArrayList<>();
        for (Step step : STEPS) {
            if (!quasiIdentifiers.contains(step.quasiIdentifier())) {
                continue;
            }
            Set<String> small = inSmallGroups(byKey, levels, quasiIdentifiers, k);
            if (small.isEmpty()) {
                break;
            }
            int raised = 0;
            for (String key : small) {
                Map<QuasiIdentifier, Integer> level = levels.get(key);
                if (level.get(step.quasiIdentifier()) < step.level()) {
                    level.put(step.quasiIdentifier(), step.level());
                    raised++;
                }
            }
            if (raised > 0) {
                generalisations.add(new Generalisation(
                        step.quasiIdentifier(),
                        step.level(),
                        step.quasiIdentifier().describe(step.level()),
                        raised,
                        false));
            }
        }
        Set<String> suppressed = new TreeSet<>(inSmallGroups(byKey, levels, quasiIdentifiers, k));
        // one level per column; the age ladder is not nested (35-54 is inside neither 18-44 nor 45+), so raising can
        // split a group: whoever is then in a group smaller than k is suppressed too, and the columns raised again
        Map<QuasiIdentifier, int[]> consistency = new LinkedHashMap<>();
        while (true) {
            for (QuasiIdentifier q : quasiIdentifiers) {
                int coarsest = levels.entrySet().stream()
                        .filter(e -> !suppressed.contains(e.getKey()))
                        .mapToInt(e -> e.getValue().get(q))
                        .max()
                        .orElse(0);
                for (Map.Entry<String, Map<QuasiIdentifier, Integer>> e : levels.entrySet()) {
                    if (!suppressed.contains(e.getKey()) && e.getValue().get(q) < coarsest) {
                        e.getValue().put(q, coarsest);
                        int[] raised = consistency.computeIfAbsent(q, x -> new int[2]);
                        raised[0] = coarsest;
                        raised[1]++;
                    }
                }
            }
            Map<String, Map<QuasiIdentifier, Integer>> kept = new TreeMap<>(levels);
            kept.keySet().removeAll(suppressed);
            Set<String> small = inSmallGroups(byKey, kept, quasiIdentifiers, k);
            if (small.isEmpty()) {
                break;
            }
            suppressed.addAll(small);
        }
        consistency.forEach((q, raised) ->
                generalisations.add(new Generalisation(q, raised[0], q.describe(raised[0]), raised[1], true)));
        Map<String, Map<QuasiIdentifier, String>> released = new TreeMap<>();
        levels.forEach((key, level) -> {
            if (!suppressed.contains(key)) {
                released.put(key, values(byKey.get(key), level, quasiIdentifiers));
            }
        });
        Map<List<String>, Integer> sizes = new HashMap<>();
        released.values().forEach(v -> sizes.merge(List.copyOf(v.values()), 1, Integer::sum));
        Integer kAchieved = sizes.values().stream().min(Integer::compare).orElse(null);
        return new Outcome(
                Collections.unmodifiableMap(released),
                Collections.unmodifiableSet(suppressed),
                List.copyOf(generalisations),
                kAchieved,
                sizes.size());
    }

    private static Set<String> inSmallGroups(
            Map<String, Person> byKey,
            Map<String, Map<QuasiIdentifier, Integer>> levels,
            List<QuasiIdentifier> quasiIdentifiers,
            int k) {
        Map<List<String>, List<String>> groups = new HashMap<>();
        levels.forEach((key, level) -> groups.computeIfAbsent(
                        List.copyOf(
                                values(byKey.get(key), level, quasiIdentifiers).values()),
                        g -> new ArrayList<>())
                .add(key));
        Set<String> small = new TreeSet<>();
        groups.values().stream().filter(g -> g.size() < k).forEach(small::addAll);
        return small;
    }

    private static Map<QuasiIdentifier, String> values(
            Person person, Map<QuasiIdentifier, Integer> level, List<QuasiIdentifier> quasiIdentifiers) {
        Map<QuasiIdentifier, String> values = new LinkedHashMap<>();
        for (QuasiIdentifier q : quasiIdentifiers) {
            values.put(q, q.generalise(person.values().get(q), level.get(q)));
        }
        return values;
    }
}
