package org.journeyplatform.api.programmes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.RegisterProgrammeCommand;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.projections.programmes.FindProgrammeQuery;
import org.journeyplatform.projections.programmes.FindProgrammesQuery;
import org.journeyplatform.projections.programmes.ProgrammeView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Programmes: the services participants enter and leave. */
@RestController
@RequestMapping("/api/v1/programmes")
@Tag(name = "Programmes", description = "Register and list programmes; their staff")
public class ProgrammesController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStoreDirectory directory;
    private final org.journeyplatform.api.access.StaffAssignments staff;

    public ProgrammesController(
            CommandGateway commands,
            QueryGateway queries,
            EventStoreDirectory directory,
            org.journeyplatform.api.access.StaffAssignments staff) {
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.staff = staff;
    }

    /** Register a programme, with its curriculum of modules where it has one. */
    public record RegisterProgramme(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String name,

            @NotNull ProgrammeType type,
            @Size(max = 200) List<@Valid Module> curriculum) {}

    /** One module of a curriculum, e.g. week 3 of a 20-week group programme. */
    public record Module(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
            String moduleId,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String title,

            @Min(1) @Max(520) Integer week) {}

    /** The new programme's id. */
    public record ProgrammeRegistered(String programmeId) {}

    @PostMapping
    @Operation(
            summary = "Register a programme",
            description = "A manager who registers a programme is assigned to it at once, so that she can read its "
                    + "dashboard and staff it; an administrator is not (administrators manage, they do not work in "
                    + "programmes).")
    public ResponseEntity<ProgrammeRegistered> register(
            @Valid @RequestBody RegisterProgramme request, org.springframework.security.core.Authentication user) {
        ProgrammeId id = ProgrammeId.of(UUID.randomUUID());
        List<CurriculumModule> curriculum = request.curriculum() == null
                ? List.of()
                : request.curriculum().stream()
                        .map(m -> new CurriculumModule(new ModuleId(m.moduleId()), m.title(), m.week()))
                        .toList();
        commands.sendAndWait(
                new RegisterProgrammeCommand(id, request.name(), request.type(), curriculum), 15, TimeUnit.SECONDS);
        if (user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_MANAGER".equals(a.getAuthority()))) {
            // in the request's transaction (ADR 0012): registered and assigned together, or neither
            staff.assign(user.getName(), id.toString(), user.getName());
        }
        return ResponseEntity.created(URI.create("/api/v1/programmes/" + id))
                .body(new ProgrammeRegistered(id.toString()));
    }

    @GetMapping
    @Operation(summary = "All programmes, by name")
    public List<ProgrammeView> list() {
        return queries.query(new FindProgrammesQuery(), ResponseTypes.multipleInstancesOf(ProgrammeView.class))
                .join();
    }

    @GetMapping("/{programmeId}")
    @Operation(summary = "One programme")
    public ProgrammeView get(@PathVariable String programmeId) {
        ProgrammeView view = queries.query(
                        new FindProgrammeQuery(programmeId), ResponseTypes.instanceOf(ProgrammeView.class))
                .join();
        if (view == null) { // registered a moment ago, before the catalogue caught up: its registration answers
            view = registration(programmeId);
        }
        return view;
    }

    private ProgrammeView registration(String programmeId) {
        DomainEventMessage<?> registered;
        try {
            registered = directory
                    .registrationOf(ProgrammeId.of(UUID.fromString(programmeId)))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            registered = null;
        }
        if (registered == null) {
            throw new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme has this id.");
        }
        ProgrammeRegisteredEvent event = (ProgrammeRegisteredEvent) registered.getPayload();
        return new ProgrammeView(
                programmeId,
                event.name(),
                event.type(),
                registered.getTimestamp(),
                event.curriculum().stream()
                        .map(m -> new ProgrammeView.Module(m.moduleId().value(), m.title(), m.week()))
                        .toList());
    }
}
