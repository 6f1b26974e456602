package org.journeyplatform.domain.peer.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A peer worker, volunteer facilitator or sponsor was registered, so that participants can be matched with them.
 * <p>
 * The package of this class is stored with every event: do not move or rename it without an upcaster.
 *
 * @param displayName how the peer is known to participants
 * @param trainingHours hours of peer-support training completed (e.g. 24)
 */
@Revision("1")
public record PeerRegisteredEvent(
        PeerId peerId, @PersonalData String displayName, PeerRole role, int trainingHours) {}
