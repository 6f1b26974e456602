package org.journeyplatform.domain.journey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * One participant's journey: the consistency boundary for everything recorded about her.
 * <p>
 * Command handlers validate and decide; event sourcing handlers only change state. The current date comes in from
 * outside as a {@link Clock} resource (a Spring bean in the application, a fixed clock in tests), so "in the future"
 * is always judged against the deployment's clock and time zone.
 * <p>
 * The journey never closes: there is no "closed" or "failed" state, and a relapse changes no programme stay.
 * <p>
 * Every command handler answers the journey's version after the change, which the API hands out as an ETag for
 * optimistic concurrency ({@code If-Match}).
 */
public class Journey {

    @AggregateIdentifier
    private ParticipantId participantId;
    private LocalDate enrolledOn;
    /** Programmes she is in now, with the day she entered. */
    private final Map<ProgrammeId, LocalDate> currentStays = new HashMap<>();
    /** For each programme she has left, the day of her latest exit. */
    private final Map<ProgrammeId, LocalDate> latestExits = new HashMap<>();
    private final Set<ProgrammeId> programmesEverEntered = new HashSet<>();

    protected Journey() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Journey(EnrolParticipantCommand command, Clock clock) {
        String chosenName = command.chosenName().strip();
        if (chosenName.isEmpty()) {
            throw new IllegalArgumentException("A participant is enrolled under the name or pseudonym she chose; it must not be blank.");
        }
        requireNotInFuture(command.occurredOn(), clock);
        Integer yearOfBirth = command.yearOfBirth();
        if (yearOfBirth != null && (yearOfBirth < 1900 || yearOfBirth > LocalDate.now(clock).getYear())) {
            throw new IllegalArgumentException("A year of birth lies between 1900 and this year.");
        }
        apply(new ParticipantEnrolledEvent(command.participantId(), chosenName, command.yearOfBirth(),
                command.referralSource(), command.occurredOn()));
    }

    @CommandHandler
    public long handle(EnterProgrammeCommand command, Clock clock, ProgrammeDirectory programmes) {
        requireWithinJourney(command.occurredOn(), clock);
        ProgrammeId programme = command.programmeId();
        if (!programmes.isRegistered(programme)) {
            throw new JourneyRuleException(RuleViolation.UNKNOWN_PROGRAMME,
                    "No programme is registered with id " + programme + ".");
        }
        LocalDate enteredOn = currentStays.get(programme);
        if (enteredOn != null) {
            throw new JourneyRuleException(RuleViolation.ALREADY_IN_PROGRAMME,
                    "She has been in programme " + programme + " since " + enteredOn + ".");
        }
        LocalDate lastExit = latestExits.get(programme);
        if (lastExit != null && command.occurredOn().isBefore(lastExit)) {
            throw new JourneyRuleException(RuleViolation.ENTRY_BEFORE_PREVIOUS_EXIT,
                    "Entry dated " + command.occurredOn().date() + " is before her last exit from programme "
                            + programme + " on " + lastExit + ".");
        }
        apply(new ProgrammeEnteredEvent(participantId, programme, command.occurredOn(),
                programmesEverEntered.contains(programme), blankToNull(command.note())));
        return getVersion();
    }

    @CommandHandler
    public long handle(ExitProgrammeCommand command, Clock clock) {
        requireWithinJourney(command.occurredOn(), clock);
        ProgrammeId programme = command.programmeId();
        LocalDate enteredOn = currentStays.get(programme);
        if (enteredOn == null) {
            throw new JourneyRuleException(RuleViolation.NOT_IN_PROGRAMME,
                    "She is not in programme " + programme + ".");
        }
        if (command.occurredOn().isBefore(enteredOn)) {
            throw new JourneyRuleException(RuleViolation.EXIT_BEFORE_ENTRY,
                    "Exit dated " + command.occurredOn().date() + " is before her entry on " + enteredOn + ".");
        }
        apply(new ProgrammeExitedEvent(participantId, programme, command.occurredOn(), command.reason(),
                blankToNull(command.note())));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordRelapseCommand command, Clock clock) {
        requireWithinJourney(command.occurredOn(), clock);
        apply(new RelapseRecordedEvent(participantId, command.occurredOn(), command.kind(), command.severity(),
                command.supportFollowed(), blankToNull(command.note())));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordMilestoneCommand command, Clock clock) {
        requireWithinJourney(command.occurredOn(), clock);
        String description = blankToNull(command.description());
        if (command.type() == MilestoneType.CUSTOM && description == null) {
            throw new IllegalArgumentException("A custom milestone needs a description in the participant's words.");
        }
        apply(new MilestoneReachedEvent(participantId, command.occurredOn(), command.type(), description));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ParticipantEnrolledEvent event) {
        this.participantId = event.participantId();
        this.enrolledOn = event.occurredOn().date();
    }

    @EventSourcingHandler
    void on(ProgrammeEnteredEvent event) {
        currentStays.put(event.programmeId(), event.occurredOn().date());
        programmesEverEntered.add(event.programmeId());
    }

    @EventSourcingHandler
    void on(ProgrammeExitedEvent event) {
        currentStays.remove(event.programmeId());
        latestExits.put(event.programmeId(), event.occurredOn().date());
    }

    private void requireWithinJourney(OccurredOn occurredOn, Clock clock) {
        if (occurredOn.isBefore(enrolledOn)) {
            throw new JourneyRuleException(RuleViolation.DATED_BEFORE_ENROLMENT,
                    "Dated " + occurredOn.date() + "; she was enrolled on " + enrolledOn + ".");
        }
        requireNotInFuture(occurredOn, clock);
    }

    private static void requireNotInFuture(OccurredOn occurredOn, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (occurredOn.isAfter(today)) {
            throw new JourneyRuleException(RuleViolation.DATED_IN_FUTURE,
                    "Dated " + occurredOn.date() + "; today is " + today + ".");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
