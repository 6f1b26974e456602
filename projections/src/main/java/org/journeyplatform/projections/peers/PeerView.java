package org.journeyplatform.projections.peers;

import java.time.Instant;
import org.journeyplatform.domain.peer.PeerRole;

/** A registered peer worker, volunteer facilitator or sponsor. */
public record PeerView(String peerId, String displayName, PeerRole role, int trainingHours, Instant registeredAt) {}
