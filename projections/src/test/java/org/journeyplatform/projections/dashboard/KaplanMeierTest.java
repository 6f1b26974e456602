package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.journeyplatform.projections.dashboard.DashboardCalculator.FollowUp;
import org.journeyplatform.projections.dashboard.KaplanMeier.Point;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The share still out (no relapse or return yet) N days after an exit, checked against hand computations. */
@DisplayName("The Kaplan-Meier estimate")
class KaplanMeierTest {

    private static final LocalDate EXITED = LocalDate.parse("2024-01-01");

    private static int next;

    private static FollowUp returned(long day) {
        return new FollowUp(String.format("p-%02d", ++next), EXITED, day, true);
    }

    private static FollowUp stillOut(long day) {
        return new FollowUp(String.format("p-%02d", ++next), EXITED, day, false);
    }

    /** The curve has these points: the same days and numbers at risk, the same shares to 12 decimals. */
    private static void assertCurve(List<Point> curve, Point... expected) {
        assertThat(curve)
                .usingElementComparator((a, b) -> a.day() == b.day()
                                && a.atRisk() == b.atRisk()
                                && Math.abs(a.shareStillOut() - b.shareStillOut()) < 1e-12
                        ? 0
                        : 1)
                .containsExactly(expected);
    }

    @Nested
    @DisplayName("of eight follow-ups, with returns on days 0, 10, 10, 20 and 40 and some still out")
    class EightFollowUps {

        // returns on days 0, 10, 10, 20, 40; still out (censored) on days 15, 30, 50
        private final List<FollowUp> followUps = List.of(
                returned(0),
                returned(10),
                returned(10),
                stillOut(15),
                returned(20),
                stillOut(30),
                returned(40),
                stillOut(50));

        @Test
        @DisplayName("steps down on each day someone returned, by those returning over those still followed up")
        void stepsDownOnEachReturnDay() {
            // when
            List<Point> curve = KaplanMeier.curve(followUps);

            // then: 7/8; x 5/7; one censored on day 15, so x 3/4; one censored on day 30, so x 1/2
            assertCurve(
                    curve,
                    new Point(0, 7.0 / 8, 8),
                    new Point(10, 7.0 / 8 * 5 / 7, 7),
                    new Point(20, 7.0 / 8 * 5 / 7 * 3 / 4, 4),
                    new Point(40, 7.0 / 8 * 5 / 7 * 3 / 4 * 1 / 2, 2));
            assertThat(curve)
                    .extracting(Point::shareStillOut)
                    .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
                    .containsExactly(0.875, 0.625, 0.46875, 0.234375);
        }

        @Test
        @DisplayName("has its median on the first day the share still out is one half or below")
        void hasItsMedianWhereTheShareFallsToOneHalf() {
            // then: 62.5% after day 10, 46.9% after day 20
            assertThat(KaplanMeier.median(followUps)).isEqualTo(20.0);
        }
    }

    @Nested
    @DisplayName("with a return and an end of follow-up on the same day")
    class TiesOnOneDay {

        @Test
        @DisplayName("counts the one still out among those at risk on that day")
        void countsTheCensoredAsAtRiskThatDay() {
            // given
            List<FollowUp> followUps = List.of(returned(5), stillOut(5), stillOut(10));

            // when
            List<Point> curve = KaplanMeier.curve(followUps);

            // then: one of three returned on day 5
            assertCurve(curve, new Point(0, 1.0, 3), new Point(5, 2.0 / 3, 3));
            assertThat(KaplanMeier.median(followUps)).isNull();
        }
    }

    @Nested
    @DisplayName("when the share falls to exactly one half")
    class ExactlyOneHalf {

        @Test
        @DisplayName("has its median on that day")
        void medianOnThatDay() {
            // given
            List<FollowUp> followUps = List.of(returned(7), stillOut(30));

            // then
            assertCurve(KaplanMeier.curve(followUps), new Point(0, 1.0, 2), new Point(7, 0.5, 2));
            assertThat(KaplanMeier.median(followUps)).isEqualTo(7.0);
        }
    }

    @Nested
    @DisplayName("when no one has returned")
    class NoReturns {

        @Test
        @DisplayName("stays at 100% and has no median")
        void staysFlat() {
            // given
            List<FollowUp> followUps = List.of(stillOut(3), stillOut(100), stillOut(200));

            // then
            assertThat(KaplanMeier.curve(followUps)).containsExactly(new Point(0, 1.0, 3));
            assertThat(KaplanMeier.median(followUps)).isNull();
        }

        @Test
        @DisplayName("of no one, is day 0 at 100% with no one at risk")
        void ofNoOne() {
            // then
            assertThat(KaplanMeier.curve(List.of())).containsExactly(new Point(0, 1.0, 0));
            assertThat(KaplanMeier.median(List.of())).isNull();
        }
    }

    @Nested
    @DisplayName("when everyone returned on the day of her exit")
    class AllOnDayZero {

        @Test
        @DisplayName("starts at 0% on day 0, which is its median")
        void startsAtZero() {
            // given
            List<FollowUp> followUps = List.of(returned(0), returned(0));

            // then
            assertThat(KaplanMeier.curve(followUps)).containsExactly(new Point(0, 0.0, 2));
            assertThat(KaplanMeier.median(followUps)).isEqualTo(0.0);
        }
    }

    @Nested
    @DisplayName("as it may be shown, with a threshold of 3")
    class Coarsened {

        // returns on days 0, 10, 10, 20 and 40; still out (censored) on days 15, 30 and 50
        private final List<FollowUp> followUps = List.of(
                returned(0),
                returned(10),
                returned(10),
                stillOut(15),
                returned(20),
                stillOut(30),
                returned(40),
                stillOut(50));

        @Test
        @DisplayName("starts at 100% on day 0 and steps only once at least three more have returned")
        void stepsOnlyAfterEnoughReturns() {
            // when
            List<Point> curve = KaplanMeier.coarsened(followUps, 3);

            // then: the returns of days 0 and 10 (three) make one step, at the exact estimate of day 10; the two
            // later returns never add up to three while three or more are still followed up
            assertCurve(curve, new Point(0, 1.0, 8), new Point(10, 7.0 / 8 * 5 / 7, 7));
        }

        @Test
        @DisplayName("stops where fewer than the threshold are still followed up")
        void stopsWhereTooFewAreFollowedUp() {
            // given two returns a day, 12 people, threshold 2
            List<FollowUp> pairs = List.of(
                    returned(1),
                    returned(1),
                    returned(2),
                    returned(2),
                    returned(3),
                    returned(3),
                    returned(4),
                    returned(4),
                    returned(5),
                    returned(5),
                    returned(6),
                    stillOut(6));

            // when
            List<Point> curve = KaplanMeier.coarsened(pairs, 4);

            // then: steps on days 2 and 4 (four returns each); on day 5 four are at risk, on day 6 only two
            assertCurve(curve, new Point(0, 1.0, 12), new Point(2, 8.0 / 12, 10), new Point(4, 4.0 / 12, 6));
        }

        @Test
        @DisplayName("runs on level to the last day enough are followed up, when no return is left unshown")
        void runsOnLevel() {
            // given three returns on day 5 and nine still out on days 30 to 90
            List<FollowUp> mostlyOut = List.of(
                    returned(5),
                    returned(5),
                    returned(5),
                    stillOut(30),
                    stillOut(40),
                    stillOut(50),
                    stillOut(60),
                    stillOut(70),
                    stillOut(80),
                    stillOut(90),
                    stillOut(100),
                    stillOut(110));

            // when
            List<Point> curve = KaplanMeier.coarsened(mostlyOut, 3);

            // then: the step on day 5, then level until day 90, the last day three or more are followed up
            assertCurve(curve, new Point(0, 1.0, 12), new Point(5, 9.0 / 12, 12), new Point(90, 9.0 / 12, 3));
        }
    }

    @Nested
    @DisplayName("when exactly half of 24 have returned")
    class HalfOfTwentyFour {

        @Test
        @DisplayName("puts the median on the day the twelfth returned, whatever the rounding of the product")
        void medianDespiteRounding() {
            // given twelve returns, one a day on days 1 to 12, and twelve still out on day 100
            List<FollowUp> followUps = new java.util.ArrayList<>();
            for (int day = 1; day <= 12; day++) {
                followUps.add(returned(day));
                followUps.add(stillOut(100));
            }

            // then: 23/24 x 22/23 x ... x 12/13 is 0.5000000000000001 in doubles, and still the median
            assertThat(KaplanMeier.median(followUps)).isEqualTo(12.0);
            assertThat(KaplanMeier.medianPoint(followUps).day()).isEqualTo(12);
        }
    }
}
