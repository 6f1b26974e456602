package org.journeyplatform.domain.peer;

/** How a peer supports others. */
public enum PeerRole {
    PEER_WORKER,
    VOLUNTEER_FACILITATOR,
    SPONSOR
}
