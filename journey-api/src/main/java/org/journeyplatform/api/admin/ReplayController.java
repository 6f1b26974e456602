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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a read model from the event store: the processor stops, its tokens go back to the start, its reset handler
 * empties its tables, and it replays every event. Administrators only.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration: projections", description = "Where each read model stands; replays")
public class ReplayController {

    private final EventProcessingConfiguration processing;

    public ReplayController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Where one projection stands. */
    public record ProjectionStatus(String name, boolean running, boolean replaying, long position, int segments) {
    }

    @GetMapping
    @Operation(summary = "Every projection and where it stands")
    public List<ProjectionStatus> all() {
        return processing.eventProcessors().keySet().stream().sorted()
                .map(this::status).flatMap(Optional::stream).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One projection and where it stands")
    public ProjectionStatus one(@PathVariable String name) {
        return status(name).orElseThrow(() -> unknown(name));
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection from the event store")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name).orElseThrow(() -> unknown(name));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(status(name).orElseThrow());
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private Optional<ProjectionStatus> status(String name) {
        return processor(name).map(p -> {
            Map<Integer, EventTrackerStatus> segments = p.processingStatus();
            long position = segments.values().stream()
                    .map(EventTrackerStatus::getCurrentPosition).flatMap(o -> o.stream().boxed())
                    .mapToLong(Long::longValue).min().orElse(-1);
            return new ProjectionStatus(name, p.isRunning(), p.isReplaying(), position, segments.size());
        });
    }

    private static ApiProblem unknown(String name) {
        return new ApiProblem(ProblemType.NOT_FOUND, "There is no projection called '" + name + "'.");
    }
}
