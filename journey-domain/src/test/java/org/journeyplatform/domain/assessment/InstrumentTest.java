package org.journeyplatform.domain.assessment;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.assessment.event.InstrumentDefinedEvent;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The instrument aggregate: instruments are data, defined and redefined by command. Defining is create-if-missing, so
 * the same command defines a new instrument and changes an existing one.
 */
@DisplayName("An assessment instrument")
class InstrumentTest {

    private static final InstrumentCode ORS = new InstrumentCode("ors");
    private static final List<InstrumentItem> ORS_ITEMS = List.of(
            new InstrumentItem("individually", "Personal well-being", 0, 10),
            new InstrumentItem("interpersonally", "Family, close relationships", 0, 10),
            new InstrumentItem("socially", "Work, school, friendships", 0, 10),
            new InstrumentItem("overall", "General sense of well-being", 0, 10));
    private static final InstrumentSubscale RELATIONSHIPS = new InstrumentSubscale(
            "relationships", "Relationships", List.of("interpersonally", "socially"), Scoring.MEAN);
    private static final InstrumentDefinedEvent ORS_DEFINED =
            new InstrumentDefinedEvent(ORS, "Outcome Rating Scale", ORS_ITEMS, List.of(), Scoring.SUM);

    private FixtureConfiguration<Instrument> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Instrument.class);
    }

    @Nested
    @DisplayName("an instrument not yet defined")
    class NotYetDefined {

        @Test
        @DisplayName("is defined with its items, subscales and how its total is scored, at revision 0")
        void isDefined() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(
                            ORS, " Outcome Rating Scale ", ORS_ITEMS, List.of(RELATIONSHIPS), Scoring.SUM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InstrumentDefinedEvent(
                            ORS, "Outcome Rating Scale", ORS_ITEMS, List.of(RELATIONSHIPS), Scoring.SUM))
                    .expectResultMessagePayload(0L);
        }

        @Test
        @DisplayName("is defined without subscales when none are given")
        void isDefinedWithoutSubscales() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(ORS, "Outcome Rating Scale", ORS_ITEMS, null, Scoring.SUM))
                    .expectEvents(ORS_DEFINED);
        }

        @Test
        @DisplayName("cannot be defined with an item twice")
        void cannotBeDefinedWithADuplicateItem() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(
                            ORS,
                            "Outcome Rating Scale",
                            List.of(ORS_ITEMS.get(0), new InstrumentItem("individually", "Again", 0, 10)),
                            List.of(),
                            Scoring.SUM))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be defined with a subscale that names an item it does not have")
        void cannotBeDefinedWithASubscaleNamingAnUnknownItem() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(
                            ORS,
                            "Outcome Rating Scale",
                            ORS_ITEMS,
                            List.of(new InstrumentSubscale(
                                    "mood", "Mood", List.of("individually", "mood"), Scoring.MEAN)),
                            Scoring.SUM))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be defined with a subscale twice")
        void cannotBeDefinedWithADuplicateSubscale() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(
                            ORS, "Outcome Rating Scale", ORS_ITEMS, List.of(RELATIONSHIPS, RELATIONSHIPS), Scoring.SUM))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be defined without a name")
        void cannotBeDefinedWithoutAName() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(ORS, "  ", ORS_ITEMS, List.of(), Scoring.SUM))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be defined without items")
        void cannotBeDefinedWithoutItems() {
            fixture.givenNoPriorActivity()
                    .when(new DefineInstrumentCommand(ORS, "Outcome Rating Scale", List.of(), List.of(), Scoring.NONE))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("an instrument already defined")
    class AlreadyDefined {

        @Test
        @DisplayName("is redefined by the same command, at the next revision")
        void isRedefined() {
            fixture.given(ORS_DEFINED)
                    .when(new DefineInstrumentCommand(
                            ORS, "Outcome Rating Scale", ORS_ITEMS, List.of(RELATIONSHIPS), Scoring.SUM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new InstrumentDefinedEvent(
                            ORS, "Outcome Rating Scale", ORS_ITEMS, List.of(RELATIONSHIPS), Scoring.SUM))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("cannot be redefined with a subscale that names an item it does not have")
        void cannotBeRedefinedWithASubscaleNamingAnUnknownItem() {
            fixture.given(ORS_DEFINED)
                    .when(new DefineInstrumentCommand(
                            ORS,
                            "Outcome Rating Scale",
                            ORS_ITEMS,
                            List.of(new InstrumentSubscale("mood", "Mood", List.of("mood"), Scoring.MEAN)),
                            Scoring.SUM))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
