package org.journeyplatform.projections.participants;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is enrolled, for lists and look-ups. Idempotent and replayable: one row per participant, upserted. Which staff
 * may see her in a list is decided by the {@code participant-scope} model, as for every other access.
 */
@Component
@ProcessingGroup(ParticipantDirectoryProjection.PROCESSING_GROUP)
public class ParticipantDirectoryProjection {

    public static final String PROCESSING_GROUP = "participant-directory";

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of("participant");

    private final JdbcClient jdbc;

    public ParticipantDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            ParticipantEnrolledEvent event,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt,
            @MessageIdentifier String eventId,
            @MetaDataValue(MetaDataKeys.ACTOR) String enrolledBy) {
        jdbc.sql("""
                        INSERT INTO participant (participant_id, chosen_name, year_of_birth, referral_source,
                                                 enrolled_on, enrolled_at, enrolment_event_id, age_band,
                                                 gender_identity, age_at_first_entry, enrolled_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (participant_id) DO NOTHING""")
                .params(
                        event.participantId().toString(),
                        event.chosenName(),
                        event.yearOfBirth(),
                        name(event.referralSource()),
                        Date.valueOf(event.occurredOn().date()),
                        Timestamp.from(recordedAt),
                        eventId,
                        name(event.ageBand()),
                        name(event.genderIdentity()),
                        event.ageAtFirstEntry(),
                        enrolledBy)
                .update();
    }

    /** Her personal fields are blanked; she stays listed, as "erased", for the staff who may see her. */
    @EventHandler
    void on(org.journeyplatform.domain.journey.event.ParticipantErasedEvent event) {
        forget(event.participantId().toString());
    }

    /**
     * Blanks her personal details in the directory. Called by her erasure itself, so that no read serves them once the
     * erasure has answered, and again when this projection meets her erasure event (or replays it); repeating it
     * changes nothing.
     */
    public void forget(String participantId) {
        jdbc.sql("""
                        UPDATE participant SET chosen_name = ?, year_of_birth = NULL, gender_identity = NULL,
                                               age_at_first_entry = NULL
                         WHERE participant_id = ?""")
                .params(org.journeyplatform.domain.shared.PersonalData.ERASED, participantId)
                .update();
    }

    /** A profile update changes the details it gives; the others stay. Replaying it twice changes nothing more. */
    @EventHandler
    void on(ProfileDetailsUpdatedEvent event) {
        jdbc.sql("""
                        UPDATE participant SET chosen_name = coalesce(?, chosen_name),
                               year_of_birth = coalesce(?, year_of_birth), age_band = coalesce(?, age_band),
                               gender_identity = coalesce(?, gender_identity),
                               age_at_first_entry = coalesce(?, age_at_first_entry),
                               referral_source = coalesce(?, referral_source)
                         WHERE participant_id = ?""")
                .params(
                        event.chosenName(),
                        event.yearOfBirth(),
                        name(event.ageBand()),
                        name(event.genderIdentity()),
                        event.ageAtFirstEntry(),
                        name(event.referralSource()),
                        event.participantId().toString())
                .update();
    }

    /**
     * A correction of her enrolment reaches the directory: each corrected detail is set, an emptied one cleared. (The
     * last recorded change of a detail wins: a correction of the enrolment recorded after a profile update overrides
     * that update's value of the same detail.)
     */
    @EventHandler
    void on(EventCorrectedEvent event) {
        for (Map.Entry<String, String> value : event.correctedValues().entrySet()) {
            String column = ENROLMENT_COLUMNS.get(value.getKey());
            if (column == null) {
                continue;
            }
            String text = value.getValue() == null || value.getValue().isBlank()
                    ? null
                    : value.getValue().strip();
            if (text == null && column.equals("chosen_name") || text == null && column.equals("enrolled_on")) {
                continue; // never emptied: the domain refuses it
            }
            if (text != null
                    && "integer".equals(COLUMN_TYPES.get(column))
                    && !org.journeyplatform.domain.shared.WholeNumbers.readable(text)) {
                // as her folded history skips it (a correction recorded before the domain refused other digits than 0
                // to 9, e.g. "１９９２"): PostgreSQL's cast would fail and park her every later event
                continue;
            }
            jdbc.sql("UPDATE participant SET " + column + " = CAST(? AS " + COLUMN_TYPES.get(column) + ")"
                            + " WHERE participant_id = ? AND enrolment_event_id = ?")
                    .params(text, event.participantId().toString(), event.correctedEventId())
                    .update();
        }
    }

    /** Correctable enrolment details and their columns (a fixed list: column names never come from input). */
    private static final Map<String, String> ENROLMENT_COLUMNS = Map.of(
            "chosenName",
            "chosen_name",
            "yearOfBirth",
            "year_of_birth",
            "referralSource",
            "referral_source",
            "occurredOn",
            "enrolled_on",
            "ageBand",
            "age_band",
            "genderIdentity",
            "gender_identity",
            "ageAtFirstEntry",
            "age_at_first_entry");

    private static final Map<String, String> COLUMN_TYPES = Map.of(
            "chosen_name",
            "text",
            "year_of_birth",
            "integer",
            "referral_source",
            "varchar",
            "enrolled_on",
            "date",
            "age_band",
            "varchar",
            "gender_identity",
            "varchar",
            "age_at_first_entry",
            "integer");

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM participant").update();
    }

    @QueryHandler
    public List<ParticipantView> handle(FindParticipantsQuery query) {
        FindParticipantsQuery.Visible visible = query.visible();
        return jdbc.sql("""
                        SELECT * FROM participant p
                         WHERE (EXISTS (SELECT 1 FROM participant_scope s
                                         WHERE s.participant_id = p.participant_id AND s.enrolled_by = ?)
                                OR EXISTS (SELECT 1 FROM participant_scope_programme sp
                                            WHERE sp.participant_id = p.participant_id AND sp.programme_id = ANY (?))
                                OR p.participant_id = ANY (?))
                           AND (CAST(? AS TEXT) IS NULL
                                OR strpos(lower(p.chosen_name), lower(CAST(? AS TEXT))) > 0)
                           AND (CAST(? AS TEXT) IS NULL
                                OR EXISTS (SELECT 1 FROM participant_scope_programme sp
                                            WHERE sp.participant_id = p.participant_id
                                              AND sp.programme_id = CAST(? AS TEXT)))
                           AND (CAST(? AS TEXT) IS NULL OR (CAST(? AS TEXT) = 'IN_PROGRAMME') = EXISTS (
                                -- her stays as the work for today keeps them: retracted entries gone, corrected
                                -- dates, times and programmes applied, in life order
                                SELECT 1 FROM (SELECT DISTINCT ON (f.programme_id) f.event_type FROM work_fact f
                                                WHERE f.participant_id = p.participant_id
                                                  AND f.event_type IN ('programme-entered', 'programme-exited')
                                                ORDER BY f.programme_id, f.occurred_on DESC,
                                                         f.occurred_time DESC NULLS LAST, f.sequence_number DESC
                                              ) latest
                                 WHERE latest.event_type = 'programme-entered'))
                         ORDER BY p.enrolled_at DESC, p.participant_id LIMIT ? OFFSET ?""")
                .params(
                        visible.username(),
                        visible.programmeIds().toArray(String[]::new),
                        visible.participantIds().toArray(String[]::new),
                        query.nameContains(),
                        query.nameContains(),
                        query.programmeId(),
                        query.programmeId(),
                        query.status() == null ? null : query.status().name(),
                        query.status() == null ? null : query.status().name(),
                        query.limit(),
                        query.offset())
                .query(ParticipantDirectoryProjection::map)
                .list();
    }

    @QueryHandler
    public ParticipantView handle(FindParticipantQuery query) {
        return jdbc.sql("SELECT * FROM participant WHERE participant_id = ?")
                .param(query.participantId())
                .query(ParticipantDirectoryProjection::map)
                .optional()
                .orElse(null);
    }

    private static ParticipantView map(ResultSet rs, int row) throws SQLException {
        String referral = rs.getString("referral_source");
        String ageBand = rs.getString("age_band");
        String gender = rs.getString("gender_identity");
        return new ParticipantView(
                rs.getString("participant_id"),
                rs.getString("chosen_name"),
                (Integer) rs.getObject("year_of_birth"),
                referral == null ? null : ReferralSource.valueOf(referral),
                rs.getDate("enrolled_on").toLocalDate(),
                rs.getTimestamp("enrolled_at").toInstant(),
                ageBand == null ? null : AgeBand.valueOf(ageBand),
                gender == null ? null : GenderIdentity.valueOf(gender),
                (Integer) rs.getObject("age_at_first_entry"));
    }
}
