package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.MOVERS;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_DEFINED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ORS;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Readings of assessment instruments, scored by the definition the catalogue holds: the Outcome Rating Scale (four
 * items 0-10, summed) and MOVERS (thirteen items 1-5, three subscales averaged, no total). Synthetic scores only.
 */
@DisplayName("A participant's assessments")
class JourneyAssessmentTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final Map<String, Integer> ORS_READING =
            Map.of("individually", 6, "interpersonally", 5, "socially", 7, "overall", 4);

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    /** Item i scored (i mod 5) + 1: 2 3 4 5 1 2 3 4 5 1 2 3 4 for items 1 to 13. */
    private static Map<String, Integer> moversReading() {
        Map<String, Integer> scores = new HashMap<>();
        for (int item = 1; item <= 13; item++) {
            scores.put(String.valueOf(item), item % 5 + 1);
        }
        return scores;
    }

    private static Map<String, Integer> orsReadingWith(String item, Integer score) {
        Map<String, Integer> scores = new HashMap<>(ORS_READING);
        if (score == null) {
            scores.remove(item);
        } else {
            scores.put(item, score);
        }
        return scores;
    }

    @Nested
    @DisplayName("a participant taking the Outcome Rating Scale")
    class OutcomeRatingScale {

        @Test
        @DisplayName("has the reading recorded with its total, the sum of the items, and the revision it was scored by")
        void hasTheReadingRecordedWithItsTotal() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, ORS_READING, on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AssessmentRecordedEvent(WREN, ORS, 0, ORS_READING, 22.0, Map.of(), on(MARCH_1)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("has a reading at the edges of the range recorded")
        void hasAReadingAtTheEdgesRecorded() {
            Map<String, Integer> edges = Map.of("individually", 0, "interpersonally", 10, "socially", 0, "overall", 10);
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, edges, on(MARCH_1), null))
                    .expectEvents(new AssessmentRecordedEvent(WREN, ORS, 0, edges, 20.0, Map.of(), on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have a reading recorded with an item missing")
        void cannotHaveAReadingWithAnItemMissing() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, orsReadingWith("socially", null), on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded with an item scored above its range")
        void cannotHaveAReadingAboveTheRange() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, orsReadingWith("overall", 11), on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded with an item scored below its range")
        void cannotHaveAReadingBelowTheRange() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, orsReadingWith("individually", -1), on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded with an item the instrument does not have")
        void cannotHaveAReadingWithAnUnknownItem() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, orsReadingWith("mood", 5), on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded with a date in the future")
        void cannotHaveAReadingInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, ORS_READING, on(TODAY.plusDays(1)), null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded dated before her enrolment")
        void cannotHaveAReadingBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, ORS, ORS_READING, on(ENROLLED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant taking MOVERS")
    class Movers {

        @Test
        @DisplayName("has the reading recorded with the mean of each subscale, to two decimals, and no total")
        void hasTheReadingRecordedWithSubscaleMeans() {
            Map<String, Integer> reading = moversReading();
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, MOVERS, reading, on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AssessmentRecordedEvent(
                            WREN,
                            MOVERS,
                            2,
                            reading,
                            null,
                            Map.of(
                                    "internal-tools", 2.83, // items 1 3 5 7 9 11: (2+4+1+3+5+2)/6
                                    "expectation-of-support", 4.0, // items 4 8 12 13: (5+4+3+4)/4
                                    "trade-offs", 2.0), // items 2 6 10: (3+2+1)/3
                            on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have a reading recorded with an item scored 0, below its range of 1 to 5")
        void cannotHaveAReadingBelowTheRange() {
            Map<String, Integer> reading = moversReading();
            reading.put("7", 0);
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, MOVERS, reading, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a reading recorded with the last item missing")
        void cannotHaveAReadingWithTheLastItemMissing() {
            Map<String, Integer> reading = moversReading();
            reading.remove("13");
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, MOVERS, reading, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.INVALID_SCORES))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant offered an instrument that is not defined")
    class UnknownInstrument {

        @Test
        @DisplayName("cannot have a reading of it recorded")
        void cannotHaveAReadingRecorded() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordAssessmentCommand(WREN, NOT_DEFINED, Map.of("rung", 6), on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_INSTRUMENT))
                    .expectNoEvents();
        }
    }
}
