package org.journeyplatform.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.EXITED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ORS;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ROBIN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.SISTERS_CIRCLE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WEEK_1;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_LEFT_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.givenWithIds;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.JourneyTestSupport.Given;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.journeyplatform.domain.shared.SafetyPlanId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Her right to erasure. The platform erases her by destroying the data key her personal values are encrypted with;
 * the journey records that she was erased and from then on refuses anything more for her. Her stored events still
 * load, with personal values read back as {@link PersonalData#ERASED} or null. Synthetic data only.
 */
@DisplayName("Erasing a participant")
class JourneyErasureTest {

    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final String ERASED = PersonalData.ERASED;
    private static final String REASON = "typed from the wrong intake form";
    private static final ParticipantErasedEvent WREN_ERASED = new ParticipantErasedEvent(WREN, on(TODAY));
    private static final GoalId GOAL = new GoalId("goal-own-flat");
    private static final ReunificationPlanId PLAN = new ReunificationPlanId("plan-sky");
    private static final SafetyPlanId SAFETY_PLAN = new SafetyPlanId("safety-1");
    private static final HelperId SPONSOR = new HelperId("helper-sponsor");
    private static final ConsentId CONSENT = new ConsentId("consent-service");

    /**
     * Her record before the erasure: a stay in Harbour House that ended on 1 March, in Sisters' Circle since then, with
     * a goal, a reunification plan, a mentor, a safety plan, a helper and a consent.
     */
    private static final Object[] HER_RECORD = {
        WREN_ENROLLED,
        WREN_ENTERED_HARBOUR_HOUSE,
        WREN_LEFT_HARBOUR_HOUSE,
        new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(EXITED_ON), false, null),
        new GoalSetEvent(WREN, GOAL, "her own flat", on(ENTERED_ON)),
        new ReunificationPlanOpenedEvent(WREN, PLAN, "Sky", null, on(ENTERED_ON)),
        new PeerMentorAssignedEvent(WREN, ROBIN, on(ENTERED_ON)),
        new SafetyPlanCreatedEvent(WREN, SAFETY_PLAN, "who to call", on(ENTERED_ON)),
        new SupportNetworkHelperAddedEvent(WREN, SPONSOR, HelperKind.SPONSOR, null, on(ENTERED_ON)),
        new ConsentGivenEvent(WREN, CONSENT, ConsentKind.SERVICE, "support", TODAY.plusYears(1), on(ENTERED_ON))
    };

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    /** One command of every other kind, each of which her record would accept if she were not erased. */
    static Stream<Object> everyOtherCommand() {
        return Stream.of(
                new UpdateProfileDetailsCommand(WREN, "Wren M.", null, null, null, null, null, on(APRIL_1), null),
                new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(APRIL_1), null, null),
                new ExitProgrammeCommand(WREN, SISTERS_CIRCLE, on(APRIL_1), ExitReason.COMPLETED, null, null),
                new RecordPastProgrammeStayCommand(
                        WREN,
                        SISTERS_CIRCLE,
                        on(ENTERED_ON.plusDays(1)),
                        on(ENTERED_ON.plusDays(5)),
                        ExitReason.COMPLETED,
                        null,
                        null),
                new RecordModuleAttendanceCommand(WREN, SISTERS_CIRCLE, WEEK_1, on(APRIL_1), null),
                new RecordModuleCompletionCommand(WREN, SISTERS_CIRCLE, WEEK_1, on(APRIL_1), null),
                new RecordRelapseCommand(
                        WREN, on(APRIL_1), RelapseKind.DRUG_OR_ALCOHOL_USE, null, Set.of(), null, null),
                new RecordMilestoneCommand(WREN, on(APRIL_1), MilestoneType.HEALTH, null, null),
                new OpenReunificationPlanCommand(
                        WREN, new ReunificationPlanId("plan-river"), "River", null, on(APRIL_1), null),
                new RecordReunificationStepCommand(
                        WREN, PLAN, ReunificationStep.SUPERVISED_CONTACT, null, on(APRIL_1), null),
                new CloseReunificationPlanCommand(
                        WREN, PLAN, ReunificationPlanClosureReason.OTHER, null, on(APRIL_1), null),
                new EndPeerMentorAssignmentCommand(WREN, ROBIN, null, on(APRIL_1), null),
                new RecordPeerSessionCommand(WREN, ROBIN, PeerSessionKind.GROUP, 90, null, on(APRIL_1), null),
                new RecordAssessmentCommand(
                        WREN,
                        ORS,
                        Map.of("individually", 5, "interpersonally", 6, "socially", 4, "overall", 5),
                        on(APRIL_1),
                        null),
                new SetGoalCommand(WREN, new GoalId("goal-ged"), "my GED", on(APRIL_1), null),
                new NoteGoalProgressCommand(WREN, GOAL, "viewed a flat", on(APRIL_1), null),
                new MarkGoalAchievedCommand(WREN, GOAL, null, on(APRIL_1), null),
                new DropGoalCommand(WREN, GOAL, null, on(APRIL_1), null),
                new CreateSafetyPlanCommand(WREN, new SafetyPlanId("safety-2"), "who to call", on(APRIL_1), null),
                new ReviewSafetyPlanCommand(WREN, SAFETY_PLAN, "a new number", on(APRIL_1), null),
                new NoteProtectionOrderCommand(
                        WREN, ProtectionOrderKind.RESTRAINING_ORDER, null, null, on(APRIL_1), null),
                new AddSupportNetworkHelperCommand(
                        WREN, new HelperId("helper-aunt"), HelperKind.FAMILY, null, on(APRIL_1), null),
                new RemoveSupportNetworkHelperCommand(WREN, SPONSOR, null, on(APRIL_1), null),
                new GiveConsentCommand(
                        WREN,
                        new ConsentId("consent-research"),
                        ConsentKind.RESEARCH,
                        "evaluation",
                        TODAY.plusYears(1),
                        on(APRIL_1),
                        null),
                new WithdrawConsentCommand(WREN, CONSENT, on(APRIL_1), "she asked to stop", null));
    }

    @Nested
    @DisplayName("a participant who is not erased")
    class NotErased {

        @Test
        @DisplayName("is erased: the erasure is recorded, without a reason or anything about her")
        void isErased() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(WREN_ERASED)
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("is erased whatever is open in her record: stays, goals, plans")
        void isErasedWhateverIsOpen() {
            fixture.given(
                            WREN_ENROLLED,
                            WREN_ENTERED_HARBOUR_HOUSE,
                            new GoalSetEvent(WREN, GOAL, "her own flat", on(ENTERED_ON)))
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectEvents(WREN_ERASED);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.domain.journey.JourneyErasureTest#everyOtherCommand")
        @DisplayName("has any other command recorded (so that, once she is erased, only the erasure refuses it)")
        void acceptsEveryOtherCommand(Object command) {
            fixture.given(HER_RECORD).when(command).expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("is not erased with a date in the future")
        void isNotErasedInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new EraseParticipantCommand(WREN, on(TODAY.plusDays(1))))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be asked to be erased without an id or a date")
        void needsAnIdAndADate() {
            assertThatThrownBy(() -> new EraseParticipantCommand(null, on(TODAY)))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new EraseParticipantCommand(WREN, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("an erased participant")
    class Erased {

        @Test
        @DisplayName("is erased again without a new event or an error (the ledger is re-applied after a restore)")
        void isErasedAgainIdempotently() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_ERASED)
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("is erased again with another date too, still recording nothing")
        void isErasedAgainWithAnotherDate() {
            fixture.given(WREN_ENROLLED, new ParticipantErasedEvent(WREN, on(APRIL_1)))
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.domain.journey.JourneyErasureTest#everyOtherCommand")
        @DisplayName("has nothing more recorded: every other command is refused as participant-erased")
        void refusesEveryOtherCommand(Object command) {
            fixture.given(HER_RECORD)
                    .andGiven(WREN_ERASED)
                    .when(command)
                    .expectException(breaking(RuleViolation.PARTICIPANT_ERASED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be enrolled again under her id: her journey exists (the event store refuses it)")
        void cannotBeEnrolledAgain() {
            fixture.given(WREN_ENROLLED, WREN_ERASED)
                    .when(new EnrolParticipantCommand(WREN, "Wren", null, null, on(TODAY), null, null, null))
                    .expectException(EventStoreException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has nothing recorded late either: an event dated before her erasure is refused")
        void refusesALateRecord() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_ERASED)
                    .when(new RecordMilestoneCommand(WREN, on(ENROLLED_ON), MilestoneType.HEALTH, null, null))
                    .expectException(breaking(RuleViolation.PARTICIPANT_ERASED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has no event corrected")
        void refusesACorrection() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE);
            given.executor()
                    .andGiven(WREN_ERASED)
                    .when(new CorrectEventCommand(WREN, given.id(2), Map.of("occurredOn", "2026-03-05"), REASON, null))
                    .expectException(breaking(RuleViolation.PARTICIPANT_ERASED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has no event retracted")
        void refusesARetraction() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE);
            given.executor()
                    .andGiven(WREN_ERASED)
                    .when(new RetractEventCommand(WREN, given.id(2), REASON, null))
                    .expectException(breaking(RuleViolation.PARTICIPANT_ERASED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has no erasure corrected or retracted either")
        void refusesToTouchTheErasure() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, WREN_ERASED);
            given.executor()
                    .when(new RetractEventCommand(WREN, given.id(1), REASON, null))
                    .expectException(breaking(RuleViolation.PARTICIPANT_ERASED))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("is refused with a rule of kind CONFLICT whose message names nothing about her")
        void isRefusedWithAConflict() {
            assertThat(RuleViolation.PARTICIPANT_ERASED.code()).isEqualTo("participant-erased");
            assertThat(RuleViolation.PARTICIPANT_ERASED.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
            fixture.given(
                            new ParticipantEnrolledEvent(WREN, "Wren", 1990, null, on(ENROLLED_ON), null, null, null),
                            WREN_ERASED)
                    .when(new RecordMilestoneCommand(WREN, on(APRIL_1), MilestoneType.HEALTH, null, null))
                    .expectExceptionMessage(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Wren")));
        }
    }

    @Nested
    @DisplayName("her record after erasure, personal values unreadable")
    class HistoryAfterErasure {

        /** Corrections as they read back once her key is destroyed: personal entries left out, reasons erased. */
        private List<JourneyEvent> correctionsAsReadBack(String exitId, String milestoneId, String enrolmentId) {
            return List.of(
                    new EventCorrectedEvent(WREN, milestoneId, Map.of(), ERASED, on(TODAY)),
                    new EventCorrectedEvent(WREN, exitId, Map.of("occurredOn", "2026-03-05"), ERASED, on(TODAY)),
                    new EventCorrectedEvent(WREN, enrolmentId, Map.of("referralSource", "SELF"), ERASED, on(TODAY)),
                    new EventCorrectedEvent(WREN, milestoneId, null, null, on(TODAY)));
        }

        private List<JourneyEvent> eventsAsReadBack() {
            return List.of(
                    new ParticipantEnrolledEvent(
                            WREN,
                            ERASED,
                            null,
                            ReferralSource.OUTREACH,
                            on(ENROLLED_ON),
                            AgeBand.AGE_35_TO_44,
                            null,
                            null),
                    new ProfileDetailsUpdatedEvent(WREN, ERASED, null, null, null, null, null, on(ENROLLED_ON)),
                    new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, ERASED),
                    new MilestoneReachedEvent(WREN, on(ENTERED_ON.plusDays(3)), MilestoneType.CUSTOM, ERASED),
                    new RelapseRecordedEvent(
                            WREN, on(ENTERED_ON.plusDays(5)), RelapseKind.DRUG_OR_ALCOHOL_USE, null, null, ERASED),
                    new ReunificationPlanOpenedEvent(WREN, PLAN, ERASED, ERASED, on(ENTERED_ON)),
                    new GoalSetEvent(WREN, GOAL, ERASED, on(ENTERED_ON)),
                    new SafetyPlanCreatedEvent(WREN, SAFETY_PLAN, ERASED, on(ENTERED_ON)),
                    new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, ERASED));
        }

        private static final int ENROLMENT = 0;
        private static final int MILESTONE = 3;
        private static final int EXIT = 8;

        private List<RecordedEvent> recorded(List<JourneyEvent> events) {
            List<RecordedEvent> history = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                history.add(new RecordedEvent("event-" + i, i, events.get(i)));
            }
            return history;
        }

        private List<RecordedEvent> history() {
            List<JourneyEvent> events = new ArrayList<>(eventsAsReadBack());
            events.addAll(correctionsAsReadBack("event-" + EXIT, "event-" + MILESTONE, "event-" + ENROLMENT));
            events.add(WREN_ERASED);
            return recorded(events);
        }

        @Test
        @DisplayName("folds without error: an emptied correction changes nothing, its non-personal values still apply")
        void foldsWithoutError() {
            List<RecordedEvent> effective = JourneyHistory.effective(history());
            JourneyState state = JourneyHistory.fold(effective);

            assertThat(effective).hasSize(eventsAsReadBack().size() + 1);
            assertThat(effective.get(MILESTONE).event())
                    .isEqualTo(eventsAsReadBack().get(MILESTONE));
            assertThat(effective.get(EXIT).event().occurredOn()).isEqualTo(on(LocalDate.of(2026, 3, 5)));
            assertThat(((ParticipantEnrolledEvent) effective.get(ENROLMENT).event()).referralSource())
                    .isEqualTo(ReferralSource.SELF);
            assertThat(state.erased()).isTrue();
            assertThat(state.enrolledOn()).isEqualTo(ENROLLED_ON);
            assertThat(state.currentStays()).isEmpty();
            assertThat(state.latestExitFrom(HARBOUR_HOUSE)).isEqualTo(LocalDate.of(2026, 3, 5));
            assertThat(state.milestones()).isEqualTo(1);
            assertThat(state.relapses()).isEqualTo(1);
            assertThat(state.plans().get(PLAN).childPseudonym()).isEqualTo(ERASED);
            assertThat(state.goals()).containsEntry(GOAL, JourneyState.GoalStatus.ACTIVE);
            assertThat(state.lastOccurredOn())
                    .as("the erasure is not a moment of her life")
                    .isEqualTo(LocalDate.of(2026, 3, 5));
        }

        @Test
        @DisplayName("folds even when a remaining correction value no longer applies")
        void skipsAValueThatNoLongerApplies() {
            List<JourneyEvent> events = new ArrayList<>(eventsAsReadBack());
            events.add(new EventCorrectedEvent(
                    WREN,
                    "event-" + ENROLMENT,
                    Map.of("yearOfBirth", ERASED, "ageBand", "AGE_25_TO_34"),
                    ERASED,
                    on(TODAY)));
            List<RecordedEvent> history = recorded(events);

            assertThatCode(() -> JourneyHistory.fold(JourneyHistory.effective(history)))
                    .doesNotThrowAnyException();
            ParticipantEnrolledEvent enrolment = (ParticipantEnrolledEvent)
                    JourneyHistory.effective(history).get(ENROLMENT).event();
            assertThat(enrolment.ageBand()).isEqualTo(AgeBand.AGE_25_TO_34);
            assertThat(enrolment.yearOfBirth()).isNull();
        }

        @Test
        @DisplayName("loads into her journey, which then knows she is erased")
        void loadsIntoHerJourney() {
            Given given = givenWithIds(fixture, eventsAsReadBack().toArray());
            given.executor()
                    .andGiven(correctionsAsReadBack(given.id(EXIT), given.id(MILESTONE), given.id(ENROLMENT))
                            .toArray())
                    .andGiven(WREN_ERASED)
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        @DisplayName("loads into her journey before the erasure is recorded, as when the ledger is re-applied")
        void loadsBeforeTheErasureIsRecorded() {
            Given given = givenWithIds(fixture, eventsAsReadBack().toArray());
            given.executor()
                    .andGiven(correctionsAsReadBack(given.id(EXIT), given.id(MILESTONE), given.id(ENROLMENT))
                            .toArray())
                    .when(new EraseParticipantCommand(WREN, on(TODAY)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(WREN_ERASED);
        }

        @Test
        @DisplayName("still refuses a correction with no values when it is asked for, not replayed")
        void stillRefusesAnEmptyCorrection() {
            Given given = givenWithIds(fixture, WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE);
            given.executor()
                    .when(new CorrectEventCommand(WREN, given.id(1), Map.of(), REASON, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("the state of her journey")
    class State {

        @Test
        @DisplayName("is not erased until an erasure is folded in, and then refuses every event")
        void knowsWhetherSheIsErased() {
            JourneyState state = new JourneyState();
            state.check(WREN_ENROLLED);
            state.apply(WREN_ENROLLED);
            assertThat(state.erased()).isFalse();

            state.check(WREN_ERASED);
            state.apply(WREN_ERASED);

            assertThat(state.erased()).isTrue();
            assertThat(state.copy().erased()).isTrue();
            assertThatThrownBy(() -> state.check(WREN_ENTERED_HARBOUR_HOUSE))
                    .isInstanceOfSatisfying(
                            JourneyRuleException.class,
                            e -> assertThat(e.rule()).isEqualTo(RuleViolation.PARTICIPANT_ERASED));
            assertThatThrownBy(() -> state.check(WREN_ERASED)).isInstanceOf(JourneyRuleException.class);
        }
    }

    @Nested
    @DisplayName("her personal data fields")
    class PersonalDataFieldNames {

        @Test
        @DisplayName("are named across every journey event, by their @PersonalData mark")
        void areNamed() {
            assertThat(PersonalDataFields.names())
                    .contains(
                            "chosenName",
                            "note",
                            "description",
                            "childPseudonym",
                            "contents",
                            "reason",
                            "correctedValues",
                            "yearOfBirth",
                            "genderIdentity",
                            "ageAtFirstEntry",
                            "scope");
            assertThat(PersonalDataFields.names())
                    .doesNotContain(
                            "participantId",
                            "occurredOn",
                            "programmeId",
                            "referralSource",
                            "ageBand",
                            "kind",
                            "correctedEventId");
        }

        @Test
        @DisplayName("are named per event: the erasure itself has none")
        void areNamedPerEvent() {
            assertThat(PersonalDataFields.of(ParticipantErasedEvent.class)).isEmpty();
            assertThat(PersonalDataFields.of(ParticipantEnrolledEvent.class))
                    .containsExactly("ageAtFirstEntry", "chosenName", "genderIdentity", "yearOfBirth");
            assertThat(PersonalDataFields.of(ProgrammeExitedEvent.class)).containsExactly("note");
            assertThat(PersonalDataFields.isPersonal("childPseudonym")).isTrue();
            assertThat(PersonalDataFields.isPersonal("programmeId")).isFalse();
        }

        @Test
        @DisplayName("read back as the placeholder 'erased' when they are text")
        void readBackAsAPlaceholder() {
            assertThat(PersonalData.ERASED).isEqualTo("erased");
        }
    }
}
