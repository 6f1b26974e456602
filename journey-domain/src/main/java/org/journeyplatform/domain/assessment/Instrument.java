package org.journeyplatform.domain.assessment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.journeyplatform.domain.assessment.event.InstrumentDefinedEvent;
import org.journeyplatform.domain.shared.InstrumentCode;

/**
 * An assessment instrument (Outcome Rating Scale, Session Rating Scale, MOVERS, a 1-10 ladder...). Instruments are
 * data: defining one, or changing its definition, is a command like any other. Each reading records the revision of
 * the definition it was scored by.
 */
public class Instrument {

    @AggregateIdentifier
    private InstrumentCode instrument;

    protected Instrument() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DefineInstrumentCommand command) {
        if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(command.name())) {
            throw new IllegalArgumentException("An instrument needs a name.");
        }
        if (command.items().isEmpty()) {
            throw new IllegalArgumentException("An instrument has at least one item.");
        }
        Set<String> items = new HashSet<>();
        for (InstrumentItem item : command.items()) {
            if (!items.add(item.code())) {
                throw new IllegalArgumentException("Item '" + item.code() + "' appears twice.");
            }
        }
        Set<String> subscales = new HashSet<>();
        for (InstrumentSubscale subscale : command.subscales()) {
            if (!subscales.add(subscale.code())) {
                throw new IllegalArgumentException("Subscale '" + subscale.code() + "' appears twice.");
            }
            for (String item : subscale.itemCodes()) {
                if (!items.contains(item)) {
                    throw new IllegalArgumentException(
                            "Subscale '" + subscale.code() + "' names no item '" + item + "'.");
                }
            }
        }
        apply(new InstrumentDefinedEvent(
                command.instrument(),
                org.journeyplatform.domain.shared.VisibleText.strip(command.name()),
                command.items(),
                command.subscales(),
                command.totalScoring()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(InstrumentDefinedEvent event) {
        this.instrument = event.instrument();
    }
}
