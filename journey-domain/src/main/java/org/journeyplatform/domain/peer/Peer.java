package org.journeyplatform.domain.peer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.journeyplatform.domain.peer.event.PeerRegisteredEvent;
import org.journeyplatform.domain.shared.PeerId;

/** A peer worker, volunteer facilitator or sponsor: someone with lived experience who supports participants. */
public class Peer {

    @AggregateIdentifier
    private PeerId peerId;

    protected Peer() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Peer(RegisterPeerCommand command) {
        String name = org.journeyplatform.domain.shared.VisibleText.strip(command.displayName());
        if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(name)) {
            throw new IllegalArgumentException("A peer needs a name participants know them by.");
        }
        if (command.trainingHours() < 0 || command.trainingHours() > 10_000) {
            throw new IllegalArgumentException("Training hours lie between 0 and 10,000.");
        }
        apply(new PeerRegisteredEvent(command.peerId(), name, command.role(), command.trainingHours()));
    }

    @EventSourcingHandler
    void on(PeerRegisteredEvent event) {
        this.peerId = event.peerId();
    }
}
