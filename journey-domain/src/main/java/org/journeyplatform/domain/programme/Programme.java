package org.journeyplatform.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ProgrammeId;

/** A programme participants can enter and leave, with its curriculum of modules where it has one. */
public class Programme {

    @AggregateIdentifier
    private ProgrammeId programmeId;

    protected Programme() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Programme(RegisterProgrammeCommand command) {
        String name = org.journeyplatform.domain.shared.VisibleText.strip(command.name());
        if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(name)) {
            throw new IllegalArgumentException("A programme needs a name.");
        }
        Set<String> moduleIds = new HashSet<>();
        for (CurriculumModule module : command.curriculum()) {
            if (!moduleIds.add(module.moduleId().value())) {
                throw new IllegalArgumentException(
                        "Module '" + module.moduleId() + "' appears twice in the curriculum.");
            }
            if (module.title().isBlank()) {
                throw new IllegalArgumentException("Module '" + module.moduleId() + "' needs a title.");
            }
        }
        apply(new ProgrammeRegisteredEvent(command.programmeId(), name, command.type(), command.curriculum()));
    }

    @EventSourcingHandler
    void on(ProgrammeRegisteredEvent event) {
        this.programmeId = event.programmeId();
    }
}
