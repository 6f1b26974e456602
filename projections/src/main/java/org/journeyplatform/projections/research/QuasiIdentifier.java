package org.journeyplatform.projections.research;

import java.util.List;

/**
 * The person-level attributes a study may receive, each checked for k-anonymity before release (docs/research.md).
 * Each has a ladder of generalisation levels: level 0 is the value itself, higher levels are coarser. Gender identity is
 * not among them: it is personal data in this domain ({@code @PersonalData}) and never leaves the platform.
 */
public enum QuasiIdentifier {

    /** Her age when she was enrolled, as a band: 18-24, 25-34, 35-44, 45-54, 55+ (or unknown). */
    AGE_BAND(
            "age_band",
            List.of(
                    "10-year age bands (18-24, 25-34, 35-44, 45-54, 55+)",
                    "wider age bands (18-34, 35-54, 55+)",
                    "two age bands (18-44, 45+)")),
    /** The type of the first of the study's programmes she was in during the study period. */
    PROGRAMME_TYPE("programme_type", List.of("programme type")),
    /**
     * The calendar year in which she was enrolled, after moving her enrolment date 0 to 182 days later by her follow-up
     * cut (so that, beside the exact length of her follow-up, it cannot narrow down her enrolment date). Only for
     * studies with {@link DateMode#DAYS_SINCE_ENROLMENT}: beside shifted dates it would narrow down her date shift.
     */
    ENROLMENT_YEAR(
            "enrolment_year", List.of("year", "5-year ranges (e.g. 2020-2024)", "10-year ranges (e.g. 2020-2029)")),
    /** Who or what referred her to the service. */
    REFERRAL_SOURCE("referral_source", List.of("referral source", "OTHER (every source folded into one)"));

    /** The value released when nothing is known (no year of birth or age band, no referral source). */
    public static final String UNKNOWN = "unknown";

    private final String column;
    private final List<String> levels;

    QuasiIdentifier(String column, List<String> levels) {
        this.column = column;
        this.levels = levels;
    }

    /** Its column in {@code persons.csv}. */
    public String column() {
        return column;
    }

    /** The highest generalisation level (0 when it is never generalised). */
    public int maxLevel() {
        return levels.size() - 1;
    }

    /** What a level releases, in words, for the manifest and the codebook. */
    public String describe(int level) {
        return levels.get(level);
    }

    /** The value released at a level, from the level-0 value. */
    public String generalise(String value, int level) {
        if (level == 0 || value == null || value.equals(UNKNOWN)) {
            return value == null ? UNKNOWN : value;
        }
        return switch (this) {
            case AGE_BAND ->
                level == 1
                        ? switch (value) {
                            case "18-24", "25-34" -> "18-34";
                            case "35-44", "45-54" -> "35-54";
                            default -> value;
                        }
                        : switch (value) {
                            case "18-24", "25-34", "35-44" -> "18-44";
                            default -> "45+";
                        };
            case ENROLMENT_YEAR -> {
                int year = Integer.parseInt(value);
                int width = level == 1 ? 5 : 10;
                int first = Math.floorDiv(year, width) * width;
                yield first + "-" + (first + width - 1);
            }
            case REFERRAL_SOURCE -> "OTHER";
            case PROGRAMME_TYPE -> value;
        };
    }

    /** The 10-year band of an age: ages under 25 (computed from years, so possibly 17) are 18-24. */
    public static String ageBand(int age) {
        if (age < 25) {
            return "18-24";
        }
        if (age < 35) {
            return "25-34";
        }
        if (age < 45) {
            return "35-44";
        }
        if (age < 55) {
            return "45-54";
        }
        return "55+";
    }

    /** The band a participant gave instead of a year of birth ({@code AgeBand}), as released. */
    public static String ageBand(org.journeyplatform.domain.journey.AgeBand band) {
        return switch (band) {
            case AGE_18_TO_24 -> "18-24";
            case AGE_25_TO_34 -> "25-34";
            case AGE_35_TO_44 -> "35-44";
            case AGE_45_TO_54 -> "45-54";
            case AGE_55_AND_OVER -> "55+";
        };
    }
}
