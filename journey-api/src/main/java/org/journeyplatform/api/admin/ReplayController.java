package org.journeyplatform.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.infra.axon.ShadowRebuilds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where each read model stands, and two ways to build one again from the event store. Administrators only.
 * <ul>
 * <li>{@code POST .../{name}/rebuild}: beside the live tables, while reads keep coming from them; an atomic switch once
 * the new tables have caught up (ADR 0015). Progress at {@code GET .../{name}/rebuild}; {@code DELETE} cancels.</li>
 * <li>{@code POST .../{name}/replay}: in place: the processor stops, its tokens go back to the start, its reset handler
 * empties its tables, and it replays every event; reads see the tables fill up meanwhile.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration: projections", description = "Where each read model stands; replays")
public class ReplayController {

    private final EventProcessingConfiguration processing;
    private final ShadowRebuilds rebuilds;

    public ReplayController(EventProcessingConfiguration processing, ShadowRebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
    }

    /** Where one projection stands. */
    public record ProjectionStatus(String name, boolean running, boolean replaying, long position, int segments) {}

    @GetMapping
    @Operation(summary = "Every projection and where it stands")
    public List<ProjectionStatus> all() {
        return processing.eventProcessors().keySet().stream()
                .sorted()
                .map(this::status)
                .flatMap(Optional::stream)
                .toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One projection and where it stands")
    public ProjectionStatus one(@PathVariable String name) {
        return status(name).orElseThrow(() -> unknown(name));
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection from the event store")
    public ResponseEntity<ProjectionStatus> replay(
            @PathVariable String name, jakarta.servlet.http.HttpServletRequest http) {
        StreamingEventProcessor processor = processor(name).orElseThrow(() -> unknown(name));
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http, "a replay takes no options; nothing was replayed.");
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException heldElsewhere) {
            // another instance holds its segments: this one's processor goes on as it was, ready to take them over
            processor.start();
            throw new ApiProblem(
                    ProblemType.PROJECTION_HELD_ELSEWHERE, ProblemType.PROJECTION_HELD_ELSEWHERE.description());
        } catch (RuntimeException | Error e) {
            processor.start(); // (the database away, say) nothing was reset: the projection goes on where it was
            throw e;
        }
        processor.start();
        return ResponseEntity.accepted().body(status(name).orElseThrow());
    }

    @PostMapping("/{name}/rebuild")
    @Operation(
            summary = "Rebuild a projection beside its live tables, switching over once it has caught up",
            description = "Reads keep coming from the live tables until the switch, which is atomic. The answer is "
                    + "where the rebuild stands; follow it with GET on the same address.")
    public ResponseEntity<ShadowRebuilds.Progress> rebuild(
            @PathVariable String name, jakarta.servlet.http.HttpServletRequest http) {
        rebuildable(name);
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http, "a rebuild takes no options; nothing was rebuilt.");
        return started(() -> rebuilds.start(name));
    }

    @PostMapping("/rebuild")
    @Operation(
            summary = "Rebuild every projection beside its live tables at once, reading the store once for all",
            description = "One rebuild runs every projection's handlers over one read of the store (each event read "
                    + "and opened once, not once per projection), and all switch over together once caught up; "
                    + "cancelling one (DELETE on its address) cancels them all. The answer is where each stands.")
    public ResponseEntity<List<ShadowRebuilds.Progress>> rebuildAll(jakarta.servlet.http.HttpServletRequest http) {
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http, "a rebuild takes no options; nothing was rebuilt.");
        return started(rebuilds::startAll);
    }

    /** A rebuild started: {@code 202} with where it stands; nothing to rebuild {@code 404}; one under way {@code 409}. */
    private static <T> ResponseEntity<T> started(java.util.function.Supplier<T> start) {
        try {
            return ResponseEntity.accepted().body(start.get());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiProblem(ProblemType.REBUILD_IN_PROGRESS, e.getMessage());
        }
    }

    @GetMapping("/{name}/rebuild")
    @Operation(summary = "Where the latest rebuild of a projection stands: events done, events/s, time left")
    public ShadowRebuilds.Progress rebuildProgress(@PathVariable String name) {
        rebuildable(name);
        return rebuilds.progress(name)
                .orElseThrow(() -> new ApiProblem(
                        ProblemType.NOT_FOUND,
                        "No rebuild of '" + name + "' was started since this instance started."));
    }

    private void rebuildable(String name) {
        try {
            rebuilds.requireRebuildable(name);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, e.getMessage());
        }
    }

    @DeleteMapping("/{name}/rebuild")
    @Operation(summary = "Cancel a rebuild under way; the live tables stay as they are")
    public ResponseEntity<Void> cancelRebuild(@PathVariable String name) {
        rebuildable(name);
        if (!rebuilds.cancel(name)) {
            if (rebuilds.progress(name)
                    .filter(progress -> progress.state() == ShadowRebuilds.State.SWITCHING)
                    .isPresent()) {
                throw new ApiProblem(
                        ProblemType.REBUILD_IN_PROGRESS,
                        "The rebuild of '" + name + "' is switching over and can no longer be cancelled; it ends DONE,"
                                + " or FAILED with the live tables as they were, within seconds.");
            }
            throw new ApiProblem(ProblemType.NOT_FOUND, "No rebuild of '" + name + "' is under way.");
        }
        return ResponseEntity.noContent().build();
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private Optional<ProjectionStatus> status(String name) {
        return processor(name).map(p -> {
            Map<Integer, EventTrackerStatus> segments = p.processingStatus();
            long position = segments.values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .flatMap(o -> o.stream().boxed())
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(-1);
            return new ProjectionStatus(name, p.isRunning(), p.isReplaying(), position, segments.size());
        });
    }

    private static ApiProblem unknown(String name) {
        return new ApiProblem(
                ProblemType.NOT_FOUND, "There is no projection called '" + ShadowRebuilds.shortened(name) + "'.");
    }
}
