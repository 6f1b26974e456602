package org.journeyplatform.api.instruments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.assessment.DefineInstrumentCommand;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.assessment.InstrumentItem;
import org.journeyplatform.domain.assessment.InstrumentSubscale;
import org.journeyplatform.domain.assessment.Scoring;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assessment instruments are data: read their definitions, and (managers, administrators) define a new one or change
 * one without code. Each reading records the revision of the definition it was scored by.
 */
@RestController
@RequestMapping("/api/v1/instruments")
@Tag(name = "Instruments", description = "Assessment instruments (ORS, SRS, MOVERS, ladders...) as data")
public class InstrumentsController {

    private final CommandGateway commands;
    private final EventStoreDirectory catalogue;

    public InstrumentsController(CommandGateway commands, EventStoreDirectory catalogue) {
        this.commands = commands;
        this.catalogue = catalogue;
    }

    /** An instrument's definition. */
    public record Definition(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String name,

            @NotEmpty @Size(max = 200) List<@Valid @NotNull Item> items,
            @Size(max = 50) List<@Valid @NotNull Subscale> subscales,
            @NotNull Scoring totalScoring) {}

    /** An item scored within a range. */
    public record Item(
            @NotBlank @Size(max = 64) String code,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 300)
            String label,
            // bounded so that no total or subscale of up to 200 items can overflow
            @NotNull @Min(-1_000_000) @Max(1_000_000) Integer min,
            @NotNull @Min(-1_000_000) @Max(1_000_000) Integer max) {}

    /** A subscale computed from some items. */
    public record Subscale(
            @NotBlank @Size(max = 64) String code,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 300)
            String label,

            @NotEmpty List<@NotBlank String> itemCodes,
            @NotNull Scoring scoring) {}

    @GetMapping
    @Operation(summary = "Every defined instrument, as currently defined")
    public List<InstrumentDefinition> list() {
        return catalogue.instrumentCodes().stream()
                .map(catalogue::find)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One instrument's current definition")
    public InstrumentDefinition get(@PathVariable String code) {
        return catalogue
                .find(code(code))
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No instrument '" + code + "' is defined."));
    }

    @PutMapping("/{code}")
    @Operation(summary = "Define an instrument, or change its definition (readings keep the revision they used)")
    public InstrumentDefinition define(@PathVariable String code, @Valid @RequestBody Definition request) {
        InstrumentCode instrument = code(code);
        commands.sendAndWait(
                new DefineInstrumentCommand(
                        instrument,
                        request.name(),
                        request.items().stream()
                                .map(i -> new InstrumentItem(i.code(), i.label(), i.min(), i.max()))
                                .toList(),
                        request.subscales() == null
                                ? List.of()
                                : request.subscales().stream()
                                        .map(s ->
                                                new InstrumentSubscale(s.code(), s.label(), s.itemCodes(), s.scoring()))
                                        .toList(),
                        request.totalScoring()),
                15,
                TimeUnit.SECONDS);
        catalogue.forget(instrument);
        return catalogue.find(instrument).orElseThrow();
    }

    private static InstrumentCode code(String raw) {
        try {
            return new InstrumentCode(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No instrument has this code.");
        }
    }
}
