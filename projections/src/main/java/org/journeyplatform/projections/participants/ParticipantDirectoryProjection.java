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
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is enrolled, for lists and look-ups. Idempotent and replayable: one row per participant, upserted. Which staff
 * may see her in a list is decided by the {@code participant-scope} model, as for every other access.
 * <p>
 * Her profile follows her history as the journey does: each detail is the one given by the latest event in her life
 * (her enrolment or a profile update, in the journey's life order) that gives it and is not retracted, as corrected. Those events are kept one row each in {@code participant_profile_change}, and her row is worked out from
 * them again whenever one of them is recorded, corrected or retracted.
 */
@Component
@ProcessingGroup(ParticipantDirectoryProjection.PROCESSING_GROUP)
public class ParticipantDirectoryProjection {

    public static final String PROCESSING_GROUP = "participant-directory";

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of("participant", "participant_profile_change");

    private final JdbcClient jdbc;

    public ParticipantDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            ParticipantEnrolledEvent event,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequenceNumber,
            @MetaDataValue(MetaDataKeys.ACTOR) String enrolledBy) {
        keepChange(
                eventId,
                sequenceNumber,
                true,
                new Gives(
                        event.participantId().toString(),
                        event.occurredOn(),
                        event.chosenName(),
                        event.yearOfBirth(),
                        event.referralSource(),
                        event.ageBand(),
                        event.genderIdentity(),
                        event.ageAtFirstEntry()));
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
                                               age_at_first_entry = NULL, erased = TRUE
                         WHERE participant_id = ?""")
                .params(org.journeyplatform.domain.shared.PersonalData.ERASED, participantId)
                .update();
        jdbc.sql("""
                        UPDATE participant_profile_change
                           SET chosen_name = CASE WHEN enrolment THEN ? END, year_of_birth = NULL,
                               gender_identity = NULL, age_at_first_entry = NULL
                         WHERE participant_id = ?""")
                .params(org.journeyplatform.domain.shared.PersonalData.ERASED, participantId)
                .update();
    }

    /** A profile update gives some details; her profile is worked out again. Replaying it changes nothing more. */
    @EventHandler
    void on(ProfileDetailsUpdatedEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequenceNumber) {
        keepChange(
                eventId,
                sequenceNumber,
                false,
                new Gives(
                        event.participantId().toString(),
                        event.occurredOn(),
                        event.chosenName(),
                        event.yearOfBirth(),
                        event.referralSource(),
                        event.ageBand(),
                        event.genderIdentity(),
                        event.ageAtFirstEntry()));
        workOutProfile(event.participantId().toString());
    }

    /** When an enrolment or a profile update happened in her life, and the details it gives (null: not given). */
    private record Gives(
            String participantId,
            org.journeyplatform.domain.shared.OccurredOn occurredOn,
            String chosenName,
            Integer yearOfBirth,
            ReferralSource referralSource,
            AgeBand ageBand,
            GenderIdentity genderIdentity,
            Integer ageAtFirstEntry) {}

    /**
     * Keeps an enrolment's or a profile update's row: its time of day with any fraction of a second, as a corrected
     * time is cast in SQL.
     */
    private void keepChange(String eventId, long sequenceNumber, boolean enrolment, Gives gives) {
        jdbc.sql("""
                        INSERT INTO participant_profile_change (event_id, participant_id, occurred_on, occurred_time,
                                                                sequence_number, enrolment, chosen_name, year_of_birth,
                                                                referral_source, age_band, gender_identity,
                                                                age_at_first_entry)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING""")
                .params(
                        eventId,
                        gives.participantId(),
                        Date.valueOf(gives.occurredOn().date()),
                        org.journeyplatform.projections.shared.KeptTimes.of(
                                gives.occurredOn().time()),
                        sequenceNumber,
                        enrolment,
                        gives.chosenName(),
                        gives.yearOfBirth(),
                        name(gives.referralSource()),
                        name(gives.ageBand()),
                        name(gives.genderIdentity()),
                        gives.ageAtFirstEntry())
                .update();
    }

    /**
     * A correction of her enrolment or of a profile update: each corrected detail is set on that event's row, an
     * emptied one cleared (an update that no longer gives it), and her profile is worked out again. A corrected
     * enrolment day is her enrolment day. Corrections of other events change nothing here.
     */
    @EventHandler
    void on(EventCorrectedEvent event) {
        String participantId = event.participantId().toString();
        Boolean enrolment = jdbc.sql("""
                        SELECT enrolment FROM participant_profile_change WHERE event_id = ? AND participant_id = ?""")
                .params(event.correctedEventId(), participantId)
                .query(Boolean.class)
                .optional()
                .orElse(null);
        if (enrolment == null) {
            return;
        }
        for (Map.Entry<String, String> value : event.correctedValues().entrySet()) {
            String column = PROFILE_COLUMNS.get(value.getKey());
            if (column == null) {
                continue;
            }
            String text = value.getValue() == null || value.getValue().isBlank()
                    ? null
                    : value.getValue().strip();
            if (text == null && (column.equals("occurred_on") || enrolment && column.equals("chosen_name"))) {
                continue; // never emptied: the domain refuses it
            }
            if (text != null
                    && "integer".equals(COLUMN_TYPES.get(column))
                    && !org.journeyplatform.domain.shared.WholeNumbers.readable(text)) {
                // as her folded history skips it (a correction recorded before the domain refused other digits than 0
                // to 9, e.g. "１９９２"): PostgreSQL's cast would fail and park her every later event
                continue;
            }
            if (text != null && !readable(column, text)) {
                continue; // as her folded history skips a value it cannot read (a name no longer in the list)
            }
            jdbc.sql("UPDATE participant_profile_change SET " + column + " = CAST(? AS " + COLUMN_TYPES.get(column)
                            + ") WHERE event_id = ?")
                    .params(text, event.correctedEventId())
                    .update();
            if (enrolment && column.equals("occurred_on")) {
                jdbc.sql("UPDATE participant SET enrolled_on = CAST(? AS date) WHERE participant_id = ?")
                        .params(text, participantId)
                        .update();
            }
        }
        workOutProfile(participantId);
    }

    /** A retracted profile update no longer gives her details (her enrolment cannot be retracted). */
    @EventHandler
    void on(EventRetractedEvent event) {
        int retracted = jdbc.sql("""
                        UPDATE participant_profile_change SET retracted = TRUE
                         WHERE event_id = ? AND participant_id = ? AND NOT enrolment""")
                .params(event.retractedEventId(), event.participantId().toString())
                .update();
        if (retracted > 0) {
            workOutProfile(event.participantId().toString());
        }
    }

    /**
     * Her details from her enrolment and profile updates: each the latest in her life that gives it and is not
     * retracted, in the journey's life order (the day; on her enrolment day, her enrolment first; the time of day,
     * untimed first; recording order). Her name is always given (by her enrolment at least); an optional detail none gives is empty.
     */
    void workOutProfile(String participantId) {
        jdbc.sql("""
                        UPDATE participant p
                           SET chosen_name = CASE WHEN p.erased THEN p.chosen_name
                                                  ELSE coalesce((%1$s), p.chosen_name) END,
                               year_of_birth = CASE WHEN p.erased THEN p.year_of_birth ELSE (%2$s) END,
                               referral_source = (%3$s), age_band = (%4$s),
                               gender_identity = CASE WHEN p.erased THEN p.gender_identity ELSE (%5$s) END,
                               age_at_first_entry = CASE WHEN p.erased THEN p.age_at_first_entry ELSE (%6$s) END
                         WHERE p.participant_id = ?""".formatted(
                                latest("chosen_name"),
                                latest("year_of_birth"),
                                latest("referral_source"),
                                latest("age_band"),
                                latest("gender_identity"),
                                latest("age_at_first_entry")))
                // her personal details never once she is erased (the flag her erasure sets): an erasure committed while
                // this waited for her row is seen here, since PostgreSQL evaluates the update again on the row as the
                // erasure left it, where the subqueries still read the changes as they were before it
                .param(participantId)
                .update();
    }

    private static String latest(String column) {
        return """
                SELECT c.%1$s FROM participant_profile_change c
                 WHERE c.participant_id = p.participant_id AND NOT c.retracted AND c.%1$s IS NOT NULL
                 ORDER BY c.occurred_on DESC, c.enrolment, c.occurred_time DESC NULLS LAST, c.sequence_number DESC
                 LIMIT 1""".formatted(column);
    }

    /** Correctable profile details and their columns (a fixed list: column names never come from input). */
    private static final Map<String, String> PROFILE_COLUMNS = Map.of(
            "chosenName",
            "chosen_name",
            "yearOfBirth",
            "year_of_birth",
            "referralSource",
            "referral_source",
            "occurredOn",
            "occurred_on",
            "occurredAt",
            "occurred_time",
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
            "occurred_on",
            "date",
            "occurred_time",
            "time",
            "age_band",
            "varchar",
            "gender_identity",
            "varchar",
            "age_at_first_entry",
            "integer");

    /** Whether a corrected value of a named detail is one of its names (other details are checked by their cast). */
    private static boolean readable(String column, String text) {
        Class<? extends Enum<?>> names = switch (column) {
            case "referral_source" -> ReferralSource.class;
            case "age_band" -> AgeBand.class;
            case "gender_identity" -> GenderIdentity.class;
            default -> null;
        };
        return names == null
                || java.util.Arrays.stream(names.getEnumConstants())
                        .anyMatch(e -> e.name().equals(text));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM participant").update();
        jdbc.sql("DELETE FROM participant_profile_change").update();
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
                (Integer) rs.getObject("age_at_first_entry"),
                rs.getBoolean("erased"));
    }
}
