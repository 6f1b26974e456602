package org.journeyplatform.api.access;

import java.sql.Timestamp;
import java.util.List;
import org.journeyplatform.api.audit.HerFreeText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The break-glass grants ({@code break_glass_grant}): each reason stored sealed with her data key, so that her
 * erasure makes it unreadable; read back for the managers' review.
 */
@Component
public class BreakGlassGrants {

    /** The field her sealed reason is bound to. */
    static final String REASON_FIELD = "break-glass-reason";

    private final JdbcClient jdbc;
    private final HerFreeText freeText;

    public BreakGlassGrants(JdbcClient jdbc, HerFreeText freeText) {
        this.jdbc = jdbc;
        this.freeText = freeText;
    }

    void record(BreakGlassController.Grant grant) {
        jdbc.sql("""
                        INSERT INTO break_glass_grant (grant_id, username, participant_id, reason_sealed, granted_at,
                                                       expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        grant.grantId(),
                        grant.username(),
                        grant.participantId(),
                        freeText.seal(grant.participantId(), REASON_FIELD, grant.reason()),
                        Timestamp.from(grant.grantedAt()),
                        Timestamp.from(grant.expiresAt()))
                .update();
    }

    /** The participants this staff member holds an unexpired grant for. */
    public List<String> participantsGrantedTo(String username) {
        return jdbc.sql("SELECT participant_id FROM break_glass_grant WHERE username = ? AND expires_at > now()")
                .param(username)
                .query(String.class)
                .list();
    }

    /** The latest 1,000 grants, newest first. */
    List<BreakGlassController.Grant> newestFirst() {
        return jdbc.sql("SELECT * FROM break_glass_grant ORDER BY granted_at DESC LIMIT 1000")
                .query((rs, row) -> new BreakGlassController.Grant(
                        rs.getString("grant_id"),
                        rs.getString("username"),
                        rs.getString("participant_id"),
                        reason(rs.getString("participant_id"), rs.getBytes("reason_sealed"), rs.getString("reason")),
                        rs.getTimestamp("granted_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** The reason: opened with her key; as written for a grant made before reasons were sealed; else erased. */
    private String reason(String participantId, byte[] sealed, String plain) {
        if (sealed != null) {
            return freeText.open(participantId, REASON_FIELD, sealed);
        }
        return plain != null ? plain : HerFreeText.ERASED;
    }
}
