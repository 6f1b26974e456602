package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;

/**
 * A registered peer became the participant's mentor.
 *
 * @param peerId the peer worker or volunteer facilitator
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record PeerMentorAssignedEvent(ParticipantId participantId, PeerId peerId, OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "peer-mentor-assigned";
}
