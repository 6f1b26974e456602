package org.journeyplatform.api.participants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.api.access.BreakGlassGrants;
import org.journeyplatform.api.access.StaffAssignments;
import org.journeyplatform.api.audit.AuditInterceptor;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.journey.EnrolParticipantCommand;
import org.journeyplatform.domain.journey.EnterProgrammeCommand;
import org.journeyplatform.domain.journey.ErasedParticipants;
import org.journeyplatform.domain.journey.ExitProgrammeCommand;
import org.journeyplatform.domain.journey.RecordMilestoneCommand;
import org.journeyplatform.domain.journey.RecordPastProgrammeStayCommand;
import org.journeyplatform.domain.journey.RecordRelapseCommand;
import org.journeyplatform.domain.journey.UpdateProfileDetailsCommand;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.projections.participants.FindParticipantQuery;
import org.journeyplatform.projections.participants.FindParticipantsQuery;
import org.journeyplatform.projections.participants.ParticipantView;
import org.journeyplatform.projections.summary.ParticipantSummary;
import org.journeyplatform.projections.summary.ParticipantSummaryQuery;
import org.journeyplatform.projections.timeline.ParticipantTimelineQuery;
import org.journeyplatform.projections.timeline.TimelineEntry;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff enrol participants, record programme stays, relapses and milestones, and read a participant back: her
 * profile, her timeline and her summary, now or as known at any recorded moment. Commands go to the journey aggregate
 * and are consistent at once; the directory and the timeline come from projections that follow within moments; the
 * summary is folded from the event store on each read.
 */
@RestController
@RequestMapping("/api/v1/participants")
@Tag(name = "Participants", description = "Enrol participants, record their journeys, read them back")
public class ParticipantsController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStore eventStore;
    private final JourneyCommandSender sender;
    private final AuditInterceptor audit;
    private final StaffAssignments assignments;
    private final BreakGlassGrants grants;
    private final ErasedParticipants erased;

    private final java.time.Clock clock;

    public ParticipantsController(
            CommandGateway commands,
            QueryGateway queries,
            EventStore eventStore,
            JourneyCommandSender sender,
            AuditInterceptor audit,
            StaffAssignments assignments,
            BreakGlassGrants grants,
            ErasedParticipants erased,
            java.time.Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
        this.sender = sender;
        this.audit = audit;
        this.assignments = assignments;
        this.grants = grants;
        this.erased = erased;
    }

    @PostMapping
    @Operation(summary = "Enrol a participant under the name or pseudonym she chose")
    public ResponseEntity<CommandAccepted> enrol(
            @Valid @RequestBody ParticipantRequests.Enrol request, HttpServletRequest http) {
        ParticipantId id = ParticipantId.of(UUID.randomUUID());
        audit.record(AuditLog.Action.WRITE, id.toString(), "POST /api/v1/participants", http);
        sender.dispatch(
                id.toString(),
                new EnrolParticipantCommand(
                        id,
                        request.chosenName(),
                        request.yearOfBirth(),
                        request.referralSource(),
                        new OccurredOn(request.enrolledOn(), request.enrolledAt()),
                        request.ageBand(),
                        request.genderIdentity(),
                        request.ageAtFirstEntry()));
        return ResponseEntity.created(URI.create("/api/v1/participants/" + id))
                .eTag(Versions.etag(0))
                .body(new CommandAccepted(id.toString(), 0));
    }

    @GetMapping
    @Operation(
            summary = "Participants you may see, most recently enrolled first",
            description = "Those in or once in a programme you are assigned to, those you enrolled, and those you "
                    + "hold a break-glass grant for.")
    public List<ParticipantView> list(
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            HttpServletRequest http,
            Principal user) {
        List<ParticipantView> participants = queries
                .query(
                        new FindParticipantsQuery(limit, offset, visibleTo(user.getName())),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .join()
                .stream()
                .map(view -> forRole(view, http))
                .toList();
        // every participant named in the answer is a disclosure of her identifying data
        audit.record(
                AuditLog.Action.READ,
                participants.stream().map(ParticipantView::participantId).toList(),
                "GET /api/v1/participants",
                http);
        return participants;
    }

    /** Whom she may see: those she enrolled, those ever in one of her programmes, those of her unexpired grants. */
    private FindParticipantsQuery.Visible visibleTo(String username) {
        return assignments.visibleTo(
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication(),
                grants.participantsGrantedTo(username));
    }

    @GetMapping("/{participantId}")
    @Operation(summary = "One participant's profile; the ETag is her journey's current version")
    public ResponseEntity<ParticipantView> get(@PathVariable String participantId, HttpServletRequest http) {
        ParticipantId id = sender.participantId(participantId);
        long version = sender.currentVersion(id);
        ParticipantView view = queries.query(
                        new FindParticipantQuery(id.toString()), ResponseTypes.instanceOf(ParticipantView.class))
                .join();
        if (view == null) { // enrolled a moment ago: the directory has not caught up, her enrolment is the answer
            view = fromEnrolment(eventStore, erased, id);
        }
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(forRole(view, http));
    }

    @GetMapping("/{participantId}/timeline")
    @Operation(
            summary = "Her timeline in life order, corrections and retractions marked, late entries flagged",
            description = "With asOfRecorded, the timeline exactly as it was known at that moment.")
    public List<TimelineEntry> timeline(
            @PathVariable String participantId,
            @Parameter(description = "an instant, e.g. 2026-01-31T12:00:00Z") @RequestParam(required = false)
                    Instant asOfRecorded) {
        ParticipantId id = sender.participantId(participantId);
        requireStorableMoment(asOfRecorded);
        return queries.query(
                        new ParticipantTimelineQuery(id.toString(), asOfRecorded),
                        ResponseTypes.multipleInstancesOf(TimelineEntry.class))
                .join();
    }

    @GetMapping("/{participantId}/summary")
    @Operation(
            summary = "Where she stands: programmes, last relapse, reunification, assessments, goals, consent",
            description = "With asOfRecorded, as it was known at that moment.")
    public ParticipantSummary summary(
            @PathVariable String participantId,
            @Parameter(description = "an instant, e.g. 2026-01-31T12:00:00Z") @RequestParam(required = false)
                    Instant asOfRecorded) {
        ParticipantId id = sender.participantId(participantId);
        requireStorableMoment(asOfRecorded);
        ParticipantSummary summary = queries.query(
                        new ParticipantSummaryQuery(id.toString(), asOfRecorded),
                        ResponseTypes.instanceOf(ParticipantSummary.class))
                .join();
        if (summary == null) {
            throw new ApiProblem(
                    ProblemType.PARTICIPANT_NOT_FOUND,
                    "Her enrolment was not recorded yet at " + asOfRecorded + " (it was recorded later).");
        }
        return summary;
    }

    /** The first and last moments an {@code asOfRecorded} may name: what a recording time can be, with room. */
    private static final Instant EARLIEST_MOMENT = Instant.parse("1900-01-01T00:00:00Z");

    private static final Instant LATEST_MOMENT = Instant.parse("9999-12-31T23:59:59Z");

    /** An as-of moment the database can compare recording times with; else a 400 that says which. */
    private void requireStorableMoment(Instant asOfRecorded) {
        if (asOfRecorded != null && (asOfRecorded.isBefore(EARLIEST_MOMENT) || asOfRecorded.isAfter(LATEST_MOMENT))) {
            throw new ApiProblem(
                    ProblemType.MALFORMED_REQUEST,
                    "Parameter 'asOfRecorded' must be an instant between " + EARLIEST_MOMENT + " and " + LATEST_MOMENT
                            + ".");
        }
        // a moment that has not come is known to nobody: its day counts would run on to a future day; a client whose
        // clock is a little ahead is let through
        Instant now = clock.instant();
        if (asOfRecorded != null && asOfRecorded.isAfter(now.plus(CLOCK_SKEW))) {
            throw new ApiProblem(
                    ProblemType.MALFORMED_REQUEST,
                    "Parameter 'asOfRecorded' is later than now ("
                            + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + "): nothing is recorded yet for a moment that has not come. Leave it out for her record "
                            + "as known now.");
        }
    }

    /** How far ahead of this server's clock a client's {@code asOfRecorded} may be. */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(1);

    @PostMapping("/{participantId}/profile-updates")
    @Operation(summary = "Update details of her profile (a detail left out stays as it is)")
    public ResponseEntity<CommandAccepted> updateProfile(
            @Valid @RequestBody ParticipantRequests.ProfileUpdate request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) -> new UpdateProfileDetailsCommand(
                        id,
                        request.chosenName(),
                        request.yearOfBirth(),
                        request.ageBand(),
                        request.genderIdentity(),
                        request.ageAtFirstEntry(),
                        request.referralSource(),
                        request.when(),
                        version));
    }

    @PostMapping("/{participantId}/programme-entries")
    @Operation(summary = "Record that she entered a programme")
    public ResponseEntity<CommandAccepted> enterProgramme(
            @Valid @RequestBody ParticipantRequests.ProgrammeEntry request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) -> new EnterProgrammeCommand(
                        id, ProgrammeId.of(request.programmeId()), request.when(), request.note(), version));
    }

    @PostMapping("/{participantId}/programme-exits")
    @Operation(summary = "Record that her stay in a programme ended, and why")
    public ResponseEntity<CommandAccepted> exitProgramme(
            @Valid @RequestBody ParticipantRequests.ProgrammeExit request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) -> new ExitProgrammeCommand(
                        id,
                        ProgrammeId.of(request.programmeId()),
                        request.when(),
                        request.reason(),
                        request.note(),
                        version));
    }

    @PostMapping("/{participantId}/programme-stays")
    @Operation(summary = "Record a whole past stay in a programme (entry and exit together), e.g. one recorded late")
    public ResponseEntity<CommandAccepted> recordPastStay(
            @Valid @RequestBody ParticipantRequests.PastStay request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) -> new RecordPastProgrammeStayCommand(
                        id,
                        ProgrammeId.of(request.programmeId()),
                        OccurredOn.on(request.enteredOn()),
                        OccurredOn.on(request.exitedOn()),
                        request.reason(),
                        request.note(),
                        version));
    }

    @PostMapping("/{participantId}/relapses")
    @Operation(summary = "Record a relapse or return, and the support that followed; her journey stays open")
    public ResponseEntity<CommandAccepted> recordRelapse(
            @Valid @RequestBody ParticipantRequests.Relapse request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) -> new RecordRelapseCommand(
                        id,
                        request.when(),
                        request.kind(),
                        request.severity(),
                        request.supportFollowed(),
                        request.note(),
                        version));
    }

    @PostMapping("/{participantId}/milestones")
    @Operation(summary = "Record a milestone she reached")
    public ResponseEntity<CommandAccepted> recordMilestone(
            @Valid @RequestBody ParticipantRequests.Milestone request, JourneyTarget target) {
        return sender.send(
                target,
                null,
                (id, version) ->
                        new RecordMilestoneCommand(id, request.when(), request.type(), request.description(), version));
    }

    /**
     * A peer worker needs only to find the participant she supports: her id and the name she chose; not her year of
     * birth, gender identity, age at first entry or referral.
     */
    private static ParticipantView forRole(ParticipantView view, HttpServletRequest http) {
        if (!http.isUserInRole("PEER_WORKER")) {
            return view;
        }
        return new ParticipantView(
                view.participantId(), view.chosenName(), null, null, null, null, null, null, null, view.erased());
    }

    /** Her profile as her enrolment recorded it: for a moment after she is enrolled, before the directory has her. */
    public static ParticipantView fromEnrolment(EventStore eventStore, ErasedParticipants erased, ParticipantId id) {
        DomainEventMessage<?> first = eventStore.readEvents(id.toString(), 0).next();
        ParticipantEnrolledEvent enrolled = (ParticipantEnrolledEvent) first.getPayload();
        return new ParticipantView(
                id.toString(),
                enrolled.chosenName(),
                enrolled.yearOfBirth(),
                enrolled.referralSource(),
                enrolled.occurredOn().date(),
                first.getTimestamp(),
                enrolled.ageBand(),
                enrolled.genderIdentity(),
                enrolled.ageAtFirstEntry(),
                erased.isErased(id));
    }
}
