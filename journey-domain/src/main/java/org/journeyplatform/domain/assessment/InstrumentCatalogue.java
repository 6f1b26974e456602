package org.journeyplatform.domain.assessment;

import java.util.Optional;
import org.journeyplatform.domain.shared.InstrumentCode;

/** Finds the current definition of an assessment instrument; injected into command handlers as a resource. */
public interface InstrumentCatalogue {

    Optional<InstrumentDefinition> find(InstrumentCode instrument);
}
