package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalDroppedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Her goals, in her own words; exiting is one possible goal, never a requirement. Synthetic data only. */
@DisplayName("A participant's goals")
class JourneyGoalsTest {

    private static final GoalId OWN_FLAT = new GoalId("8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d");
    private static final GoalId UNKNOWN_GOAL = new GoalId("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    private static final LocalDate SET_ON = ENTERED_ON;
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final GoalSetEvent SET = new GoalSetEvent(WREN, OWN_FLAT, "a flat of my own", on(SET_ON));
    private static final GoalAchievedEvent ACHIEVED = new GoalAchievedEvent(WREN, OWN_FLAT, null, on(MARCH_1));
    private static final GoalDroppedEvent DROPPED = new GoalDroppedEvent(WREN, OWN_FLAT, null, on(MARCH_1));

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a participant without goals")
    class WithoutGoals {

        @Test
        @DisplayName("sets herself a goal in her own words")
        void setsAGoal() {
            fixture.given(WREN_ENROLLED)
                    .when(new SetGoalCommand(WREN, OWN_FLAT, "  a flat of my own ", on(SET_ON), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(SET)
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("cannot set a goal without a description")
        void cannotSetABlankGoal() {
            fixture.given(WREN_ENROLLED)
                    .when(new SetGoalCommand(WREN, OWN_FLAT, "   ", on(SET_ON), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot note progress on a goal she does not have")
        void cannotNoteProgressOnAnUnknownGoal() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteGoalProgressCommand(WREN, UNKNOWN_GOAL, "viewed a flat", on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_GOAL))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot achieve a goal she does not have")
        void cannotAchieveAnUnknownGoal() {
            fixture.given(WREN_ENROLLED)
                    .when(new MarkGoalAchievedCommand(WREN, UNKNOWN_GOAL, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_GOAL))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot set aside a goal she does not have")
        void cannotDropAnUnknownGoal() {
            fixture.given(WREN_ENROLLED)
                    .when(new DropGoalCommand(WREN, UNKNOWN_GOAL, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_GOAL))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant with an active goal")
    class WithAnActiveGoal {

        @Test
        @DisplayName("has progress noted")
        void hasProgressNoted() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new NoteGoalProgressCommand(
                            WREN, OWN_FLAT, " viewed a flat with her caseworker ", on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new GoalProgressNotedEvent(
                            WREN, OWN_FLAT, "viewed a flat with her caseworker", on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have blank progress noted")
        void cannotHaveBlankProgressNoted() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new NoteGoalProgressCommand(WREN, OWN_FLAT, "  ", on(MARCH_1), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have progress noted late, dated before she set the goal")
        void cannotHaveProgressNotedBeforeTheGoalWasSet() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new NoteGoalProgressCommand(WREN, OWN_FLAT, "viewed a flat", on(SET_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_GOAL))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("achieves it")
        void achievesIt() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new MarkGoalAchievedCommand(WREN, OWN_FLAT, " keys handed over ", on(TODAY), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new GoalAchievedEvent(WREN, OWN_FLAT, "keys handed over", on(TODAY)));
        }

        @Test
        @DisplayName("sets it aside, her choice")
        void setsItAside() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new DropGoalCommand(WREN, OWN_FLAT, "", on(TODAY), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new GoalDroppedEvent(WREN, OWN_FLAT, null, on(TODAY)));
        }

        @Test
        @DisplayName("cannot set another goal with the same id")
        void cannotSetAGoalWithTheSameId() {
            fixture.given(WREN_ENROLLED, SET)
                    .when(new SetGoalCommand(WREN, OWN_FLAT, "a job", on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant with an achieved goal")
    class WithAnAchievedGoal {

        @Test
        @DisplayName("cannot have progress noted on it")
        void cannotHaveProgressNoted() {
            fixture.given(WREN_ENROLLED, SET, ACHIEVED)
                    .when(new NoteGoalProgressCommand(WREN, OWN_FLAT, "settling in", on(TODAY), null))
                    .expectException(breaking(RuleViolation.GOAL_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot achieve it again")
        void cannotAchieveItAgain() {
            fixture.given(WREN_ENROLLED, SET, ACHIEVED)
                    .when(new MarkGoalAchievedCommand(WREN, OWN_FLAT, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.GOAL_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot set it aside")
        void cannotSetItAside() {
            fixture.given(WREN_ENROLLED, SET, ACHIEVED)
                    .when(new DropGoalCommand(WREN, OWN_FLAT, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.GOAL_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can have progress noted late, from before she achieved it")
        void canHaveProgressNotedFromBefore() {
            fixture.given(WREN_ENROLLED, SET, ACHIEVED)
                    .when(new NoteGoalProgressCommand(WREN, OWN_FLAT, "viewed a flat", on(MARCH_1.minusDays(7)), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new GoalProgressNotedEvent(WREN, OWN_FLAT, "viewed a flat", on(MARCH_1.minusDays(7))));
        }
    }

    @Nested
    @DisplayName("a participant with a goal set aside")
    class WithADroppedGoal {

        @Test
        @DisplayName("cannot set it aside again")
        void cannotSetItAsideAgain() {
            fixture.given(WREN_ENROLLED, SET, DROPPED)
                    .when(new DropGoalCommand(WREN, OWN_FLAT, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.GOAL_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot achieve it")
        void cannotAchieveIt() {
            fixture.given(WREN_ENROLLED, SET, DROPPED)
                    .when(new MarkGoalAchievedCommand(WREN, OWN_FLAT, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.GOAL_NOT_ACTIVE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot reuse its id for a new goal")
        void cannotReuseItsId() {
            fixture.given(WREN_ENROLLED, SET, DROPPED)
                    .when(new SetGoalCommand(WREN, OWN_FLAT, "a flat of my own, later", on(TODAY), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }
    }
}
