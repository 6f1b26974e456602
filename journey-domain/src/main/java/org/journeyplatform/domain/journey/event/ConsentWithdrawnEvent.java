package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * She withdrew a consent she had given. From this day on it covers nothing.
 *
 * @param occurredOn when it happened in her life
 * @param note       a free-text note by staff, if any (absent from events recorded before notes were kept)
 */
@Revision("1")
public record ConsentWithdrawnEvent(
        ParticipantId participantId,
        ConsentId consentId,
        OccurredOn occurredOn,
        @PersonalData String note) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "consent-withdrawn";
}
