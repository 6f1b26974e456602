package org.journeyplatform.api.security;

import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

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
    public enum Decision {
        NOT_ENROLLED,
        OUT_OF_SCOPE,
        ALLOWED
    }

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
                .param(participant.toString())
                .query(Boolean.class)
                .single();
    }

    /**
     * Whether this staff member may see her only because of an unexpired break-glass grant: not enrolled by her, not
     * in any of her programmes. An access that is then allowed is marked as a break-glass access in the audit log.
     */
    public boolean onlyUnderBreakGlass(String username, ParticipantId participant) {
        return scope(username, participant).onlyUnderBreakGlass();
    }

    /** Whether she is enrolled at all, and whether this staff member may see her. */
    public Decision decide(String username, ParticipantId participant) {
        return scope(username, participant).decision();
    }

    /** What the scope model says of one participant for one staff member, and whether only a grant lets her see. */
    record Scope(Decision decision, boolean onlyUnderBreakGlass) {
        static final Scope NOT_ENROLLED = new Scope(Decision.NOT_ENROLLED, false);
    }

    /**
     * One query for both questions. Within a request the answer is kept (the audit entry asks whether the access is a
     * break-glass one, the controller whether it is allowed: one round trip serves both).
     */
    Scope scope(String username, ParticipantId participant) {
        String id = participant.toString();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = SCOPE_ATTRIBUTE + username + '\n' + id;
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Scope known) {
            return known;
        }
        Scope scope = jdbc.sql("""
                        SELECT s.enrolled_by = ?,
                               EXISTS (SELECT 1 FROM participant_scope_programme p
                                         JOIN staff_assignment a ON a.programme_id = p.programme_id
                                        WHERE p.participant_id = s.participant_id AND a.username = ?),
                               EXISTS (SELECT 1 FROM break_glass_grant g
                                        WHERE g.username = ? AND g.participant_id = s.participant_id
                                          AND g.expires_at > now())
                          FROM participant_scope s WHERE s.participant_id = ?""")
                .params(username, username, username, id)
                .query((rs, row) -> {
                    boolean enrolledByHer = rs.getBoolean(1);
                    boolean assigned = rs.getBoolean(2);
                    boolean granted = rs.getBoolean(3);
                    return new Scope(
                            enrolledByHer || assigned || granted ? Decision.ALLOWED : Decision.OUT_OF_SCOPE,
                            granted && !enrolledByHer && !assigned);
                })
                .optional()
                .orElse(Scope.NOT_ENROLLED);
        if (request != null) {
            request.setAttribute(key, scope, RequestAttributes.SCOPE_REQUEST);
        }
        return scope;
    }

    private static final String SCOPE_ATTRIBUTE = ParticipantAccess.class.getName() + ".scope:";
}
