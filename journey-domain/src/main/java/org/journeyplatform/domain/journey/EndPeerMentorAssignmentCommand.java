package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * End a peer's mentoring of her.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record EndPeerMentorAssignmentCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        PeerId peerId,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public EndPeerMentorAssignmentCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
