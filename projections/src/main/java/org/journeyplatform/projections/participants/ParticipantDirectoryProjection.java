package org.journeyplatform.projections.participants;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who is enrolled, for lists and look-ups. Idempotent and replayable: one row per participant, upserted. */
@Component
@ProcessingGroup(ParticipantDirectoryProjection.PROCESSING_GROUP)
public class ParticipantDirectoryProjection {

    public static final String PROCESSING_GROUP = "participant-directory";

    private final JdbcClient jdbc;

    public ParticipantDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ParticipantEnrolledEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO participant (participant_id, chosen_name, year_of_birth, referral_source,
                                                 enrolled_on, enrolled_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (participant_id) DO NOTHING""")
                .params(event.participantId().toString(), event.chosenName(), event.yearOfBirth(),
                        event.referralSource() == null ? null : event.referralSource().name(),
                        Date.valueOf(event.occurredOn().date()), Timestamp.from(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM participant").update();
    }

    @QueryHandler
    public List<ParticipantView> handle(FindParticipantsQuery query) {
        return jdbc.sql("SELECT * FROM participant ORDER BY enrolled_at DESC, participant_id LIMIT ? OFFSET ?")
                .params(query.limit(), query.offset())
                .query(ParticipantDirectoryProjection::map).list();
    }

    @QueryHandler
    public ParticipantView handle(FindParticipantQuery query) {
        return jdbc.sql("SELECT * FROM participant WHERE participant_id = ?").param(query.participantId())
                .query(ParticipantDirectoryProjection::map).optional().orElse(null);
    }

    private static ParticipantView map(ResultSet rs, int row) throws SQLException {
        String referral = rs.getString("referral_source");
        return new ParticipantView(rs.getString("participant_id"), rs.getString("chosen_name"),
                (Integer) rs.getObject("year_of_birth"), referral == null ? null : ReferralSource.valueOf(referral),
                rs.getDate("enrolled_on").toLocalDate(), rs.getTimestamp("enrolled_at").toInstant());
    }
}
