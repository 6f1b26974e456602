package org.journeyplatform.domain.journey;

import java.util.Map;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * Record a reading of an assessment instrument: a score for every item.
 *
 * @param occurredOn when it happened in her life
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordAssessmentCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        InstrumentCode instrument,
        Map<String, Integer> itemScores,
        OccurredOn occurredOn,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordAssessmentCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(itemScores, "itemScores");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
