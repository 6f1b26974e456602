package org.journeyplatform.api.security;

import java.util.Objects;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.projections.scope.ParticipantScopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Need-to-know: a staff member may see and record a participant's journey only while she is, or was, in a programme
 * the staff member is assigned to, when the staff member enrolled her, or under an unexpired break-glass grant. Her id
 * is no authorisation. Judged from the {@code participant-scope} read model, which is written in the
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

    private final ParticipantScopes scopes;
    private final JdbcClient jdbc;

    public ParticipantAccess(ParticipantScopes scopes, JdbcClient jdbc) {
        this.scopes = scopes;
        this.jdbc = jdbc;
    }

    public boolean mayAccess(String username, ParticipantId participant) {
        return decide(username, participant) == Decision.ALLOWED;
    }

    /** Whether anyone with this id is enrolled (whoever may see her). */
    public boolean isEnrolled(ParticipantId participant) {
        return scopes.isEnrolled(participant.toString());
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
     * Both questions at once: her scope from the read model, then (unless this staff member enrolled her) her
     * assignments and grants in one more query. Within a request the answer is kept (the audit entry asks whether the
     * access is a break-glass one, the controller whether it is allowed: the same look-ups serve both).
     */
    Scope scope(String username, ParticipantId participant) {
        String id = participant.toString();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = SCOPE_ATTRIBUTE + username + '\n' + id;
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Scope known) {
            return known;
        }
        Scope scope = scopes.of(id).map(her -> scope(username, id, her)).orElse(Scope.NOT_ENROLLED);
        if (request != null) {
            request.setAttribute(key, scope, RequestAttributes.SCOPE_REQUEST);
        }
        return scope;
    }

    /** Her scope for this staff member: whoever enrolled her sees her without asking anything more. */
    private Scope scope(String username, String id, ParticipantScopes.Scope her) {
        boolean programmeStaff = assignmentsCount(username);
        // whoever enrolled her sees her, while she holds a programme role (one made an administrator since does not)
        if (programmeStaff && Objects.equals(username, her.enrolledBy())) {
            return new Scope(Decision.ALLOWED, false);
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM staff_assignment a
                                        WHERE a.username = ? AND a.programme_id = ANY (?)),
                               EXISTS (SELECT 1 FROM break_glass_grant g
                                        WHERE g.username = ? AND g.participant_id = ? AND g.expires_at > now())""")
                .params(
                        username,
                        // an assignment counts only while she holds a programme role: an administrator assigned to a
                        // programme still reads its participants under break-glass only
                        programmeStaff ? her.programmeIds().toArray(String[]::new) : new String[0],
                        username,
                        id)
                .query((rs, row) -> {
                    boolean assigned = rs.getBoolean(1);
                    boolean granted = rs.getBoolean(2);
                    return new Scope(
                            assigned || granted ? Decision.ALLOWED : Decision.OUT_OF_SCOPE, granted && !assigned);
                })
                .single();
    }

    /**
     * Whether her assignments count for this staff member: when she is the one signed in, only while she holds a
     * programme role ({@link org.journeyplatform.api.access.StaffAssignments#PROGRAMME_ROLES}).
     */
    private static boolean assignmentsCount(String username) {
        org.springframework.security.core.Authentication signedIn =
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication();
        return signedIn == null
                || !username.equals(signedIn.getName())
                || org.journeyplatform.api.access.StaffAssignments.holdsProgrammeRole(signedIn);
    }

    private static final String SCOPE_ATTRIBUTE = ParticipantAccess.class.getName() + ".scope:";
}
