package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * What a journey amounts to at one point of her life: the fold of her effective events (not retracted, as corrected)
 * in life order. {@link #check} says whether an event fits at the end of what has been folded so far; {@link #apply}
 * folds it in; {@link #checkFields} judges an event's own values. Both the journey aggregate (to judge commands) and
 * the participant summary (to show where she stands, now or as of any moment) use it, so they never disagree.
 * <p>
 * It is made of one {@link Concern} per part of her journey (her profile, stays, relapses and milestones,
 * reunification plans, peer support, goals, safety, support network, consents, assessments), each owning its kinds of
 * event: their field rules, life-order checks and fold. Every kind of journey event has exactly one owner, or is about
 * her record rather than her life ({@link #RECORD_EVENTS}); the class refuses to load otherwise, so a new event type
 * cannot be forgotten ({@code JourneyConcernsTest} holds it too).
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

    /**
     * Events about her record rather than a moment of her life, owned by no concern: corrections and retractions (the
     * journey resolves them before folding) and her erasure (folded here: nothing more fits after it).
     */
    static final Set<Class<? extends JourneyEvent>> RECORD_EVENTS =
            Set.of(EventCorrectedEvent.class, EventRetractedEvent.class, ParticipantErasedEvent.class);

    /** Which concern (by its place in {@link #concerns}) owns each kind of journey event. */
    private static final Map<Class<?>, Integer> OWNER = owners(new JourneyState().concerns, true);

    private final Profile profile;
    private final Stays stays;
    private final Lapses lapses;
    private final ReunificationPlans plans;
    private final PeerSupport peerSupport;
    private final Goals goals;
    private final Safety safety;
    private final SupportNetwork network;
    private final Consents consents;
    private final Assessments assessments;
    /** The concerns above, in one array: {@link #OWNER} points into it. */
    private final Concern<?>[] concerns;

    private LocalDate lastOccurredOn;
    private boolean erased;

    public JourneyState() {
        this(
                new Profile(),
                new Stays(),
                new Lapses(),
                new ReunificationPlans(),
                new PeerSupport(),
                new Goals(),
                new Safety(),
                new SupportNetwork(),
                new Consents(),
                new Assessments());
    }

    private JourneyState(
            Profile profile,
            Stays stays,
            Lapses lapses,
            ReunificationPlans plans,
            PeerSupport peerSupport,
            Goals goals,
            Safety safety,
            SupportNetwork network,
            Consents consents,
            Assessments assessments) {
        this.profile = profile;
        this.stays = stays;
        this.lapses = lapses;
        this.plans = plans;
        this.peerSupport = peerSupport;
        this.goals = goals;
        this.safety = safety;
        this.network = network;
        this.consents = consents;
        this.assessments = assessments;
        this.concerns = new Concern<?>[] {
            profile, stays, lapses, plans, peerSupport, goals, safety, network, consents, assessments
        };
    }

    public JourneyState copy() {
        JourneyState copy = new JourneyState(
                profile.copy(),
                stays.copy(),
                lapses.copy(),
                plans.copy(),
                peerSupport.copy(),
                goals.copy(),
                safety.copy(),
                network.copy(),
                consents.copy(),
                assessments.copy());
        copy.lastOccurredOn = lastOccurredOn;
        copy.erased = erased;
        return copy;
    }

    /**
     * Which concern owns each kind of journey event, by its place in {@code concerns}; when {@code strict}, throws
     * unless every kind of journey event but {@link #RECORD_EVENTS} has exactly one owner.
     */
    static Map<Class<?>, Integer> owners(Concern<?>[] concerns, boolean strict) {
        Map<Class<?>, Integer> owners = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < concerns.length; i++) {
            for (Class<? extends JourneyEvent> type : concerns[i].events()) {
                Integer before = owners.put(type, i);
                if (before != null || RECORD_EVENTS.contains(type)) {
                    problems.add(type.getSimpleName() + " has two owners");
                }
            }
        }
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            if (!owners.containsKey(type) && !RECORD_EVENTS.contains(type)) {
                problems.add(type.getSimpleName() + " has no owner");
            }
        }
        if (strict && !problems.isEmpty()) {
            throw new IllegalStateException("Every kind of journey event needs exactly one concern of JourneyState: "
                    + String.join(", ", new TreeSet<>(problems)));
        }
        return Map.copyOf(owners);
    }

    /** The concerns of a journey state, each with the kinds of event it owns (for tests and docs). */
    static Map<String, Set<Class<? extends JourneyEvent>>> concernsAndEvents() {
        Map<String, Set<Class<? extends JourneyEvent>>> out = new java.util.LinkedHashMap<>();
        Arrays.stream(new JourneyState().concerns)
                .forEach(c -> out.put(c.getClass().getSimpleName(), new HashSet<>(c.events())));
        return out;
    }

    private Concern<?> ownerOf(JourneyEvent event) {
        Integer owner = OWNER.get(event.getClass());
        return owner == null ? null : concerns[owner];
    }

    /**
     * Throws when the event's own values break a rule, whatever came before it in her journey: also what a
     * correction would make of a recorded event, so that a correction never produces an event its command would
     * have refused.
     */
    public static void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        Integer owner = OWNER.get(event.getClass());
        if (owner != null) {
            FIELD_RULES[owner].checkFields(event, clock, directories);
        }
    }

    /** The concerns of an empty state, for the field rules, which never read a concern's state. */
    private static final Concern<?>[] FIELD_RULES = new JourneyState().concerns;

    /**
     * Throws when the event does not fit after everything folded so far.
     *
     * @throws JourneyRuleException naming the rule it breaks
     */
    public void check(JourneyEvent event) {
        LocalDate on = event.occurredOn().date();
        if (erased) {
            throw Concern.rule(
                    RuleViolation.PARTICIPANT_ERASED,
                    "Her record was erased; nothing dated " + on + " can be added to it.");
        }
        if (event instanceof ParticipantErasedEvent) {
            return; // an erasure fits anywhere: it is about her record, not a moment of her life
        }
        LocalDate enrolledOn = profile.enrolledOn();
        if (!(event instanceof ParticipantEnrolledEvent) && enrolledOn != null && on.isBefore(enrolledOn)) {
            throw Concern.rule(
                    RuleViolation.DATED_BEFORE_ENROLMENT, "Dated " + on + "; she was enrolled on " + enrolledOn + ".");
        }
        Concern<?> owner = ownerOf(event);
        if (owner != null) {
            owner.check(event, on);
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
        Concern<?> owner = ownerOf(event);
        if (owner != null) {
            owner.apply(event, on);
        }
        // Corrections and retractions are resolved before folding (see Journey). Nothing here reads a personal
        // value: after an erasure those read back as PersonalData.ERASED or null.
    }

    public LocalDate enrolledOn() {
        return profile.enrolledOn();
    }

    /** The latest life date of anything folded so far. */
    public LocalDate lastOccurredOn() {
        return lastOccurredOn;
    }

    /** Programmes she is in, with the day she entered each. */
    public Map<ProgrammeId, LocalDate> currentStays() {
        return stays.current();
    }

    public boolean hasBeenIn(ProgrammeId programme) {
        return stays.hasBeenIn(programme);
    }

    public LocalDate latestExitFrom(ProgrammeId programme) {
        return stays.latestExitFrom(programme);
    }

    public Map<ReunificationPlanId, Plan> plans() {
        return plans.plans();
    }

    public Map<PeerId, LocalDate> mentors() {
        return peerSupport.mentors();
    }

    public Map<GoalId, GoalStatus> goals() {
        return goals.goals();
    }

    public Map<HelperId, HelperKind> helpers() {
        return network.helpers();
    }

    public Map<ConsentId, Consent> consents() {
        return consents.consents();
    }

    public Map<InstrumentCode, AssessmentRecordedEvent> latestAssessments() {
        return assessments.latest();
    }

    public LocalDate lastRelapseOn() {
        return lapses.lastRelapseOn();
    }

    public int relapses() {
        return lapses.relapses();
    }

    public int milestones() {
        return lapses.milestones();
    }

    /**
     * Whether she has been erased (an erasure is folded in, wherever it falls in life order): her personal values
     * can no longer be read, and nothing more can be recorded for her.
     */
    public boolean erased() {
        return erased;
    }
}
