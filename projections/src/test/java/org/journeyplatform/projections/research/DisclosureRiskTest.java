package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Re-identification risk, measured and kept within a study's limits")
class DisclosureRiskTest {

    private static Study study(List<QuasiIdentifier> quasiIdentifiers, int k, RiskLimits limits) {
        return new Study(
                "study-1",
                "Evaluation",
                "REC-1",
                Set.of("programme"),
                LocalDate.parse("2023-01-01"),
                LocalDate.parse("2024-12-31"),
                quasiIdentifiers,
                DateMode.DAYS_SINCE_ENROLMENT,
                k,
                "scope",
                LocalDate.parse("2027-01-01"),
                TimeGranularity.MONTH,
                14,
                limits);
    }

    /** A candidate whose history has these signatures from the full one down (the last repeated). */
    private static DisclosureRisk.Candidate candidate(String key, String ageBand, String... signatures) {
        Map<HistoryDetail, String> byLevel = new EnumMap<>(HistoryDetail.class);
        HistoryDetail[] levels = HistoryDetail.values();
        for (int i = 0; i < levels.length; i++) {
            byLevel.put(levels[i], signatures[Math.min(i, signatures.length - 1)]);
        }
        return new DisclosureRisk.Candidate(key, Map.of(QuasiIdentifier.AGE_BAND, ageBand), byLevel);
    }

    private static List<DisclosureRisk.Candidate> alike(int n, String prefix, String signature) {
        List<DisclosureRisk.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            candidates.add(candidate(prefix + String.format("%03d", i), "25-34", signature));
        }
        return candidates;
    }

    @Test
    @DisplayName("a measure counts unique records, and the highest and average prosecutor risk")
    void measure() {
        DisclosureRisk.Measure measure = DisclosureRisk.Measure.of(List.of("a", "a", "b", "c", "c", "c"));
        assertThat(measure.records()).isEqualTo(6);
        assertThat(measure.groups()).isEqualTo(3);
        assertThat(measure.uniqueShare()).isEqualTo(1.0 / 6);
        assertThat(measure.highestRisk()).isEqualTo(1.0);
        assertThat(measure.averageRisk()).isEqualTo(0.5);
        assertThat(DisclosureRisk.Measure.of(List.of()).averageRisk()).isZero();
    }

    @Nested
    @DisplayName("given histories that are all alike")
    class Alike {

        @Test
        @DisplayName("every history is released in full and nobody is suppressed")
        void nothingReduced() {
            DisclosureRisk.Plan plan =
                    DisclosureRisk.plan(alike(20, "p", "x"), study(List.of(), 5, RiskLimits.DEFAULT));
            assertThat(plan.levels()).containsEntry(HistoryDetail.FULL, 20);
            assertThat(plan.historySuppressed()).isEmpty();
            assertThat(plan.histories().uniqueShare()).isZero();
            assertThat(plan.histories().averageRisk()).isEqualTo(1.0 / 20);
            assertThat(plan.refusal()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given histories in pairs, none unique but the average risk above the limit")
    class Pairs {

        private List<DisclosureRisk.Candidate> pairs(int n) {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                candidates.add(candidate("a" + i, "25-34", "full-" + i, "core"));
                candidates.add(candidate("b" + i, "25-34", "full-" + i, "core"));
            }
            return candidates;
        }

        @Test
        @DisplayName("the records in the smallest groups are reduced until the average risk is within the limit")
        void reducedForTheAverage() {
            DisclosureRisk.Plan plan = DisclosureRisk.plan(pairs(10), study(List.of(), 5, RiskLimits.DEFAULT));
            assertThat(plan.levels()).containsEntry(HistoryDetail.SPELL_EVENTS, 20);
            assertThat(plan.combined().averageRisk()).isEqualTo(0.05);
            assertThat(plan.historySuppressed()).isEmpty();
            assertThat(plan.refusal()).isEmpty();
        }

        @Test
        @DisplayName(
                "beside a large group of alike histories, nothing is reduced while the average is within the limit")
        void withinTheLimit() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(pairs(10));
            candidates.addAll(alike(30, "p", "core"));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 5, RiskLimits.DEFAULT));
            assertThat(plan.levels()).containsEntry(HistoryDetail.FULL, 50);
            assertThat(plan.combined().averageRisk()).isEqualTo(0.22);
        }
    }

    @Nested
    @DisplayName("given a few histories unique in full")
    class FewUnique {

        @Test
        @DisplayName("only they are reduced, one level at a time, until the share of unique records is within the "
                + "limit; a reduced record does not hide among records released at another level, since her level is "
                + "released with her")
        void onlyTheUniqueAreReduced() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(alike(17, "p", "core"));
            candidates.add(candidate("u1", "25-34", "full-1", "core"));
            candidates.add(candidate("u2", "25-34", "full-2", "other-2", "core"));
            candidates.add(candidate("u3", "25-34", "full-3", "other-3", "core"));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 5, RiskLimits.DEFAULT));
            // u1 reads "core" at SPELL_EVENTS like the others in full, but alone at its level: reduced once more
            assertThat(plan.detail())
                    .containsEntry("u1", HistoryDetail.SPELL_REASONS)
                    .containsEntry("u2", HistoryDetail.SPELL_REASONS)
                    .containsEntry("u3", HistoryDetail.SPELL_REASONS)
                    .containsEntry("p000", HistoryDetail.FULL);
            assertThat(plan.historySuppressed()).isEmpty();
            assertThat(plan.combined().uniqueShare()).isZero();
            assertThat(plan.combined().groups()).isEqualTo(2);
        }

        @Test
        @DisplayName("one unique record of twenty is within the 5 % limit: nothing is reduced")
        void withinTheLimit() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(alike(19, "p", "core"));
            candidates.add(candidate("u1", "25-34", "full-1", "core"));
            DisclosureRisk.Plan within = DisclosureRisk.plan(candidates, study(List.of(), 5, RiskLimits.DEFAULT));
            assertThat(within.detail()).containsEntry("u1", HistoryDetail.FULL);
            assertThat(within.combined().uniqueShare()).isEqualTo(0.05);
        }

        @Test
        @DisplayName("records unique at every level are suppressed whole, only as many as the limit needs")
        void asFewAsNeeded() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(alike(90, "p", "core"));
            for (int i = 0; i < 10; i++) {
                candidates.add(candidate("u" + i, "25-34", "unique-" + i));
            }
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 5, RiskLimits.DEFAULT));
            // (10 - 0.05 x 100) / 0.95 = 5.3: six suppressed leave 4 unique of 94
            assertThat(plan.historySuppressed()).hasSize(6).allMatch(key -> key.startsWith("u"));
            assertThat(plan.combined().uniqueShare()).isEqualTo(4.0 / 94).isLessThanOrEqualTo(0.05);
            assertThat(plan.detail()).hasSize(94);
            assertThat(plan.suppressedShare()).isEqualTo(0.06);
            assertThat(plan.refusal()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given quasi-identifiers beside the histories")
    class WithQuasiIdentifiers {

        @Test
        @DisplayName("a record is the person row and the history together: alike histories of different people "
                + "are unique records")
        void combined() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                candidates.add(candidate("a" + i, "25-34", "history-" + (i % 5), "core"));
                candidates.add(candidate("b" + i, "35-44", "history-" + (i % 5) + "-b", "core"));
            }
            DisclosureRisk.Plan plan =
                    DisclosureRisk.plan(candidates, study(List.of(QuasiIdentifier.AGE_BAND), 5, RiskLimits.DEFAULT));
            assertThat(plan.persons().uniqueShare()).isZero();
            assertThat(plan.persons().highestRisk()).isEqualTo(0.1);
            assertThat(plan.combined().uniqueShare()).isZero();
            assertThat(plan.combined().averageRisk())
                    .isGreaterThanOrEqualTo(plan.histories().averageRisk());
        }

        @Test
        @DisplayName("k-anonymity still holds on the person table, and suppresses a group smaller than k")
        void kAnonymity() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(alike(10, "p", "x"));
            candidates.add(candidate("lone", "55+", "x"));
            DisclosureRisk.Plan plan =
                    DisclosureRisk.plan(candidates, study(List.of(QuasiIdentifier.AGE_BAND), 5, RiskLimits.DEFAULT));
            assertThat(plan.kOutcome().suppressed()).containsExactly("lone");
            assertThat(plan.detail()).doesNotContainKey("lone");
        }
    }

    @Nested
    @DisplayName("given someone who knows her enrolment date")
    class KnownEnrolment {

        private DisclosureRisk.Candidate dated(String key, String signature, long end, long windowFrom, boolean cut) {
            Map<HistoryDetail, String> signatures = new EnumMap<>(HistoryDetail.class);
            Map<HistoryDetail, Long> ends = new EnumMap<>(HistoryDetail.class);
            for (HistoryDetail level : HistoryDetail.values()) {
                signatures.put(level, signature);
                ends.put(level, end);
            }
            return new DisclosureRisk.Candidate(
                    key,
                    Map.of(QuasiIdentifier.AGE_BAND, "25-34"),
                    signatures,
                    ends,
                    cut ? java.util.EnumSet.allOf(HistoryDetail.class) : java.util.EnumSet.noneOf(HistoryDetail.class),
                    windowFrom,
                    windowFrom + 182);
        }

        @Test
        @DisplayName("identical histories whose last days could not be the same woman's are told apart")
        void toldApartByTheirLastDay() {
            // enrolled two years apart: each one's last day is outside the other's window
            List<DisclosureRisk.Candidate> candidates =
                    List.of(dated("early", "h", 900, 800, false), dated("late", "h", 200, 100, false));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 2, RiskLimits.NONE));
            assertThat(plan.histories().groups()).isEqualTo(1);
            assertThat(plan.histories().uniqueShare()).isEqualTo(1.0);
            assertThat(plan.combined().averageRisk()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("histories cut short end on one of their own events and are never told apart by it")
        void cutShortNotToldApart() {
            List<DisclosureRisk.Candidate> candidates =
                    List.of(dated("early", "h", 900, 800, false), dated("late", "h", 120, 100, true));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 2, RiskLimits.NONE));
            // "early" could be told from "late" only if "late" were not cut short; "late" cannot be told from "early"
            // only if early's last day were inside late's window: it is not, so late is unique, early is not
            assertThat(plan.histories().uniqueShare()).isEqualTo(0.5);
        }

        /** A history cut short, with what else was released of her and the windows her enrolment date gives. */
        private DisclosureRisk.Candidate cutShort(
                String key,
                Long enrolled,
                long enrolledFrom,
                long enrolledTo,
                long start,
                long startFrom,
                long startTo) {
            DisclosureRisk.Candidate cut = dated(key, "h", 120, 0, true);
            return new DisclosureRisk.Candidate(
                    cut.key(),
                    cut.quasiIdentifiers(),
                    cut.signatures(),
                    cut.ends(),
                    cut.cut(),
                    cut.windowFrom(),
                    cut.windowTo(),
                    enrolled,
                    enrolledFrom,
                    enrolledTo,
                    start,
                    startFrom,
                    startTo);
        }

        /** A history cut short, with her released (shifted) enrolment date and the window her real one gives. */
        private DisclosureRisk.Candidate shifted(String key, long enrolled, long realEnrolment) {
            return cutShort(key, enrolled, realEnrolment - 182, realEnrolment + 182, 0, 0, 0);
        }

        /** A history cut short of a woman enrolled before the study period, with her released first day. */
        private DisclosureRisk.Candidate lateStart(String key, long start, long daysBeforePeriod) {
            return cutShort(key, null, Long.MIN_VALUE, Long.MAX_VALUE, start, daysBeforePeriod, daysBeforePeriod + 182);
        }

        @Test
        @DisplayName("histories cut short whose first days of observation could not be the same woman's are told apart")
        void toldApartByTheirFirstDay() {
            // enrolled 400 and 1,000 days before the period: their first days are 400-582 and 1,000-1,182
            List<DisclosureRisk.Candidate> apart =
                    List.of(lateStart("early", 1_100, 1_000), lateStart("late", 500, 400));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(apart, study(List.of(), 2, RiskLimits.NONE));
            assertThat(plan.histories().uniqueShare()).isEqualTo(1.0);

            // enrolled 400 and 450 days before: either first day could be either woman's
            List<DisclosureRisk.Candidate> close = List.of(lateStart("early", 500, 450), lateStart("late", 500, 400));
            assertThat(DisclosureRisk.plan(close, study(List.of(), 2, RiskLimits.NONE))
                            .histories()
                            .uniqueShare())
                    .isZero();

            // a first day of 0 is where one enrolled in the period starts, and one enrolled just before it can
            List<DisclosureRisk.Candidate> inAndBefore =
                    List.of(dated("in", "h", 120, 0, true), lateStart("before", 0, 0));
            assertThat(DisclosureRisk.plan(inAndBefore, study(List.of(), 2, RiskLimits.NONE))
                            .histories()
                            .uniqueShare())
                    .as("a first day of 0 fits both women")
                    .isZero();
        }

        @Test
        @DisplayName("histories cut short whose shifted enrolment dates could not be the same woman's are told apart; "
                + "those that could are not")
        void toldApartByTheirShiftedEnrolment() {
            // enrolled two years apart, each date moved by under 182 days: neither could show the other's date
            List<DisclosureRisk.Candidate> apart =
                    List.of(shifted("early", 20_000 + 100, 20_000), shifted("late", 20_730 - 150, 20_730));
            DisclosureRisk.Plan plan = DisclosureRisk.plan(apart, study(List.of(), 2, RiskLimits.NONE));
            assertThat(plan.histories().groups()).isEqualTo(1);
            assertThat(plan.histories().uniqueShare()).isEqualTo(1.0);

            // enrolled four months apart: either released date could be either woman's
            List<DisclosureRisk.Candidate> close =
                    List.of(shifted("early", 20_000 + 100, 20_000), shifted("late", 20_120 - 150, 20_120));
            assertThat(DisclosureRisk.plan(close, study(List.of(), 2, RiskLimits.NONE))
                            .histories()
                            .uniqueShare())
                    .isZero();
        }

        @Test
        @DisplayName("records told apart at every level are suppressed, and when too many would be, the export is "
                + "refused")
        void suppressedWhenToldApart() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                candidates.add(dated("p" + i, "h", 300 * i + 100, 300 * i, false));
            }
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 2, RiskLimits.DEFAULT));
            assertThat(plan.combined().uniqueShare()).isLessThanOrEqualTo(0.05);
            assertThat(plan.refusal()).isPresent();
        }
    }

    @Nested
    @DisplayName("given limits the release cannot meet")
    class Refused {

        @Test
        @DisplayName("the plan is refused, naming every measure above its limit, the first in its detail")
        void refused() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>(alike(3, "p", "x"));
            candidates.add(candidate("y1", "25-34", "y"));
            candidates.add(candidate("y2", "25-34", "y"));
            DisclosureRisk.Plan plan =
                    DisclosureRisk.plan(candidates, study(List.of(), 2, new RiskLimits(0.05, 0.2, 0.25)));
            assertThat(plan.refusal()).isPresent();
            DisclosureRisk.Refusal refusal = plan.refusal().get();
            assertThat(refusal.exceeded())
                    .extracting(DisclosureRisk.Exceeded::measure)
                    .containsExactly("histories.averageRisk", "combined.averageRisk");
            assertThat(refusal.measure()).isEqualTo("histories.averageRisk");
            assertThat(refusal.value()).isEqualTo(0.4);
            assertThat(refusal.limit()).isEqualTo(0.2);
            assertThat(refusal.detail())
                    .startsWith("The export was refused and nothing was released: the histories' average "
                            + "re-identification risk would be 40.0 %, above the study's limit of 20.0 % "
                            + "(histories.averageRisk), and ");
        }

        @Test
        @DisplayName("a study without limits releases every history in full, unique or not")
        void noLimits() {
            List<DisclosureRisk.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                candidates.add(candidate("u" + i, "25-34", "unique-" + i));
            }
            DisclosureRisk.Plan plan = DisclosureRisk.plan(candidates, study(List.of(), 2, RiskLimits.NONE));
            assertThat(plan.levels()).containsEntry(HistoryDetail.FULL, 6);
            assertThat(plan.histories().uniqueShare()).isEqualTo(1.0);
            assertThat(plan.refusal()).isEmpty();
        }
    }
}
