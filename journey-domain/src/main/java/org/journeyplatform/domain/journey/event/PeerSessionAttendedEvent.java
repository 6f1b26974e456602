package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.PeerSessionKind;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * The participant attended a one-to-one peer session or a group session run by peers.
 *
 * @param peerId the peer who ran it, if known
 * @param kind one-to-one or group
 * @param minutes how long it lasted, if recorded
 * @param note a free-text note, if any
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record PeerSessionAttendedEvent(
        ParticipantId participantId,
        PeerId peerId,
        PeerSessionKind kind,
        Integer minutes,
        @PersonalData String note,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "peer-session-attended";
}
