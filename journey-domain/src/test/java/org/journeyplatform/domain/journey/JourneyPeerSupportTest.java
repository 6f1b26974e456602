package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_A_PEER;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ROBIN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Peer mentors and peer sessions. Robin is the only registered peer; all data is synthetic. */
@DisplayName("A participant's peer support")
class JourneyPeerSupportTest {

    private static final LocalDate ASSIGNED_ON = ENTERED_ON;
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final PeerMentorAssignedEvent ROBIN_ASSIGNED =
            new PeerMentorAssignedEvent(WREN, ROBIN, on(ASSIGNED_ON));

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a participant without a peer mentor")
    class WithoutAMentor {

        @Test
        @DisplayName("has a registered peer assigned as her mentor")
        void hasAPeerAssigned() {
            fixture.given(WREN_ENROLLED)
                    .when(new AssignPeerMentorCommand(WREN, ROBIN, on(ASSIGNED_ON), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(ROBIN_ASSIGNED)
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("cannot have a peer assigned who is not registered")
        void cannotHaveAnUnknownPeerAssigned() {
            fixture.given(WREN_ENROLLED)
                    .when(new AssignPeerMentorCommand(WREN, NOT_A_PEER, on(ASSIGNED_ON), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PEER))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a mentoring ended that never began")
        void cannotEndAMentoringThatNeverBegan() {
            fixture.given(WREN_ENROLLED)
                    .when(new EndPeerMentorAssignmentCommand(WREN, ROBIN, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.PEER_NOT_MENTOR))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant with a peer mentor")
    class WithAMentor {

        @Test
        @DisplayName("cannot have the same peer assigned again")
        void cannotHaveTheSamePeerAssignedAgain() {
            fixture.given(WREN_ENROLLED, ROBIN_ASSIGNED)
                    .when(new AssignPeerMentorCommand(WREN, ROBIN, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.PEER_ALREADY_MENTOR))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has the mentoring ended, with a note")
        void hasTheMentoringEnded() {
            fixture.given(WREN_ENROLLED, ROBIN_ASSIGNED)
                    .when(new EndPeerMentorAssignmentCommand(
                            WREN, ROBIN, " Robin moved to another city ", on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PeerMentorAssignmentEndedEvent(
                            WREN, ROBIN, "Robin moved to another city", on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot have the mentoring ended late, dated before it began")
        void cannotHaveTheMentoringEndedBeforeItBegan() {
            fixture.given(WREN_ENROLLED, ROBIN_ASSIGNED)
                    .when(new EndPeerMentorAssignmentCommand(WREN, ROBIN, null, on(ASSIGNED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.PEER_NOT_MENTOR))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has the same peer assigned again after the mentoring ended")
        void hasTheSamePeerAssignedAgainAfterItEnded() {
            fixture.given(
                            WREN_ENROLLED,
                            ROBIN_ASSIGNED,
                            new PeerMentorAssignmentEndedEvent(WREN, ROBIN, null, on(MARCH_1)))
                    .when(new AssignPeerMentorCommand(WREN, ROBIN, on(TODAY), null))
                    .expectEvents(new PeerMentorAssignedEvent(WREN, ROBIN, on(TODAY)));
        }

        @Test
        @DisplayName("cannot have the mentoring ended twice")
        void cannotHaveTheMentoringEndedTwice() {
            fixture.given(
                            WREN_ENROLLED,
                            ROBIN_ASSIGNED,
                            new PeerMentorAssignmentEndedEvent(WREN, ROBIN, null, on(MARCH_1)))
                    .when(new EndPeerMentorAssignmentCommand(WREN, ROBIN, null, on(TODAY), null))
                    .expectException(breaking(RuleViolation.PEER_NOT_MENTOR))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant at a peer session")
    class Sessions {

        @Test
        @DisplayName("attends a one-to-one session with a registered peer")
        void attendsAOneToOneSession() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN,
                            ROBIN,
                            PeerSessionKind.ONE_TO_ONE,
                            50,
                            " talked about the first months out ",
                            on(MARCH_1),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PeerSessionAttendedEvent(
                            WREN,
                            ROBIN,
                            PeerSessionKind.ONE_TO_ONE,
                            50,
                            "talked about the first months out",
                            on(MARCH_1)));
        }

        @Test
        @DisplayName("attends a group session without a peer named or its length recorded")
        void attendsAGroupSessionWithoutAPeer() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN, null, PeerSessionKind.GROUP, null, null, on(MARCH_1), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new PeerSessionAttendedEvent(WREN, null, PeerSessionKind.GROUP, null, null, on(MARCH_1)));
        }

        @Test
        @DisplayName("attends sessions lasting a minute or a whole day")
        void attendsSessionsAtTheLimits() {
            fixture.given(
                            WREN_ENROLLED,
                            new PeerSessionAttendedEvent(
                                    WREN, ROBIN, PeerSessionKind.ONE_TO_ONE, 1, null, on(ENROLLED_ON)))
                    .when(new RecordPeerSessionCommand(
                            WREN, ROBIN, PeerSessionKind.GROUP, 24 * 60, null, on(MARCH_1), null))
                    .expectEvents(new PeerSessionAttendedEvent(
                            WREN, ROBIN, PeerSessionKind.GROUP, 24 * 60, null, on(MARCH_1)));
        }

        @Test
        @DisplayName("cannot attend a session with a peer who is not registered")
        void cannotAttendASessionWithAnUnknownPeer() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN, NOT_A_PEER, PeerSessionKind.ONE_TO_ONE, 30, null, on(MARCH_1), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PEER))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a session lasting no time")
        void cannotAttendASessionOfNoMinutes() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN, ROBIN, PeerSessionKind.ONE_TO_ONE, 0, null, on(MARCH_1), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a session lasting more than a day")
        void cannotAttendASessionLongerThanADay() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN, null, PeerSessionKind.GROUP, 24 * 60 + 1, null, on(MARCH_1), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a session dated before her enrolment")
        void cannotAttendASessionBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPeerSessionCommand(
                            WREN, ROBIN, PeerSessionKind.GROUP, 90, null, on(ENROLLED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }
    }
}
