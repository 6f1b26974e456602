package org.journeyplatform.projections.participants;

import java.util.List;
import java.util.Objects;

/**
 * Participants in the directory, most recently enrolled first.
 *
 * @param limit   how many at most (1 to 500)
 * @param offset  how many to skip
 * @param visible      only those a staff member may see (required: there is no unscoped list)
 * @param nameContains only those whose chosen name holds this text, in any case (null: any name)
 * @param programmeId  only those in or once in this programme (null: any)
 * @param status       only those in a programme now, or only those in none now (null: either)
 */
public record FindParticipantsQuery(
        int limit, int offset, Visible visible, String nameContains, String programmeId, Status status) {

    public FindParticipantsQuery {
        Objects.requireNonNull(visible, "a list of participants is always for one staff member's scope");
        nameContains = nameContains == null || nameContains.isBlank() ? null : nameContains.strip();
        programmeId = programmeId == null || programmeId.isBlank() ? null : programmeId.strip();
    }

    /** All she may see, most recently enrolled first. */
    public FindParticipantsQuery(int limit, int offset, Visible visible) {
        this(limit, offset, visible, null, null, null);
    }

    /** Whether she is in a programme now (her latest entry into some programme has no exit after it). */
    public enum Status {
        IN_PROGRAMME,
        IN_NO_PROGRAMME
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
