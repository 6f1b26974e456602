package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanReviewedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.journeyplatform.domain.shared.SafetyPlanId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Safety plans, protection orders and her support network. Synthetic data only. */
@DisplayName("A participant's safety and support network")
class JourneySafetyTest {

    private static final SafetyPlanId SAFETY_PLAN = new SafetyPlanId("4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d");
    private static final SafetyPlanId UNKNOWN_SAFETY_PLAN = new SafetyPlanId("7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a");
    private static final HelperId PROBATION_OFFICER = new HelperId("0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e");
    private static final HelperId UNKNOWN_HELPER = new HelperId("3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b");
    private static final LocalDate CREATED_ON = ENTERED_ON;
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    private static final SafetyPlanCreatedEvent CREATED = new SafetyPlanCreatedEvent(
            WREN, SAFETY_PLAN, "safe word with her sister; bag packed at the shelter", on(CREATED_ON));
    private static final SupportNetworkHelperAddedEvent HELPER_ADDED = new SupportNetworkHelperAddedEvent(
            WREN, PROBATION_OFFICER, HelperKind.PROBATION_OFFICER, null, on(CREATED_ON));

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a participant making a safety plan")
    class SafetyPlans {

        @Test
        @DisplayName("has the plan recorded")
        void hasThePlanRecorded() {
            fixture.given(WREN_ENROLLED)
                    .when(new CreateSafetyPlanCommand(
                            WREN,
                            SAFETY_PLAN,
                            " safe word with her sister; bag packed at the shelter ",
                            on(CREATED_ON),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(CREATED)
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("cannot have an empty plan recorded")
        void cannotHaveAnEmptyPlanRecorded() {
            fixture.given(WREN_ENROLLED)
                    .when(new CreateSafetyPlanCommand(WREN, SAFETY_PLAN, "  ", on(CREATED_ON), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a second plan recorded under the same id")
        void cannotHaveAPlanWithTheSameId() {
            fixture.given(WREN_ENROLLED, CREATED)
                    .when(new CreateSafetyPlanCommand(WREN, SAFETY_PLAN, "new plan", on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has the plan reviewed and changed")
        void hasThePlanReviewedAndChanged() {
            fixture.given(WREN_ENROLLED, CREATED)
                    .when(new ReviewSafetyPlanCommand(
                            WREN, SAFETY_PLAN, " safe word with her peer mentor too ", on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SafetyPlanReviewedEvent(
                            WREN, SAFETY_PLAN, "safe word with her peer mentor too", on(MARCH_1)));
        }

        @Test
        @DisplayName("has the plan reviewed and left as it was")
        void hasThePlanReviewedUnchanged() {
            fixture.given(WREN_ENROLLED, CREATED)
                    .when(new ReviewSafetyPlanCommand(WREN, SAFETY_PLAN, " ", on(MARCH_1), null))
                    .expectEvents(new SafetyPlanReviewedEvent(WREN, SAFETY_PLAN, null, on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have a plan reviewed that she does not have")
        void cannotHaveAnUnknownPlanReviewed() {
            fixture.given(WREN_ENROLLED, CREATED)
                    .when(new ReviewSafetyPlanCommand(WREN, UNKNOWN_SAFETY_PLAN, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_SAFETY_PLAN))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a review recorded late, dated before the plan was made")
        void cannotHaveAReviewBeforeThePlanWasMade() {
            fixture.given(WREN_ENROLLED, CREATED)
                    .when(new ReviewSafetyPlanCommand(WREN, SAFETY_PLAN, null, on(CREATED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_SAFETY_PLAN))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant with a protection order")
    class ProtectionOrders {

        @Test
        @DisplayName("has the order noted with its expiry")
        void hasTheOrderNoted() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteProtectionOrderCommand(
                            WREN,
                            ProtectionOrderKind.NON_MOLESTATION_ORDER,
                            LocalDate.of(2027, 3, 1),
                            " covers the children's school ",
                            on(MARCH_1),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProtectionOrderNotedEvent(
                            WREN,
                            ProtectionOrderKind.NON_MOLESTATION_ORDER,
                            LocalDate.of(2027, 3, 1),
                            "covers the children's school",
                            on(MARCH_1)));
        }

        @Test
        @DisplayName("has the order noted without a known expiry")
        void hasTheOrderNotedWithoutExpiry() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteProtectionOrderCommand(
                            WREN, ProtectionOrderKind.RESTRAINING_ORDER, null, null, on(MARCH_1), null))
                    .expectEvents(new ProtectionOrderNotedEvent(
                            WREN, ProtectionOrderKind.RESTRAINING_ORDER, null, null, on(MARCH_1)));
        }

        @Test
        @DisplayName("has an order noted on the day it expires")
        void hasAnOrderNotedOnTheDayItExpires() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteProtectionOrderCommand(
                            WREN, ProtectionOrderKind.OTHER, MARCH_1, null, on(MARCH_1), null))
                    .expectEvents(
                            new ProtectionOrderNotedEvent(WREN, ProtectionOrderKind.OTHER, MARCH_1, null, on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have an order noted that expired before it was noted")
        void cannotHaveAnOrderExpiringBeforeItWasNoted() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteProtectionOrderCommand(
                            WREN, ProtectionOrderKind.OCCUPATION_ORDER, MARCH_1.minusDays(1), null, on(MARCH_1), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have an order noted before her enrolment")
        void cannotHaveAnOrderNotedBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new NoteProtectionOrderCommand(
                            WREN,
                            ProtectionOrderKind.RESTRAINING_ORDER,
                            null,
                            null,
                            on(ENROLLED_ON.minusDays(1)),
                            null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant's support network")
    class SupportNetwork {

        @Test
        @DisplayName("gains a helper, as she describes them")
        void gainsAHelper() {
            fixture.given(WREN_ENROLLED)
                    .when(new AddSupportNetworkHelperCommand(
                            WREN,
                            PROBATION_OFFICER,
                            HelperKind.PROBATION_OFFICER,
                            " the one who listened ",
                            on(CREATED_ON),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SupportNetworkHelperAddedEvent(
                            WREN,
                            PROBATION_OFFICER,
                            HelperKind.PROBATION_OFFICER,
                            "the one who listened",
                            on(CREATED_ON)));
        }

        @Test
        @DisplayName("cannot gain a helper under an id already in it")
        void cannotGainAHelperTwice() {
            fixture.given(WREN_ENROLLED, HELPER_ADDED)
                    .when(new AddSupportNetworkHelperCommand(
                            WREN, PROBATION_OFFICER, HelperKind.JUDGE, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot gain a helper again under the id of one removed")
        void cannotReuseTheIdOfARemovedHelper() {
            fixture.given(
                            WREN_ENROLLED,
                            HELPER_ADDED,
                            new SupportNetworkHelperRemovedEvent(WREN, PROBATION_OFFICER, null, on(MARCH_1)))
                    .when(new AddSupportNetworkHelperCommand(
                            WREN, PROBATION_OFFICER, HelperKind.PROBATION_OFFICER, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("loses a helper")
        void losesAHelper() {
            fixture.given(WREN_ENROLLED, HELPER_ADDED)
                    .when(new RemoveSupportNetworkHelperCommand(
                            WREN, PROBATION_OFFICER, " probation ended ", on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SupportNetworkHelperRemovedEvent(
                            WREN, PROBATION_OFFICER, "probation ended", on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot lose a helper who is not in it")
        void cannotLoseAnUnknownHelper() {
            fixture.given(WREN_ENROLLED, HELPER_ADDED)
                    .when(new RemoveSupportNetworkHelperCommand(WREN, UNKNOWN_HELPER, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_HELPER))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot lose a helper twice")
        void cannotLoseAHelperTwice() {
            fixture.given(
                            WREN_ENROLLED,
                            HELPER_ADDED,
                            new SupportNetworkHelperRemovedEvent(WREN, PROBATION_OFFICER, null, on(MARCH_1)))
                    .when(new RemoveSupportNetworkHelperCommand(WREN, PROBATION_OFFICER, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_HELPER))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot lose a helper late, dated before they joined")
        void cannotLoseAHelperBeforeTheyJoined() {
            fixture.given(WREN_ENROLLED, HELPER_ADDED)
                    .when(new RemoveSupportNetworkHelperCommand(
                            WREN, PROBATION_OFFICER, null, on(CREATED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_HELPER))
                    .expectNoEvents();
        }
    }
}
