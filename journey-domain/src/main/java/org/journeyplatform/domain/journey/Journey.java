package org.journeyplatform.domain.journey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
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
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanReviewedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.RecordCommandTargets;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * One participant's journey: the consistency boundary for everything recorded about her.
 * <p>
 * The revision is that of its snapshots: raise it whenever the fields below (or the events they hold) change shape,
 * so that older snapshots are ignored rather than misread.
 * <p>
 * Her record is judged in life order. Every command is checked by folding her effective events (retracted ones left
 * out, corrected ones as corrected) together with the new event in the order things happened in her life
 * ({@link RecordedEvent#LIFE_ORDER}), through {@link JourneyState}: an event recorded late must fit where it happened,
 * and everything after it must still fit. When the new event is the latest in her life (the usual case) only the new
 * event is checked against the current state.
 * <p>
 * Command handlers validate and decide; event sourcing handlers only change state. The current date comes in from
 * outside as a {@link Clock} resource, registered programmes, peers and instruments through one
 * {@link Directories} resource that every recording handler takes.
 * Every command handler answers the journey's version after the change, which the API hands out as an ETag.
 * <p>
 * The journey never closes: there is no "closed" or "failed" state, and a relapse changes no programme stay.
 * <p>
 * She can be erased ({@link EraseParticipantCommand}): from then on every other command on her journey is refused as
 * {@link RuleViolation#PARTICIPANT_ERASED}, by one interceptor in front of all command handlers, so no handler can
 * forget it. Her stored events still load: after the erasure their personal values read back as
 * {@link org.journeyplatform.domain.shared.PersonalData#ERASED} or null, which nothing here depends on.
 */
@Revision("2")
public class Journey {

    @AggregateIdentifier
    private ParticipantId participantId;
    /**
     * Her effective events in life order ({@link RecordedEvent#LIFE_ORDER}), kept so as events arrive (a late one is
     * inserted where it happened, the usual one appended) and in snapshots, so that judging a command never sorts her
     * record. Revision 1 snapshots held them in recording order.
     */
    private final List<RecordedEvent> effective = new ArrayList<>();
    /** Ids of every event that was ever effective and has been retracted. */
    private final Set<String> retracted = new HashSet<>();
    /** The fold of {@link #effective} in life order; rebuilt when null (after a late event, a correction, a snapshot). */
    private transient JourneyState state;
    /** Whether she was erased; found again when null (after a snapshot), so that no command folds her record to ask. */
    private transient Boolean erased;

    protected Journey() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Journey(EnrolParticipantCommand command, Clock clock) {
        String chosenName = org.journeyplatform.domain.shared.VisibleText.strip(command.chosenName());
        if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(chosenName)) {
            throw new IllegalArgumentException(Profile.BLANK_NAME);
        }
        requireNotInFuture(command.occurredOn(), clock);
        Profile.requirePlausibleAges(command.yearOfBirth(), command.ageAtFirstEntry(), clock);
        apply(new ParticipantEnrolledEvent(
                command.participantId(),
                chosenName,
                command.yearOfBirth(),
                command.referralSource(),
                command.occurredOn(),
                command.ageBand(),
                command.genderIdentity(),
                command.ageAtFirstEntry()));
    }

    @CommandHandler
    public long handle(UpdateProfileDetailsCommand command, Clock clock, Directories directories) {
        return record(
                new ProfileDetailsUpdatedEvent(
                        participantId,
                        blankToNull(command.chosenName()),
                        command.yearOfBirth(),
                        command.ageBand(),
                        command.genderIdentity(),
                        command.ageAtFirstEntry(),
                        command.referralSource(),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(EnterProgrammeCommand command, Clock clock, Directories directories) {
        requireNoLaterExit(command.programmeId(), command.occurredOn());
        return record(entry(command.programmeId(), command.occurredOn(), command.note()), clock, directories);
    }

    @CommandHandler
    public long handle(ExitProgrammeCommand command, Clock clock, Directories directories) {
        LocalDate enteredOn = state().currentStays().get(command.programmeId());
        if (enteredOn != null && command.occurredOn().isBefore(enteredOn)) {
            throw new JourneyRuleException(
                    RuleViolation.EXIT_BEFORE_ENTRY,
                    "Exit dated " + command.occurredOn().date() + " is before her entry on " + enteredOn + ".");
        }
        return record(
                new ProgrammeExitedEvent(
                        participantId,
                        command.programmeId(),
                        command.occurredOn(),
                        command.reason(),
                        blankToNull(command.note())),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordPastProgrammeStayCommand command, Clock clock, Directories directories) {
        Stays.requireRegistered(command.programmeId(), directories.programmes());
        if (command.exitedOn().compareTo(command.enteredOn()) < 0) {
            throw new JourneyRuleException(
                    RuleViolation.EXIT_BEFORE_ENTRY,
                    "Exit dated " + command.exitedOn().date() + " is before the entry on "
                            + command.enteredOn().date() + ".");
        }
        ProgrammeEnteredEvent entered = entry(command.programmeId(), command.enteredOn(), command.note());
        ProgrammeExitedEvent exited = new ProgrammeExitedEvent(
                participantId, command.programmeId(), command.exitedOn(), command.reason(), null);
        JourneyState.checkFields(entered, clock, directories);
        validate(List.of(entered, exited), clock);
        apply(entered);
        apply(exited);
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordModuleAttendanceCommand command, Clock clock, Directories directories) {
        return record(
                new ModuleAttendedEvent(participantId, command.programmeId(), command.moduleId(), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordModuleCompletionCommand command, Clock clock, Directories directories) {
        return record(
                new ModuleCompletedEvent(
                        participantId, command.programmeId(), command.moduleId(), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordRelapseCommand command, Clock clock, Directories directories) {
        return record(
                new RelapseRecordedEvent(
                        participantId,
                        command.occurredOn(),
                        command.kind(),
                        command.severity(),
                        command.supportFollowed(),
                        blankToNull(command.note())),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordMilestoneCommand command, Clock clock, Directories directories) {
        return record(
                new MilestoneReachedEvent(
                        participantId, command.occurredOn(), command.type(), blankToNull(command.description())),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(OpenReunificationPlanCommand command, Clock clock, Directories directories) {
        return record(
                new ReunificationPlanOpenedEvent(
                        participantId,
                        command.planId(),
                        blankToNull(command.childPseudonym()),
                        blankToNull(command.note()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordReunificationStepCommand command, Clock clock, Directories directories) {
        if (command.step() == ReunificationStep.PLAN_OPENED) {
            throw new IllegalArgumentException("PLAN_OPENED is where a plan starts; open a plan instead.");
        }
        JourneyState before = stateBefore(command.occurredOn());
        JourneyState.Plan plan = before.plans().get(command.planId());
        ReunificationStep previous = plan == null ? ReunificationStep.PLAN_OPENED : plan.step();
        StepDirection direction =
                command.step().ordinal() > previous.ordinal() ? StepDirection.FORWARD : StepDirection.BACKWARD;
        return record(
                new ReunificationStepRecordedEvent(
                        participantId,
                        command.planId(),
                        command.step(),
                        previous,
                        direction,
                        blankToNull(command.note()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(CloseReunificationPlanCommand command, Clock clock, Directories directories) {
        return record(
                new ReunificationPlanClosedEvent(
                        participantId,
                        command.planId(),
                        command.reason(),
                        blankToNull(command.note()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(AssignPeerMentorCommand command, Clock clock, Directories directories) {
        return record(
                new PeerMentorAssignedEvent(participantId, command.peerId(), command.occurredOn()), clock, directories);
    }

    @CommandHandler
    public long handle(EndPeerMentorAssignmentCommand command, Clock clock, Directories directories) {
        return record(
                new PeerMentorAssignmentEndedEvent(
                        participantId, command.peerId(), blankToNull(command.note()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordPeerSessionCommand command, Clock clock, Directories directories) {
        return record(
                new PeerSessionAttendedEvent(
                        participantId,
                        command.peerId(),
                        command.kind(),
                        command.minutes(),
                        blankToNull(command.note()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RecordAssessmentCommand command, Clock clock, Directories directories) {
        InstrumentDefinition definition = directories
                .instruments()
                .find(command.instrument())
                .orElseThrow(() -> new JourneyRuleException(
                        RuleViolation.UNKNOWN_INSTRUMENT, "No instrument '" + command.instrument() + "' is defined."));
        InstrumentDefinition.Scores scores = definition.score(command.itemScores());
        return record(
                new AssessmentRecordedEvent(
                        participantId,
                        command.instrument(),
                        definition.revision(),
                        command.itemScores(),
                        scores.total(),
                        scores.subscales(),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(SetGoalCommand command, Clock clock, Directories directories) {
        return record(
                new GoalSetEvent(
                        participantId, command.goalId(), blankToNull(command.description()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(NoteGoalProgressCommand command, Clock clock, Directories directories) {
        return record(
                new GoalProgressNotedEvent(
                        participantId, command.goalId(), blankToNull(command.note()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(MarkGoalAchievedCommand command, Clock clock, Directories directories) {
        return record(
                new GoalAchievedEvent(
                        participantId, command.goalId(), blankToNull(command.note()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(DropGoalCommand command, Clock clock, Directories directories) {
        return record(
                new GoalDroppedEvent(
                        participantId, command.goalId(), blankToNull(command.note()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(CreateSafetyPlanCommand command, Clock clock, Directories directories) {
        return record(
                new SafetyPlanCreatedEvent(
                        participantId, command.safetyPlanId(), blankToNull(command.contents()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(ReviewSafetyPlanCommand command, Clock clock, Directories directories) {
        return record(
                new SafetyPlanReviewedEvent(
                        participantId, command.safetyPlanId(), blankToNull(command.contents()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(NoteProtectionOrderCommand command, Clock clock, Directories directories) {
        return record(
                new ProtectionOrderNotedEvent(
                        participantId,
                        command.kind(),
                        command.expiresOn(),
                        blankToNull(command.note()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(AddSupportNetworkHelperCommand command, Clock clock, Directories directories) {
        return record(
                new SupportNetworkHelperAddedEvent(
                        participantId,
                        command.helperId(),
                        command.kind(),
                        blankToNull(command.description()),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(RemoveSupportNetworkHelperCommand command, Clock clock, Directories directories) {
        return record(
                new SupportNetworkHelperRemovedEvent(
                        participantId, command.helperId(), blankToNull(command.note()), command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(GiveConsentCommand command, Clock clock, Directories directories) {
        return record(
                new ConsentGivenEvent(
                        participantId,
                        command.consentId(),
                        command.kind(),
                        blankToNull(command.scope()),
                        command.expiresOn(),
                        command.occurredOn()),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(WithdrawConsentCommand command, Clock clock, Directories directories) {
        return record(
                new ConsentWithdrawnEvent(
                        participantId, command.consentId(), command.occurredOn(), blankToNull(command.note())),
                clock,
                directories);
    }

    @CommandHandler
    public long handle(CorrectEventCommand command, Clock clock, Directories directories) {
        String reason = requireReason(command.reason());
        RecordedEvent target = correctable(command.eventId());
        // checked as they are stored: without the spaces of any kind around them
        java.util.Map<String, String> values =
                command.correctedValues() == null ? null : stripped(command.correctedValues());
        JourneyEvent corrected = Corrections.apply(target.event(), values);
        Corrections.requireTimesToTheMicrosecond(values);
        JourneyState.checkFields(corrected, clock, directories);
        requireNotInFuture(corrected.occurredOn(), clock);
        if (corrected.equals(target.event())) {
            // a correction that corrects nothing would stand in her record as if something had been wrong
            throw new JourneyRuleException(
                    RuleViolation.CORRECTION_CHANGES_NOTHING,
                    "Every value given is what the event already holds (as corrected so far); nothing was recorded.");
        }
        List<RecordedEvent> after = new ArrayList<>(effective);
        after.replaceAll(r ->
                r.eventId().equals(target.eventId()) ? new RecordedEvent(r.eventId(), r.sequence(), corrected) : r);
        strictFold(after);
        apply(new EventCorrectedEvent(
                participantId, target.eventId(), values, reason, OccurredOn.on(LocalDate.now(clock))));
        return getVersion();
    }

    @CommandHandler
    public long handle(RetractEventCommand command, Clock clock) {
        String reason = requireReason(command.reason());
        RecordedEvent target = correctable(command.eventId());
        if (target.event() instanceof ParticipantEnrolledEvent) {
            throw new JourneyRuleException(
                    RuleViolation.NOT_CORRECTABLE,
                    "Her enrolment cannot be retracted; correct it, or erase her record.");
        }
        List<RecordedEvent> after = new ArrayList<>(effective);
        after.removeIf(r -> r.eventId().equals(target.eventId()));
        strictFold(after);
        apply(new EventRetractedEvent(participantId, target.eventId(), reason, OccurredOn.on(LocalDate.now(clock))));
        return getVersion();
    }

    @CommandHandler
    public long handle(EraseParticipantCommand command, Clock clock) {
        if (erased()) {
            return getVersion(); // erased already: safe to repeat, records nothing
        }
        requireNotInFuture(command.occurredOn(), clock);
        apply(new ParticipantErasedEvent(participantId, command.occurredOn()));
        return getVersion();
    }

    /**
     * Once she is erased, nothing more is recorded for her: every command on her journey but an erasure is refused
     * here, before any handler runs. (Enrolling her again under the same id is refused by the event store: her
     * journey exists.)
     */
    /**
     * In front of every command on an existing journey. First a stale version: a command sent with the version its
     * sender last saw ({@link org.axonframework.modelling.command.TargetAggregateVersion}, from If-Match) is refused
     * when the journey has moved on (or never was at that version), before any rule is judged, so a stale version
     * always wins over a broken rule. Axon would otherwise only find the conflict when the events are appended. Then
     * an erased journey refuses everything but its erasure.
     */
    @CommandHandlerInterceptor
    void refuseStaleOrErased(Object command) {
        Long expected = RecordCommandTargets.INSTANCE.expectedVersion(command);
        Long actual = getVersion();
        if (expected != null && !expected.equals(actual)) {
            throw new ConflictingAggregateVersionException(
                    participantId.toString(), expected, actual == null ? -1 : actual);
        }
        if (!(command instanceof EraseParticipantCommand) && erased()) {
            throw new JourneyRuleException(
                    RuleViolation.PARTICIPANT_ERASED,
                    "Her record was erased: nothing can be added to it, corrected or retracted.");
        }
    }

    @EventSourcingHandler
    void on(JourneyEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence) {
        if (event instanceof ParticipantEnrolledEvent enrolled) {
            participantId = enrolled.participantId();
        }
        if (event instanceof ParticipantErasedEvent) {
            erased = Boolean.TRUE;
        }
        if (event instanceof EventCorrectedEvent correction) {
            effective.replaceAll(r -> r.eventId().equals(correction.correctedEventId())
                    ? new RecordedEvent(
                            r.eventId(), r.sequence(), Corrections.replay(r.event(), correction.correctedValues()))
                    : r);
            effective.sort(RecordedEvent.LIFE_ORDER); // its day or time may have changed; in order otherwise
            state = null;
        } else if (event instanceof EventRetractedEvent retraction) {
            effective.removeIf(r -> r.eventId().equals(retraction.retractedEventId()));
            retracted.add(retraction.retractedEventId());
            state = null;
        } else {
            RecordedEvent recorded = new RecordedEvent(eventId, sequence, event);
            RecordedEvent latest = latestInLife();
            boolean latestInHerLife = latest == null || RecordedEvent.LIFE_ORDER.compare(latest, recorded) < 0;
            if (latestInHerLife) {
                effective.add(recorded);
            } else {
                insertInLifeOrder(effective, recorded);
            }
            if (state != null && latestInHerLife) {
                state.apply(event);
            } else {
                state = null;
            }
        }
    }

    /** Checks the event fits her record in life order, then applies it; answers the new version. */
    private long record(JourneyEvent event, Clock clock, Directories directories) {
        JourneyState.checkFields(event, clock, directories);
        validate(List.of(event), clock);
        apply(event);
        return getVersion();
    }

    private void validate(List<JourneyEvent> candidates, Clock clock) {
        List<RecordedEvent> added = new ArrayList<>();
        long firstNewSequence = Long.MAX_VALUE - candidates.size(); // after every recorded one
        long sequence = firstNewSequence;
        for (JourneyEvent candidate : candidates) {
            requireNotInFuture(candidate.occurredOn(), clock);
            added.add(new RecordedEvent("(new)", sequence++, candidate));
        }
        RecordedEvent latest = latestInLife();
        boolean inLifeOrder = latest == null
                || RecordedEvent.LIFE_ORDER.compare(latest, added.get(0)) < 0
                        && added.stream()
                                .sorted(RecordedEvent.LIFE_ORDER)
                                .toList()
                                .equals(added);
        if (inLifeOrder) {
            JourneyState next = state().copy();
            for (RecordedEvent candidate : added) {
                next.check(candidate.event());
                next.apply(candidate.event());
            }
        } else {
            List<RecordedEvent> all = new ArrayList<>(lifeOrdered());
            for (RecordedEvent candidate : added) {
                insertInLifeOrder(all, candidate);
            }
            // what comes before the earliest new event in her life is as it was, and was judged when it was
            // recorded (a late entry or a correction judges everything after it): only from there on is judged again
            int firstNew = 0;
            while (all.get(firstNew).sequence() < firstNewSequence) {
                firstNew++;
            }
            strictFoldOrdered(all, firstNew);
        }
    }

    /** Inserts an event into a list kept in life order, after every event that comes before it. */
    private static void insertInLifeOrder(List<RecordedEvent> ordered, RecordedEvent recorded) {
        int at = Collections.binarySearch(ordered, recorded, RecordedEvent.LIFE_ORDER);
        ordered.add(at < 0 ? -at - 1 : at + 1, recorded);
    }

    /** Her effective events in life order (do not change it). */
    private List<RecordedEvent> lifeOrdered() {
        return effective;
    }

    /** Folds the events in life order, checking each; throws the first rule broken. */
    private static JourneyState strictFold(List<RecordedEvent> events) {
        return strictFoldOrdered(
                events.stream().sorted(RecordedEvent.LIFE_ORDER).toList());
    }

    /** {@link #strictFold} of events already in life order. */
    private static JourneyState strictFoldOrdered(List<RecordedEvent> ordered) {
        return strictFoldOrdered(ordered, 0);
    }

    /** {@link #strictFoldOrdered(List)}, checking the events from {@code checkFrom} on (all are applied). */
    private static JourneyState strictFoldOrdered(List<RecordedEvent> ordered, int checkFrom) {
        if (!ordered.isEmpty() && !(ordered.get(0).event() instanceof ParticipantEnrolledEvent)) {
            throw new JourneyRuleException(
                    RuleViolation.DATED_BEFORE_ENROLMENT,
                    "Dated " + ordered.get(0).event().occurredOn().date() + ", before her enrolment.");
        }
        JourneyState folded = new JourneyState();
        for (int i = 0; i < ordered.size(); i++) {
            JourneyEvent event = ordered.get(i).event();
            if (i >= checkFrom) {
                folded.check(event);
            }
            folded.apply(event);
        }
        return folded;
    }

    /** The latest of her effective events in life order, or null before her enrolment. */
    private RecordedEvent latestInLife() {
        return effective.isEmpty() ? null : effective.get(effective.size() - 1);
    }

    private boolean erased() {
        if (erased == null) {
            erased = effective.stream().anyMatch(r -> r.event() instanceof ParticipantErasedEvent);
        }
        return erased;
    }

    private JourneyState state() {
        if (state == null) {
            JourneyState folded = new JourneyState();
            for (RecordedEvent recorded : lifeOrdered()) {
                folded.apply(recorded.event());
            }
            state = folded;
        }
        return state;
    }

    /** Her state just before the given moment of her life (events on the same day and time count as before). */
    private JourneyState stateBefore(OccurredOn moment) {
        JourneyState folded = new JourneyState();
        for (RecordedEvent recorded : lifeOrdered()) {
            if (recorded.event().occurredOn().compareTo(moment) <= 0) {
                folded.apply(recorded.event());
            }
        }
        return folded;
    }

    private ProgrammeEnteredEvent entry(ProgrammeId programme, OccurredOn on, String note) {
        boolean reentry = effective.stream()
                .anyMatch(r -> r.event() instanceof ProgrammeEnteredEvent e
                        && e.programmeId().equals(programme)
                        && e.occurredOn().compareTo(on) <= 0);
        return new ProgrammeEnteredEvent(participantId, programme, on, reentry, blankToNull(note));
    }

    private void requireNoLaterExit(ProgrammeId programme, OccurredOn on) {
        Optional<LocalDate> laterExit = effective.stream()
                .filter(r -> r.event() instanceof ProgrammeExitedEvent e
                        && e.programmeId().equals(programme))
                .map(r -> r.event().occurredOn().date())
                .filter(d -> d.isAfter(on.date()))
                .max(LocalDate::compareTo);
        if (laterExit.isPresent()) {
            throw new JourneyRuleException(
                    RuleViolation.ENTRY_BEFORE_PREVIOUS_EXIT,
                    "Entry dated " + on.date() + " is before her exit from programme " + programme + " on "
                            + laterExit.get() + ".");
        }
    }

    private RecordedEvent correctable(String eventId) {
        return effective.stream()
                .filter(r -> r.eventId().equals(eventId))
                .findFirst()
                .orElseThrow(() -> retracted.contains(eventId)
                        ? new JourneyRuleException(
                                RuleViolation.ALREADY_RETRACTED, "Event " + eventId + " is retracted.")
                        : new JourneyRuleException(
                                RuleViolation.UNKNOWN_EVENT,
                                "Her record has no event " + eventId + " that can be corrected or retracted."));
    }

    private static void requireNotInFuture(OccurredOn occurredOn, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (occurredOn.isAfter(today)) {
            throw new JourneyRuleException(
                    RuleViolation.DATED_IN_FUTURE, "Dated " + occurredOn.date() + "; today is " + today + ".");
        }
    }

    private static String requireReason(String reason) {
        String text = blankToNull(reason);
        if (text == null) {
            throw new IllegalArgumentException("A correction or retraction says why.");
        }
        return text;
    }

    /**
     * A correction's values as they are applied: without the spaces around them (every value is parsed or kept
     * stripped), so that every reader of the stored correction reads what the journey applied.
     */
    private static java.util.Map<String, String> stripped(java.util.Map<String, String> values) {
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
        values.forEach((field, value) -> kept.put(field, org.journeyplatform.domain.shared.VisibleText.strip(value)));
        return kept;
    }

    /** Text that shows nothing (blank, or only zero-width or direction marks) is no text given. */
    private static String blankToNull(String text) {
        return text == null || !org.journeyplatform.domain.shared.VisibleText.hasVisible(text)
                ? null
                : org.journeyplatform.domain.shared.VisibleText.strip(text);
    }
}
