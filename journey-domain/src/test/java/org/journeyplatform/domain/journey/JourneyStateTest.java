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
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENROLLED;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.WREN_LEFT_HARBOUR_HOUSE;
import static org.journeyplatform.domain.journey.JourneyTestSupport.on;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fold of her events, in plain Java: what her journey amounts to at one point of her life. Synthetic data. */
@DisplayName("The state of a participant's journey")
class JourneyStateTest {

    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);

    /** Checks and folds each event in turn, as the journey does for events in life order. */
    private static JourneyState fold(JourneyEvent... events) {
        JourneyState state = new JourneyState();
        for (JourneyEvent event : events) {
            state.check(event);
            state.apply(event);
        }
        return state;
    }

    private static RuleViolation ruleBrokenBy(JourneyState state, JourneyEvent event) {
        try {
            state.check(event);
        } catch (JourneyRuleException e) {
            return e.rule();
        }
        return null;
    }

    @Nested
    @DisplayName("after her enrolment")
    class AfterEnrolment {

        @Test
        @DisplayName("knows the day she was enrolled, and that she is in no programme")
        void knowsHerEnrolment() {
            JourneyState state = fold(WREN_ENROLLED);

            assertThat(state.enrolledOn()).isEqualTo(ENROLLED_ON);
            assertThat(state.lastOccurredOn()).isEqualTo(ENROLLED_ON);
            assertThat(state.currentStays()).isEmpty();
            assertThat(state.relapses()).isZero();
        }

        @Test
        @DisplayName("refuses an event dated before her enrolment, and accepts one on the same day")
        void refusesAnEventBeforeHerEnrolment() {
            JourneyState state = fold(WREN_ENROLLED);

            assertThat(ruleBrokenBy(
                            state,
                            new MilestoneReachedEvent(WREN, on(ENROLLED_ON.minusDays(1)), MilestoneType.HEALTH, null)))
                    .isEqualTo(RuleViolation.DATED_BEFORE_ENROLMENT);
            assertThat(ruleBrokenBy(
                            state, new MilestoneReachedEvent(WREN, on(ENROLLED_ON), MilestoneType.HEALTH, null)))
                    .isNull();
        }
    }

    @Nested
    @DisplayName("through programme stays")
    class ProgrammeStays {

        @Test
        @DisplayName("knows the programmes she is in, since when")
        void knowsHerCurrentStays() {
            JourneyState state = fold(
                    WREN_ENROLLED,
                    WREN_ENTERED_HARBOUR_HOUSE,
                    new ProgrammeEnteredEvent(WREN, SISTERS_CIRCLE, on(EXITED_ON), false, null));

            assertThat(state.currentStays())
                    .containsOnly(Map.entry(HARBOUR_HOUSE, ENTERED_ON), Map.entry(SISTERS_CIRCLE, EXITED_ON));
            assertThat(state.hasBeenIn(HARBOUR_HOUSE)).isTrue();
        }

        @Test
        @DisplayName("remembers a programme she left, and when she last left it")
        void remembersAProgrammeSheLeft() {
            JourneyState state = fold(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE, WREN_LEFT_HARBOUR_HOUSE);

            assertThat(state.currentStays()).isEmpty();
            assertThat(state.hasBeenIn(HARBOUR_HOUSE)).isTrue();
            assertThat(state.latestExitFrom(HARBOUR_HOUSE)).isEqualTo(EXITED_ON);
            assertThat(state.hasBeenIn(SISTERS_CIRCLE)).isFalse();
        }

        @Test
        @DisplayName("refuses a second entry while she is in the programme, and an exit when she is not")
        void refusesEntriesAndExitsThatDoNotFit() {
            JourneyState inIt = fold(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE);
            JourneyState notInIt = fold(WREN_ENROLLED);

            assertThat(ruleBrokenBy(inIt, new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), false, null)))
                    .isEqualTo(RuleViolation.ALREADY_IN_PROGRAMME);
            assertThat(ruleBrokenBy(notInIt, WREN_LEFT_HARBOUR_HOUSE)).isEqualTo(RuleViolation.NOT_IN_PROGRAMME);
        }

        @Test
        @DisplayName("is unchanged by a check that fails")
        void isUnchangedByAFailedCheck() {
            JourneyState state = fold(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE);

            assertThatThrownBy(() ->
                            state.check(new ProgrammeEnteredEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), false, null)))
                    .isInstanceOf(JourneyRuleException.class);
            assertThat(state.currentStays()).containsOnly(Map.entry(HARBOUR_HOUSE, ENTERED_ON));
            assertThat(state.lastOccurredOn()).isEqualTo(ENTERED_ON);
        }
    }

    @Nested
    @DisplayName("after a relapse")
    class AfterARelapse {

        @Test
        @DisplayName("counts it and knows when it was, and closes nothing")
        void countsItAndClosesNothing() {
            ReunificationPlanId plan = new ReunificationPlanId("plan-sky");
            JourneyState state = fold(
                    WREN_ENROLLED,
                    WREN_ENTERED_HARBOUR_HOUSE,
                    new ReunificationPlanOpenedEvent(WREN, plan, "Sky", null, on(ENTERED_ON)),
                    new PeerMentorAssignedEvent(WREN, ROBIN, on(ENTERED_ON)),
                    new RelapseRecordedEvent(
                            WREN,
                            on(EXITED_ON),
                            RelapseKind.RETURN_TO_SEX_TRADE,
                            RelapseSeverity.HIGH,
                            Set.of(),
                            null));

            assertThat(state.relapses()).isEqualTo(1);
            assertThat(state.lastRelapseOn()).isEqualTo(EXITED_ON);
            assertThat(state.currentStays()).containsKey(HARBOUR_HOUSE);
            assertThat(state.plans().get(plan).open()).isTrue();
            assertThat(state.mentors()).containsKey(ROBIN);
        }
    }

    @Nested
    @DisplayName("through the rest of her record")
    class TheRestOfHerRecord {

        @Test
        @DisplayName("follows a reunification plan through its steps until it is closed")
        void followsAReunificationPlan() {
            ReunificationPlanId plan = new ReunificationPlanId("plan-sky");
            JourneyState state = fold(
                    WREN_ENROLLED,
                    new ReunificationPlanOpenedEvent(WREN, plan, "Sky", null, on(ENTERED_ON)),
                    new ReunificationStepRecordedEvent(
                            WREN,
                            plan,
                            ReunificationStep.SUPERVISED_CONTACT,
                            ReunificationStep.PLAN_OPENED,
                            StepDirection.FORWARD,
                            null,
                            on(EXITED_ON)));
            assertThat(state.plans())
                    .containsEntry(plan, new JourneyState.Plan("Sky", ReunificationStep.SUPERVISED_CONTACT, true));

            state.apply(new ReunificationPlanClosedEvent(
                    WREN, plan, ReunificationPlanClosureReason.OTHER, null, on(APRIL_1)));
            assertThat(state.plans())
                    .containsEntry(plan, new JourneyState.Plan("Sky", ReunificationStep.SUPERVISED_CONTACT, false));
        }

        @Test
        @DisplayName("knows her mentors, and forgets one whose mentoring ended")
        void knowsHerMentors() {
            JourneyState state = fold(WREN_ENROLLED, new PeerMentorAssignedEvent(WREN, ROBIN, on(ENTERED_ON)));
            assertThat(state.mentors()).containsOnly(Map.entry(ROBIN, ENTERED_ON));

            state.apply(new PeerMentorAssignmentEndedEvent(WREN, ROBIN, null, on(EXITED_ON)));
            assertThat(state.mentors()).isEmpty();
        }

        @Test
        @DisplayName("knows the status of each of her goals; progress changes none")
        void knowsHerGoals() {
            GoalId flat = new GoalId("goal-flat");
            GoalId job = new GoalId("goal-job");
            JourneyState state = fold(
                    WREN_ENROLLED,
                    new GoalSetEvent(WREN, flat, "a flat of my own", on(ENTERED_ON)),
                    new GoalSetEvent(WREN, job, "a job", on(ENTERED_ON)),
                    new GoalProgressNotedEvent(WREN, job, "applied at the bakery", on(EXITED_ON)),
                    new GoalAchievedEvent(WREN, flat, null, on(APRIL_1)));

            assertThat(state.goals())
                    .containsOnly(
                            Map.entry(flat, JourneyState.GoalStatus.ACHIEVED),
                            Map.entry(job, JourneyState.GoalStatus.ACTIVE));
        }

        @Test
        @DisplayName("knows her support network, and never takes back a helper's id")
        void knowsHerSupportNetwork() {
            HelperId sponsor = new HelperId("helper-sponsor");
            JourneyState state = fold(
                    WREN_ENROLLED,
                    new SupportNetworkHelperAddedEvent(WREN, sponsor, HelperKind.SPONSOR, null, on(ENTERED_ON)),
                    new SupportNetworkHelperRemovedEvent(WREN, sponsor, null, on(EXITED_ON)));

            assertThat(state.helpers()).isEmpty();
            assertThat(ruleBrokenBy(
                            state,
                            new SupportNetworkHelperAddedEvent(WREN, sponsor, HelperKind.SPONSOR, null, on(APRIL_1))))
                    .isEqualTo(RuleViolation.DUPLICATE_ID);
        }

        @Test
        @DisplayName("knows when each consent covers her record: from the day given, to expiry, until withdrawn")
        void knowsWhenEachConsentIsActive() {
            ConsentId research = new ConsentId("consent-research");
            JourneyState state = fold(
                    WREN_ENROLLED,
                    new ConsentGivenEvent(
                            WREN,
                            research,
                            ConsentKind.RESEARCH,
                            "evaluation",
                            LocalDate.of(2027, 1, 31),
                            on(ENTERED_ON)),
                    new ConsentWithdrawnEvent(WREN, research, on(APRIL_1), null));
            JourneyState.Consent consent = state.consents().get(research);

            assertThat(consent.withdrawnOn()).isEqualTo(APRIL_1);
            assertThat(consent.activeOn(ENTERED_ON.minusDays(1))).isFalse();
            assertThat(consent.activeOn(ENTERED_ON)).isTrue();
            assertThat(consent.activeOn(APRIL_1.minusDays(1))).isTrue();
            assertThat(consent.activeOn(APRIL_1)).isFalse();
            assertThat(new JourneyState.Consent(ConsentKind.SERVICE, "service", ENTERED_ON, EXITED_ON, null)
                            .activeOn(EXITED_ON.plusDays(1)))
                    .isFalse();
        }

        @Test
        @DisplayName("keeps the latest reading of each instrument, and counts her milestones")
        void keepsTheLatestReadingAndCountsMilestones() {
            AssessmentRecordedEvent first =
                    new AssessmentRecordedEvent(WREN, ORS, 0, Map.of("overall", 3), 3.0, Map.of(), on(ENTERED_ON));
            AssessmentRecordedEvent latest =
                    new AssessmentRecordedEvent(WREN, ORS, 0, Map.of("overall", 7), 7.0, Map.of(), on(APRIL_1));
            JourneyState state = fold(
                    WREN_ENROLLED,
                    first,
                    new MilestoneReachedEvent(WREN, on(EXITED_ON), MilestoneType.STABLE_HOUSING, null),
                    latest);

            assertThat(state.latestAssessments()).containsOnly(Map.entry(ORS, latest));
            assertThat(state.milestones()).isEqualTo(1);
            assertThat(state.lastOccurredOn()).isEqualTo(APRIL_1);
        }
    }

    @Nested
    @DisplayName("as a fold")
    class AsAFold {

        @Test
        @DisplayName("is copied independently: what is folded into the copy leaves the original as it was")
        void isCopiedIndependently() {
            JourneyState original = fold(WREN_ENROLLED, WREN_ENTERED_HARBOUR_HOUSE);
            JourneyState copy = original.copy();

            copy.apply(WREN_LEFT_HARBOUR_HOUSE);
            copy.apply(new RelapseRecordedEvent(WREN, on(APRIL_1), RelapseKind.OTHER, null, Set.of(), null));

            assertThat(original.currentStays()).containsKey(HARBOUR_HOUSE);
            assertThat(original.relapses()).isZero();
            assertThat(original.lastOccurredOn()).isEqualTo(ENTERED_ON);
            assertThat(copy.currentStays()).isEmpty();
            assertThat(copy.relapses()).isEqualTo(1);
            assertThat(copy.enrolledOn()).isEqualTo(ENROLLED_ON);
        }

        @Test
        @DisplayName("never throws when applying, so history accepted once always loads")
        void neverThrowsWhenApplying() {
            JourneyState state = new JourneyState();

            assertThatCode(() -> {
                        state.apply(
                                new ProgrammeExitedEvent(WREN, HARBOUR_HOUSE, on(EXITED_ON), ExitReason.OTHER, null));
                        state.apply(new ReunificationStepRecordedEvent(
                                WREN,
                                new ReunificationPlanId("no-plan"),
                                ReunificationStep.OVERNIGHT_STAYS,
                                ReunificationStep.PLAN_OPENED,
                                StepDirection.FORWARD,
                                null,
                                on(EXITED_ON)));
                        state.apply(new ConsentWithdrawnEvent(WREN, new ConsentId("no-consent"), on(EXITED_ON), null));
                    })
                    .doesNotThrowAnyException();
            assertThat(state.plans()).isEmpty();
            assertThat(state.consents()).isEmpty();
        }

        @Test
        @DisplayName("keeps the latest date it has seen, even when an earlier event is folded in after it")
        void keepsTheLatestDate() {
            JourneyState state = new JourneyState();
            state.apply(WREN_ENROLLED);
            state.apply(WREN_LEFT_HARBOUR_HOUSE);
            state.apply(WREN_ENTERED_HARBOUR_HOUSE);

            assertThat(state.lastOccurredOn()).isEqualTo(EXITED_ON);
        }
    }
}
