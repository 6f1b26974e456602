package org.journeyplatform.api.erasure;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-applies erasures at every start-up, before anything else runs: after a restore of the event store or of the key
 * store from a backup older than an erasure, the erasure holds again. Every erasure in the ledger gets its key
 * destroyed, its snapshots dropped and its erasure event recorded; every erasure event in the event store that the
 * ledger lacks (a key store restored from an older backup) goes back into the ledger and has its key destroyed.
 */
@Component
@Order(0)
public class ErasureLedger implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ErasureLedger.class);

    private final JdbcClient jdbc;
    private final ParticipantErasure erasure;
    private final ParticipantKeys keys;
    private final Clock clock;

    public ErasureLedger(JdbcClient jdbc, ParticipantErasure erasure, ParticipantKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.erasure = erasure;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        int reapplied = reapply();
        if (reapplied > 0) {
            log.warn(
                    "Erasure ledger: {} erasures were re-applied (a restore from an older backup, or an erasure cut "
                            + "short)",
                    reapplied);
        }
    }

    /** Returns how many erasures had to be re-applied. */
    public int reapply() {
        List<String> missingFromLedger = jdbc.sql("""
                        SELECT DISTINCT e.aggregate_identifier FROM domain_event_entry e
                         WHERE e.payload_type = 'org.journeyplatform.domain.journey.event.ParticipantErasedEvent'
                           AND NOT EXISTS (SELECT 1 FROM keystore.erasure_ledger l
                                            WHERE l.participant_id = e.aggregate_identifier)""").query(String.class).list();
        for (String participantId : missingFromLedger) {
            jdbc.sql("""
                            INSERT INTO keystore.erasure_ledger (participant_id, erased_at, erased_by, reason)
                            VALUES (?, ?, 'erasure-ledger', 're-applied: her erasure event is in the event store')
                            ON CONFLICT (participant_id) DO NOTHING""").params(participantId, Timestamp.from(clock.instant())).update();
        }
        List<String> unfinished = jdbc.sql("""
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
                                                   AND e.payload_type =
                                                       'org.journeyplatform.domain.journey.event.ParticipantErasedEvent'))""").query(String.class).list();
        unfinished.forEach(id -> erasure.complete(new ParticipantId(id)));
        keys.missingMasterKeys(); // touch the key store early: a schema problem shows at start-up
        return missingFromLedger.size() + unfinished.size();
    }
}
