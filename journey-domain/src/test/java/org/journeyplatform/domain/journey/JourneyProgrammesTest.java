package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.EXITED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_IN_CURRICULUM;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_REGISTERED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ROBIN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.SISTERS_CIRCLE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WEEK_1;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WEEK_2;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_LEFT_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ModuleAttendedEvent;
import org.journeyplatform.domain.journey.event.ModuleCompletedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Programme stays recorded late, and curriculum modules. Her record is judged in life order: an event recorded late
 * must fit where it happened, and everything after it must still fit. Synthetic data only.
 */
@DisplayName("A participant's programme stays and modules")
class JourneyProgrammesTest {

    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a past stay recorded as a whole")
    class PastStays {

        @Test
        @DisplayName("is recorded as her entry and her exit together, the note going with the entry")
        void isRecordedAsAnEntryAndAnExit() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENTERED_ON),
                            on(EXITED_ON),
                            ExitReason.COMPLETED,
                            " found through an old case file ",
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(
                                    WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, "found through an old case file"),
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null))
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("can last a single day")
        void canLastASingleDay() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON), on(ENTERED_ON), ExitReason.TRANSFERRED, null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, null),
                            new ProgrammeExitedEvent(
                                    WREN, HARBOUR_HOUSE, on(ENTERED_ON), ExitReason.TRANSFERRED, null));
        }

        @Test
        @DisplayName("is accepted late, in life order before the stay she is in now")
        void isAcceptedBeforeHerCurrentStay() {
            fixture.given(WREN_ENROLLED, new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), false, null))
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENTERED_ON),
                            on(EXITED_ON),
                            ExitReason.RETURNED_TO_SEX_TRADE,
                            null,
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, null),
                            new ProgrammeExitedEvent(
                                    WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.RETURNED_TO_SEX_TRADE, null));
        }

        @Test
        @DisplayName("after an earlier stay in the same programme is a re-entry")
        void afterAnEarlierStayIsAReentry() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, HARBOUR_HOUSE, on(APRIL_1), on(MAY_1), ExitReason.COMPLETED, null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), true, null),
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(MAY_1), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("starting on the day an earlier stay ended is accepted")
        void startingOnTheDayAnEarlierStayEndedIsAccepted() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), on(APRIL_1), ExitReason.COMPLETED, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), true, null),
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("cannot overlap the stay she is in now")
        void cannotOverlapHerCurrentStay() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), on(APRIL_1), ExitReason.COMPLETED, null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot overlap the start of a stay recorded before")
        void cannotOverlapTheStartOfAnotherStay() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENROLLED_ON.plusDays(5)),
                            on(ENTERED_ON.plusDays(10)),
                            ExitReason.COMPLETED,
                            null,
                            null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot lie within a stay recorded before")
        void cannotLieWithinAnotherStay() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENTERED_ON.plusDays(5)),
                            on(ENTERED_ON.plusDays(10)),
                            ExitReason.COMPLETED,
                            null,
                            null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot end before it started")
        void cannotEndBeforeItStarted() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), on(ENTERED_ON), ExitReason.COMPLETED, null, null))
                    .expectException(breaking(RuleViolation.EXIT_BEFORE_ENTRY))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be in a programme that is not registered")
        void cannotBeInAnUnregisteredProgramme() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN, NOT_REGISTERED, on(ENTERED_ON), on(EXITED_ON), ExitReason.COMPLETED, null, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot start before her enrolment")
        void cannotStartBeforeHerEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENROLLED_ON.minusDays(30)),
                            on(ENTERED_ON),
                            ExitReason.COMPLETED,
                            null,
                            null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot end in the future")
        void cannotEndInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordPastProgrammeStayCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(ENTERED_ON),
                            on(TODAY.plusDays(1)),
                            ExitReason.COMPLETED,
                            null,
                            null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("an entry or exit recorded late")
    class LateEntriesAndExits {

        @Test
        @DisplayName("cannot be an entry dated before a later exit from that programme")
        void cannotBeAnEntryBeforeALaterExit() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(ENROLLED_ON.plusDays(5)), null, null))
                    .expectException(breaking(RuleViolation.ENTRY_BEFORE_PREVIOUS_EXIT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be an entry that a later entry no longer fits after")
        void cannotBeAnEntryThatALaterEntryNoLongerFitsAfter() {
            fixture.given(
                            WREN_ENROLLED,
                            WREN_ENTERED_HARBOUR_HOUSE,
                            WREN_LEFT_HARBOUR_HOUSE,
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), true, null))
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(10)), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can be an entry into another programme, before things recorded since")
        void canBeAnEntryIntoAnotherProgramme() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(10)), null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(10)), false, null));
        }

        /** Recorded: her entry of April, then a whole stay of February, before it in her life. */
        private Object[] recordedOutOfLifeOrder() {
            return new Object[] {
                WREN_ENROLLED,
                new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(APRIL_1), false, null),
                new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, null),
                new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null)
            };
        }

        @Test
        @DisplayName("given a stay recorded after the one she is in now, she is still judged to be in the later one")
        void herCurrentStayIsTheLatestInHerLife() {
            fixture.given(recordedOutOfLifeOrder())
                    .when(new ExitProgrammeCommand(WREN, HARBOUR_HOUSE, on(MAY_1), ExitReason.COMPLETED, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(MAY_1), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("given a stay recorded after the one she is in now, a new entry is refused: she is in one")
        void aNewEntryAfterHerCurrentStayIsRefused() {
            fixture.given(recordedOutOfLifeOrder())
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(MAY_1), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can be an exit, before things recorded since")
        void canBeAnExitBeforeLaterEvents() {
            RelapseRecordedEvent relapsed =
                    new RelapseRecordedEvent(WREN, on(APRIL_1), RelapseKind.DRUG_OR_ALCOHOL_USE, null, Set.of(), null);
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, relapsed)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("cannot be an exit after which her later exit no longer fits")
        void cannotBeAnExitThatALaterExitNoLongerFitsAfter() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON.plusDays(10)), ExitReason.LEFT_BY_CHOICE, null, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be dated before her enrolment, whatever was recorded since")
        void cannotBeDatedBeforeHerEnrolment() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordMilestoneCommand(
                            WREN, on(ENROLLED_ON.minusDays(1)), MilestoneType.STABLE_HOUSING, null, null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("is judged from where it falls in her life on: what came before it stays as it was accepted")
        void isJudgedFromWhereItFalls() {
            // stored by an earlier version whose rules allowed it: an exit with no entry before it
            ProgrammeExitedEvent exitWithoutEntry = new ProgrammeExitedEvent(
                    WREN, SISTERS_CIRCLE, on(ENROLLED_ON.plusDays(2)), ExitReason.LEFT_BY_CHOICE, null);
            fixture.given(WREN_ENROLLED, exitWithoutEntry, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordMilestoneCommand(
                            WREN, on(ENTERED_ON.plusDays(3)), MilestoneType.STABLE_HOUSING, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new MilestoneReachedEvent(
                            WREN, on(ENTERED_ON.plusDays(3)), MilestoneType.STABLE_HOUSING, null));
        }

        @Test
        @DisplayName("is refused when it breaks what comes after it, however much came before it")
        void isRefusedWhenItBreaksWhatFollows() {
            fixture.given(
                            WREN_ENROLLED,
                            new MilestoneReachedEvent(
                                    WREN, on(ENROLLED_ON.plusDays(1)), MilestoneType.STABLE_HOUSING, null),
                            WREN_ENTERED_HARBOUR_HOUSE,
                            WREN_LEFT_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON.plusDays(10)), ExitReason.LEFT_BY_CHOICE, null, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can be a milestone on the day of her enrolment, after things recorded since")
        void canBeAMilestoneOnHerEnrolmentDay() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordMilestoneCommand(WREN, on(ENROLLED_ON), MilestoneType.STABLE_HOUSING, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new MilestoneReachedEvent(WREN, on(ENROLLED_ON), MilestoneType.STABLE_HOUSING, null));
        }
    }

    @Nested
    @DisplayName("a participant in a programme with a curriculum")
    class Modules {

        private final ProgrammeEnteredEvent enteredSistersCircle =
                new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON), false, null);

        @Test
        @DisplayName("attends a session of one of its modules")
        void attendsAModule() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleAttendanceCommand(
                            WREN, SISTERS_CIRCLE, WEEK_1, on(ENTERED_ON.plusDays(3)), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModuleAttendedEvent(WREN, SISTERS_CIRCLE, WEEK_1, on(ENTERED_ON.plusDays(3))))
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("completes one of its modules")
        void completesAModule() {
            fixture.given(
                            WREN_ENROLLED,
                            enteredSistersCircle,
                            new ModuleAttendedEvent(WREN, SISTERS_CIRCLE, WEEK_2, on(ENTERED_ON.plusDays(10))))
                    .when(new RecordModuleCompletionCommand(
                            WREN, SISTERS_CIRCLE, WEEK_2, on(ENTERED_ON.plusDays(14)), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModuleCompletedEvent(WREN, SISTERS_CIRCLE, WEEK_2, on(ENTERED_ON.plusDays(14))));
        }

        @Test
        @DisplayName("has a session recorded late, during an earlier stay")
        void hasASessionRecordedLateDuringAnEarlierStay() {
            fixture.given(
                            WREN_ENROLLED,
                            enteredSistersCircle,
                            new ProgrammeExitedEvent(WREN, SISTERS_CIRCLE, on(EXITED_ON), ExitReason.COMPLETED, null))
                    .when(new RecordModuleAttendanceCommand(
                            WREN, SISTERS_CIRCLE, WEEK_1, on(ENTERED_ON.plusDays(3)), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModuleAttendedEvent(WREN, SISTERS_CIRCLE, WEEK_1, on(ENTERED_ON.plusDays(3))));
        }

        @Test
        @DisplayName("cannot attend a module that is not in the curriculum")
        void cannotAttendAnUnknownModule() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleAttendanceCommand(WREN, SISTERS_CIRCLE, NOT_IN_CURRICULUM, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_MODULE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot complete a module that is not in the curriculum")
        void cannotCompleteAnUnknownModule() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleCompletionCommand(WREN, SISTERS_CIRCLE, NOT_IN_CURRICULUM, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_MODULE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a module of a programme that has no curriculum")
        void cannotAttendAModuleOfAProgrammeWithoutACurriculum() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new RecordModuleAttendanceCommand(WREN, HARBOUR_HOUSE, WEEK_1, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_MODULE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a module of a programme that is not registered")
        void cannotAttendAModuleOfAnUnknownProgramme() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleAttendanceCommand(WREN, NOT_REGISTERED, WEEK_1, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot complete a module of a programme that is not registered")
        void cannotCompleteAModuleOfAnUnknownProgramme() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleCompletionCommand(WREN, NOT_REGISTERED, WEEK_1, on(TODAY), null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot attend a module of a programme she is not in")
        void cannotAttendAModuleWhenNotInTheProgramme() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordModuleAttendanceCommand(WREN, SISTERS_CIRCLE, WEEK_1, on(TODAY), null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot complete a module after she left the programme")
        void cannotCompleteAModuleAfterLeaving() {
            fixture.given(
                            WREN_ENROLLED,
                            enteredSistersCircle,
                            new ProgrammeExitedEvent(
                                    WREN, SISTERS_CIRCLE, on(EXITED_ON), ExitReason.LEFT_BY_CHOICE, null))
                    .when(new RecordModuleCompletionCommand(
                            WREN, SISTERS_CIRCLE, WEEK_1, on(EXITED_ON.plusDays(1)), null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a session recorded late, dated before she entered the programme")
        void cannotHaveASessionBeforeSheEntered() {
            fixture.given(WREN_ENROLLED, enteredSistersCircle)
                    .when(new RecordModuleAttendanceCommand(
                            WREN, SISTERS_CIRCLE, WEEK_1, on(ENTERED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant who relapsed")
    class AfterARelapse {

        private final ReunificationPlanId planForSky = new ReunificationPlanId("plan-sky");
        private final GoalId ownFlat = new GoalId("goal-own-flat");
        private final RelapseRecordedEvent returnedToSexTrade = new RelapseRecordedEvent(
                WREN,
                on(APRIL_1),
                RelapseKind.RETURN_TO_SEX_TRADE,
                RelapseSeverity.HIGH,
                Set.of(SupportKind.PEER_SUPPORT),
                null);
        private final Object[] beforeTheRelapse = {
            WREN_ENROLLED,
            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON), false, null),
            new ReunificationPlanOpenedEvent(WREN, planForSky, "Sky", null, on(ENTERED_ON)),
            new PeerMentorAssignedEvent(WREN, ROBIN, on(ENTERED_ON)),
            new GoalSetEvent(WREN, ownFlat, "a flat of my own", on(ENTERED_ON))
        };

        private Object[] andThenTheRelapse() {
            Object[] events = Arrays.copyOf(beforeTheRelapse, beforeTheRelapse.length + 1);
            events[events.length - 1] = returnedToSexTrade;
            return events;
        }

        @Test
        @DisplayName("is still in her programme, attending its modules")
        void isStillInHerProgramme() {
            fixture.given(andThenTheRelapse())
                    .when(new RecordModuleAttendanceCommand(
                            WREN, SISTERS_CIRCLE, WEEK_2, on(APRIL_1.plusDays(7)), null))
                    .expectEvents(new ModuleAttendedEvent(WREN, SISTERS_CIRCLE, WEEK_2, on(APRIL_1.plusDays(7))));
        }

        @Test
        @DisplayName("still has her reunification plan open")
        void stillHasHerReunificationPlanOpen() {
            fixture.given(andThenTheRelapse())
                    .when(new RecordReunificationStepCommand(
                            WREN,
                            planForSky,
                            ReunificationStep.SUPERVISED_CONTACT,
                            null,
                            on(APRIL_1.plusDays(7)),
                            null))
                    .expectEvents(new ReunificationStepRecordedEvent(
                            WREN,
                            planForSky,
                            ReunificationStep.SUPERVISED_CONTACT,
                            ReunificationStep.PLAN_OPENED,
                            StepDirection.FORWARD,
                            null,
                            on(APRIL_1.plusDays(7))));
        }

        @Test
        @DisplayName("still has her peer mentor, who cannot be assigned again")
        void stillHasHerPeerMentor() {
            fixture.given(andThenTheRelapse())
                    .when(new AssignPeerMentorCommand(WREN, ROBIN, on(APRIL_1.plusDays(1)), null))
                    .expectException(breaking(RuleViolation.PEER_ALREADY_MENTOR))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("still has her peer mentor, whose mentoring can end")
        void stillHasHerPeerMentorWhoseMentoringCanEnd() {
            fixture.given(andThenTheRelapse())
                    .when(new EndPeerMentorAssignmentCommand(WREN, ROBIN, null, on(APRIL_1.plusDays(1)), null))
                    .expectEvents(new PeerMentorAssignmentEndedEvent(WREN, ROBIN, null, on(APRIL_1.plusDays(1))));
        }

        @Test
        @DisplayName("still has her goals active")
        void stillHasHerGoalsActive() {
            fixture.given(andThenTheRelapse())
                    .when(new MarkGoalAchievedCommand(WREN, ownFlat, null, on(MAY_1), null))
                    .expectEvents(new GoalAchievedEvent(WREN, ownFlat, null, on(MAY_1)));
        }

        @Test
        @DisplayName("can have a relapse recorded late, during a stay that has ended since")
        void canHaveARelapseRecordedLate() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new RecordRelapseCommand(
                            WREN,
                            on(ENTERED_ON.plusDays(3)),
                            RelapseKind.DRUG_OR_ALCOHOL_USE,
                            RelapseSeverity.LOW,
                            null,
                            null,
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RelapseRecordedEvent(
                            WREN,
                            on(ENTERED_ON.plusDays(3)),
                            RelapseKind.DRUG_OR_ALCOHOL_USE,
                            RelapseSeverity.LOW,
                            Set.of(),
                            null));
        }
    }
}
