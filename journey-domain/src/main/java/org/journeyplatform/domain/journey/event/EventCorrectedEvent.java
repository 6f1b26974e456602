package org.journeyplatform.domain.journey.event;

import java.util.Map;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A recorded event was corrected. The original stays in her history, shown as corrected; the corrected values
 * replace it from now on.
 *
 * @param correctedEventId the id of the event corrected
 * @param correctedValues the corrected fields and their new values, as text (e.g. "occurredOn" to "2024-03-01")
 * @param reason why it was corrected
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record EventCorrectedEvent(
        ParticipantId participantId,
        String correctedEventId,
        @PersonalData Map<String, String> correctedValues,
        @PersonalData String reason,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "event-corrected";
}
