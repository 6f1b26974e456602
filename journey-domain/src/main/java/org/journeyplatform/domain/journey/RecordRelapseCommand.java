package org.journeyplatform.domain.journey;

import java.util.Objects;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Record a relapse or return, and the support that followed.
 *
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordRelapseCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        OccurredOn occurredOn,
        RelapseKind kind,
        RelapseSeverity severity,
        Set<SupportKind> supportFollowed,
        @PersonalData String note,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordRelapseCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(occurredOn, "occurredOn");
        Objects.requireNonNull(kind, "kind");
        supportFollowed = supportFollowed == null ? Set.of() : Set.copyOf(supportFollowed);
    }
}
