package org.journeyplatform.domain.assessment.event;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.assessment.InstrumentItem;
import org.journeyplatform.domain.assessment.InstrumentSubscale;
import org.journeyplatform.domain.assessment.Scoring;
import org.journeyplatform.domain.shared.InstrumentCode;

/**
 * An assessment instrument was defined, or its definition changed: instruments are data, so a programme can add
 * one without code.
 * <p>
 * The package of this class is stored with every event: do not move or rename it without an upcaster.
 *
 * @param name e.g. "Outcome Rating Scale"
 * @param items its items, in order
 * @param subscales its subscales; may be empty
 * @param totalScoring how the total is computed from all items, or NONE
 */
@Revision("1")
public record InstrumentDefinedEvent(
        InstrumentCode instrument,
        String name,
        List<InstrumentItem> items,
        List<InstrumentSubscale> subscales,
        Scoring totalScoring) {

    public InstrumentDefinedEvent {
        items = List.copyOf(items);
        subscales = subscales == null ? List.of() : List.copyOf(subscales);
    }
}
