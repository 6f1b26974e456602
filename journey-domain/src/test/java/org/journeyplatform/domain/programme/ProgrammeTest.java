package org.journeyplatform.domain.programme;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The programme aggregate. The programmes are made up. */
@DisplayName("A programme")
class ProgrammeTest {

    private static final ProgrammeId HARBOUR_HOUSE = new ProgrammeId("b1d4e6f8-0a2c-4e6b-8d1f-3a5c7e9b0d21");
    private static final ProgrammeId SISTERS_CIRCLE = new ProgrammeId("e2f4a6c8-1b3d-4f5a-9c7e-0d2b4f6a8c13");
    private static final CurriculumModule WEEK_1 =
            new CurriculumModule(new ModuleId("week-01"), "Arriving: safety and trust", 1);
    private static final CurriculumModule WEEK_2 =
            new CurriculumModule(new ModuleId("week-02"), "Shame, self-esteem and communication", 2);

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
                    .when(new RegisterProgrammeCommand(
                            HARBOUR_HOUSE, "  Harbour House ", ProgrammeType.RESIDENTIAL, List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeRegisteredEvent(
                            HARBOUR_HOUSE, "Harbour House", ProgrammeType.RESIDENTIAL, List.of()));
        }

        @Test
        @DisplayName("is registered without a curriculum when none is given")
        void isRegisteredWithoutACurriculum() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(HARBOUR_HOUSE, "Harbour House", ProgrammeType.RESIDENTIAL, null))
                    .expectEvents(new ProgrammeRegisteredEvent(
                            HARBOUR_HOUSE, "Harbour House", ProgrammeType.RESIDENTIAL, List.of()));
        }

        @Test
        @DisplayName("is registered with its curriculum of modules, in order")
        void isRegisteredWithItsCurriculum() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(
                            SISTERS_CIRCLE, "Sisters' Circle", ProgrammeType.PEER_GROUP, List.of(WEEK_1, WEEK_2)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeRegisteredEvent(
                            SISTERS_CIRCLE, "Sisters' Circle", ProgrammeType.PEER_GROUP, List.of(WEEK_1, WEEK_2)));
        }

        @Test
        @DisplayName("cannot be registered under a blank name")
        void cannotBeRegisteredUnderABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(HARBOUR_HOUSE, "   ", ProgrammeType.RESIDENTIAL, List.of()))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be registered with a module that appears twice in its curriculum")
        void cannotBeRegisteredWithADuplicateModule() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(
                            SISTERS_CIRCLE,
                            "Sisters' Circle",
                            ProgrammeType.PEER_GROUP,
                            List.of(WEEK_1, new CurriculumModule(WEEK_1.moduleId(), "Arriving again", 3))))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be registered with a module without a title")
        void cannotBeRegisteredWithAnUntitledModule() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(
                            SISTERS_CIRCLE,
                            "Sisters' Circle",
                            ProgrammeType.PEER_GROUP,
                            List.of(new CurriculumModule(new ModuleId("week-01"), "  ", 1))))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
