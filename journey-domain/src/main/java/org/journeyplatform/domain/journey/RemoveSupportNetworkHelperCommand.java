package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Remove someone from her support network.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RemoveSupportNetworkHelperCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        HelperId helperId,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public RemoveSupportNetworkHelperCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(helperId, "helperId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
