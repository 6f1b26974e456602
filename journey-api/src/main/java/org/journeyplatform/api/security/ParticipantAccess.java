package org.journeyplatform.api.security;

import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Need-to-know: a staff member may see and record a participant's journey only while she is, or was, in a programme
 * the staff member is assigned to, when the staff member enrolled her, or under an unexpired break-glass grant. Her id
 * is no authorisation. Judged in one query from the {@code participant-scope} read model, which is written in the
 * same transaction as her events (so it holds the moment she enters a programme), and from the staff assignments and
 * grants; a participant out of scope is answered as if she did not exist.
 */
@Component
public class ParticipantAccess {

    /** What the scope model says of one participant for one staff member. */
    public enum Decision { NOT_ENROLLED, OUT_OF_SCOPE, ALLOWED }

    private final JdbcClient jdbc;

    public ParticipantAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean mayAccess(String username, ParticipantId participant) {
        return decide(username, participant) == Decision.ALLOWED;
    }

    /** Whether anyone with this id is enrolled (whoever may see her). */
    public boolean isEnrolled(ParticipantId participant) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participant_scope WHERE participant_id = ?)")
                .param(participant.toString()).query(Boolean.class).single();
    }

    /**
     * Whether this staff member may see her only because of an unexpired break-glass grant: not enrolled by her, not
     * in any of her programmes. An access that is then allowed is marked as a break-glass access in the audit log.
     */
    public boolean onlyUnderBreakGlass(String username, ParticipantId participant) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM break_glass_grant g
                                        WHERE g.username = ? AND g.participant_id = s.participant_id
                                          AND g.expires_at > now())
                           AND NOT coalesce(s.enrolled_by = ?, false)
                           AND NOT EXISTS (SELECT 1 FROM participant_scope_programme p
                                             JOIN staff_assignment a ON a.programme_id = p.programme_id
                                            WHERE p.participant_id = s.participant_id AND a.username = ?)
                          FROM participant_scope s WHERE s.participant_id = ?""")
                .params(username, username, username, participant.toString())
                .query(Boolean.class).optional().orElse(false);
    }

    /** Whether she is enrolled at all, and whether this staff member may see her. One round trip. */
    public Decision decide(String username, ParticipantId participant) {
        String id = participant.toString();
        return jdbc.sql("""
                        SELECT s.enrolled_by = ?
                            OR EXISTS (SELECT 1 FROM participant_scope_programme p
                                         JOIN staff_assignment a ON a.programme_id = p.programme_id
                                        WHERE p.participant_id = s.participant_id AND a.username = ?)
                            OR EXISTS (SELECT 1 FROM break_glass_grant g
                                        WHERE g.username = ? AND g.participant_id = s.participant_id
                                          AND g.expires_at > now())
                          FROM participant_scope s WHERE s.participant_id = ?""")
                .params(username, username, username, id)
                .query((rs, row) -> rs.getBoolean(1) ? Decision.ALLOWED : Decision.OUT_OF_SCOPE)
                .optional().orElse(Decision.NOT_ENROLLED);
    }
}
