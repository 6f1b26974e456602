package org.journeyplatform.domain.journey.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A protection order in her favour was noted.
 *
 * @param expiresOn when it expires, if known
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ProtectionOrderNotedEvent(
        ParticipantId participantId,
        ProtectionOrderKind kind,
        LocalDate expiresOn,
        @PersonalData String note,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "protection-order-noted";
}
