package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.programme.ProgrammeDirectory;

/**
 * What exists outside her journey that its rules ask about: registered programmes and their curricula, registered
 * peers, defined instruments. One resource, passed to every journey command handler that records an event, so that no
 * rule can be skipped by a handler that has nothing to pass: none of the three may be null.
 */
public record Directories(ProgrammeDirectory programmes, PeerDirectory peers, InstrumentCatalogue instruments) {

    public Directories {
        Objects.requireNonNull(programmes, "programmes");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(instruments, "instruments");
    }
}
