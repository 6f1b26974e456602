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
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reunification with a child: a plan that moves through steps, forwards and backwards, until it is closed. The child is
 * only ever named by a pseudonym ("Sky"). Synthetic data only.
 */
@DisplayName("A participant's reunification plans")
class JourneyReunificationTest {

    private static final ReunificationPlanId PLAN = new ReunificationPlanId("3e8a1c5b-7d2f-4b9e-a6c4-0f1d2e3b4a5c");
    private static final ReunificationPlanId UNKNOWN_PLAN =
            new ReunificationPlanId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d");
    private static final LocalDate OPENED_ON = ENTERED_ON;
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);

    private static final ReunificationPlanOpenedEvent OPENED =
            new ReunificationPlanOpenedEvent(WREN, PLAN, "Sky", null, on(OPENED_ON));

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    private static ReunificationStepRecordedEvent step(
            ReunificationStep step, ReunificationStep previous, StepDirection direction, LocalDate on) {
        return new ReunificationStepRecordedEvent(WREN, PLAN, step, previous, direction, null, on(on));
    }

    @Nested
    @DisplayName("a participant without a reunification plan")
    class WithoutAPlan {

        @Test
        @DisplayName("opens a plan for a child named by a pseudonym")
        void opensAPlan() {
            fixture.given(WREN_ENROLLED)
                    .when(new OpenReunificationPlanCommand(
                            WREN, PLAN, " Sky ", " court date set for June ", on(OPENED_ON), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ReunificationPlanOpenedEvent(
                            WREN, PLAN, "Sky", "court date set for June", on(OPENED_ON)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("cannot open a plan without a pseudonym for the child")
        void cannotOpenAPlanWithoutAPseudonym() {
            fixture.given(WREN_ENROLLED)
                    .when(new OpenReunificationPlanCommand(WREN, PLAN, "  ", null, on(OPENED_ON), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot record a step of a plan she does not have")
        void cannotRecordAStepOfAnUnknownPlan() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordReunificationStepCommand(
                            WREN, UNKNOWN_PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PLAN))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot close a plan she does not have")
        void cannotCloseAnUnknownPlan() {
            fixture.given(WREN_ENROLLED)
                    .when(new CloseReunificationPlanCommand(
                            WREN, UNKNOWN_PLAN, ReunificationPlanClosureReason.OTHER, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PLAN))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant with an open plan")
    class WithAnOpenPlan {

        @Test
        @DisplayName("moves forward from the opened plan to supervised contact")
        void movesForwardToSupervisedContact() {
            fixture.given(WREN_ENROLLED, OPENED)
                    .when(new RecordReunificationStepCommand(
                            WREN,
                            PLAN,
                            ReunificationStep.SUPERVISED_CONTACT,
                            " first visit at the family centre ",
                            on(MARCH_1),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ReunificationStepRecordedEvent(
                            WREN,
                            PLAN,
                            ReunificationStep.SUPERVISED_CONTACT,
                            ReunificationStep.PLAN_OPENED,
                            StepDirection.FORWARD,
                            "first visit at the family centre",
                            on(MARCH_1)));
        }

        @Test
        @DisplayName("moves forward past a step, from supervised contact to overnight stays")
        void movesForwardPastAStep() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.OVERNIGHT_STAYS, null, on(APRIL_1), null))
                    .expectEvents(step(
                            ReunificationStep.OVERNIGHT_STAYS,
                            ReunificationStep.SUPERVISED_CONTACT,
                            StepDirection.FORWARD,
                            APRIL_1));
        }

        @Test
        @DisplayName("moves backward, from unsupervised visits to supervised contact")
        void movesBackward() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1),
                            step(
                                    ReunificationStep.UNSUPERVISED_VISITS,
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    StepDirection.FORWARD,
                                    APRIL_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(MAY_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(step(
                            ReunificationStep.SUPERVISED_CONTACT,
                            ReunificationStep.UNSUPERVISED_VISITS,
                            StepDirection.BACKWARD,
                            MAY_1));
        }

        @Test
        @DisplayName("has a step recorded late, its direction judged from the step the plan was at on that date")
        void hasAStepRecordedLate() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1),
                            step(
                                    ReunificationStep.OVERNIGHT_STAYS,
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    StepDirection.FORWARD,
                                    MAY_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.UNSUPERVISED_VISITS, null, on(APRIL_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(step(
                            ReunificationStep.UNSUPERVISED_VISITS,
                            ReunificationStep.SUPERVISED_CONTACT,
                            StepDirection.FORWARD,
                            APRIL_1));
        }

        @Test
        @DisplayName("cannot record the step the plan is at already")
        void cannotRecordTheSameStep() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(APRIL_1), null))
                    .expectException(breaking(RuleViolation.SAME_STEP))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a step recorded late that makes a later step the same as the one before it")
        void cannotHaveALateStepThatALaterStepRepeats() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1),
                            step(
                                    ReunificationStep.UNSUPERVISED_VISITS,
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    StepDirection.FORWARD,
                                    MAY_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.UNSUPERVISED_VISITS, null, on(APRIL_1), null))
                    .expectException(breaking(RuleViolation.SAME_STEP))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a step recorded late, dated before the plan was opened")
        void cannotHaveAStepBeforeThePlanWasOpened() {
            fixture.given(WREN_ENROLLED, OPENED)
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(OPENED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PLAN))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot record 'plan opened' as a step: a plan starts by being opened")
        void cannotRecordPlanOpenedAsAStep() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.SUPERVISED_CONTACT,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MARCH_1))
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.PLAN_OPENED, null, on(APRIL_1), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot open another plan with the same id")
        void cannotOpenAPlanWithTheSameId() {
            fixture.given(WREN_ENROLLED, OPENED)
                    .when(new OpenReunificationPlanCommand(WREN, PLAN, "River", null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("closes the plan, e.g. when custody is restored")
        void closesThePlan() {
            fixture.given(
                            WREN_ENROLLED,
                            OPENED,
                            step(
                                    ReunificationStep.CUSTODY_RESTORED,
                                    ReunificationStep.PLAN_OPENED,
                                    StepDirection.FORWARD,
                                    MAY_1))
                    .when(new CloseReunificationPlanCommand(
                            WREN, PLAN, ReunificationPlanClosureReason.CUSTODY_RESTORED, " ", on(TODAY), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ReunificationPlanClosedEvent(
                            WREN, PLAN, ReunificationPlanClosureReason.CUSTODY_RESTORED, null, on(TODAY)));
        }
    }

    @Nested
    @DisplayName("a participant with a closed plan")
    class WithAClosedPlan {

        private final ReunificationPlanClosedEvent closed = new ReunificationPlanClosedEvent(
                WREN, PLAN, ReunificationPlanClosureReason.PARTICIPANT_CHOSE_TO_CLOSE, null, on(APRIL_1));

        @Test
        @DisplayName("cannot record a step of the closed plan")
        void cannotRecordAStep() {
            fixture.given(WREN_ENROLLED, OPENED, closed)
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(MAY_1), null))
                    .expectException(breaking(RuleViolation.PLAN_CLOSED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot close it again")
        void cannotCloseItAgain() {
            fixture.given(WREN_ENROLLED, OPENED, closed)
                    .when(new CloseReunificationPlanCommand(
                            WREN, PLAN, ReunificationPlanClosureReason.COURT_DECISION, null, on(MAY_1), null))
                    .expectException(breaking(RuleViolation.PLAN_CLOSED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot open a new plan under the same id")
        void cannotReopenUnderTheSameId() {
            fixture.given(WREN_ENROLLED, OPENED, closed)
                    .when(new OpenReunificationPlanCommand(WREN, PLAN, "Sky", null, on(MAY_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can have a step recorded late, from before the plan was closed")
        void canHaveAStepFromBeforeItWasClosed() {
            fixture.given(WREN_ENROLLED, OPENED, closed)
                    .when(new RecordReunificationStepCommand(
                            WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(step(
                            ReunificationStep.SUPERVISED_CONTACT,
                            ReunificationStep.PLAN_OPENED,
                            StepDirection.FORWARD,
                            MARCH_1));
        }

        @Test
        @DisplayName("opens a new plan for the same child under a new id")
        void opensANewPlan() {
            ReunificationPlanId newPlan = new ReunificationPlanId("6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f");
            fixture.given(WREN_ENROLLED, OPENED, closed)
                    .when(new OpenReunificationPlanCommand(WREN, newPlan, "Sky", null, on(MAY_1), null))
                    .expectEvents(new ReunificationPlanOpenedEvent(WREN, newPlan, "Sky", null, on(MAY_1)));
        }
    }
}
