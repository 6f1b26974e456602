package org.journeyplatform.domain.programme;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The programme aggregate. The programme is made up. */
@DisplayName("A programme")
class ProgrammeTest {

    private static final ProgrammeId HARBOUR_HOUSE = new ProgrammeId("b1d4e6f8-0a2c-4e6b-8d1f-3a5c7e9b0d21");

    private FixtureConfiguration<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
    }

    @Nested
    @DisplayName("a programme not yet registered")
    class NotYetRegistered {

        @Test
        @DisplayName("is registered under its name, without surrounding spaces")
        void isRegisteredUnderItsName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(HARBOUR_HOUSE, "  Harbour House ", ProgrammeType.RESIDENTIAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeRegisteredEvent(HARBOUR_HOUSE, "Harbour House",
                            ProgrammeType.RESIDENTIAL));
        }

        @Test
        @DisplayName("cannot be registered under a blank name")
        void cannotBeRegisteredUnderABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(HARBOUR_HOUSE, "   ", ProgrammeType.RESIDENTIAL))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
