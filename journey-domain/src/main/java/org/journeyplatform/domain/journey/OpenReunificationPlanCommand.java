package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ReunificationPlanId;

/**
 * Open a reunification plan for one of her children, referred to by a pseudonym.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record OpenReunificationPlanCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ReunificationPlanId planId,
        @PersonalData String childPseudonym,
        @PersonalData String note,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public OpenReunificationPlanCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(childPseudonym, "childPseudonym");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
