package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ReunificationPlanId;

/**
 * Close a reunification plan.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record CloseReunificationPlanCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ReunificationPlanId planId,
        ReunificationPlanClosureReason reason,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public CloseReunificationPlanCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
