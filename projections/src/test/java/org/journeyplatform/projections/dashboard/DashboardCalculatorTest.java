package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.journeyplatform.domain.journey.ExitReason.COMPLETED;
import static org.journeyplatform.domain.journey.ExitReason.DIED;
import static org.journeyplatform.domain.journey.ExitReason.DISCHARGED;
import static org.journeyplatform.domain.journey.ExitReason.LEFT_BY_CHOICE;
import static org.journeyplatform.domain.journey.ExitReason.RETURNED_TO_SEX_TRADE;
import static org.journeyplatform.domain.journey.ExitReason.TRANSFERRED;
import static org.journeyplatform.domain.journey.MilestoneType.CUSTOM;
import static org.journeyplatform.domain.journey.MilestoneType.EDUCATION;
import static org.journeyplatform.domain.journey.MilestoneType.EMPLOYMENT;
import static org.journeyplatform.domain.journey.MilestoneType.HEALTH;
import static org.journeyplatform.domain.journey.MilestoneType.SOBRIETY_DURATION_REACHED;
import static org.journeyplatform.domain.journey.MilestoneType.STABLE_HOUSING;
import static org.journeyplatform.domain.journey.ReunificationPlanClosureReason.COURT_DECISION;
import static org.journeyplatform.domain.journey.ReunificationStep.CUSTODY_RESTORED;
import static org.journeyplatform.domain.journey.ReunificationStep.SUPERVISED_CONTACT;
import static org.journeyplatform.domain.journey.ReunificationStep.UNSUPERVISED_VISITS;
import static org.journeyplatform.domain.journey.StepDirection.BACKWARD;
import static org.journeyplatform.domain.journey.StepDirection.FORWARD;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.projections.dashboard.DashboardCalculator.FollowUp;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Group;
import org.journeyplatform.projections.dashboard.DashboardCalculator.Stay;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's figures before suppression, computed from facts written by hand. Every expected number here was
 * worked out on paper from the facts above it; docs/metrics.md gives the definitions.
 */
@DisplayName("The dashboard calculator")
class DashboardCalculatorTest {

    private static final Set<String> PROGRAMME_A = Set.of("prog-a");
    private static final Set<String> PROGRAMMES_A_AND_B = Set.of("prog-a", "prog-b");

    private final Journeys journeys = new Journeys();

    private static Double value(DashboardCalculator.Figures figures, String key) {
        assertThat(figures.cells()).containsKey(key);
        return figures.cells().get(key).value();
    }

    private static List<Integer> sizes(DashboardCalculator.Figures figures, String key) {
        assertThat(figures.cells()).containsKey(key);
        return figures.cells().get(key).sizes();
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Nested
    @DisplayName("her stays")
    class Stays {

        private List<Stay> staysOf(String participant) {
            return DashboardCalculator.staysOf(
                    participant,
                    journeys.facts().stream()
                            .filter(f -> f.participantId().equals(participant))
                            .sorted(DashboardFact.LIFE_ORDER)
                            .toList());
        }

        @Test
        @DisplayName("pair each exit with her entry into the same programme before it, a stay still open having no end")
        void pairEntriesAndExitsPerProgramme() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-10")
                    .entered("prog-b", "2024-02-01")
                    .exited("prog-a", "2024-03-01", COMPLETED)
                    .exited("prog-b", "2024-04-01", TRANSFERRED)
                    .entered("prog-a", "2024-05-01");

            // when
            List<Stay> stays = staysOf("p-01");

            // then
            assertThat(stays)
                    .containsExactly(
                            new Stay("p-01", "prog-a", day("2024-01-10"), day("2024-03-01"), "COMPLETED"),
                            new Stay("p-01", "prog-b", day("2024-02-01"), day("2024-04-01"), "TRANSFERRED"),
                            new Stay("p-01", "prog-a", day("2024-05-01"), null, null));
        }

        @Test
        @DisplayName("follow her life, not the order things were recorded in")
        void followLifeOrder() {
            // given: the exit was recorded before the entry it closes
            journeys.of("p-01").exited("prog-a", "2024-03-01", COMPLETED).entered("prog-a", "2024-01-10");

            // when
            List<Stay> stays = staysOf("p-01");

            // then
            assertThat(stays)
                    .containsExactly(new Stay("p-01", "prog-a", day("2024-01-10"), day("2024-03-01"), "COMPLETED"));
        }

        @Test
        @DisplayName("order one day's facts by time of day, those without a time first")
        void orderOneDayByTimeOfDay() {
            // given: on each day the exit was recorded first, but the entry came first in her day
            journeys.of("p-01").exited("prog-a", "2024-03-01T17:00", COMPLETED).entered("prog-a", "2024-03-01T09:00");
            journeys.of("p-02").exited("prog-a", "2024-03-01T08:00", COMPLETED).entered("prog-a", "2024-03-01");

            // when
            List<Stay> first = staysOf("p-01");
            List<Stay> second = staysOf("p-02");

            // then
            assertThat(first)
                    .containsExactly(new Stay("p-01", "prog-a", day("2024-03-01"), day("2024-03-01"), "COMPLETED"));
            assertThat(second)
                    .containsExactly(new Stay("p-02", "prog-a", day("2024-03-01"), day("2024-03-01"), "COMPLETED"));
        }

        @Test
        @DisplayName("order facts of one day without a time by when they were recorded")
        void orderUntimedFactsByRecording() {
            // given: an untimed exit recorded before an untimed entry on the same day
            journeys.of("p-01").exited("prog-a", "2024-03-01", COMPLETED).entered("prog-a", "2024-03-01");

            // when
            List<Stay> stays = staysOf("p-01");

            // then: the exit came first, from a programme she was not in; the entry opens a stay
            assertThat(stays).containsExactly(new Stay("p-01", "prog-a", day("2024-03-01"), null, null));
        }

        @Test
        @DisplayName("do not start a second stay at an entry while she is still in the programme")
        void ignoreASecondEntryIntoAnOpenStay() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-10")
                    .entered("prog-a", "2024-02-01")
                    .exited("prog-a", "2024-03-01", LEFT_BY_CHOICE);

            // when
            List<Stay> stays = staysOf("p-01");

            // then
            assertThat(stays)
                    .containsExactly(
                            new Stay("p-01", "prog-a", day("2024-01-10"), day("2024-03-01"), "LEFT_BY_CHOICE"));
        }

        @Test
        @DisplayName("leave out an exit from a programme she was not in")
        void ignoreAnExitWithoutAStay() {
            // given
            journeys.of("p-01").exited("prog-a", "2024-01-05", COMPLETED).entered("prog-a", "2024-02-01");

            // when
            List<Stay> stays = staysOf("p-01");

            // then
            assertThat(stays).containsExactly(new Stay("p-01", "prog-a", day("2024-02-01"), null, null));
        }
    }

    @Nested
    @DisplayName("the participants counted")
    class Cohort {

        @Test
        @DisplayName("are those with a stay in the programme that overlaps the period, ends and first day included")
        void haveAStayOverlappingThePeriod() {
            // given: the period is the first half of 2024
            journeys.of("p-01").entered("prog-a", "2023-03-01").exited("prog-a", "2023-12-31", COMPLETED);
            journeys.of("p-02").entered("prog-a", "2023-06-01").exited("prog-a", "2024-01-01", COMPLETED);
            journeys.of("p-03").entered("prog-a", "2024-06-30");
            journeys.of("p-04").entered("prog-a", "2020-05-01");
            journeys.of("p-05").entered("prog-b", "2024-02-01");
            journeys.of("p-06")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2022-06-01", COMPLETED)
                    .entered("prog-b", "2024-02-01");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-06-30");

            // then: p-02 (left on the first day), p-03 (came on the last day) and p-04 (still there)
            assertThat(value(figures, "headline.participants")).isEqualTo(3.0);
            assertThat(sizes(figures, "headline.participants")).containsExactly(3);
        }

        @Test
        @DisplayName("count her once in a view of several programmes, whatever her stays in them")
        void countHerOnceAcrossProgrammes() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-10")
                    .entered("prog-b", "2024-02-01")
                    .exited("prog-a", "2024-03-01", TRANSFERRED);
            journeys.of("p-02").entered("prog-b", "2024-02-01");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMMES_A_AND_B, "2024-01-01", "2024-06-30");

            // then
            assertThat(value(figures, "headline.participants")).isEqualTo(2.0);
            assertThat(value(figures, "headline.entries")).isEqualTo(3.0);
        }

        @Test
        @DisplayName("leave out what is dated after the day the figures are as of")
        void ignoreFactsAfterTheAsOfDay() {
            // given: the period runs to the end of 2024 but the figures are as of 15 March
            journeys.of("p-01").entered("prog-a", "2024-01-10").exited("prog-a", "2024-05-01", COMPLETED);
            journeys.of("p-02").entered("prog-a", "2024-04-01");

            // when
            DashboardCalculator.Figures figures =
                    journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31", "2024-03-15");

            // then: p-02 has not come yet and p-01 has not left yet
            assertThat(value(figures, "headline.participants")).isEqualTo(1.0);
            assertThat(value(figures, "headline.activeNow")).isEqualTo(1.0);
            assertThat(value(figures, "headline.exits")).isEqualTo(0.0);
        }
    }

    @Nested
    @DisplayName("active now")
    class ActiveNow {

        @Test
        @DisplayName(
                "counts the stays open on the as-of day: one that began that day is, one that ended that day is not")
        void countsStaysOpenOnTheAsOfDay() {
            // given: the figures are as of 30 June 2024
            journeys.of("p-01").entered("prog-a", "2024-01-10");
            journeys.of("p-02").entered("prog-a", "2024-02-01").exited("prog-a", "2024-06-30", COMPLETED);
            journeys.of("p-03").entered("prog-a", "2024-06-30");
            journeys.of("p-04").entered("prog-a", "2024-01-05").exited("prog-a", "2024-03-01", LEFT_BY_CHOICE);
            journeys.of("p-05").entered("prog-b", "2024-01-05");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-06-30");

            // then: p-01 and p-03
            assertThat(value(figures, "headline.activeNow")).isEqualTo(2.0);
            assertThat(sizes(figures, "headline.activeNow")).containsExactly(2);
        }

        @Test
        @DisplayName("counts people, so in a view of several programmes she counts once however many she is in")
        void countsParticipantsNotStaysAcrossProgrammes() {
            // given
            journeys.of("p-01").entered("prog-a", "2024-01-10").entered("prog-b", "2024-02-01");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMMES_A_AND_B, "2024-01-01", "2024-06-30");

            // then
            assertThat(value(figures, "headline.activeNow")).isEqualTo(1.0);
            assertThat(sizes(figures, "headline.activeNow")).containsExactly(1);
        }
    }

    @Nested
    @DisplayName("entries, re-entries and exits")
    class Movement {

        private DashboardCalculator.Figures figures;

        private void givenAFirstQuarter() {
            // p-01 leaves in January and comes back in February: an exit and a re-entry
            journeys.of("p-01")
                    .entered("prog-a", "2023-06-01")
                    .exited("prog-a", "2024-01-15", LEFT_BY_CHOICE)
                    .entered("prog-a", "2024-02-10");
            // p-02 comes for the first time in January
            journeys.of("p-02").entered("prog-a", "2024-01-20");
            // p-03 was in another programme before: an entry, not a re-entry
            journeys.of("p-03")
                    .entered("prog-b", "2023-01-01")
                    .exited("prog-b", "2023-05-01", COMPLETED)
                    .entered("prog-a", "2024-03-05");
            // p-04 comes in February and leaves on the period's last day
            journeys.of("p-04").entered("prog-a", "2024-02-01").exited("prog-a", "2024-03-31", COMPLETED);
            // p-05 comes back in March after a stay two years before: a re-entry
            journeys.of("p-05")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2022-02-01", COMPLETED)
                    .entered("prog-a", "2024-03-10");
            figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-03-31");
        }

        @Test
        @DisplayName("count entries, re-entries and exits dated in the period")
        void countTheMovementOfThePeriod() {
            // given
            givenAFirstQuarter();

            // then
            assertThat(value(figures, "headline.entries")).isEqualTo(5.0);
            assertThat(value(figures, "headline.reentries")).isEqualTo(2.0);
            assertThat(value(figures, "headline.exits")).isEqualTo(2.0);
            assertThat(sizes(figures, "headline.reentries")).containsExactly(2);
        }

        @Test
        @DisplayName("count each calendar month: entries and re-entries by the day she came, exits by the day she left")
        void countEachMonth() {
            // given
            givenAFirstQuarter();

            // then
            assertThat(figures.intervals()).containsExactly("2024-01", "2024-02", "2024-03");
            assertThat(List.of(
                            value(figures, "movement.2024-01.entries"),
                            value(figures, "movement.2024-02.entries"),
                            value(figures, "movement.2024-03.entries")))
                    .containsExactly(1.0, 2.0, 2.0);
            assertThat(List.of(
                            value(figures, "movement.2024-01.reentries"),
                            value(figures, "movement.2024-02.reentries"),
                            value(figures, "movement.2024-03.reentries")))
                    .containsExactly(0.0, 1.0, 1.0);
            assertThat(List.of(
                            value(figures, "movement.2024-01.exits"),
                            value(figures, "movement.2024-02.exits"),
                            value(figures, "movement.2024-03.exits")))
                    .containsExactly(1.0, 0.0, 1.0);
        }

        @Test
        @DisplayName("make each month's cells a group adding up to the period's total")
        void groupTheMonthsUnderTheirTotal() {
            // given
            givenAFirstQuarter();

            // then
            assertThat(figures.groups())
                    .contains(
                            new Group(
                                    "headline.entries",
                                    List.of(
                                            "movement.2024-01.entries",
                                            "movement.2024-02.entries",
                                            "movement.2024-03.entries")),
                            new Group(
                                    "headline.reentries",
                                    List.of(
                                            "movement.2024-01.reentries",
                                            "movement.2024-02.reentries",
                                            "movement.2024-03.reentries")),
                            new Group(
                                    "headline.exits",
                                    List.of(
                                            "movement.2024-01.exits",
                                            "movement.2024-02.exits",
                                            "movement.2024-03.exits")));
        }

        @Test
        @DisplayName("cover every calendar month the period touches, even in part")
        void coverPartMonths() {
            // when
            DashboardCalculator.Figures partMonths = journeys.figures(PROGRAMME_A, "2024-01-15", "2024-03-10");

            // then
            assertThat(partMonths.intervals()).containsExactly("2024-01", "2024-02", "2024-03");
        }

        @Test
        @DisplayName("break the movement down by quarter or by year when asked, each interval the period touches")
        void breakDownByQuarterOrYear() {
            // given
            givenAFirstQuarter();

            // when
            DashboardCalculator.Figures quarters = ReadyFiguresCheck.checked(
                    journeys.facts(),
                    PROGRAMME_A,
                    LocalDate.parse("2023-11-15"),
                    LocalDate.parse("2024-03-31"),
                    LocalDate.parse("2024-03-31"),
                    Interval.QUARTER);
            DashboardCalculator.Figures years = ReadyFiguresCheck.checked(
                    journeys.facts(),
                    PROGRAMME_A,
                    LocalDate.parse("2023-11-15"),
                    LocalDate.parse("2024-03-31"),
                    LocalDate.parse("2024-03-31"),
                    Interval.YEAR);

            // then
            assertThat(quarters.intervals()).containsExactly("2023-Q4", "2024-Q1");
            assertThat(value(quarters, "movement.2024-Q1.entries")).isEqualTo(5.0);
            assertThat(years.intervals()).containsExactly("2023", "2024");
            assertThat(value(years, "movement.2024.exits")).isEqualTo(2.0);
        }

        @Test
        @DisplayName("count a return on the day she left, after she left, as a re-entry")
        void countASameDayReturnAsAReentry() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2023-01-01")
                    .exited("prog-a", "2024-02-15T10:00", LEFT_BY_CHOICE)
                    .entered("prog-a", "2024-02-15T15:00");

            // when
            DashboardCalculator.Figures sameDay = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-03-31");

            // then
            assertThat(value(sameDay, "headline.entries")).isEqualTo(1.0);
            assertThat(value(sameDay, "headline.reentries")).isEqualTo(1.0);
            assertThat(value(sameDay, "headline.exits")).isEqualTo(1.0);
        }
    }

    @Nested
    @DisplayName("exits by reason")
    class ExitsByReason {

        @Test
        @DisplayName(
                "count the exits of the period by their reason, every reason shown, and group them under all exits")
        void countExitsByReason() {
            // given
            journeys.of("p-01").entered("prog-a", "2023-01-01").exited("prog-a", "2024-02-01", COMPLETED);
            journeys.of("p-02").entered("prog-a", "2023-01-01").exited("prog-a", "2024-03-01", COMPLETED);
            journeys.of("p-03").entered("prog-a", "2023-01-01").exited("prog-a", "2024-04-01", TRANSFERRED);
            journeys.of("p-04").entered("prog-a", "2023-01-01").exited("prog-a", "2024-05-01", RETURNED_TO_SEX_TRADE);
            journeys.of("p-05").entered("prog-a", "2023-01-01").exited("prog-a", "2023-12-31", DISCHARGED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "exitsByReason.COMPLETED")).isEqualTo(2.0);
            assertThat(value(figures, "exitsByReason.TRANSFERRED")).isEqualTo(1.0);
            assertThat(value(figures, "exitsByReason.RETURNED_TO_SEX_TRADE")).isEqualTo(1.0);
            assertThat(value(figures, "exitsByReason.DISCHARGED")).isEqualTo(0.0);
            assertThat(value(figures, "exitsByReason.DIED")).isEqualTo(0.0);
            assertThat(figures.groups())
                    .contains(new Group(
                            "headline.exits",
                            Arrays.stream(ExitReason.values())
                                    .map(reason -> "exitsByReason." + reason.name())
                                    .toList()));
        }
    }

    @Nested
    @DisplayName("length of stay")
    class LengthOfStay {

        @Test
        @DisplayName("is taken over the stays that ended in the period: median and quartiles interpolated (R type 7)")
        void medianAndQuartilesOfStaysEndedInThePeriod() {
            // given: stays of 10, 20, 40 and 100 days ending in 2024, one still open, one ended in 2023
            journeys.of("p-01").entered("prog-a", "2024-01-01").exited("prog-a", "2024-01-11", COMPLETED);
            journeys.of("p-02").entered("prog-a", "2024-02-01").exited("prog-a", "2024-02-21", LEFT_BY_CHOICE);
            journeys.of("p-03").entered("prog-a", "2023-12-22").exited("prog-a", "2024-01-31", COMPLETED);
            journeys.of("p-04").entered("prog-a", "2023-11-01").exited("prog-a", "2024-02-09", DISCHARGED);
            journeys.of("p-05").entered("prog-a", "2023-01-01");
            journeys.of("p-06").entered("prog-a", "2023-01-01").exited("prog-a", "2023-12-31", COMPLETED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then: h = 3p; median 20 + 0.5 x 20, first quartile 10 + 0.75 x 10, third 40 + 0.25 x 60
            assertThat(value(figures, "lengthOfStay.stays")).isEqualTo(4.0);
            assertThat(value(figures, "lengthOfStay.medianDays")).isEqualTo(30.0);
            assertThat(value(figures, "lengthOfStay.q1Days")).isEqualTo(17.5);
            assertThat(value(figures, "lengthOfStay.q3Days")).isEqualTo(55.0);
            assertThat(sizes(figures, "lengthOfStay.medianDays")).containsExactly(4);
        }

        @Test
        @DisplayName("counts each of her stays, but her only once among the participants it covers")
        void countsStaysButParticipantsOnce() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-01")
                    .exited("prog-a", "2024-01-11", COMPLETED)
                    .entered("prog-a", "2024-03-01")
                    .exited("prog-a", "2024-03-31", COMPLETED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "lengthOfStay.stays")).isEqualTo(2.0);
            assertThat(sizes(figures, "lengthOfStay.stays")).containsExactly(1);
            assertThat(value(figures, "lengthOfStay.medianDays")).isEqualTo(20.0);
        }

        @Test
        @DisplayName("has no median when no stay ended in the period")
        void noMedianWithoutStays() {
            // given
            journeys.of("p-01").entered("prog-a", "2024-01-01");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "lengthOfStay.stays")).isEqualTo(0.0);
            assertThat(value(figures, "lengthOfStay.medianDays")).isNull();
        }

        @Test
        @DisplayName("interpolates quantiles linearly between order statistics, as R's type 7 does")
        void quantilesAreTypeSeven() {
            // then
            assertThat(DashboardCalculator.quantile(List.of(), 0.5)).isNull();
            assertThat(DashboardCalculator.quantile(List.of(7.0), 0.25)).isEqualTo(7.0);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 0.5))
                    .isEqualTo(3.0);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 0.25))
                    .isEqualTo(2.0);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.5))
                    .isEqualTo(2.5);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.75))
                    .isEqualTo(3.25);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0), 1.0))
                    .isEqualTo(4.0);
            assertThat(DashboardCalculator.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.0))
                    .isEqualTo(1.0);
        }
    }

    @Nested
    @DisplayName("follow-up after an exit")
    class FollowUpAfterAnExit {

        private List<FollowUp> followUps() {
            return journeys.figures(PROGRAMME_A, "2023-01-01", "2024-12-31").followUps();
        }

        @Test
        @DisplayName("runs from her exit to her first relapse or return on or after it")
        void runsToTheFirstReturnAfterTheExit() {
            // given: a relapse before the exit does not count
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .relapse("2023-01-20")
                    .exited("prog-a", "2023-02-01", LEFT_BY_CHOICE)
                    .relapse("2023-03-03")
                    .relapse("2023-05-01");

            // then
            assertThat(followUps()).containsExactly(new FollowUp("p-01", day("2023-02-01"), 30, true));
        }

        @Test
        @DisplayName("counts an exit because she returned to the sex trade as a return on day 0")
        void countsAReturnToTheSexTradeAsDayZero() {
            // given
            journeys.of("p-01").entered("prog-a", "2022-01-01").exited("prog-a", "2023-03-01", RETURNED_TO_SEX_TRADE);

            // then
            assertThat(followUps()).containsExactly(new FollowUp("p-01", day("2023-03-01"), 0, true));
        }

        @Test
        @DisplayName("counts a relapse on the day of the exit as a return on day 0")
        void countsARelapseOnTheExitDayAsDayZero() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-04-01", COMPLETED)
                    .relapse("2023-04-01");

            // then
            assertThat(followUps()).containsExactly(new FollowUp("p-01", day("2023-04-01"), 0, true));
        }

        @Test
        @DisplayName("leaves out transfers and deaths")
        void leavesOutTransfersAndDeaths() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-05-01", TRANSFERRED)
                    .relapse("2023-06-01");
            journeys.of("p-02").entered("prog-a", "2022-01-01").exited("prog-a", "2023-06-01", DIED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2023-01-01", "2024-12-31");

            // then
            assertThat(figures.followUps()).isEmpty();
            assertThat(value(figures, "headline.exits")).isEqualTo(2.0);
            assertThat(value(figures, "relapseAndReturn.exits")).isEqualTo(0.0);
        }

        @Test
        @DisplayName("follows her once, from her first exit in the period that is not a transfer or a death")
        void followsHerOnceFromHerFirstFollowedExit() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-02-01", TRANSFERRED)
                    .entered("prog-a", "2023-04-01")
                    .exited("prog-a", "2023-07-01", COMPLETED)
                    .entered("prog-a", "2023-08-01")
                    .relapse("2023-09-01")
                    .exited("prog-a", "2023-10-01", LEFT_BY_CHOICE);

            // then: 1 July to 1 September
            assertThat(followUps()).containsExactly(new FollowUp("p-01", day("2023-07-01"), 62, true));
        }

        @Test
        @DisplayName("counts her as still out up to the as-of day when she has not returned (censored)")
        void censorsAtTheAsOfDay() {
            // given
            journeys.of("p-01").entered("prog-a", "2022-01-01").exited("prog-a", "2024-06-01", COMPLETED);

            // then: 1 June to 31 December 2024
            assertThat(followUps()).containsExactly(new FollowUp("p-01", day("2024-06-01"), 213, false));
        }

        @Test
        @DisplayName("does not yet know of a relapse dated after the as-of day")
        void ignoresARelapseAfterTheAsOfDay() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2024-06-01", COMPLETED)
                    .relapse("2024-10-15");

            // when
            DashboardCalculator.Figures figures =
                    journeys.figures(PROGRAMME_A, "2023-01-01", "2024-12-31", "2024-09-30");

            // then: 1 June to 30 September
            assertThat(figures.followUps()).containsExactly(new FollowUp("p-01", day("2024-06-01"), 121, false));
        }

        @Test
        @DisplayName("follows only exits in the period from the programmes in view")
        void followsOnlyExitsInThePeriodAndView() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2021-01-01")
                    .exited("prog-a", "2022-12-31", COMPLETED)
                    .relapse("2023-01-05");
            journeys.of("p-02").entered("prog-b", "2022-01-01").exited("prog-b", "2023-03-01", COMPLETED);

            // then
            assertThat(followUps()).isEmpty();
        }

        @Test
        @DisplayName("counts returns within 10 months only among those followed up for 10 months or returned")
        void sharesReturnsWithinTenMonthsOfCompleteFollowUps() {
            // given: the figures are as of 31 December 2024
            // returned on the last day of her 10 months (1 November 2023): within, complete
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-01-01", COMPLETED)
                    .relapse("2023-11-01");
            // returned the day after: not within, complete
            journeys.of("p-02")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-01-01", COMPLETED)
                    .relapse("2023-11-02");
            // returned after a month, her 10 months not over yet: within, complete
            journeys.of("p-03")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2024-06-01", COMPLETED)
                    .relapse("2024-07-01");
            // not returned, her 10 months end 1 April 2025: not followed up long enough
            journeys.of("p-04").entered("prog-a", "2022-01-01").exited("prog-a", "2024-06-01", COMPLETED);
            // not returned, her 10 months ended 29 December 2024: complete, not within
            journeys.of("p-05").entered("prog-a", "2022-01-01").exited("prog-a", "2024-02-29", COMPLETED);
            // not returned, her 10 months end 1 January 2025: not followed up long enough
            journeys.of("p-06").entered("prog-a", "2022-01-01").exited("prog-a", "2024-03-01", COMPLETED);
            // left because she returned to the sex trade: within, complete
            journeys.of("p-07").entered("prog-a", "2022-01-01").exited("prog-a", "2024-12-01", RETURNED_TO_SEX_TRADE);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2023-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "relapseAndReturn.exits")).isEqualTo(7.0);
            assertThat(value(figures, "relapseAndReturn.followedUp")).isEqualTo(5.0);
            assertThat(value(figures, "relapseAndReturn.returnedWithin10Months"))
                    .isEqualTo(3.0);
            assertThat(sizes(figures, "relapseAndReturn.returnedWithin10Months"))
                    .containsExactly(3, 2);
            assertThat(value(figures, "relapseAndReturn.shareWithin10Months")).isEqualTo(0.6);
            assertThat(sizes(figures, "relapseAndReturn.shareWithin10Months")).containsExactly(3, 2);
        }

        @Test
        @DisplayName("counts her 10 months as complete when they end on the as-of day")
        void completeWhenTheWindowEndsOnTheAsOfDay() {
            // given: 29 February plus 10 months is 29 December
            journeys.of("p-01").entered("prog-a", "2022-01-01").exited("prog-a", "2024-02-29", COMPLETED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-29");

            // then
            assertThat(value(figures, "relapseAndReturn.followedUp")).isEqualTo(1.0);
            assertThat(value(figures, "relapseAndReturn.shareWithin10Months")).isEqualTo(0.0);
        }

        @Test
        @DisplayName("gives the Kaplan-Meier median of the days to her first return, censoring those still out")
        void givesTheKaplanMeierMedian() {
            // given: returns on days 304, 305, 30 and 0; still out on days 213, 306 and 305
            journeys.of("p-01")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-01-01", COMPLETED)
                    .relapse("2023-11-01");
            journeys.of("p-02")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2023-01-01", COMPLETED)
                    .relapse("2023-11-02");
            journeys.of("p-03")
                    .entered("prog-a", "2022-01-01")
                    .exited("prog-a", "2024-06-01", COMPLETED)
                    .relapse("2024-07-01");
            journeys.of("p-04").entered("prog-a", "2022-01-01").exited("prog-a", "2024-06-01", COMPLETED);
            journeys.of("p-05").entered("prog-a", "2022-01-01").exited("prog-a", "2024-02-29", COMPLETED);
            journeys.of("p-06").entered("prog-a", "2022-01-01").exited("prog-a", "2024-03-01", COMPLETED);
            journeys.of("p-07").entered("prog-a", "2022-01-01").exited("prog-a", "2024-12-01", RETURNED_TO_SEX_TRADE);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2023-01-01", "2024-12-31");

            // then: 6/7 after day 0, 5/7 after day 30, 15/28 after day 304, 10/28 after day 305
            assertThat(figures.followUps())
                    .extracting(FollowUp::days)
                    .containsExactly(304L, 305L, 30L, 213L, 306L, 305L, 0L);
            assertThat(value(figures, "relapseAndReturn.medianDaysToFirstReturn"))
                    .isEqualTo(305.0);
            assertThat(sizes(figures, "relapseAndReturn.medianDaysToFirstReturn"))
                    .as("judged by those followed up and by those still followed up on the median's day")
                    .containsExactly(7, 3);
        }
    }

    @Nested
    @DisplayName("milestones")
    class Milestones {

        private DashboardCalculator.Figures figures;

        private void givenMilestonesInTheFirstHalfOf2024() {
            // first milestone 10 days after her entry; two more in the period
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-01")
                    .milestone("2024-01-11", STABLE_HOUSING)
                    .milestone("2024-02-01", EMPLOYMENT)
                    .milestone("2024-03-01", EMPLOYMENT);
            // one before her entry and the period, then one 60 days after her entry
            journeys.of("p-02")
                    .milestone("2023-11-01", CUSTOM)
                    .entered("prog-a", "2023-12-01")
                    .milestone("2024-01-30", SOBRIETY_DURATION_REACHED);
            // in the period but before her entry: counted by type, not from her entry
            journeys.of("p-03").milestone("2024-01-15", EDUCATION).entered("prog-a", "2024-02-01");
            // in the period but after her exit: counted by type, not from her entry
            journeys.of("p-04")
                    .entered("prog-a", "2024-01-01")
                    .exited("prog-a", "2024-01-31", COMPLETED)
                    .milestone("2024-02-15", HEALTH);
            // 20 days after her entry, before the period: not counted by type, counted from her entry
            journeys.of("p-05").entered("prog-a", "2023-10-01").milestone("2023-10-21", EDUCATION);
            // not in the programme
            journeys.of("p-06").entered("prog-b", "2024-01-01").milestone("2024-03-01", EMPLOYMENT);
            figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-06-30");
        }

        @Test
        @DisplayName("are counted by type when dated in the period and reached by a participant counted")
        void countedByType() {
            // given
            givenMilestonesInTheFirstHalfOf2024();

            // then
            assertThat(value(figures, "milestones.STABLE_HOUSING")).isEqualTo(1.0);
            assertThat(value(figures, "milestones.EMPLOYMENT")).isEqualTo(2.0);
            assertThat(sizes(figures, "milestones.EMPLOYMENT")).containsExactly(1);
            assertThat(value(figures, "milestones.SOBRIETY_DURATION_REACHED")).isEqualTo(1.0);
            assertThat(value(figures, "milestones.EDUCATION")).isEqualTo(1.0);
            assertThat(value(figures, "milestones.HEALTH")).isEqualTo(1.0);
            assertThat(value(figures, "milestones.CUSTOM")).isEqualTo(0.0);
            assertThat(value(figures, "milestones.total")).isEqualTo(6.0);
            assertThat(sizes(figures, "milestones.total")).containsExactly(4);
            assertThat(figures.groups())
                    .contains(new Group(
                            "milestones.total",
                            Arrays.stream(MilestoneType.values())
                                    .map(type -> "milestones." + type.name())
                                    .toList()));
        }

        @Test
        @DisplayName("give the median days from an entry to the first milestone reached during that stay")
        void medianDaysFromEntryToFirstMilestone() {
            // given
            givenMilestonesInTheFirstHalfOf2024();

            // then: 10, 20 and 60 days
            assertThat(value(figures, "milestones.medianDaysFromEntryToFirst")).isEqualTo(20.0);
            assertThat(sizes(figures, "milestones.medianDaysFromEntryToFirst")).containsExactly(3);
        }
    }

    @Nested
    @DisplayName("reunification")
    class Reunification {

        @Test
        @DisplayName("counts plans open on the as-of day, plans opened, steps forward and back, and custody restored")
        void countsPlansStepsAndCustody() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2023-01-01")
                    .planOpened("2023-05-01", "plan-1")
                    .step("2024-02-01", "plan-1", SUPERVISED_CONTACT, FORWARD)
                    .step("2024-03-01", "plan-1", UNSUPERVISED_VISITS, FORWARD)
                    .step("2024-04-01", "plan-1", SUPERVISED_CONTACT, BACKWARD);
            journeys.of("p-02")
                    .entered("prog-a", "2024-01-05")
                    .planOpened("2024-01-10", "plan-2")
                    .step("2024-06-01", "plan-2", CUSTODY_RESTORED, FORWARD)
                    .planClosed("2024-06-02", "plan-2", ReunificationPlanClosureReason.CUSTODY_RESTORED);
            journeys.of("p-03")
                    .entered("prog-a", "2024-01-05")
                    .planOpened("2024-02-01", "plan-3")
                    .planClosed("2024-05-01", "plan-3", COURT_DECISION)
                    .planOpened("2024-07-01", "plan-4");
            journeys.of("p-04").entered("prog-b", "2024-01-05").planOpened("2024-03-01", "plan-5");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then: plans 1 and 4 are open; custody restored once in plan 2, by a step and by its closure
            assertThat(value(figures, "reunification.openPlans")).isEqualTo(2.0);
            assertThat(sizes(figures, "reunification.openPlans")).containsExactly(2);
            assertThat(value(figures, "reunification.plansOpened")).isEqualTo(3.0);
            assertThat(sizes(figures, "reunification.plansOpened")).containsExactly(2);
            assertThat(value(figures, "reunification.stepsForward")).isEqualTo(3.0);
            assertThat(value(figures, "reunification.stepsBack")).isEqualTo(1.0);
            assertThat(value(figures, "reunification.custodyRestored")).isEqualTo(1.0);
        }

        @Test
        @DisplayName("counts custody restored when a plan is closed for that reason in the period")
        void countsCustodyRestoredByClosure() {
            // given: custody restored in 2023, the plan closed for that reason in 2024
            journeys.of("p-01")
                    .entered("prog-a", "2023-01-01")
                    .planOpened("2023-02-01", "plan-1")
                    .step("2023-11-01", "plan-1", CUSTODY_RESTORED, FORWARD)
                    .planClosed("2024-01-15", "plan-1", ReunificationPlanClosureReason.CUSTODY_RESTORED);

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "reunification.custodyRestored")).isEqualTo(1.0);
            assertThat(value(figures, "reunification.stepsForward")).isEqualTo(0.0);
            assertThat(value(figures, "reunification.openPlans")).isEqualTo(0.0);
        }
    }

    @Nested
    @DisplayName("peer support")
    class PeerSupport {

        @Test
        @DisplayName("counts sessions in the period, sessions per participant counted, and who had a mentor then")
        void countsSessionsAndMentors() {
            // given
            journeys.of("p-01")
                    .mentorAssigned("2023-06-01", "peer-1")
                    .entered("prog-a", "2024-01-01")
                    .peerSession("2024-02-01", "peer-1")
                    .peerSession("2024-03-01", "peer-1")
                    .peerSession("2024-04-01", "peer-1");
            // a session before the period; a mentor whose assignment ended before it
            journeys.of("p-02")
                    .mentorAssigned("2023-01-01", "peer-2")
                    .peerSession("2023-12-01", "peer-2")
                    .mentorEnded("2023-12-31", "peer-2")
                    .entered("prog-a", "2024-01-01")
                    .peerSession("2024-05-01", "peer-3");
            // a mentor for a month in the period
            journeys.of("p-03")
                    .entered("prog-a", "2024-01-01")
                    .mentorAssigned("2024-03-01", "peer-2")
                    .mentorEnded("2024-04-01", "peer-2");
            // a mentor whose assignment ended on the period's first day
            journeys.of("p-04")
                    .entered("prog-a", "2023-01-01")
                    .mentorAssigned("2023-05-01", "peer-1")
                    .mentorEnded("2024-01-01", "peer-1");
            // not in the programme
            journeys.of("p-05").entered("prog-b", "2024-01-01").peerSession("2024-02-01", "peer-1");

            // when
            DashboardCalculator.Figures figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");

            // then
            assertThat(value(figures, "peerSupport.sessions")).isEqualTo(4.0);
            assertThat(sizes(figures, "peerSupport.sessions")).containsExactly(2);
            assertThat(value(figures, "peerSupport.sessionsPerParticipant")).isEqualTo(1.0);
            assertThat(sizes(figures, "peerSupport.sessionsPerParticipant"))
                    .as("judged by the cohort and by those who had sessions, whose count it gives back")
                    .containsExactly(4, 2);
            assertThat(value(figures, "peerSupport.withMentor")).isEqualTo(3.0);
            assertThat(sizes(figures, "peerSupport.withMentor")).containsExactly(3, 1);
            assertThat(value(figures, "peerSupport.shareWithMentor")).isEqualTo(0.75);
            assertThat(sizes(figures, "peerSupport.shareWithMentor")).containsExactly(3, 1);
        }
    }

    @Nested
    @DisplayName("assessments")
    class Assessments {

        private DashboardCalculator.Figures figures;

        private void givenReadings() {
            // 20 before the period, then 25 and 30: improved
            journeys.of("p-01")
                    .assessment("2023-06-01", "ors", 20.0)
                    .entered("prog-a", "2024-01-01")
                    .assessment("2024-03-01", "ors", 25.0)
                    .assessment("2024-09-01", "ors", 30.0);
            // 28 then 24 in her life, recorded the other way round: not improved
            journeys.of("p-02")
                    .entered("prog-a", "2024-01-01")
                    .assessment("2024-08-01", "ors", 24.0)
                    .assessment("2024-02-01", "ors", 28.0);
            // one reading only: left out
            journeys.of("p-03").entered("prog-a", "2024-01-01").assessment("2024-05-01", "ors", 18.0);
            // 15 and 15: not improved
            journeys.of("p-04")
                    .entered("prog-a", "2024-01-01")
                    .assessment("2024-02-01", "ors", 15.0)
                    .assessment("2024-10-01", "ors", 15.0);
            // an instrument without a total: left out
            journeys.of("p-05")
                    .entered("prog-a", "2024-01-01")
                    .assessment("2024-02-01", "movers", null)
                    .assessment("2024-10-01", "movers", null);
            // one reading of another instrument
            journeys.of("p-06").entered("prog-a", "2024-01-01").assessment("2024-03-01", "srs", 30.0);
            // not in the programme
            journeys.of("p-07")
                    .entered("prog-b", "2024-01-01")
                    .assessment("2024-02-01", "ors", 5.0)
                    .assessment("2024-10-01", "ors", 35.0);
            figures = journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31");
        }

        @Test
        @DisplayName("compare her first and latest reading of each instrument, over participants with two or more")
        void compareFirstAndLatest() {
            // given
            givenReadings();

            // then: first 20, 28, 15; latest 30, 24, 15
            assertThat(value(figures, "assessments.ors.participants")).isEqualTo(3.0);
            assertThat(value(figures, "assessments.ors.meanFirst")).isEqualTo(21.0);
            assertThat(value(figures, "assessments.ors.meanLatest")).isEqualTo(23.0);
            assertThat(value(figures, "assessments.ors.meanChange")).isEqualTo(2.0);
            assertThat(value(figures, "assessments.ors.shareImproved")).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(sizes(figures, "assessments.ors.shareImproved")).containsExactly(1, 2);
            assertThat(sizes(figures, "assessments.ors.meanChange")).containsExactly(3);
        }

        @Test
        @DisplayName("list each instrument with a scored reading, with no figures where no one has two")
        void listInstrumentsWithScoredReadings() {
            // given
            givenReadings();

            // then
            assertThat(figures.instruments()).containsExactly("ors", "srs");
            assertThat(value(figures, "assessments.srs.participants")).isEqualTo(0.0);
            assertThat(value(figures, "assessments.srs.meanFirst")).isNull();
            assertThat(value(figures, "assessments.srs.meanChange")).isNull();
            assertThat(value(figures, "assessments.srs.shareImproved")).isNull();
        }

        @Test
        @DisplayName("take her latest reading as of the as-of day")
        void takeTheLatestReadingAsOfTheAsOfDay() {
            // given
            journeys.of("p-01")
                    .entered("prog-a", "2024-01-01")
                    .assessment("2024-02-01", "ladder", 3.0)
                    .assessment("2024-05-01", "ladder", 6.0)
                    .assessment("2024-11-01", "ladder", 2.0);

            // when
            DashboardCalculator.Figures asOfJune =
                    journeys.figures(PROGRAMME_A, "2024-01-01", "2024-12-31", "2024-06-30");

            // then
            assertThat(value(asOfJune, "assessments.ladder.meanLatest")).isEqualTo(6.0);
            assertThat(value(asOfJune, "assessments.ladder.shareImproved")).isEqualTo(1.0);
        }
    }
}
