package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Figures;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Group;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small-cell suppression: no figure shown may count, or be computed back to, between one and threshold-1 participants.
 * Figures are written by hand here, except in the last situation, which computes them from facts.
 */
@DisplayName("Small-cell suppression")
class SmallCellsTest {

    private static final int THRESHOLD = 11;
    private static final String FEWER_THAN_11 = "fewer than 11";

    private final Map<String, Figure> cells = new LinkedHashMap<>();
    private final List<Group> groups = new ArrayList<>();

    private Map<String, Cell> suppress() {
        return suppress(List.of());
    }

    private Map<String, Cell> suppress(Collection<Map<String, Cell>> perProgramme) {
        return SmallCells.suppress(
                new Figures(cells, groups, List.of(), List.of(), List.of()), THRESHOLD, perProgramme);
    }

    private static Cell shown(double value) {
        return Cell.of(value, false);
    }

    /** A programme's own small count, as another programme's dashboard shows it. */
    private static Cell hidden() {
        return Cell.small(THRESHOLD, true);
    }

    /** Hidden, whichever the reason: no value, and a text that says it is hidden. */
    private static void isHidden(Cell cell) {
        assertThat(cell.suppressed()).as("suppressed").isTrue();
        assertThat(cell.value()).as("value").isNull();
        assertThat(cell.hiddenBecause()).isIn(Cell.FEWER_THAN_THRESHOLD, Cell.REVEALS_A_SMALL_FIGURE);
    }

    @Nested
    @DisplayName("a suppressed cell")
    class ASuppressedCell {

        @Test
        @DisplayName("carries no value at all, only the text \"fewer than 11\"")
        void carriesNoValue() {
            // given
            cells.put("headline.exits", Figure.count(7, 7));

            // when
            Cell cell = suppress().get("headline.exits");

            // then
            assertThat(cell.value()).isNull();
            assertThat(cell.suppressed()).isTrue();
            assertThat(cell.display()).isEqualTo(FEWER_THAN_11);
        }

        @Test
        @DisplayName("goes out as JSON with a null value and nothing of the figure it hides")
        void goesOutAsJsonWithoutTheFigure() throws Exception {
            // given
            cells.put("headline.exits", Figure.count(7, 7));

            // when
            String json = new ObjectMapper().writeValueAsString(suppress().get("headline.exits"));

            // then
            assertThat(json)
                    .isEqualTo("{\"value\":null,\"suppressed\":true,\"display\":\"fewer than 11\","
                            + "\"hiddenBecause\":\"fewer-than-threshold\"}");
            assertThat(json).doesNotContain("7");
        }

        @Test
        @DisplayName("names the threshold in force")
        void namesTheThreshold() {
            // given
            cells.put("a", Figure.count(4, 4));
            cells.put("b", Figure.count(5, 5));

            // when
            Map<String, Cell> shown =
                    SmallCells.suppress(new Figures(cells, groups, List.of(), List.of(), List.of()), 5, List.of());

            // then
            assertThat(shown.get("a")).isEqualTo(new Cell(null, true, "fewer than 5", Cell.FEWER_THAN_THRESHOLD));
            assertThat(shown.get("b")).isEqualTo(new Cell(5.0, false, "5"));
        }
    }

    @Nested
    @DisplayName("what a hidden figure says")
    class WhatAHiddenFigureSays {

        @Test
        @DisplayName("a count that is itself small reads \"fewer than 11\"")
        void aSmallCount() {
            // given
            cells.put("headline.exits", Figure.count(7, 7));

            // then
            assertThat(suppress().get("headline.exits"))
                    .isEqualTo(new Cell(null, true, "fewer than 11", Cell.FEWER_THAN_THRESHOLD));
        }

        @Test
        @DisplayName("a count of 25 events by 4 participants is never said to be fewer than 11")
        void aLargeCountOfEventsByFewPeople() {
            // given
            cells.put("peerSupport.sessions", Figure.count(25, 4));

            // then
            assertThat(suppress().get("peerSupport.sessions"))
                    .isEqualTo(new Cell(
                            null, true, "hidden: it would reveal a group of fewer than 11", Cell.FEWER_THAN_THRESHOLD));
        }

        @Test
        @DisplayName("a median over few participants says it is hidden, not that it is under 11")
        void aMedianOverFewParticipants() {
            // given: a median of 179 days over 7 stays
            cells.put("lengthOfStay.medianDays", Figure.statistic(179.0, 7));

            // then
            Cell cell = suppress().get("lengthOfStay.medianDays");
            assertThat(cell.display()).isEqualTo("hidden: it would reveal a group of fewer than 11");
            assertThat(cell.shortDisplay()).isEqualTo("hidden");
        }

        @Test
        @DisplayName("a share of 35 in 40 (5 left out) says it is hidden, not that it is under 11")
        void aShareWithASmallComplement() {
            // given
            cells.put("peerSupport.shareWithMentor", Figure.rate(35, 40));

            // then
            assertThat(suppress().get("peerSupport.shareWithMentor").display())
                    .isEqualTo("hidden: it would reveal a group of fewer than 11");
        }

        @Test
        @DisplayName("a count hidden only so that a small one cannot be worked out says so")
        void aComplementaryCount() {
            // given: exits 40 = completed 36 + left by choice 4; hiding 4 alone would let it be worked out
            cells.put("headline.exits", Figure.count(40, 40));
            cells.put("exitsByReason.COMPLETED", Figure.count(36, 36));
            cells.put("exitsByReason.LEFT_BY_CHOICE", Figure.count(4, 4));
            groups.add(new Group("headline.exits", List.of("exitsByReason.COMPLETED", "exitsByReason.LEFT_BY_CHOICE")));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("exitsByReason.LEFT_BY_CHOICE").display()).isEqualTo("fewer than 11");
            assertThat(shown.get("exitsByReason.COMPLETED"))
                    .isEqualTo(new Cell(
                            null, true, "hidden so a small figure cannot be worked out", Cell.REVEALS_A_SMALL_FIGURE));
            assertThat(shown.get("exitsByReason.COMPLETED").shortDisplay()).isEqualTo("hidden");
        }

        @Test
        @DisplayName("a share is hidden with the count it is made of: 66 % of 163 would give the hidden 107 back")
        void aShareWithItsHiddenCount() {
            // given: a count hidden in an all-programmes view (one programme's part of it is small), its share not
            // small
            cells.put("relapseAndReturn.followedUp", Figure.count(163, 163));
            cells.put("relapseAndReturn.returnedWithin10Months", Figure.count(107, 107));
            cells.put("relapseAndReturn.shareWithin10Months", Figure.rate(107, 163));
            Map<String, Cell> a = Map.of("relapseAndReturn.returnedWithin10Months", shown(98));
            Map<String, Cell> b = Map.of("relapseAndReturn.returnedWithin10Months", hidden());

            // when
            Map<String, Cell> shown = SmallCells.suppress(
                    new Figures(cells, groups, List.of(), List.of(), List.of()), THRESHOLD, List.of(a, b));

            // then
            assertThat(shown.get("relapseAndReturn.returnedWithin10Months").hiddenBecause())
                    .isEqualTo(Cell.REVEALS_A_SMALL_FIGURE);
            assertThat(shown.get("relapseAndReturn.shareWithin10Months"))
                    .isEqualTo(new Cell(
                            null, true, "hidden so a small figure cannot be worked out", Cell.REVEALS_A_SMALL_FIGURE));
            assertThat(shown.get("relapseAndReturn.followedUp").value()).isEqualTo(163.0);
        }
    }

    @Nested
    @DisplayName("primary suppression")
    class Primary {

        @ParameterizedTest(name = "{0} participants")
        @ValueSource(ints = {1, 2, 5, 10})
        @DisplayName("hides a count of between one and threshold-1 participants")
        void hidesSmallCounts(int participants) {
            // given
            cells.put("headline.entries", Figure.count(participants, participants));

            // then
            assertThat(suppress().get("headline.entries")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("shows a count of none")
        void showsZero() {
            // given
            cells.put("headline.entries", Figure.count(0, 0));

            // then
            assertThat(suppress().get("headline.entries")).isEqualTo(new Cell(0.0, false, "0"));
        }

        @Test
        @DisplayName("shows a count of threshold participants")
        void showsACountAtTheThreshold() {
            // given
            cells.put("headline.entries", Figure.count(11, 11));

            // then
            assertThat(suppress().get("headline.entries")).isEqualTo(new Cell(11.0, false, "11"));
        }

        @Test
        @DisplayName("judges a count by the participants it covers, not by the events it counts")
        void judgesByParticipants() {
            // given: 25 sessions of 4 participants
            cells.put("peerSupport.sessions", Figure.count(25, 4));

            // then
            assertThat(suppress().get("peerSupport.sessions")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("hides a median or mean over fewer than the threshold, and shows one over more, to one decimal")
        void hidesStatisticsOverFewParticipants() {
            // given
            cells.put("lengthOfStay.medianDays", Figure.statistic(30.25, 10));
            cells.put("lengthOfStay.q1Days", Figure.statistic(30.25, 11));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("lengthOfStay.medianDays")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("lengthOfStay.q1Days")).isEqualTo(new Cell(30.3, false, "30.3"));
        }

        @Test
        @DisplayName("shows \"no data\" when there is nothing to compute a figure from")
        void showsNoData() {
            // given
            cells.put("lengthOfStay.medianDays", Figure.statistic(null, 0));
            cells.put("peerSupport.shareWithMentor", Figure.rate(0, 0));

            // then
            assertThat(suppress().values()).containsOnly(new Cell(null, false, "no data"));
        }
    }

    @Nested
    @DisplayName("rate suppression")
    class Rates {

        @Test
        @DisplayName("hides a share when few participants are counted in it")
        void hidesWhenTheNumeratorIsSmall() {
            // given
            cells.put("peerSupport.shareWithMentor", Figure.rate(3, 40));

            // then
            assertThat(suppress().get("peerSupport.shareWithMentor")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("hides a share when few participants are left out of it")
        void hidesWhenTheComplementIsSmall() {
            // given: 35 of 40, so 5 without
            cells.put("peerSupport.shareWithMentor", Figure.rate(35, 40));

            // then
            assertThat(suppress().get("peerSupport.shareWithMentor")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("shows a share as a percentage when both sides are large or empty")
        void showsOtherShares() {
            // given
            cells.put("half", Figure.rate(20, 40));
            cells.put("none", Figure.rate(0, 40));
            cells.put("all", Figure.rate(40, 40));
            cells.put("third", Figure.rate(12, 36));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("half")).isEqualTo(new Cell(0.5, false, "50%"));
            assertThat(shown.get("none")).isEqualTo(new Cell(0.0, false, "0%"));
            assertThat(shown.get("all")).isEqualTo(new Cell(1.0, false, "100%"));
            assertThat(shown.get("third")).isEqualTo(new Cell(0.333, false, "33%"));
        }
    }

    @Nested
    @DisplayName("complementary suppression in a group of cells that add up to a total")
    class Complementary {

        @Test
        @DisplayName("hides a second cell beside a single hidden one: the smallest above zero")
        void hidesASecondCell() {
            // given
            cells.put("t", Figure.count(50, 50));
            cells.put("a", Figure.count(45, 45));
            cells.put("b", Figure.count(5, 5));
            cells.put("c", Figure.count(0, 0));
            groups.add(new Group("t", List.of("a", "b", "c")));

            // when
            Map<String, Cell> shown = suppress();

            // then: c, zero, would not protect b
            assertThat(shown.get("b")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("a")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("c")).isEqualTo(new Cell(0.0, false, "0"));
            assertThat(shown.get("t")).isEqualTo(new Cell(50.0, false, "50"));
        }

        @Test
        @DisplayName("hides more cells until the hidden ones add up to at least the threshold")
        void hidesUntilTheHiddenSumReachesTheThreshold() {
            // given: c and d are hidden and add up to 7
            cells.put("t", Figure.count(49, 49));
            cells.put("a", Figure.count(30, 30));
            cells.put("b", Figure.count(12, 12));
            cells.put("c", Figure.count(3, 3));
            cells.put("d", Figure.count(4, 4));
            groups.add(new Group("t", List.of("a", "b", "c", "d")));

            // when
            Map<String, Cell> shown = suppress();

            // then: b, the smallest left, is hidden too, and 19 hidden is enough
            assertThat(shown.get("c")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("d")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("b")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("a")).isEqualTo(new Cell(30.0, false, "30"));
            assertThat(shown.get("t")).isEqualTo(new Cell(49.0, false, "49"));
        }

        @Test
        @DisplayName("leaves a group alone when its hidden cells already add up to at least the threshold")
        void leavesASafeGroupAlone() {
            // given: two hidden cells of 6 and 5
            cells.put("t", Figure.count(40, 40));
            cells.put("a", Figure.count(29, 29));
            cells.put("b", Figure.count(6, 6));
            cells.put("c", Figure.count(5, 5));
            groups.add(new Group("t", List.of("a", "b", "c")));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("a")).isEqualTo(new Cell(29.0, false, "29"));
            assertThat(shown.get("t")).isEqualTo(new Cell(40.0, false, "40"));
        }

        @Test
        @DisplayName("hides the total when no other cell above zero is left to hide")
        void hidesTheTotalWhenNothingElseIsLeft() {
            // given: cells that do not add up to the total, the only one above zero hidden
            cells.put("t", Figure.count(30, 30));
            cells.put("a", Figure.count(5, 5));
            cells.put("b", Figure.count(0, 0));
            groups.add(new Group("t", List.of("a", "b")));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("a")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("t")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("b")).isEqualTo(new Cell(0.0, false, "0"));
        }

        @Test
        @DisplayName("hides the smallest cell above zero beside a total hidden on its own")
        void hidesAMemberBesideATotalHiddenAlone() {
            // given: a total made up to be hidden while its cells are not (the total would be their sum)
            cells.put("t", Figure.count(40, 6));
            cells.put("a", Figure.count(25, 25));
            cells.put("b", Figure.count(15, 15));
            cells.put("c", Figure.count(0, 0));
            groups.add(new Group("t", List.of("a", "b", "c")));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("t")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("b")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("a")).isEqualTo(new Cell(25.0, false, "25"));
            assertThat(shown.get("c")).isEqualTo(new Cell(0.0, false, "0"));
        }

        @Test
        @DisplayName("hides nothing more when a small total and its only cell above zero are both hidden")
        void leavesAHiddenTotalAndAHiddenCellAlone() {
            // given: nine entries, all in January
            cells.put("headline.entries", Figure.count(9, 9));
            cells.put("movement.2024-01.entries", Figure.count(9, 9));
            cells.put("movement.2024-02.entries", Figure.count(0, 0));
            groups.add(new Group("headline.entries", List.of("movement.2024-01.entries", "movement.2024-02.entries")));

            // when
            Map<String, Cell> shown = suppress();

            // then
            assertThat(shown.get("headline.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-01.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-02.entries")).isEqualTo(new Cell(0.0, false, "0"));
        }

        @Test
        @DisplayName("applies to the months of a period under the period's total")
        void appliesToMonths() {
            // given
            cells.put("headline.entries", Figure.count(40, 40));
            cells.put("movement.2024-01.entries", Figure.count(14, 14));
            cells.put("movement.2024-02.entries", Figure.count(2, 2));
            cells.put("movement.2024-03.entries", Figure.count(24, 24));
            groups.add(new Group(
                    "headline.entries",
                    List.of("movement.2024-01.entries", "movement.2024-02.entries", "movement.2024-03.entries")));

            // when
            Map<String, Cell> shown = suppress();

            // then: February, then January, the smaller of the others
            assertThat(shown.get("movement.2024-02.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-01.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-03.entries")).isEqualTo(new Cell(24.0, false, "24"));
            assertThat(shown.get("headline.entries")).isEqualTo(new Cell(40.0, false, "40"));
        }
    }

    @Nested
    @DisplayName("the all-programmes cross check")
    class CrossProgramme {

        private Map<String, Cell> programme(String key, Cell cell) {
            return Map.of(key, cell);
        }

        @Test
        @DisplayName("hides a combined count that, less the programmes' shown cells, leaves between 1 and threshold-1")
        void hidesACombinedCountThatRevealsAHiddenOne() {
            // given: programme A shows 30, programme B hides its count; together 34
            cells.put("headline.participants", Figure.count(34, 34));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    programme("headline.participants", shown(30)), programme("headline.participants", hidden())));

            // then: 34 - 30 would give B's 4
            assertThat(shown.get("headline.participants")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("hides a combined count that would give one programme's hidden count back exactly, however large")
        void hidesACombinedCountThatGivesOneHiddenCountBack() {
            // given: programme A shows 30 re-entries; programme B hides its 12 (re-entries of fewer than 11 women)
            cells.put("headline.reentries", Figure.count(42, 19));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    programme("headline.reentries", shown(30)),
                    programme("headline.reentries", Cell.small(THRESHOLD, false))));

            // then: 42 - 30 would give B's 12 exactly
            assertThat(shown.get("headline.reentries")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName(
                "shows a combined count that leaves threshold or more beyond the shown cells, hidden by several programmes")
        void showsACombinedCountThatLeavesEnough() {
            // given: A shows its counts, B and C hide theirs
            cells.put("headline.participants", Figure.count(41, 41));
            cells.put("headline.entries", Figure.count(40, 40));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    Map.of("headline.participants", shown(30), "headline.entries", shown(30)),
                    Map.of("headline.participants", hidden(), "headline.entries", hidden()),
                    Map.of("headline.participants", hidden(), "headline.entries", hidden())));

            // then: 11 left, the sum of two hidden counts, is shown; 10 is not
            assertThat(shown.get("headline.participants")).isEqualTo(new Cell(41.0, false, "41"));
            assertThat(shown.get("headline.entries")).satisfies(SmallCellsTest::isHidden);
        }

        @Test
        @DisplayName("shows a combined count that is no more than the programmes' shown ones, one of them hidden")
        void showsACombinedCountThatGivesNothingBack() {
            // given: A shows 30 participants, B hides its 4, all of them also in A
            cells.put("headline.participants", Figure.count(30, 30));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    programme("headline.participants", shown(30)), programme("headline.participants", hidden())));

            // then
            assertThat(shown.get("headline.participants")).isEqualTo(new Cell(30.0, false, "30"));
        }

        @Test
        @DisplayName("does not hide a combined count when no programme hides its own")
        void showsWhenNoProgrammeHides() {
            // given: 30 and 15 participants, 5 of them in both
            cells.put("headline.participants", Figure.count(40, 40));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    programme("headline.participants", shown(30)), programme("headline.participants", shown(15))));

            // then
            assertThat(shown.get("headline.participants")).isEqualTo(new Cell(40.0, false, "40"));
        }

        @Test
        @DisplayName("leaves shares, medians and means to primary suppression")
        void leavesNonAdditiveFiguresAlone() {
            // given
            cells.put("peerSupport.shareWithMentor", Figure.rate(20, 40));
            cells.put("lengthOfStay.medianDays", Figure.statistic(42.0, 30));

            // when
            Map<String, Cell> shown = suppress(List.of(
                    Map.of("peerSupport.shareWithMentor", shown(0.5), "lengthOfStay.medianDays", shown(40)),
                    Map.of("peerSupport.shareWithMentor", hidden(), "lengthOfStay.medianDays", hidden())));

            // then
            assertThat(shown.get("peerSupport.shareWithMentor")).isEqualTo(new Cell(0.5, false, "50%"));
            assertThat(shown.get("lengthOfStay.medianDays")).isEqualTo(new Cell(42.0, false, "42"));
        }

        @Test
        @DisplayName("applies only to a view of more than one programme")
        void appliesOnlyToSeveralProgrammes() {
            // given
            cells.put("headline.participants", Figure.count(34, 34));

            // when
            Map<String, Cell> shown = suppress(List.of(programme("headline.participants", hidden())));

            // then
            assertThat(shown.get("headline.participants")).isEqualTo(new Cell(34.0, false, "34"));
        }

        @Test
        @DisplayName("is followed by complementary suppression in the combined view")
        void isFollowedByComplementarySuppression() {
            // given: A shows 13 and 20 in January and February; B hides both, shows its total of 14
            cells.put("headline.entries", Figure.count(47, 47));
            cells.put("movement.2024-01.entries", Figure.count(16, 16));
            cells.put("movement.2024-02.entries", Figure.count(31, 31));
            groups.add(new Group("headline.entries", List.of("movement.2024-01.entries", "movement.2024-02.entries")));
            Map<String, Cell> a = Map.of(
                    "headline.entries",
                    shown(33),
                    "movement.2024-01.entries",
                    shown(13),
                    "movement.2024-02.entries",
                    shown(20));
            Map<String, Cell> b = Map.of(
                    "headline.entries",
                    shown(14),
                    "movement.2024-01.entries",
                    hidden(),
                    "movement.2024-02.entries",
                    hidden());

            // when
            Map<String, Cell> shown = suppress(List.of(a, b));

            // then: January together (16 - 13 = 3) is hidden, so February must be too; the total is safe
            assertThat(shown.get("movement.2024-01.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-02.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("headline.entries")).isEqualTo(new Cell(47.0, false, "47"));
        }
    }

    @Nested
    @DisplayName("of a dashboard computed from facts")
    class OfComputedFigures {

        private Figures figures;

        private void givenTwelveEntriesInJanuaryAndThreeInFebruary() {
            Journeys journeys = new Journeys();
            for (int i = 1; i <= 15; i++) {
                journeys.of(String.format("p-%02d", i)).entered("prog-a", i <= 12 ? "2024-01-10" : "2024-02-10");
            }
            figures = journeys.figures(Set.of("prog-a"), "2024-01-01", "2024-03-31");
        }

        @Test
        @DisplayName("hides February's three entries and January's twelve beside them, and shows the rest")
        void hidesTheSmallMonthAndItsComplement() {
            // given
            givenTwelveEntriesInJanuaryAndThreeInFebruary();

            // when
            Map<String, Cell> shown = SmallCells.suppress(figures, THRESHOLD, List.of());

            // then
            assertThat(shown.get("movement.2024-02.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-01.entries")).satisfies(SmallCellsTest::isHidden);
            assertThat(shown.get("movement.2024-03.entries")).isEqualTo(new Cell(0.0, false, "0"));
            assertThat(shown.get("headline.entries")).isEqualTo(new Cell(15.0, false, "15"));
            assertThat(shown.get("headline.participants")).isEqualTo(new Cell(15.0, false, "15"));
            assertThat(shown.get("peerSupport.shareWithMentor")).isEqualTo(new Cell(0.0, false, "0%"));
        }

        @Test
        @DisplayName("shows no figure covering between one and threshold-1 participants, and no value it hides")
        void showsNothingSmall() {
            // given
            givenTwelveEntriesInJanuaryAndThreeInFebruary();

            // when
            Map<String, Cell> shown = SmallCells.suppress(figures, THRESHOLD, List.of());

            // then
            assertThat(shown).hasSameSizeAs(figures.cells());
            shown.forEach((key, cell) -> {
                if (cell.suppressed()) {
                    assertThat(cell).as(key).satisfies(SmallCellsTest::isHidden);
                } else {
                    assertThat(figures.cells().get(key).sizes()).as(key).noneMatch(size -> size > 0 && size < 11);
                }
            });
        }
    }
}
