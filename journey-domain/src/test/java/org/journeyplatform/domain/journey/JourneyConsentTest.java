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
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The consents she gives and withdraws: research only ever with her consent. Synthetic data only. */
@DisplayName("A participant's consents")
class JourneyConsentTest {

    private static final ConsentId RESEARCH = new ConsentId("c0a1b2c3-d4e5-4f6a-8b7c-9d0e1f2a3b4c");
    private static final ConsentId UNKNOWN_CONSENT = new ConsentId("f9e8d7c6-b5a4-4f3e-9d2c-1b0a9f8e7d6c");
    private static final LocalDate GIVEN_ON = ENTERED_ON;
    private static final LocalDate EXPIRES_ON = LocalDate.of(2031, 2, 1);
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final ConsentGivenEvent GIVEN = new ConsentGivenEvent(
            WREN,
            RESEARCH,
            ConsentKind.RESEARCH,
            "five-year evaluation of the peer programme",
            EXPIRES_ON,
            on(GIVEN_ON));

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a participant giving consent")
    class Giving {

        @Test
        @DisplayName("gives consent with its scope and expiry")
        void givesConsent() {
            fixture.given(WREN_ENROLLED)
                    .when(new GiveConsentCommand(
                            WREN,
                            RESEARCH,
                            ConsentKind.RESEARCH,
                            " five-year evaluation of the peer programme ",
                            EXPIRES_ON,
                            on(GIVEN_ON),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(GIVEN)
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("gives consent for a single day")
        void givesConsentForASingleDay() {
            fixture.given(WREN_ENROLLED)
                    .when(new GiveConsentCommand(
                            WREN, RESEARCH, ConsentKind.SERVICE, "group interview", GIVEN_ON, on(GIVEN_ON), null))
                    .expectEvents(new ConsentGivenEvent(
                            WREN, RESEARCH, ConsentKind.SERVICE, "group interview", GIVEN_ON, on(GIVEN_ON)));
        }

        @Test
        @DisplayName("cannot give consent without saying what it covers")
        void cannotGiveConsentWithoutAScope() {
            fixture.given(WREN_ENROLLED)
                    .when(new GiveConsentCommand(
                            WREN, RESEARCH, ConsentKind.RESEARCH, "  ", EXPIRES_ON, on(GIVEN_ON), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give consent that expires before the day it is given")
        void cannotGiveConsentExpiringBeforeItIsGiven() {
            fixture.given(WREN_ENROLLED)
                    .when(new GiveConsentCommand(
                            WREN,
                            RESEARCH,
                            ConsentKind.RESEARCH,
                            "evaluation",
                            GIVEN_ON.minusDays(1),
                            on(GIVEN_ON),
                            null))
                    .expectException(breaking(RuleViolation.CONSENT_EXPIRES_BEFORE_GIVEN))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give a second consent under the same id")
        void cannotGiveConsentUnderTheSameId() {
            fixture.given(WREN_ENROLLED, GIVEN)
                    .when(new GiveConsentCommand(
                            WREN, RESEARCH, ConsentKind.RESEARCH, "evaluation", EXPIRES_ON, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.DUPLICATE_ID))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant withdrawing consent")
    class Withdrawing {

        @Test
        @DisplayName("withdraws a consent she gave")
        void withdrawsConsent() {
            fixture.given(WREN_ENROLLED, GIVEN)
                    .when(new WithdrawConsentCommand(WREN, RESEARCH, on(MARCH_1), null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ConsentWithdrawnEvent(WREN, RESEARCH, on(MARCH_1), null));
        }

        @Test
        @DisplayName("cannot withdraw a consent she never gave")
        void cannotWithdrawAnUnknownConsent() {
            fixture.given(WREN_ENROLLED, GIVEN)
                    .when(new WithdrawConsentCommand(WREN, UNKNOWN_CONSENT, on(MARCH_1), null, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_CONSENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot withdraw a consent late, dated before she gave it")
        void cannotWithdrawBeforeItWasGiven() {
            fixture.given(WREN_ENROLLED, GIVEN)
                    .when(new WithdrawConsentCommand(WREN, RESEARCH, on(GIVEN_ON.minusDays(1)), null, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_CONSENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot withdraw a consent twice")
        void cannotWithdrawTwice() {
            fixture.given(WREN_ENROLLED, GIVEN, new ConsentWithdrawnEvent(WREN, RESEARCH, on(MARCH_1), null))
                    .when(new WithdrawConsentCommand(WREN, RESEARCH, on(TODAY), null, null))
                    .expectException(breaking(RuleViolation.CONSENT_ALREADY_WITHDRAWN))
                    .expectNoEvents();
        }
    }
}
