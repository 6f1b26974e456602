package org.journeyplatform.domain.journey;

/** A peer session with one mentor, or a group session run by peers. */
public enum PeerSessionKind {
    ONE_TO_ONE,
    GROUP
}
