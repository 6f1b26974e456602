package org.journeyplatform.domain.journey.event;

import java.util.Map;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * A scored reading of an assessment instrument (e.g. ORS, SRS, MOVERS, a 1-10 ladder). The total and subscale scores
 * are computed from the item scores by the instrument's definition at the time.
 *
 * @param instrument the instrument
 * @param instrumentRevision the version of the instrument's definition used
 * @param itemScores the score of every item, by item code
 * @param total the total score, or null when the instrument has none
 * @param subscaleScores the score of every subscale, by subscale code
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record AssessmentRecordedEvent(
        ParticipantId participantId,
        InstrumentCode instrument,
        long instrumentRevision,
        Map<String, Integer> itemScores,
        Double total,
        Map<String, Double> subscaleScores,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "assessment-recorded";
}
