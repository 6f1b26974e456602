package org.journeyplatform.domain.journey;

import static org.journeyplatform.domain.journey.JourneyTestSupport.ENROLLED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.ENTERED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.EXITED_ON;
import static org.journeyplatform.domain.journey.JourneyTestSupport.HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.NOT_REGISTERED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.SISTERS_CIRCLE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.TODAY;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_LEFT_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.at;
import static org.journeyplatform.domain.journey.JourneyTestSupport.breaking;
import static org.journeyplatform.domain.journey.JourneyTestSupport.journeyFixture;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The journey aggregate, one state at a time. All data is synthetic: "Wren" is a pseudonym, the programmes are made up.
 * Today is {@link JourneyTestSupport#TODAY} by the fixed clock the command handlers receive. Other areas of her
 * journey have their own test classes ({@code JourneyProgrammesTest}, {@code JourneyCorrectionsTest}...).
 */
@DisplayName("A participant's journey")
class JourneyTest {

    private FixtureConfiguration<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = journeyFixture();
    }

    @Nested
    @DisplayName("a participant not yet enrolled")
    class NotYetEnrolled {

        @Test
        @DisplayName("is enrolled under the name she chose, without surrounding spaces, with the details she gave")
        void isEnrolledUnderHerChosenName() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN,
                            "  Wren ",
                            1990,
                            ReferralSource.OUTREACH,
                            on(ENROLLED_ON),
                            AgeBand.AGE_35_TO_44,
                            GenderIdentity.WOMAN,
                            16))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(WREN_ENROLLED);
        }

        @Test
        @DisplayName("is enrolled without the no-break, ideographic or zero-width spaces around her name, and keeps"
                + " those inside it, a combining mark at its end and the mark that closes a direction she opened")
        void isEnrolledWithoutAnySpacesAround() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "\u00A0\u3000\u200BWren\u00A0\uFEFF ", null, null, on(TODAY), null, null, null))
                    .expectEvents(new ParticipantEnrolledEvent(WREN, "Wren", null, null, on(TODAY), null, null, null));
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "\u00A0Jose\u0301\u00A0Ma\u00A0", null, null, on(TODAY), null, null, null))
                    .expectEvents(new ParticipantEnrolledEvent(
                            WREN, "Jose\u0301\u00A0Ma", null, null, on(TODAY), null, null, null));
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "\u2067Wren\u2069\u00A0", null, null, on(TODAY), null, null, null))
                    .expectEvents(new ParticipantEnrolledEvent(
                            WREN, "\u2067Wren\u2069", null, null, on(TODAY), null, null, null));
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "\u200D\u3164Wren\u00AD\u200D\u3164", null, null, on(TODAY), null, null, null))
                    .expectEvents(new ParticipantEnrolledEvent(WREN, "Wren", null, null, on(TODAY), null, null, null));
        }

        @Test
        @DisplayName("can be enrolled today, giving no details but her chosen name")
        void canBeEnrolledToday() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(WREN, "Wren", null, null, on(TODAY), null, null, null))
                    .expectEvents(new ParticipantEnrolledEvent(WREN, "Wren", null, null, on(TODAY), null, null, null));
        }

        @Test
        @DisplayName("cannot be enrolled under a blank name")
        void cannotBeEnrolledUnderABlankName() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "   ", 1990, ReferralSource.SELF, on(ENROLLED_ON), null, null, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{index}")
        @org.junit.jupiter.params.provider.ValueSource(
                strings = {"\u00A0\u00A0", "\u200B", "\u3000", "\u200E\u200F", "\uFEFF", "\u3164", "\u2800 \u0301"})
        @DisplayName(
                "cannot be enrolled under a name that shows nothing: no-break or ideographic spaces, zero-width or "
                        + "direction marks, fillers")
        void cannotBeEnrolledUnderAnInvisibleName(String invisible) {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, invisible, 1990, ReferralSource.SELF, on(ENROLLED_ON), null, null, null))
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage(Profile.BLANK_NAME)
                    .expectNoEvents();
        }

        @Test
        @DisplayName(
                "can be enrolled under a name in any script, of one mark of punctuation, or of an emoji newer than "
                        + "this Java")
        void canBeEnrolledUnderANameInAnyScript() {
            for (String name :
                    java.util.List.of("\u674E", "\u0644\u064A\u0644\u0649", "?", "Ze\u200Bna", "\uD83E\uDEF6")) {
                fixture.givenNoPriorActivity()
                        .when(new EnrolParticipantCommand(WREN, name, null, null, on(TODAY), null, null, null))
                        .expectSuccessfulHandlerExecution();
            }
        }

        @Test
        @DisplayName("cannot be enrolled with a date in the future")
        void cannotBeEnrolledInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "Wren", 1990, ReferralSource.SELF, on(TODAY.plusDays(1)), null, null, null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be enrolled with a year of birth after this year")
        void cannotBeEnrolledWithAYearOfBirthInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(
                            WREN, "Wren", TODAY.getYear() + 1, null, on(ENROLLED_ON), null, null, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot be enrolled with a year of birth before 1900")
        void cannotBeEnrolledWithAYearOfBirthBefore1900() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(WREN, "Wren", 1899, null, on(ENROLLED_ON), null, null, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("can give the age she first entered the sex trade, even as a child")
        void canGiveAnEarlyAgeAtFirstEntry() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(WREN, "Wren", null, null, on(ENROLLED_ON), null, null, 12))
                    .expectEvents(
                            new ParticipantEnrolledEvent(WREN, "Wren", null, null, on(ENROLLED_ON), null, null, 12));
        }

        @Test
        @DisplayName("cannot be enrolled with an implausible age at first entry")
        void cannotBeEnrolledWithAnImplausibleAgeAtFirstEntry() {
            fixture.givenNoPriorActivity()
                    .when(new EnrolParticipantCommand(WREN, "Wren", null, null, on(ENROLLED_ON), null, null, 4))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("an enrolled participant whose profile changes")
    class ProfileDetails {

        @Test
        @DisplayName("has the details she changed recorded, and only those")
        void hasTheChangedDetailsRecorded() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN, " Wren B. ", null, null, GenderIdentity.NON_BINARY, null, null, on(TODAY), null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProfileDetailsUpdatedEvent(
                            WREN, "Wren B.", null, null, GenderIdentity.NON_BINARY, null, null, on(TODAY)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("can give an age band and the age she first entered the sex trade later")
        void canGiveAnAgeBandLater() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN,
                            null,
                            null,
                            AgeBand.AGE_25_TO_34,
                            null,
                            15,
                            ReferralSource.COURT_DIVERSION,
                            on(ENTERED_ON),
                            null))
                    .expectEvents(new ProfileDetailsUpdatedEvent(
                            WREN,
                            null,
                            null,
                            AgeBand.AGE_25_TO_34,
                            null,
                            15,
                            ReferralSource.COURT_DIVERSION,
                            on(ENTERED_ON)));
        }

        @Test
        @DisplayName("cannot have an update recorded that changes nothing (a blank name is no change)")
        void cannotHaveAnEmptyUpdate() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(WREN, "  ", null, null, null, null, null, on(TODAY), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has a name that shows nothing taken as no name given, like a blank one")
        void takesAnInvisibleNameAsNoName() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN, "\u200B\u00A0", null, null, null, null, null, on(TODAY), null))
                    .expectException(IllegalArgumentException.class)
                    .expectExceptionMessage("A profile update changes at least one detail.")
                    .expectNoEvents();
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN, "\u200B\u00A0", 1991, null, null, null, null, on(TODAY), null))
                    .expectEvents(new ProfileDetailsUpdatedEvent(WREN, null, 1991, null, null, null, null, on(TODAY)));
        }

        @Test
        @DisplayName("cannot change her year of birth to an implausible one")
        void cannotChangeToAnImplausibleYearOfBirth() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(WREN, null, 1850, null, null, null, null, on(TODAY), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot change the age she first entered the sex trade to an implausible one")
        void cannotChangeToAnImplausibleAgeAtFirstEntry() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(WREN, null, null, null, null, 91, null, on(TODAY), null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have an update dated before her enrolment")
        void cannotHaveAnUpdateBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN, "Wren B.", null, null, null, null, null, on(ENROLLED_ON.minusDays(1)), null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have an update dated in the future")
        void cannotHaveAnUpdateInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new UpdateProfileDetailsCommand(
                            WREN, "Wren B.", null, null, null, null, null, on(TODAY.plusDays(1)), null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("an enrolled participant")
    class Enrolled {

        @Test
        @DisplayName("enters a programme for the first time, which is not a re-entry")
        void entersAProgrammeForTheFirstTime() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON), " referred by outreach ", null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeEnteredEvent(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, "referred by outreach"));
        }

        @Test
        @DisplayName("enters a programme with a blank note, which is recorded as no note")
        void entersAProgrammeWithABlankNote() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(ENTERED_ON), "   ", null))
                    .expectEvents(new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENTERED_ON), false, null));
        }

        @Test
        @DisplayName("enters a programme on the day she was enrolled")
        void entersAProgrammeOnHerEnrolmentDay() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(ENROLLED_ON), null, null))
                    .expectEvents(new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(ENROLLED_ON), false, null));
        }

        @Test
        @DisplayName("cannot enter a programme that is not registered")
        void cannotEnterAnUnregisteredProgramme() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(WREN, NOT_REGISTERED, on(ENTERED_ON), null, null))
                    .expectException(breaking(RuleViolation.UNKNOWN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot enter a programme before the day she was enrolled")
        void cannotEnterAProgrammeBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(ENROLLED_ON.minusDays(1)), null, null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot enter a programme with a date in the future")
        void cannotEnterAProgrammeInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(TODAY.plusDays(1)), null, null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot leave a programme she is not in")
        void cannotLeaveAProgrammeSheIsNotIn() {
            fixture.given(WREN_ENROLLED)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has a relapse recorded, with the support that followed")
        void hasARelapseRecorded() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordRelapseCommand(
                            WREN,
                            on(LocalDate.of(2026, 4, 2)),
                            RelapseKind.DRUG_OR_ALCOHOL_USE,
                            RelapseSeverity.MODERATE,
                            Set.of(SupportKind.PEER_SUPPORT, SupportKind.DETOX),
                            " peer worker met her the same evening ",
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RelapseRecordedEvent(
                            WREN,
                            on(LocalDate.of(2026, 4, 2)),
                            RelapseKind.DRUG_OR_ALCOHOL_USE,
                            RelapseSeverity.MODERATE,
                            Set.of(SupportKind.PEER_SUPPORT, SupportKind.DETOX),
                            "peer worker met her the same evening"));
        }

        @Test
        @DisplayName("cannot have a relapse recorded before the day she was enrolled")
        void cannotHaveARelapseRecordedBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordRelapseCommand(
                            WREN,
                            on(ENROLLED_ON.minusDays(1)),
                            RelapseKind.RETURN_TO_SEX_TRADE,
                            null,
                            null,
                            null,
                            null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot have a relapse recorded with a date in the future")
        void cannotHaveARelapseRecordedInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordRelapseCommand(
                            WREN, on(TODAY.plusDays(1)), RelapseKind.RETURN_TO_SEX_TRADE, null, null, null, null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("reaches a milestone")
        void reachesAMilestone() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordMilestoneCommand(WREN, on(TODAY), MilestoneType.STABLE_HOUSING, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new MilestoneReachedEvent(WREN, on(TODAY), MilestoneType.STABLE_HOUSING, null));
        }

        @Test
        @DisplayName("reaches a custom milestone described in her own words")
        void reachesACustomMilestone() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordMilestoneCommand(
                            WREN, on(TODAY), MilestoneType.CUSTOM, " first birthday party with my daughter ", null))
                    .expectEvents(new MilestoneReachedEvent(
                            WREN, on(TODAY), MilestoneType.CUSTOM, "first birthday party with my daughter"));
        }

        @Test
        @DisplayName("cannot reach a custom milestone without a description")
        void cannotReachACustomMilestoneWithoutADescription() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordMilestoneCommand(WREN, on(TODAY), MilestoneType.CUSTOM, "  ", null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot reach a milestone with a date in the future")
        void cannotReachAMilestoneInTheFuture() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordMilestoneCommand(WREN, on(TODAY.plusDays(1)), MilestoneType.EMPLOYMENT, null, null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot reach a milestone before the day she was enrolled")
        void cannotReachAMilestoneBeforeEnrolment() {
            fixture.given(WREN_ENROLLED)
                    .when(new RecordMilestoneCommand(
                            WREN, on(ENROLLED_ON.minusDays(1)), MilestoneType.EDUCATION, null, null))
                    .expectException(breaking(RuleViolation.DATED_BEFORE_ENROLMENT))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant in a programme")
    class InAProgramme {

        @Test
        @DisplayName("leaves the programme")
        void leavesTheProgramme() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN,
                            HARBOUR_HOUSE,
                            on(EXITED_ON),
                            ExitReason.COMPLETED,
                            " graduated with her group ",
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgrammeExitedEvent(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, "graduated with her group"));
        }

        @Test
        @DisplayName("leaves the programme on the day she entered it")
        void leavesTheProgrammeOnTheDaySheEnteredIt() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON), ExitReason.TRANSFERRED, "", null))
                    .expectEvents(new ProgrammeExitedEvent(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON), ExitReason.TRANSFERRED, null));
        }

        @Test
        @DisplayName("cannot enter the same programme again while she is in it")
        void cannotEnterTheSameProgrammeAgain() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot leave the programme before the day she entered it")
        void cannotLeaveBeforeSheEntered() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(ENTERED_ON.minusDays(1)), ExitReason.LEFT_BY_CHOICE, null, null))
                    .expectException(breaking(RuleViolation.EXIT_BEFORE_ENTRY))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot leave the programme with a date in the future")
        void cannotLeaveInTheFuture() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(TODAY.plusDays(1)), ExitReason.COMPLETED, null, null))
                    .expectException(breaking(RuleViolation.DATED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("enters a second programme at the same time, which is not a re-entry")
        void entersASecondProgramme() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(7)), null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(7)), false, null));
        }

        @Test
        @DisplayName("is still in her second programme after leaving the first, so she can leave it too")
        void leavingOneProgrammeLeavesTheOtherOpen() {
            fixture.given(
                            WREN_ENROLLED,
                            WREN_ENTERED_HARBOUR_HOUSE,
                            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(7)), false, null),
                            WREN_LEFT_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, SISTERS_CIRCLE, on(EXITED_ON.plusDays(14)), ExitReason.COMPLETED, null, null))
                    .expectEvents(new ProgrammeExitedEvent(
                            WREN, SISTERS_CIRCLE, on(EXITED_ON.plusDays(14)), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("is still in her second programme after leaving the first, so she cannot enter it again")
        void leavingOneProgrammeKeepsTheOtherStay() {
            fixture.given(
                            WREN_ENROLLED,
                            WREN_ENTERED_HARBOUR_HOUSE,
                            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(ENTERED_ON.plusDays(7)), false, null),
                            WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, SISTERS_CIRCLE, on(EXITED_ON.plusDays(14)), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("has a relapse recorded during her stay")
        void hasARelapseRecordedDuringHerStay() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new RecordRelapseCommand(
                            WREN,
                            on(ENTERED_ON.plusDays(10)),
                            RelapseKind.CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER,
                            RelapseSeverity.HIGH,
                            Set.of(SupportKind.SAFETY_PLANNING),
                            null,
                            null))
                    .expectEvents(new RelapseRecordedEvent(
                            WREN,
                            on(ENTERED_ON.plusDays(10)),
                            RelapseKind.CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER,
                            RelapseSeverity.HIGH,
                            Set.of(SupportKind.SAFETY_PLANNING),
                            null));
        }
    }

    @Nested
    @DisplayName("a participant who relapsed during a programme stay")
    class RelapsedDuringAStay {

        private final RelapseRecordedEvent relapsed = new RelapseRecordedEvent(
                WREN,
                on(ENTERED_ON.plusDays(10)),
                RelapseKind.DRUG_OR_ALCOHOL_USE,
                RelapseSeverity.LOW,
                Set.of(SupportKind.COUNSELLING),
                null);

        @Test
        @DisplayName("is still in the programme, so she can leave it")
        void isStillInTheProgrammeSoSheCanLeaveIt() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, relapsed)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("is still in the programme, so she cannot enter it again")
        void isStillInTheProgrammeSoSheCannotEnterItAgain() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, relapsed)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), null, null))
                    .expectException(breaking(RuleViolation.ALREADY_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("still has an open journey, where milestones can be reached")
        void stillHasAnOpenJourney() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, relapsed)
                    .when(new RecordMilestoneCommand(
                            WREN, on(TODAY), MilestoneType.SOBRIETY_DURATION_REACHED, null, null))
                    .expectEvents(
                            new MilestoneReachedEvent(WREN, on(TODAY), MilestoneType.SOBRIETY_DURATION_REACHED, null));
        }
    }

    @Nested
    @DisplayName("a participant who has left a programme")
    class LeftAProgramme {

        @Test
        @DisplayName("returns to the programme, which is recorded as a re-entry")
        void returnsToTheProgramme() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(20)), null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(20)), true, null));
        }

        @Test
        @DisplayName("returns to the programme on the day she left it")
        void returnsOnTheDaySheLeft() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), null, null))
                    .expectEvents(new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), true, null));
        }

        @Test
        @DisplayName("cannot return to the programme dated before she last left it")
        void cannotReturnBeforeHerLastExit() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON.minusDays(1)), null, null))
                    .expectException(breaking(RuleViolation.ENTRY_BEFORE_PREVIOUS_EXIT))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("cannot leave the programme again before returning to it")
        void cannotLeaveAgainBeforeReturning() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(
                            WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(1)), ExitReason.LEFT_BY_CHOICE, null, null))
                    .expectException(breaking(RuleViolation.NOT_IN_PROGRAMME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("enters a different programme, which is not a re-entry")
        void entersADifferentProgramme() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE)
                    .when(new EnterProgrammeCommand(WREN, SISTERS_CIRCLE, on(EXITED_ON.plusDays(2)), null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(EXITED_ON.plusDays(2)), false, null));
        }

        @Test
        @DisplayName("returns a second time, which is again a re-entry")
        void returnsASecondTime() {
            fixture.given(
                            WREN_ENROLLED,
                            WREN_ENTERED_HARBOUR_HOUSE,
                            WREN_LEFT_HARBOUR_HOUSE,
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(20)), true, null),
                            new ProgrammeExitedEvent(
                                    WREN,
                                    HARBOUR_HOUSE,
                                    on(EXITED_ON.plusDays(40)),
                                    ExitReason.RETURNED_TO_SEX_TRADE,
                                    null))
                    .when(new EnterProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(60)), null, null))
                    .expectEvents(
                            new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON.plusDays(60)), true, null));
        }
    }

    @Nested
    @DisplayName("a command that expects a version of her journey")
    class ExpectedVersion {

        // enrolled and entered: two events, so the journey is at version 1 (versions count from 0)

        @Test
        @DisplayName("is accepted when it expects the current version")
        void isAcceptedWhenCurrent() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, 1L))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null));
        }

        @Test
        @DisplayName("answers with the version her journey is at after the command")
        void answersWithTheNewVersion() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, 1L))
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("is refused when her record has moved on since the version it expects")
        void isRefusedWhenStale() {
            fixture.given(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE)
                    .when(new ExitProgrammeCommand(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.COMPLETED, null, 0L))
                    .expectException(ConflictingAggregateVersionException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("a participant enrolled at a time of day")
    class EnrolledAtATimeOfDay {

        @Test
        @DisplayName("may have something recorded on her enrolment day without a time")
        void untimedOnTheSameDay() {
            fixture.given(new ParticipantEnrolledEvent(
                            WREN, "Wren", null, null, at(ENROLLED_ON, 14, 30), null, null, null))
                    .when(new RecordRelapseCommand(WREN, on(ENROLLED_ON), RelapseKind.OTHER, null, null, null, null))
                    .expectSuccessfulHandlerExecution();
        }
    }
}
