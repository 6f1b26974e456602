package org.journeyplatform.projections.scope;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the {@code participant-scope} read model says of one participant: who enrolled her and every programme she is or
 * was in. Never behind the event store ({@link ParticipantScopeProjection}), so access decisions read it.
 */
@Component
public class ParticipantScopes {

    /** Who enrolled her, and the programmes she is or was in, in id order. */
    public record Scope(String enrolledBy, List<String> programmeIds) {}

    private final JdbcClient jdbc;

    public ParticipantScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether anyone with this id is enrolled. */
    public boolean isEnrolled(String participantId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participant_scope WHERE participant_id = ?)")
                .param(participantId)
                .query(Boolean.class)
                .single();
    }

    /** Her scope, in one query; empty when no one with this id is enrolled. */
    public Optional<Scope> of(String participantId) {
        return jdbc.sql("""
                        SELECT s.enrolled_by,
                               ARRAY(SELECT p.programme_id FROM participant_scope_programme p
                                      WHERE p.participant_id = s.participant_id ORDER BY 1)
                          FROM participant_scope s WHERE s.participant_id = ?""")
                .param(participantId)
                .query((rs, row) -> new Scope(
                        rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray())))
                .optional();
    }
}
