package org.journeyplatform.domain.programme;

import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Register a programme so that participants can enter it.
 *
 * @param curriculum its modules, or empty
 */
public record RegisterProgrammeCommand(
        @TargetAggregateIdentifier ProgrammeId programmeId,
        String name,
        ProgrammeType type,
        List<CurriculumModule> curriculum) {

    public RegisterProgrammeCommand {
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        curriculum = curriculum == null ? List.of() : List.copyOf(curriculum);
    }
}
