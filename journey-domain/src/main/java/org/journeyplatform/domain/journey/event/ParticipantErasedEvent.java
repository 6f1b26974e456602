package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * She was erased (her right to erasure). Her personal data, in every event of her record, can no longer be read: it
 * was stored encrypted with a data key of her own, and that key has been destroyed. Her events stay in the event store
 * and her non-identifying facts (dates, programmes, kinds, reasons given as codes) still count in figures; her
 * personal values read back as {@link org.journeyplatform.domain.shared.PersonalData#ERASED} or null. Nothing can be
 * recorded for her any more: every later command on her journey is refused as {@code participant-erased}.
 * <p>
 * Deliberately carries no reason and nothing about her: why she was erased is kept in the erasure ledger, outside the
 * event store.
 *
 * @param occurredOn the day the erasure was recorded
 */
@Revision("1")
public record ParticipantErasedEvent(ParticipantId participantId, OccurredOn occurredOn) implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "participant-erased";
}
