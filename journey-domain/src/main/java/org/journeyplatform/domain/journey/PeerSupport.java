package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.RuleViolation;

/** Her peer support: the peer mentors assigned to her, and the peer sessions she attended. */
final class PeerSupport extends Concern<PeerSupport> {

    private final Map<PeerId, LocalDate> mentors = new LinkedHashMap<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(
                PeerMentorAssignedEvent.class, PeerMentorAssignmentEndedEvent.class, PeerSessionAttendedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof PeerMentorAssignedEvent e) {
            requirePeer(e.peerId(), directories.peers());
        } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
            requirePeer(e.peerId(), directories.peers());
        } else if (event instanceof PeerSessionAttendedEvent e) {
            if (e.peerId() != null) {
                requirePeer(e.peerId(), directories.peers());
            }
            if (e.minutes() != null && (e.minutes() < 1 || e.minutes() > 24 * 60)) {
                throw new IllegalArgumentException("A session lasts between 1 minute and a day.");
            }
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof PeerMentorAssignedEvent e) {
            if (mentors.containsKey(e.peerId())) {
                throw rule(
                        RuleViolation.PEER_ALREADY_MENTOR,
                        "Peer " + e.peerId() + " has mentored her since " + mentors.get(e.peerId()) + ".");
            }
        } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
            if (!mentors.containsKey(e.peerId())) {
                throw rule(RuleViolation.PEER_NOT_MENTOR, "Peer " + e.peerId() + " is not her mentor on " + on + ".");
            }
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof PeerMentorAssignedEvent e) {
            mentors.put(e.peerId(), on);
        } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
            mentors.remove(e.peerId());
        }
        // peer sessions change nothing a rule depends on
    }

    @Override
    PeerSupport copy() {
        PeerSupport copy = new PeerSupport();
        copy.mentors.putAll(mentors);
        return copy;
    }

    Map<PeerId, LocalDate> mentors() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mentors));
    }

    private static void requirePeer(PeerId peer, PeerDirectory peers) {
        if (!peers.isRegistered(peer)) {
            throw new JourneyRuleException(RuleViolation.UNKNOWN_PEER, "No peer is registered with id " + peer + ".");
        }
    }
}
