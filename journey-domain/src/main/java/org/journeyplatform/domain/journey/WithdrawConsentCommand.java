package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Record that she withdrew a consent.
 *
 * @param occurredOn when it happened in her life
 * @param note a free-text note by staff, if any (personal data)
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record WithdrawConsentCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ConsentId consentId,
        OccurredOn occurredOn,
        @PersonalData String note,
        @TargetAggregateVersion Long expectedVersion) {

    public WithdrawConsentCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
