package org.journeyplatform.domain.peer;

import org.journeyplatform.domain.shared.PeerId;

/** Answers whether a peer is registered; injected into command handlers as a resource. */
public interface PeerDirectory {

    boolean isRegistered(PeerId peerId);
}
