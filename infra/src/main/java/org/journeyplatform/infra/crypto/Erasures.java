package org.journeyplatform.infra.crypto;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.journeyplatform.domain.journey.ErasedParticipants;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The erasure ledger in the key store ({@code keystore.erasure_ledger}): who was erased, when, by whom and why, kept
 * beside the data keys so that it survives a restore of the event store and is re-applied at start-up. Also answers
 * what the ledger, the key store, the snapshots and the event store together say is left to finish of an erasure.
 */
@Component
public class Erasures implements ErasedParticipants {

    /** One erasure in the ledger. */
    public record Entry(String participantId, Instant erasedAt, String erasedBy, String reason) {}

    /** A journey and the last time anything was recorded in it. */
    public record LastActivity(String participantId, Instant lastRecorded) {}

    private static final String ERASED_EVENT = ParticipantErasedEvent.class.getName();

    private final JdbcClient jdbc;

    public Erasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enters her erasure in the ledger; an erasure already there stays as it was. */
    public void enter(String participantId, Instant erasedAt, String erasedBy, String reason) {
        jdbc.sql("""
                        INSERT INTO keystore.erasure_ledger (participant_id, erased_at, erased_by, reason)
                        VALUES (?, ?, ?, ?) ON CONFLICT (participant_id) DO NOTHING""")
                .params(participantId, Timestamp.from(erasedAt), erasedBy, reason)
                .update();
    }

    public Optional<Entry> find(String participantId) {
        return jdbc.sql("SELECT * FROM keystore.erasure_ledger WHERE participant_id = ?")
                .param(participantId)
                .query((rs, row) -> entry(rs))
                .optional();
    }

    /** A page of the ledger, oldest first. */
    public List<Entry> page(int limit, int offset) {
        return jdbc.sql("SELECT * FROM keystore.erasure_ledger ORDER BY erased_at, participant_id LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query((rs, row) -> entry(rs))
                .list();
    }

    @Override
    public boolean isErased(ParticipantId participantId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM keystore.erasure_ledger WHERE participant_id = ?)")
                .param(participantId.toString())
                .query(Boolean.class)
                .single();
    }

    @Override
    public Set<ParticipantId> all() {
        Set<ParticipantId> all = new LinkedHashSet<>();
        jdbc.sql("SELECT participant_id FROM keystore.erasure_ledger ORDER BY participant_id")
                .query(String.class)
                .list()
                .forEach(id -> all.add(new ParticipantId(id)));
        return all;
    }

    /** Of these participants, those erased after {@code after}, in id order. */
    public List<String> erasedSince(Collection<String> participantIds, Instant after) {
        if (participantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT participant_id FROM keystore.erasure_ledger
                         WHERE participant_id = ANY (?) AND erased_at > ? ORDER BY 1""")
                .params(participantIds.toArray(String[]::new), Timestamp.from(after))
                .query(String.class)
                .list();
    }

    /** Journeys whose erasure event is in the event store but not in the ledger (a key store restored from before). */
    public List<String> erasedInStoreOnly() {
        return jdbc.sql("""
                        SELECT DISTINCT e.aggregate_identifier FROM domain_event_entry e
                         WHERE e.payload_type = ?
                           AND NOT EXISTS (SELECT 1 FROM keystore.erasure_ledger l
                                            WHERE l.participant_id = e.aggregate_identifier)""").param(ERASED_EVENT).query(String.class).list();
    }

    /**
     * Erasures in the ledger not yet complete: her data key not destroyed (or never made), a snapshot of her journey
     * still stored, or her journey without its erasure event.
     */
    public List<String> unfinished() {
        return jdbc.sql("""
                        SELECT l.participant_id FROM keystore.erasure_ledger l
                         WHERE EXISTS (SELECT 1 FROM keystore.participant_data_key k
                                        WHERE k.participant_id = l.participant_id AND k.wrapped_key IS NOT NULL)
                            OR NOT EXISTS (SELECT 1 FROM keystore.participant_data_key k
                                            WHERE k.participant_id = l.participant_id)
                            OR EXISTS (SELECT 1 FROM snapshot_event_entry s
                                        WHERE s.aggregate_identifier = l.participant_id)
                            OR (EXISTS (SELECT 1 FROM domain_event_entry e
                                         WHERE e.aggregate_identifier = l.participant_id AND e.type = 'Journey')
                                AND NOT EXISTS (SELECT 1 FROM domain_event_entry e
                                                 WHERE e.aggregate_identifier = l.participant_id
                                                   AND e.payload_type = ?))""").param(ERASED_EVENT).query(String.class).list();
    }

    /**
     * Journeys not erased with nothing recorded since {@code before}, longest quiet first: the candidates of the
     * record-disposal rule.
     */
    public List<LastActivity> quietSince(Instant before) {
        return jdbc.sql("""
                        SELECT e.aggregate_identifier, max(CAST(e.time_stamp AS timestamptz)) AS last_activity
                          FROM domain_event_entry e
                         WHERE e.type = 'Journey'
                           AND NOT EXISTS (SELECT 1 FROM keystore.erasure_ledger l
                                            WHERE l.participant_id = e.aggregate_identifier)
                         GROUP BY e.aggregate_identifier
                        HAVING max(CAST(e.time_stamp AS timestamptz)) < ?
                         ORDER BY 2, 1""")
                .param(Timestamp.from(before))
                .query((rs, row) ->
                        new LastActivity(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(
                rs.getString("participant_id"),
                rs.getTimestamp("erased_at").toInstant(),
                rs.getString("erased_by"),
                rs.getString("reason"));
    }
}
