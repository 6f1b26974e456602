package org.journeyplatform.domain.peer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Register a peer worker, volunteer facilitator or sponsor.
 */
public record RegisterPeerCommand(
        @TargetAggregateIdentifier PeerId peerId,
        @PersonalData String displayName,
        PeerRole role,
        int trainingHours) {

    public RegisterPeerCommand {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }
}
