package org.journeyplatform.domain.journey;

import java.util.Set;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * Who has been erased, as the erasure ledger says (docs/adr/0010-crypto-shredding.md). The ledger is written before her
 * erasure event is recorded and survives a restore of the event store from an older backup, so it knows of an erasure
 * before (and after) her journey does: what keeps or exports her words asks here. Implemented where the ledger is
 * stored, so read models need not know how.
 */
public interface ErasedParticipants {

    /** Whether she is in the ledger. */
    boolean isErased(ParticipantId participantId);

    /** Everyone in the ledger. */
    Set<ParticipantId> all();
}
