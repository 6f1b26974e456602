package org.journeyplatform.projections.participants;

import java.util.List;
import java.util.Objects;

/**
 * Participants in the directory, most recently enrolled first.
 *
 * @param limit   how many at most (1 to 500)
 * @param offset  how many to skip
 * @param visible only those a staff member may see (required: there is no unscoped list)
 */
public record FindParticipantsQuery(int limit, int offset, Visible visible) {

    public FindParticipantsQuery {
        Objects.requireNonNull(visible, "a list of participants is always for one staff member's scope");
    }

    /**
     * Whom a staff member may see: those she enrolled, those in or once in one of her programmes, and those she holds
     * an unexpired break-glass grant for. The web layer, which owns staff assignments and grants, says which.
     *
     * @param username       the staff member (those she enrolled)
     * @param programmeIds   the programmes she is assigned to
     * @param participantIds the participants of her unexpired break-glass grants
     */
    public record Visible(String username, List<String> programmeIds, List<String> participantIds) {
        public Visible {
            programmeIds = List.copyOf(programmeIds);
            participantIds = List.copyOf(participantIds);
        }
    }
}
