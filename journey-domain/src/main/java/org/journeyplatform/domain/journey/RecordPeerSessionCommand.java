package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Record a peer or group session she attended.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordPeerSessionCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        PeerId peerId,
        PeerSessionKind kind,
        Integer minutes,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordPeerSessionCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
