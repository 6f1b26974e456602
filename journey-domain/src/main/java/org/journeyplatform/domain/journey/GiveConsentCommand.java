package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * Record a consent she gave, with its scope and expiry date.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record GiveConsentCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ConsentId consentId,
        ConsentKind kind,
        String scope,
        LocalDate expiresOn,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public GiveConsentCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
