package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.assessment.InstrumentItem;
import org.journeyplatform.domain.assessment.InstrumentSubscale;
import org.journeyplatform.domain.assessment.Scoring;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * What the journey tests share: a fixture with today's date, the registered programmes, peers and instruments, and
 * Wren's enrolment. All data is synthetic: "Wren" is a pseudonym, the programmes and peers are made up.
 */
final class JourneyTestSupport {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC);

    static final ParticipantId WREN = new ParticipantId("7c0e2b9a-4f1d-4a8e-9b53-2d6f0c1e8a47");

    /** A residential programme without a curriculum. */
    static final ProgrammeId HARBOUR_HOUSE = new ProgrammeId("b1d4e6f8-0a2c-4e6b-8d1f-3a5c7e9b0d21");
    /** A peer group that runs as a weekly curriculum. */
    static final ProgrammeId SISTERS_CIRCLE = new ProgrammeId("e2f4a6c8-1b3d-4f5a-9c7e-0d2b4f6a8c13");

    static final ProgrammeId NOT_REGISTERED = new ProgrammeId("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c65");
    static final ModuleId WEEK_1 = new ModuleId("week-01");
    static final ModuleId WEEK_2 = new ModuleId("week-02");
    static final ModuleId NOT_IN_CURRICULUM = new ModuleId("week-21");
    static final Map<ProgrammeId, List<CurriculumModule>> CURRICULA = Map.of(
            HARBOUR_HOUSE, List.of(),
            SISTERS_CIRCLE,
                    List.of(
                            new CurriculumModule(WEEK_1, "Arriving: safety and trust", 1),
                            new CurriculumModule(WEEK_2, "Shame, self-esteem and communication", 2)));
    static final ProgrammeDirectory PROGRAMMES = id -> Optional.ofNullable(CURRICULA.get(id));

    /** Robin, a volunteer facilitator, is the only registered peer. */
    static final PeerId ROBIN = new PeerId("5d3c1b0a-9e8f-4d7c-8b6a-4f3e2d1c0b9a");

    static final PeerId NOT_A_PEER = new PeerId("1f2e3d4c-5b6a-4978-8d9c-0e1f2a3b4c5d");
    static final PeerDirectory PEERS = Set.of(ROBIN)::contains;

    static final InstrumentCode ORS = new InstrumentCode("ors");
    static final InstrumentCode MOVERS = new InstrumentCode("movers");
    static final InstrumentCode NOT_DEFINED = new InstrumentCode("ladder");
    /** Outcome Rating Scale: four items scored 0 to 10, the total is their sum. Revision 0. */
    static final InstrumentDefinition ORS_DEFINITION = new InstrumentDefinition(
            ORS,
            0,
            "Outcome Rating Scale",
            List.of(
                    new InstrumentItem("individually", "Personal well-being", 0, 10),
                    new InstrumentItem("interpersonally", "Family, close relationships", 0, 10),
                    new InstrumentItem("socially", "Work, school, friendships", 0, 10),
                    new InstrumentItem("overall", "General sense of well-being", 0, 10)),
            List.of(),
            Scoring.SUM);
    /** MOVERS: thirteen items "1" to "13" scored 1 to 5, three subscales averaged, no total. Revision 2. */
    static final InstrumentDefinition MOVERS_DEFINITION = new InstrumentDefinition(
            MOVERS,
            2,
            "Measure of Victim Empowerment Related to Safety",
            IntStream.rangeClosed(1, 13)
                    .mapToObj(i -> new InstrumentItem(String.valueOf(i), "Item " + i, 1, 5))
                    .toList(),
            List.of(
                    new InstrumentSubscale(
                            "internal-tools", "Internal tools", List.of("1", "3", "5", "7", "9", "11"), Scoring.MEAN),
                    new InstrumentSubscale(
                            "expectation-of-support",
                            "Expectation of support",
                            List.of("4", "8", "12", "13"),
                            Scoring.MEAN),
                    new InstrumentSubscale("trade-offs", "Trade-offs", List.of("2", "6", "10"), Scoring.MEAN)),
            Scoring.NONE);

    static final InstrumentCatalogue INSTRUMENTS = code -> Optional.ofNullable(
            Map.of(ORS, ORS_DEFINITION, MOVERS, MOVERS_DEFINITION).get(code));

    static final LocalDate ENROLLED_ON = LocalDate.of(2026, 1, 10);
    static final LocalDate ENTERED_ON = LocalDate.of(2026, 2, 1);
    static final LocalDate EXITED_ON = LocalDate.of(2026, 3, 1);

    static final ParticipantEnrolledEvent WREN_ENROLLED = new ParticipantEnrolledEvent(
            WREN,
            "Wren",
            1990,
            ReferralSource.OUTREACH,
            on(ENROLLED_ON),
            AgeBand.AGE_35_TO_44,
            GenderIdentity.WOMAN,
            16);
    static final ProgrammeEnteredEvent WREN_ENTERED_HARBOUR_HOUSE =
            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, null);
    static final ProgrammeExitedEvent WREN_LEFT_HARBOUR_HOUSE =
            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.LEFT_BY_CHOICE, null);

    private JourneyTestSupport() {}

    /** A journey fixture that knows today's date, the registered programmes, peers and instruments. */
    static FixtureConfiguration<Journey> journeyFixture() {
        FixtureConfiguration<Journey> fixture = new AggregateTestFixture<>(Journey.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(new Directories(PROGRAMMES, PEERS, INSTRUMENTS));
        return fixture;
    }

    static OccurredOn on(LocalDate date) {
        return OccurredOn.on(date);
    }

    static OccurredOn at(LocalDate date, int hour, int minute) {
        return OccurredOn.at(date, LocalTime.of(hour, minute));
    }

    /**
     * Given events whose ids a test needs, for corrections and retractions. The fixture wraps every given event in a
     * new message with a generated identifier (a message passed to {@code given} keeps only its payload, metadata and
     * type), so the ids are read back from the fixture's event store: they stay the same when the journey is loaded.
     */
    static Given givenWithIds(FixtureConfiguration<Journey> fixture, Object... events) {
        TestExecutor<Journey> executor = fixture.given(events);
        List<String> ids = fixture.getEventStore()
                .readEvents(WREN.value())
                .asStream()
                .map(Message::getIdentifier)
                .toList();
        return new Given(executor, ids);
    }

    /** The fixture after the given events, and the ids the journey knows them by, in the order given. */
    record Given(TestExecutor<Journey> executor, List<String> ids) {

        String id(int index) {
            return ids.get(index);
        }
    }

    /** Matches a {@link JourneyRuleException} that names the given rule. */
    static Matcher<JourneyRuleException> breaking(RuleViolation rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(JourneyRuleException exception) {
                return exception.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a JourneyRuleException breaking rule ").appendValue(rule);
            }

            @Override
            protected void describeMismatchSafely(JourneyRuleException exception, Description description) {
                description
                        .appendText("it broke rule ")
                        .appendValue(exception.rule())
                        .appendText(": ")
                        .appendValue(exception.getMessage());
            }
        };
    }
}
