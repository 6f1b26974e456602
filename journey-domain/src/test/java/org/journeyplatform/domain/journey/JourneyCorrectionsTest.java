package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.EXITED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_REGISTERED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ORS;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_LEFT_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.at;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.givenWithIds;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.JourneyTestSupport.Given;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * History is never rewritten: a mistake is corrected, or an event retracted, by a new event that says so with a reason.
 * The corrected or retracted record must still fit in life order. Corrections and retractions are dated today.
 * Synthetic data only.
 */
@DisplayName("Corrections and retractions in a participant's record")
class JourneyCorrectionsTest {

    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final String REASON = "typed from the wrong intake form";
    private static final RelapseRecordedEvent RELAPSED = new RelapseRecordedEvent(
            WREN,
            on(ENTERED_ON.plusDays(10)),
            RelapseKind.DRUG_OR_ALCOHOL_USE,
            RelapseSeverity.LOW,
            Set.of(SupportKind.COUNSELLING),
            null);

    // indexes of the given events in her record
    private static final int ENROLMENT = 0;
    private static final int ENTRY = 1;
    private static final int EXIT = 2;

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    /** Enrolled, entered Harbour House on 1 February, left it on 1 March. */
    private Given aStayThatEnded() {
        return givenWithIds(fixture, WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE);
    }

    @Nested
    @DisplayName("a correction")
    class Corrections {

        @Test
        @DisplayName("of an exit's date and reason is recorded with its reason, dated today")
        void ofAnExitsDateAndReasonIsRecorded() {
            Given given = aStayThatEnded();
            Map<String, String> values = Map.of("occurredOn", "2026-03-05", "reason", "COMPLETED");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), values, "  " + REASON + " ", null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(EXIT), values, REASON, on(TODAY)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("of the time of day something happened is recorded")
        void ofTheTimeOfDayIsRecorded() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            Map<String, String> values = Map.of("occurredAt", "22:30");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), values, REASON, null))
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(1), values, REASON, on(TODAY)));
        }

        @Test
        @DisplayName("of what a relapse was and the support that followed is recorded")
        void ofARelapseIsRecorded() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            Map<String, String> values = Map.of(
                    "kind",
                    "CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER",
                    "supportFollowed",
                    "SAFETY_PLANNING, PEER_SUPPORT",
                    "severity",
                    "");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), values, REASON, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(1), values, REASON, on(TODAY)));
        }

        @Test
        @DisplayName("of her chosen name at enrolment is recorded")
        void ofHerChosenNameIsRecorded() {
            Given given = aStayThatEnded();
            Map<String, String> values = Map.of("chosenName", "Wren M.");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(ENROLMENT), values, REASON, null))
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(ENROLMENT), values, REASON, on(TODAY)));
        }

        @Test
        @DisplayName("counts from then on: an exit corrected to a later date makes an entry before it a misfit")
        void countsFromThenOn() {
            Given given = aStayThatEnded();
            given.executor()
                    .andGiven(new EventCorrectedEvent(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-20"), REASON, on(TODAY)))
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(10)), null, null))
                    .expectException(breaking(RuleViolation.ENTRY_BEFORE_PREVIOUS_EXIT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("counts from then on: after the exit is corrected to a later date she can return from that date")
        void countsFromThenOnForAReturn() {
            Given given = aStayThatEnded();
            given.executor()
                    .andGiven(new EventCorrectedEvent(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-20"), REASON, on(TODAY)))
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(LocalDate.of(2026, 3, 20)), null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(LocalDate.of(2026, 3, 20)), true, null));
        }

        @Test
        @DisplayName("can be corrected again, from the corrected values")
        void canBeCorrectedAgain() {
            Given given = aStayThatEnded();
            Map<String, String> values = Map.of("occurredOn", "2026-03-25");
            given.executor()
                    .andGiven(new EventCorrectedEvent(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-20"), REASON, on(TODAY)))
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), values, "the date was still wrong", null))
                    .expectEvents(new EventCorrectedEvent(
                            WREN, given.id(EXIT), values, "the date was still wrong", on(TODAY)));
        }

        @Test
        @DisplayName("that gives only the values the event already holds is refused")
        void thatChangesNothingIsRefused() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredOn", EXITED_ON.toString()), REASON, null))
                    .expectException(breaking(RuleViolation.CORRECTION_CHANGES_NOTHING))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("that gives again the values an earlier correction gave (with spaces around) is refused")
        void thatRepeatsAnEarlierCorrectionIsRefused() {
            Given given = aStayThatEnded();
            given.executor()
                    .andGiven(new EventCorrectedEvent(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-20"), REASON, on(TODAY)))
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredOn", " 2026-03-20 "), REASON, null))
                    .expectException(breaking(RuleViolation.CORRECTION_CHANGES_NOTHING))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot move an exit past her return to the programme")
        void cannotMoveAnExitPastHerReturn() {
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    WREN_ENTERED_HARBOUR_HOUSE,
                    WREN_LEFT_HARBOUR_HOUSE,
                    new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), true, null));
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-04-15"), REASON, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot move an exit before her entry")
        void cannotMoveAnExitBeforeHerEntry() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredOn", "2026-01-31"), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot move an event before her enrolment")
        void cannotMoveAnEventBeforeHerEnrolment() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of("occurredOn", "2026-01-09"), REASON, null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot move an event into the future")
        void cannotMoveAnEventIntoTheFuture() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN,
                            given.id(1),
                            Map.of("occurredOn", TODAY.plusDays(1).toString()),
                            REASON,
                            null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot move her enrolment after other events")
        void cannotMoveHerEnrolmentAfterOtherEvents() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(ENROLMENT), Map.of("occurredOn", "2026-02-15"), REASON, null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can move her enrolment earlier")
        void canMoveHerEnrolmentEarlier() {
            Given given = aStayThatEnded();
            Map<String, String> values = Map.of("occurredOn", "2025-12-01");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(ENROLMENT), values, REASON, null))
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(ENROLMENT), values, REASON, on(TODAY)));
        }

        @Test
        @DisplayName("cannot empty her chosen name")
        void cannotEmptyHerChosenName() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(ENROLMENT), Map.of("chosenName", " "), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("is checked as it is stored: a name of no-break spaces empties it (refused), and a time with one"
                + " after it is the time")
        void checkedAsStored() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(ENROLMENT), Map.of("chosenName", "\u00A0\u3000"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
            Given relapse = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            relapse.executor()
                    .when(new CorrectEventCommand(
                            WREN, relapse.id(1), Map.of("occurredAt", "22:30\u00A0"), REASON, null))
                    .expectEvents(new EventCorrectedEvent(
                            WREN, relapse.id(1), Map.of("occurredAt", "22:30"), REASON, on(TODAY)));
        }

        @Test
        @DisplayName("cannot give her an implausible year of birth")
        void cannotGiveAnImplausibleYearOfBirth() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(ENROLMENT), Map.of("yearOfBirth", "1850"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give a whole number in other digits than 0 to 9, or with a plus sign, which no read model "
                + "could read")
        void cannotGiveOtherDigits() {
            for (String year : java.util.List.of("１９９２", "١٩٨٠", "+1990", "1 990", "1990.0")) {
                Given given = aStayThatEnded();
                given.executor()
                        .when(new CorrectEventCommand(
                                WREN, given.id(ENROLMENT), Map.of("yearOfBirth", year), REASON, null))
                        .expectException(IllegalArgumentException.class)
                        .expectExceptionMessage("'yearOfBirth' has a value of the wrong form.")
                        .expectNoEvents();
            }
        }

        @Test
        @DisplayName("cannot move an event to an implausible date (before 1900 or after 2100)")
        void cannotGiveAnImplausibleDate() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(ENROLMENT), Map.of("occurredOn", "0001-01-01"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage("'occurredOn' must be a date between 1900-01-01 and 2100-12-31.")
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot make what its command would refuse: an entry into a programme nobody registered")
        void cannotNameAnUnregisteredProgramme() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(ENTRY), Map.of("programmeId", NOT_REGISTERED.value()), REASON, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot make what its command would refuse: a profile update with an implausible year of birth")
        void cannotMakeAnImplausibleProfileUpdate() {
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    new ProfileDetailsUpdatedEvent(WREN, null, 1991, null, null, null, null, on(ENTERED_ON)));
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of("yearOfBirth", "1850"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot empty what an event needs, such as the programme of an entry")
        void cannotEmptyARequiredValue() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(ENTRY), Map.of("programmeId", " "), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can empty what an event may lack, such as the severity of a relapse")
        void canEmptyAnOptionalValue() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of("severity", ""), REASON, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("cannot name a field the event does not have")
        void cannotNameAnUnknownField() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), Map.of("exitedOn", "2026-03-05"), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot change a field the platform computes, such as whether an entry was a re-entry")
        void cannotChangeAComputedField() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(ENTRY), Map.of("reentry", "true"), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot change whose journey the event belongs to")
        void cannotChangeWhoseJourneyItIs() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN,
                            given.id(ENTRY),
                            Map.of("participantId", "0f1e2d3c-4b5a-4697-8877-665544332211"),
                            REASON,
                            null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot change an assessment reading field by field")
        void cannotChangeAnAssessment() {
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    new AssessmentRecordedEvent(
                            WREN,
                            ORS,
                            0,
                            Map.of("individually", 6, "interpersonally", 5, "socially", 7, "overall", 4),
                            22.0,
                            Map.of(),
                            on(ENTERED_ON)));
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of("occurredOn", "2026-02-02"), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot name an event her record does not have")
        void cannotNameAnUnknownEvent() {
            aStayThatEnded()
                    .executor()
                    .when(new CorrectEventCommand(
                            WREN, "4d1f0c2e-unknown", Map.of("occurredOn", "2026-03-05"), REASON, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_EVENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be made to a retracted event")
        void cannotBeMadeToARetractedEvent() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .andGiven(new EventRetractedEvent(WREN, given.id(1), REASON, on(TODAY)))
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of("severity", "HIGH"), REASON, null))
                    .expectException(breaking(RuleViolation.ALREADY_RETRACTED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be made without saying why")
        void cannotBeMadeWithoutAReason() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-05"), "  ", null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be made without naming a field")
        void cannotBeMadeWithoutAField() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), Map.of(), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give a value of the wrong form")
        void cannotGiveAValueOfTheWrongForm() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredOn", "first of March"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give a time finer than a microsecond, which the read models could not keep")
        void cannotGiveATimeFinerThanAMicrosecond() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(
                            WREN, given.id(EXIT), Map.of("occurredAt", "10:00:00.123456789"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage("'occurredAt' must be a time to the microsecond at most.")
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot give a reason for leaving that does not exist")
        void cannotGiveAnUnknownEnumValue() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(EXIT), Map.of("reason", "FAILED"), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a retraction")
    class Retractions {

        @Test
        @DisplayName("of a relapse is recorded with its reason, dated today")
        void ofARelapseIsRecorded() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, RELAPSED);
            given.executor()
                    .when(new RetractEventCommand(
                            WREN, given.id(2), " recorded in the wrong participant's record ", null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new EventRetractedEvent(
                            WREN, given.id(2), "recorded in the wrong participant's record", on(TODAY)))
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("of an entry whose exit remains is refused: she would leave a programme she was not in")
        void ofAnEntryWhoseExitRemainsIsRefused() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new RetractEventCommand(WREN, given.id(ENTRY), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("of the entry, once its exit is retracted, is recorded")
        void ofTheEntryAfterItsExitIsRecorded() {
            Given given = aStayThatEnded();
            given.executor()
                    .andGiven(new EventRetractedEvent(WREN, given.id(EXIT), REASON, on(TODAY)))
                    .when(new RetractEventCommand(WREN, given.id(ENTRY), REASON, null))
                    .expectEvents(new EventRetractedEvent(WREN, given.id(ENTRY), REASON, on(TODAY)));
        }

        @Test
        @DisplayName("of a goal whose progress remains is refused")
        void ofAGoalWhoseProgressRemainsIsRefused() {
            GoalId goal = new GoalId("goal-ged");
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    new GoalSetEvent(WREN, goal, "my GED", on(ENTERED_ON)),
                    new GoalProgressNotedEvent(WREN, goal, "passed the maths paper", on(EXITED_ON)));
            given.executor()
                    .when(new RetractEventCommand(WREN, given.id(1), REASON, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_GOAL))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("of her enrolment is refused: it is corrected, or her record erased")
        void ofHerEnrolmentIsRefused() {
            Given given = aStayThatEnded();
            given.executor()
                    .when(new RetractEventCommand(WREN, given.id(ENROLMENT), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_CORRECTABLE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("of an event already retracted is refused")
        void ofAnEventAlreadyRetractedIsRefused() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .andGiven(new EventRetractedEvent(WREN, given.id(1), REASON, on(TODAY)))
                    .when(new RetractEventCommand(WREN, given.id(1), REASON, null))
                    .expectException(breaking(RuleViolation.ALREADY_RETRACTED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("of an event her record does not have is refused")
        void ofAnUnknownEventIsRefused() {
            aStayThatEnded()
                    .executor()
                    .when(new RetractEventCommand(WREN, "4d1f0c2e-unknown", REASON, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_EVENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("of a correction is refused: a correction is corrected again instead")
        void ofACorrectionIsRefused() {
            Given given = aStayThatEnded();
            EventCorrectedEvent corrected = new EventCorrectedEvent(
                    WREN, given.id(EXIT), Map.of("occurredOn", "2026-03-05"), REASON, on(TODAY));
            given.executor().andGiven(corrected);
            String correctionId = fixture.getEventStore()
                    .readEvents(WREN.value())
                    .asStream()
                    .toList()
                    .get(3)
                    .getIdentifier();
            given.executor()
                    .when(new RetractEventCommand(WREN, correctionId, REASON, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_EVENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be made without saying why")
        void cannotBeMadeWithoutAReason() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, RELAPSED);
            given.executor()
                    .when(new RetractEventCommand(WREN, given.id(1), " ", null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant whose exit was retracted")
    class ExitRetracted {

        private Given exitRetracted() {
            Given given = aStayThatEnded();
            given.executor().andGiven(new EventRetractedEvent(WREN, given.id(EXIT), REASON, on(TODAY)));
            return given;
        }

        @Test
        @DisplayName("is back in the programme, so she cannot enter it again")
        void cannotEnterAgain() {
            exitRetracted()
                    .executor()
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(APRIL_1), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("is back in the programme, so she can leave it")
        void canLeave() {
            exitRetracted()
                    .executor()
                    .when(new ExitProgrammeCommand(WREN, HARBOUR_HOUSE, on(APRIL_1), ExitReason.COMPLETED, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("is back in the programme, and can leave it on the date of the retracted exit")
        void canLeaveOnTheDateOfTheRetractedExit() {
            exitRetracted()
                    .executor()
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.TRANSFERRED, null, null))
                    .expectEvents(
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.TRANSFERRED, null));
        }
    }

    @Nested
    @DisplayName("a participant whose whole stay was retracted")
    class StayRetracted {

        @Test
        @DisplayName("enters the programme as if for the first time, which is not a re-entry")
        void entersAsIfForTheFirstTime() {
            Given given = aStayThatEnded();
            given.executor()
                    .andGiven(
                            new EventRetractedEvent(WREN, given.id(EXIT), REASON, on(TODAY)),
                            new EventRetractedEvent(WREN, given.id(ENTRY), REASON, on(TODAY)))
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(ENTERED_ON.minusDays(5)), null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON.minusDays(5)), false, null));
        }
    }

    @Nested
    @DisplayName("a participant with a timed event")
    class TimesOfDay {

        @Test
        @DisplayName("has an exit later the same day as her entry corrected to a time after it")
        void hasAnExitCorrectedToALaterTime() {
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, at(ENTERED_ON, 9, 0), false, null),
                    new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, at(ENTERED_ON, 17, 0), ExitReason.TRANSFERRED, null));
            Map<String, String> values = Map.of("occurredAt", "16:00");
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(2), values, REASON, null))
                    .expectEvents(new EventCorrectedEvent(WREN, given.id(2), values, REASON, on(TODAY)));
        }

        @Test
        @DisplayName("cannot have an exit corrected to a time before her entry that day")
        void cannotHaveAnExitCorrectedToBeforeHerEntry() {
            Given given = givenWithIds(
                    fixture,
                    WREN_ENROLLED,
                    new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, at(ENTERED_ON, 9, 0), false, null),
                    new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, at(ENTERED_ON, 17, 0), ExitReason.TRANSFERRED, null));
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(2), Map.of("occurredAt", "08:00"), REASON, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }
    }
}
