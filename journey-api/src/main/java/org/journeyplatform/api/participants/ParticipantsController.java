package org.journeyplatform.api.participants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.journey.EnrolParticipantCommand;
import org.journeyplatform.domain.journey.EnterProgrammeCommand;
import org.journeyplatform.domain.journey.ExitProgrammeCommand;
import org.journeyplatform.domain.journey.RecordMilestoneCommand;
import org.journeyplatform.domain.journey.RecordRelapseCommand;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.projections.participants.FindParticipantQuery;
import org.journeyplatform.projections.participants.FindParticipantsQuery;
import org.journeyplatform.projections.participants.ParticipantView;
import org.journeyplatform.projections.timeline.ParticipantTimelineQuery;
import org.journeyplatform.projections.timeline.TimelineEntry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff enrol participants and record their journeys. Commands go to the journey aggregate and are consistent at
 * once; the reads (directory, timeline) come from projections that follow within moments.
 */
@RestController
@RequestMapping("/api/v1/participants")
@Tag(name = "Participants", description = "Enrol participants and record their journeys")
public class ParticipantsController {

    private static final long COMMAND_TIMEOUT_SECONDS = 15;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStore eventStore;
    private final EventStoreDirectory aggregates;

    public ParticipantsController(CommandGateway commands, QueryGateway queries, EventStore eventStore,
                                  EventStoreDirectory aggregates) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
        this.aggregates = aggregates;
    }

    @PostMapping
    @Operation(summary = "Enrol a participant under the name or pseudonym she chose")
    public ResponseEntity<CommandAccepted> enrol(@Valid @RequestBody ParticipantRequests.Enrol request) {
        ParticipantId id = ParticipantId.of(UUID.randomUUID());
        send(new EnrolParticipantCommand(id, request.chosenName(), request.yearOfBirth(), request.referralSource(),
                ParticipantRequests.occurredOn(request.enrolledOn(), request.enrolledAt())));
        return ResponseEntity.created(URI.create("/api/v1/participants/" + id)).eTag(Versions.etag(0))
                .body(new CommandAccepted(id.toString(), 0));
    }

    @GetMapping
    @Operation(summary = "Participants, most recently enrolled first")
    public List<ParticipantView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                      @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return queries.query(new FindParticipantsQuery(limit, offset),
                ResponseTypes.multipleInstancesOf(ParticipantView.class)).join();
    }

    @GetMapping("/{participantId}")
    @Operation(summary = "One participant; the ETag is her journey's current version")
    public ResponseEntity<ParticipantView> get(@PathVariable String participantId) {
        ParticipantId id = participantId(participantId);
        long version = currentVersion(id);
        ParticipantView view = queries.query(new FindParticipantQuery(id.toString()),
                ResponseTypes.instanceOf(ParticipantView.class)).join();
        if (view == null) { // enrolled a moment ago: the directory has not caught up, her enrolment is the answer
            view = fromEnrolment(id);
        }
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(view);
    }

    @GetMapping("/{participantId}/timeline")
    @Operation(summary = "Her timeline in life order: by the date things happened, then by recording order")
    public List<TimelineEntry> timeline(@PathVariable String participantId) {
        ParticipantId id = participantId(participantId);
        return queries.query(new ParticipantTimelineQuery(id.toString()),
                ResponseTypes.multipleInstancesOf(TimelineEntry.class)).join();
    }

    @PostMapping("/{participantId}/programme-entries")
    @Operation(summary = "Record that she entered a programme")
    public ResponseEntity<CommandAccepted> enterProgramme(
            @PathVariable String participantId, @Valid @RequestBody ParticipantRequests.ProgrammeEntry request,
            @Parameter(description = "the version (ETag) you last saw") @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ParticipantId id = participantId(participantId);
        return accepted(id, send(new EnterProgrammeCommand(id, ProgrammeId.of(request.programmeId()),
                ParticipantRequests.occurredOn(request.occurredOn(), request.occurredAt()), request.note(),
                expectedVersion(id, ifMatch))));
    }

    @PostMapping("/{participantId}/programme-exits")
    @Operation(summary = "Record that her stay in a programme ended, and why")
    public ResponseEntity<CommandAccepted> exitProgramme(
            @PathVariable String participantId, @Valid @RequestBody ParticipantRequests.ProgrammeExit request,
            @Parameter(description = "the version (ETag) you last saw") @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ParticipantId id = participantId(participantId);
        return accepted(id, send(new ExitProgrammeCommand(id, ProgrammeId.of(request.programmeId()),
                ParticipantRequests.occurredOn(request.occurredOn(), request.occurredAt()), request.reason(),
                request.note(), expectedVersion(id, ifMatch))));
    }

    @PostMapping("/{participantId}/relapses")
    @Operation(summary = "Record a relapse or return, and the support that followed; her journey stays open")
    public ResponseEntity<CommandAccepted> recordRelapse(
            @PathVariable String participantId, @Valid @RequestBody ParticipantRequests.Relapse request,
            @Parameter(description = "the version (ETag) you last saw") @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ParticipantId id = participantId(participantId);
        return accepted(id, send(new RecordRelapseCommand(id,
                ParticipantRequests.occurredOn(request.occurredOn(), request.occurredAt()), request.kind(),
                request.severity(), request.supportFollowed(), request.note(), expectedVersion(id, ifMatch))));
    }

    @PostMapping("/{participantId}/milestones")
    @Operation(summary = "Record a milestone she reached")
    public ResponseEntity<CommandAccepted> recordMilestone(
            @PathVariable String participantId, @Valid @RequestBody ParticipantRequests.Milestone request,
            @Parameter(description = "the version (ETag) you last saw") @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ParticipantId id = participantId(participantId);
        return accepted(id, send(new RecordMilestoneCommand(id,
                ParticipantRequests.occurredOn(request.occurredOn(), request.occurredAt()), request.type(),
                request.description(), expectedVersion(id, ifMatch))));
    }

    private Object send(Object command) {
        return commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static ResponseEntity<CommandAccepted> accepted(ParticipantId id, Object version) {
        long v = ((Number) version).longValue();
        return ResponseEntity.created(URI.create("/api/v1/participants/" + id + "/timeline")).eTag(Versions.etag(v))
                .body(new CommandAccepted(id.toString(), v));
    }

    /** An enrolled participant's id: a UUID naming a journey (not a programme, not anything else). */
    private ParticipantId participantId(String raw) {
        ParticipantId id;
        try {
            id = ParticipantId.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant has this id.");
        }
        if (!aggregates.isEnrolled(id)) {
            throw notFound(id);
        }
        return id;
    }

    private ParticipantView fromEnrolment(ParticipantId id) {
        DomainEventMessage<?> first = eventStore.readEvents(id.toString(), 0).next();
        ParticipantEnrolledEvent enrolled = (ParticipantEnrolledEvent) first.getPayload();
        return new ParticipantView(id.toString(), enrolled.chosenName(), enrolled.yearOfBirth(),
                enrolled.referralSource(), enrolled.occurredOn().date(), first.getTimestamp());
    }

    /**
     * The version an If-Match header expects, checked against the event store before the command runs, so a stale
     * version answers 412 even when the command would also break a rule. Axon checks again when the events are
     * appended, which covers a change that slips in between.
     */
    private Long expectedVersion(ParticipantId id, String ifMatch) {
        Long expected = Versions.expectedVersion(ifMatch);
        if (expected != null) {
            long current = currentVersion(id);
            if (current != expected) {
                throw new ConflictingAggregateVersionException(id.toString(), expected, current);
            }
        }
        return expected;
    }

    private long currentVersion(ParticipantId id) {
        return eventStore.lastSequenceNumberFor(id.toString()).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(ParticipantId id) {
        return new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant with id " + id + ".");
    }
}
