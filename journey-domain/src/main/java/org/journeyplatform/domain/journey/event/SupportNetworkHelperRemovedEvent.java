package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Someone is no longer part of her support network.
 *
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record SupportNetworkHelperRemovedEvent(
        ParticipantId participantId,
        HelperId helperId,
        @PersonalData String note,
        OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "support-network-helper-removed";
}
