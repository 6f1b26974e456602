package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * Record that she was erased (her right to erasure): her personal data can no longer be read, and nothing more can be
 * recorded for her. Safe to repeat: erasing a journey that is erased already records nothing and succeeds, so the
 * platform can re-apply its erasure ledger (for example after restoring a backup). It carries no reason: the reason is
 * kept in the erasure ledger, outside the event store. It takes no expected version: an erasure is never refused
 * because the record changed meanwhile.
 *
 * @param occurredOn the day the erasure is recorded (usually today; never in the future)
 */
public record EraseParticipantCommand(
        @TargetAggregateIdentifier ParticipantId participantId, OccurredOn occurredOn) {

    public EraseParticipantCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }
}
