package org.journeyplatform.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ProgrammeId;

/** A programme participants can enter and leave. */
public class Programme {

    @AggregateIdentifier
    private ProgrammeId programmeId;

    protected Programme() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Programme(RegisterProgrammeCommand command) {
        String name = command.name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A programme needs a name.");
        }
        apply(new ProgrammeRegisteredEvent(command.programmeId(), name, command.type()));
    }

    @EventSourcingHandler
    void on(ProgrammeRegisteredEvent event) {
        this.programmeId = event.programmeId();
    }
}
