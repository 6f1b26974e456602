package org.journeyplatform.domain.assessment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * An instrument as defined at one revision, and how it scores a reading.
 *
 * @param revision the version of the definition (the instrument aggregate's version)
 */
public record InstrumentDefinition(
        InstrumentCode instrument,
        long revision,
        String name,
        List<InstrumentItem> items,
        List<InstrumentSubscale> subscales,
        Scoring totalScoring) {

    public InstrumentDefinition {
        items = List.copyOf(items);
        subscales = List.copyOf(subscales);
    }

    /** The scores of one reading. */
    public record Scores(Double total, Map<String, Double> subscales) {}

    /**
     * Scores a reading.
     *
     * @throws JourneyRuleException {@link RuleViolation#INVALID_SCORES} when an item is missing, unknown or out of range
     */
    public Scores score(Map<String, Integer> itemScores) {
        Set<String> known = new HashSet<>();
        for (InstrumentItem item : items) {
            known.add(item.code());
            Integer score = itemScores.get(item.code());
            if (score == null) {
                throw new JourneyRuleException(
                        RuleViolation.INVALID_SCORES, "Item '" + item.code() + "' of " + instrument + " has no score.");
            }
            if (score < item.min() || score > item.max()) {
                throw new JourneyRuleException(
                        RuleViolation.INVALID_SCORES,
                        "Item '" + item.code() + "' of " + instrument + " is scored " + item.min() + " to " + item.max()
                                + "; got " + score + ".");
            }
        }
        for (String code : itemScores.keySet()) {
            if (!known.contains(code)) {
                throw new JourneyRuleException(
                        RuleViolation.INVALID_SCORES,
                        instrument + " has no item '" + code + "'; its items are "
                                + known.stream().sorted().toList() + ".");
            }
        }
        Map<String, Double> subscaleScores = new LinkedHashMap<>();
        for (InstrumentSubscale subscale : subscales) {
            subscaleScores.put(
                    subscale.code(),
                    combine(
                            subscale.scoring(),
                            subscale.itemCodes().stream().map(itemScores::get).toList()));
        }
        return new Scores(
                combine(
                        totalScoring,
                        items.stream().map(i -> itemScores.get(i.code())).toList()),
                subscaleScores);
    }

    private static Double combine(Scoring scoring, List<Integer> scores) {
        double sum = scores.stream().mapToInt(Integer::intValue).sum();
        return switch (scoring) {
            case SUM -> sum;
            case MEAN -> scores.isEmpty() ? null : Math.round(sum / scores.size() * 100.0) / 100.0;
            case NONE -> null;
        };
    }
}
