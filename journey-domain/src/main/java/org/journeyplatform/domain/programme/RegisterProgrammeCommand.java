package org.journeyplatform.domain.programme;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.ProgrammeId;

/** Register a programme so that participants can enter it. */
public record RegisterProgrammeCommand(@TargetAggregateIdentifier ProgrammeId programmeId, String name,
                                       ProgrammeType type) {

    public RegisterProgrammeCommand {
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
