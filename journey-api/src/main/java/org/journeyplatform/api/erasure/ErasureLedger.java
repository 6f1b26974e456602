package org.journeyplatform.api.erasure;

import java.time.Clock;
import java.util.List;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.crypto.Erasures;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
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

    private final Erasures ledger;
    private final ParticipantErasure erasure;
    private final ParticipantKeys keys;
    private final Clock clock;

    public ErasureLedger(Erasures ledger, ParticipantErasure erasure, ParticipantKeys keys, Clock clock) {
        this.ledger = ledger;
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
        List<String> missingFromLedger = ledger.erasedInStoreOnly();
        for (String participantId : missingFromLedger) {
            ledger.enter(
                    participantId,
                    clock.instant(),
                    "erasure-ledger",
                    "re-applied: her erasure event is in the event store");
        }
        List<String> unfinished = ledger.unfinished();
        unfinished.forEach(id -> erasure.complete(new ParticipantId(id)));
        keys.missingMasterKeys(); // touch the key store early: a schema problem shows at start-up
        return missingFromLedger.size() + unfinished.size();
    }
}
