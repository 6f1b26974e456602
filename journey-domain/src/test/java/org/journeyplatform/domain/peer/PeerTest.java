package org.journeyplatform.domain.peer;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.peer.event.PeerRegisteredEvent;
import org.journeyplatform.domain.shared.PeerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The peer aggregate: people with lived experience who support participants. "Robin" is a made-up name. */
@DisplayName("A peer")
class PeerTest {

    private static final PeerId ROBIN = new PeerId("5d3c1b0a-9e8f-4d7c-8b6a-4f3e2d1c0b9a");

    private FixtureConfiguration<Peer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Peer.class);
    }

    @Nested
    @DisplayName("a peer not yet registered")
    class NotYetRegistered {

        @Test
        @DisplayName("is registered under the name participants know them by, with their training hours")
        void isRegistered() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterPeerCommand(ROBIN, "  Robin ", PeerRole.VOLUNTEER_FACILITATOR, 24))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PeerRegisteredEvent(ROBIN, "Robin", PeerRole.VOLUNTEER_FACILITATOR, 24));
        }

        @Test
        @DisplayName("is registered without training yet")
        void isRegisteredWithoutTraining() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterPeerCommand(ROBIN, "Robin", PeerRole.SPONSOR, 0))
                    .expectEvents(new PeerRegisteredEvent(ROBIN, "Robin", PeerRole.SPONSOR, 0));
        }

        @Test
        @DisplayName("cannot be registered under a blank name")
        void cannotBeRegisteredUnderABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterPeerCommand(ROBIN, "   ", PeerRole.PEER_WORKER, 24))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be registered with negative training hours")
        void cannotBeRegisteredWithNegativeHours() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterPeerCommand(ROBIN, "Robin", PeerRole.PEER_WORKER, -1))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be registered with more than 10,000 training hours")
        void cannotBeRegisteredWithImplausibleHours() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterPeerCommand(ROBIN, "Robin", PeerRole.PEER_WORKER, 10_001))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
