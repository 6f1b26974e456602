package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalDroppedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ModuleAttendedEvent;
import org.journeyplatform.domain.journey.event.ModuleCompletedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanReviewedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;
import org.journeyplatform.domain.shared.SafetyPlanId;

/**
 * What a journey amounts to at one point of her life: the fold of her effective events (not retracted, as corrected)
 * in life order. {@link #check} says whether an event fits at the end of what has been folded so far; {@link #apply}
 * folds it in. Both the journey aggregate (to judge commands) and the participant summary (to show where she stands,
 * now or as of any moment) use it, so they never disagree.
 * <p>
 * Plain Java: no framework, no I/O.
 */
public final class JourneyState {

    /** Status of one of her goals. */
    public enum GoalStatus {
        ACTIVE,
        ACHIEVED,
        DROPPED
    }

    /** One reunification plan: the child's pseudonym, the step it is at, whether it is open. */
    public record Plan(String childPseudonym, ReunificationStep step, boolean open) {}

    /** One consent in the ledger. */
    public record Consent(
            ConsentKind kind, String scope, LocalDate givenOn, LocalDate expiresOn, LocalDate withdrawnOn) {

        /** Whether it covers the given day: given by then, not expired, not withdrawn. */
        public boolean activeOn(LocalDate day) {
            return !day.isBefore(givenOn)
                    && !day.isAfter(expiresOn)
                    && (withdrawnOn == null || day.isBefore(withdrawnOn));
        }
    }

    private LocalDate enrolledOn;
    private LocalDate lastOccurredOn;
    private final Map<ProgrammeId, LocalDate> currentStays = new LinkedHashMap<>();
    private final Map<ProgrammeId, LocalDate> latestExits = new HashMap<>();
    private final Set<ProgrammeId> everEntered = new HashSet<>();
    private final Map<ReunificationPlanId, Plan> plans = new LinkedHashMap<>();
    private final Map<PeerId, LocalDate> mentors = new LinkedHashMap<>();
    private final Map<GoalId, GoalStatus> goals = new LinkedHashMap<>();
    private final Set<SafetyPlanId> safetyPlans = new HashSet<>();
    private final Map<HelperId, HelperKind> helpers = new LinkedHashMap<>();
    private final Set<HelperId> everHelpers = new HashSet<>();
    private final Map<ConsentId, Consent> consents = new LinkedHashMap<>();
    private final Map<InstrumentCode, AssessmentRecordedEvent> latestAssessments = new LinkedHashMap<>();
    private LocalDate lastRelapseOn;
    private int relapses;
    private int milestones;
    private boolean erased;

    public JourneyState copy() {
        JourneyState copy = new JourneyState();
        copy.enrolledOn = enrolledOn;
        copy.lastOccurredOn = lastOccurredOn;
        copy.currentStays.putAll(currentStays);
        copy.latestExits.putAll(latestExits);
        copy.everEntered.addAll(everEntered);
        copy.plans.putAll(plans);
        copy.mentors.putAll(mentors);
        copy.goals.putAll(goals);
        copy.safetyPlans.addAll(safetyPlans);
        copy.helpers.putAll(helpers);
        copy.everHelpers.addAll(everHelpers);
        copy.consents.putAll(consents);
        copy.latestAssessments.putAll(latestAssessments);
        copy.lastRelapseOn = lastRelapseOn;
        copy.relapses = relapses;
        copy.milestones = milestones;
        copy.erased = erased;
        return copy;
    }

    /**
     * Throws when the event does not fit after everything folded so far.
     *
     * @throws JourneyRuleException naming the rule it breaks
     */
    public void check(JourneyEvent event) {
        LocalDate on = event.occurredOn().date();
        if (erased) {
            throw rule(
                    RuleViolation.PARTICIPANT_ERASED,
                    "Her record was erased; nothing dated " + on + " can be added to it.");
        }
        if (event instanceof ParticipantErasedEvent) {
            return; // an erasure fits anywhere: it is about her record, not a moment of her life
        }
        if (!(event instanceof ParticipantEnrolledEvent) && enrolledOn != null && on.isBefore(enrolledOn)) {
            throw rule(
                    RuleViolation.DATED_BEFORE_ENROLMENT, "Dated " + on + "; she was enrolled on " + enrolledOn + ".");
        }
        if (event instanceof ProgrammeEnteredEvent e) {
            LocalDate since = currentStays.get(e.programmeId());
            if (since != null) {
                throw rule(
                        RuleViolation.ALREADY_IN_PROGRAMME,
                        "On " + on + " she had been in programme " + e.programmeId() + " since " + since + ".");
            }
        } else if (event instanceof ProgrammeExitedEvent e) {
            requireInProgramme(e.programmeId(), on);
        } else if (event instanceof ModuleAttendedEvent e) {
            requireInProgramme(e.programmeId(), on);
        } else if (event instanceof ModuleCompletedEvent e) {
            requireInProgramme(e.programmeId(), on);
        } else if (event instanceof ReunificationPlanOpenedEvent e) {
            if (plans.containsKey(e.planId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Reunification plan " + e.planId() + " exists already.");
            }
        } else if (event instanceof ReunificationStepRecordedEvent e) {
            Plan plan = openPlan(e.planId());
            if (plan.step() == e.step()) {
                throw rule(RuleViolation.SAME_STEP, "Plan " + e.planId() + " is at " + e.step() + " already.");
            }
        } else if (event instanceof ReunificationPlanClosedEvent e) {
            openPlan(e.planId());
        } else if (event instanceof PeerMentorAssignedEvent e) {
            if (mentors.containsKey(e.peerId())) {
                throw rule(
                        RuleViolation.PEER_ALREADY_MENTOR,
                        "Peer " + e.peerId() + " has mentored her since " + mentors.get(e.peerId()) + ".");
            }
        } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
            if (!mentors.containsKey(e.peerId())) {
                throw rule(RuleViolation.PEER_NOT_MENTOR, "Peer " + e.peerId() + " is not her mentor on " + on + ".");
            }
        } else if (event instanceof GoalSetEvent e) {
            if (goals.containsKey(e.goalId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Goal " + e.goalId() + " exists already.");
            }
        } else if (event instanceof GoalProgressNotedEvent e) {
            activeGoal(e.goalId());
        } else if (event instanceof GoalAchievedEvent e) {
            activeGoal(e.goalId());
        } else if (event instanceof GoalDroppedEvent e) {
            activeGoal(e.goalId());
        } else if (event instanceof SafetyPlanCreatedEvent e) {
            if (safetyPlans.contains(e.safetyPlanId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Safety plan " + e.safetyPlanId() + " exists already.");
            }
        } else if (event instanceof SafetyPlanReviewedEvent e) {
            if (!safetyPlans.contains(e.safetyPlanId())) {
                throw rule(RuleViolation.UNKNOWN_SAFETY_PLAN, "No safety plan " + e.safetyPlanId() + " on " + on + ".");
            }
        } else if (event instanceof SupportNetworkHelperAddedEvent e) {
            if (everHelpers.contains(e.helperId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Helper " + e.helperId() + " exists already.");
            }
        } else if (event instanceof SupportNetworkHelperRemovedEvent e) {
            if (!helpers.containsKey(e.helperId())) {
                throw rule(
                        RuleViolation.UNKNOWN_HELPER,
                        "Helper " + e.helperId() + " is not in her network on " + on + ".");
            }
        } else if (event instanceof ConsentGivenEvent e) {
            if (consents.containsKey(e.consentId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Consent " + e.consentId() + " exists already.");
            }
            if (e.expiresOn().isBefore(on)) {
                throw rule(
                        RuleViolation.CONSENT_EXPIRES_BEFORE_GIVEN,
                        "Given on " + on + " but expiring on " + e.expiresOn() + ".");
            }
        } else if (event instanceof ConsentWithdrawnEvent e) {
            Consent consent = consents.get(e.consentId());
            if (consent == null) {
                throw rule(RuleViolation.UNKNOWN_CONSENT, "No consent " + e.consentId() + " on " + on + ".");
            }
            if (consent.withdrawnOn() != null) {
                throw rule(
                        RuleViolation.CONSENT_ALREADY_WITHDRAWN,
                        "Consent " + e.consentId() + " was withdrawn on " + consent.withdrawnOn() + ".");
            }
        }
    }

    /** Folds the event in. Never throws: history that was accepted once always loads. */
    public void apply(JourneyEvent event) {
        LocalDate on = event.occurredOn().date();
        if (event instanceof ParticipantErasedEvent) {
            erased = true; // dated when it was recorded, not a moment of her life: lastOccurredOn stays
            return;
        }
        if (lastOccurredOn == null || on.isAfter(lastOccurredOn)) {
            lastOccurredOn = on;
        }
        if (event instanceof ParticipantEnrolledEvent e) {
            enrolledOn = on;
        } else if (event instanceof ProgrammeEnteredEvent e) {
            currentStays.put(e.programmeId(), on);
            everEntered.add(e.programmeId());
        } else if (event instanceof ProgrammeExitedEvent e) {
            currentStays.remove(e.programmeId());
            latestExits.put(e.programmeId(), on);
        } else if (event instanceof RelapseRecordedEvent) {
            lastRelapseOn = on;
            relapses++;
        } else if (event instanceof MilestoneReachedEvent) {
            milestones++;
        } else if (event instanceof ReunificationPlanOpenedEvent e) {
            plans.put(e.planId(), new Plan(e.childPseudonym(), ReunificationStep.PLAN_OPENED, true));
        } else if (event instanceof ReunificationStepRecordedEvent e) {
            Plan plan = plans.get(e.planId());
            if (plan != null) {
                plans.put(e.planId(), new Plan(plan.childPseudonym(), e.step(), true));
            }
        } else if (event instanceof ReunificationPlanClosedEvent e) {
            Plan plan = plans.get(e.planId());
            if (plan != null) {
                plans.put(e.planId(), new Plan(plan.childPseudonym(), plan.step(), false));
            }
        } else if (event instanceof PeerMentorAssignedEvent e) {
            mentors.put(e.peerId(), on);
        } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
            mentors.remove(e.peerId());
        } else if (event instanceof GoalSetEvent e) {
            goals.put(e.goalId(), GoalStatus.ACTIVE);
        } else if (event instanceof GoalAchievedEvent e) {
            goals.put(e.goalId(), GoalStatus.ACHIEVED);
        } else if (event instanceof GoalDroppedEvent e) {
            goals.put(e.goalId(), GoalStatus.DROPPED);
        } else if (event instanceof SafetyPlanCreatedEvent e) {
            safetyPlans.add(e.safetyPlanId());
        } else if (event instanceof SupportNetworkHelperAddedEvent e) {
            helpers.put(e.helperId(), e.kind());
            everHelpers.add(e.helperId());
        } else if (event instanceof SupportNetworkHelperRemovedEvent e) {
            helpers.remove(e.helperId());
        } else if (event instanceof ConsentGivenEvent e) {
            consents.put(e.consentId(), new Consent(e.kind(), e.scope(), on, e.expiresOn(), null));
        } else if (event instanceof ConsentWithdrawnEvent e) {
            Consent c = consents.get(e.consentId());
            if (c != null && c.withdrawnOn() == null) {
                consents.put(e.consentId(), new Consent(c.kind(), c.scope(), c.givenOn(), c.expiresOn(), on));
            }
        } else if (event instanceof AssessmentRecordedEvent e) {
            latestAssessments.put(e.instrument(), e);
        }
        // Profile updates, peer sessions, goal progress, safety-plan reviews, protection orders and module records
        // change nothing a rule depends on. Corrections and retractions are resolved before folding (see Journey).
        // Nothing here reads a personal value: after an erasure those read back as PersonalData.ERASED or null.
    }

    private void requireInProgramme(ProgrammeId programme, LocalDate on) {
        LocalDate since = currentStays.get(programme);
        if (since == null) {
            throw rule(RuleViolation.NOT_IN_PROGRAMME, "On " + on + " she is not in programme " + programme + ".");
        }
        if (on.isBefore(since)) {
            throw rule(RuleViolation.EXIT_BEFORE_ENTRY, "Dated " + on + ", before her entry on " + since + ".");
        }
    }

    private Plan openPlan(ReunificationPlanId id) {
        Plan plan = plans.get(id);
        if (plan == null) {
            throw rule(RuleViolation.UNKNOWN_PLAN, "No reunification plan " + id + ".");
        }
        if (!plan.open()) {
            throw rule(RuleViolation.PLAN_CLOSED, "Reunification plan " + id + " is closed.");
        }
        return plan;
    }

    private void activeGoal(GoalId id) {
        GoalStatus status = goals.get(id);
        if (status == null) {
            throw rule(RuleViolation.UNKNOWN_GOAL, "No goal " + id + ".");
        }
        if (status != GoalStatus.ACTIVE) {
            throw rule(
                    RuleViolation.GOAL_NOT_ACTIVE,
                    "Goal " + id + " is " + status.name().toLowerCase() + ".");
        }
    }

    private static JourneyRuleException rule(RuleViolation violation, String detail) {
        return new JourneyRuleException(violation, detail);
    }

    public LocalDate enrolledOn() {
        return enrolledOn;
    }

    /** The latest life date of anything folded so far. */
    public LocalDate lastOccurredOn() {
        return lastOccurredOn;
    }

    /** Programmes she is in, with the day she entered each. */
    public Map<ProgrammeId, LocalDate> currentStays() {
        return Map.copyOf(currentStays);
    }

    public boolean hasBeenIn(ProgrammeId programme) {
        return everEntered.contains(programme);
    }

    public LocalDate latestExitFrom(ProgrammeId programme) {
        return latestExits.get(programme);
    }

    public Map<ReunificationPlanId, Plan> plans() {
        return Map.copyOf(plans);
    }

    public Map<PeerId, LocalDate> mentors() {
        return Map.copyOf(mentors);
    }

    public Map<GoalId, GoalStatus> goals() {
        return Map.copyOf(goals);
    }

    public Map<HelperId, HelperKind> helpers() {
        return Map.copyOf(helpers);
    }

    public Map<ConsentId, Consent> consents() {
        return Map.copyOf(consents);
    }

    public Map<InstrumentCode, AssessmentRecordedEvent> latestAssessments() {
        return Map.copyOf(latestAssessments);
    }

    public LocalDate lastRelapseOn() {
        return lastRelapseOn;
    }

    public int relapses() {
        return relapses;
    }

    public int milestones() {
        return milestones;
    }

    /**
     * Whether she has been erased (an erasure is folded in, wherever it falls in life order): her personal values
     * can no longer be read, and nothing more can be recorded for her.
     */
    public boolean erased() {
        return erased;
    }
}
