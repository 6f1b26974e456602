package org.journeyplatform.domain.assessment;

import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.journeyplatform.domain.shared.InstrumentCode;

/**
 * Define an assessment instrument, or change its definition.
 */
public record DefineInstrumentCommand(
        @TargetAggregateIdentifier InstrumentCode instrument,
        String name,
        List<InstrumentItem> items,
        List<InstrumentSubscale> subscales,
        Scoring totalScoring) {

    public DefineInstrumentCommand {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(name, "name");
        items = List.copyOf(items);
        subscales = subscales == null ? List.of() : List.copyOf(subscales);
        Objects.requireNonNull(totalScoring, "totalScoring");
    }
}
