package org.journeyplatform.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.journeyplatform.api.audit.AuditInterceptor;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.infra.axon.parking.ParkedEvents;
import org.journeyplatform.infra.axon.parking.ParkedEvents.Parked;
import org.journeyplatform.infra.axon.parking.ParkedEvents.RetryOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events a projection could not handle or read, parked with her later events (ADR 0013): see them, retry them once the
 * cause is fixed, or give one up. Administrators only. No payload is shown; a listing names the participants whose
 * events are parked, and is recorded in the audit log like any list naming participants.
 */
@RestController
@RequestMapping("/api/v1/admin/parked-events")
@Tag(
        name = "Administration: parked events",
        description = "Events a projection could not handle, parked per participant; list, retry, give up")
public class ParkedEventsController {

    private static final String JOURNEY = "Journey";

    private final ParkedEvents parkedEvents;
    private final AuditInterceptor audit;

    public ParkedEventsController(ParkedEvents parkedEvents, AuditInterceptor audit) {
        this.parkedEvents = parkedEvents;
        this.audit = audit;
    }

    /** The parked events of one processor (at most {@value ParkedEvents#LIST_LIMIT} listed; {@code parked} counts all). */
    public record ProcessorParkedEvents(String processor, long parked, List<ParkedEvent> events) {}

    /**
     * One parked event. {@code sequenceId} is the aggregate's id: the participant's for a journey event. A parked event
     * with no cause failed nothing itself: it waits behind an earlier one of the same sequence.
     */
    public record ParkedEvent(
            String id,
            String sequenceId,
            String aggregateType,
            String eventId,
            Long globalPosition,
            Long sequenceNumber,
            String eventType,
            String parkedAt,
            String lastTriedAt,
            String errorClass,
            String errorMessage) {

        static ParkedEvent of(Parked p) {
            return new ParkedEvent(
                    p.id(),
                    p.sequenceId(),
                    p.aggregateType(),
                    p.eventId(),
                    p.globalPosition(),
                    p.sequenceNumber(),
                    p.eventType(),
                    p.parkedAt(),
                    p.lastTouched(),
                    p.causeType(),
                    p.causeMessage());
        }
    }

    @GetMapping
    @Operation(summary = "Every parking processor and its parked events")
    public List<ProcessorParkedEvents> all(HttpServletRequest http) {
        var counts = parkedEvents.counts();
        List<ProcessorParkedEvents> all = parkedEvents.processors().stream()
                .map(p -> new ProcessorParkedEvents(
                        p,
                        counts.getOrDefault(p, 0L),
                        parkedEvents.list(p).stream().map(ParkedEvent::of).toList()))
                .toList();
        recordRead(all.stream().flatMap(p -> p.events().stream()), "GET /api/v1/admin/parked-events", http);
        return all;
    }

    @GetMapping("/{processor}")
    @Operation(summary = "One processor's parked events")
    public ProcessorParkedEvents one(@PathVariable String processor, HttpServletRequest http) {
        known(processor);
        List<ParkedEvent> events =
                parkedEvents.list(processor).stream().map(ParkedEvent::of).toList();
        ProcessorParkedEvents answer =
                new ProcessorParkedEvents(processor, parkedEvents.counts().getOrDefault(processor, 0L), events);
        recordRead(events.stream(), "GET /api/v1/admin/parked-events/{processor}", http);
        return answer;
    }

    @PostMapping("/{processor}/retry")
    @Operation(
            summary = "Retry every parked sequence of a processor once",
            description = "Each sequence (a participant's parked events) is handled again in order, read afresh from "
                    + "the event store; a sequence whose first event still fails stays parked, with the new error.")
    public RetryOutcome retry(@PathVariable String processor, HttpServletRequest http) {
        known(processor);
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http, "a retry takes no options; nothing was retried.");
        return parkedEvents.retry(processor);
    }

    @PostMapping("/{processor}/sequences/{sequenceId}/retry")
    @Operation(summary = "Retry one parked sequence (one participant's parked events) of a processor")
    public RetryOutcome retrySequence(
            @PathVariable String processor, @PathVariable String sequenceId, HttpServletRequest http) {
        known(processor);
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http, "a retry takes no options; nothing was retried.");
        return parkedEvents.retrySequence(processor, sequenceId);
    }

    @DeleteMapping("/{processor}/{id}")
    @Operation(
            summary = "Give up one parked event: this processor will never apply it",
            description = "The events parked behind it stay parked until retried.")
    public ResponseEntity<Void> evict(@PathVariable String processor, @PathVariable String id) {
        known(processor);
        if (!parkedEvents.evict(processor, id)) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND,
                    "There is no parked event '" + id + "' for the projection '" + processor + "'.");
        }
        return ResponseEntity.noContent().build();
    }

    private void known(String processor) {
        if (!parkedEvents.parks(processor)) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND, "There is no projection called '" + processor + "' that parks events.");
        }
    }

    /** Every participant named in the answer: which of her events are parked says something about her journey. */
    private void recordRead(Stream<ParkedEvent> events, String endpoint, HttpServletRequest http) {
        List<String> participants = events.filter(e -> JOURNEY.equals(e.aggregateType()))
                .map(ParkedEvent::sequenceId)
                .distinct()
                .toList();
        audit.record(AuditLog.Action.READ, participants, endpoint, http);
    }
}
