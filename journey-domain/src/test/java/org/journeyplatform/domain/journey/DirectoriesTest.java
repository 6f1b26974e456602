package org.journeyplatform.domain.journey;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The directories a journey's rules ask")
class DirectoriesTest {

    private static final ProgrammeDirectory PROGRAMMES = JourneyTestSupport.PROGRAMMES;
    private static final PeerDirectory PEERS = JourneyTestSupport.PEERS;
    private static final InstrumentCatalogue INSTRUMENTS = JourneyTestSupport.INSTRUMENTS;

    @Test
    @DisplayName("cannot be made without one of them, so no handler can skip a rule by passing nothing")
    void noneMissing() {
        assertThatNullPointerException()
                .isThrownBy(() -> new Directories(null, PEERS, INSTRUMENTS))
                .withMessage("programmes");
        assertThatNullPointerException()
                .isThrownBy(() -> new Directories(PROGRAMMES, null, INSTRUMENTS))
                .withMessage("peers");
        assertThatNullPointerException()
                .isThrownBy(() -> new Directories(PROGRAMMES, PEERS, null))
                .withMessage("instruments");
    }
}
