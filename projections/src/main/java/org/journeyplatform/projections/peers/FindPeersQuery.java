package org.journeyplatform.projections.peers;

/** All registered peers, by name. */
public record FindPeersQuery() {}
