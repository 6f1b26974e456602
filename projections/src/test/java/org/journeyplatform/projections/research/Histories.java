package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/** One participant's history written by hand, in recording order, for the research tests. */
final class Histories {

    private final List<RecordedEvent> recorded = new ArrayList<>();
    final ParticipantId participant;

    Histories(String participantId) {
        this.participant = new ParticipantId(participantId);
    }

    static OccurredOn on(String day) {
        return OccurredOn.on(LocalDate.parse(day));
    }

    Histories add(JourneyEvent event) {
        recorded.add(new RecordedEvent(UUID.randomUUID().toString(), recorded.size(), event));
        return this;
    }

    /** The events in recording order, as the event store gives them. */
    List<RecordedEvent> recorded() {
        return List.copyOf(recorded);
    }

    /** The effective history in life order, as an export reads it. */
    List<RecordedEvent> lifeOrder() {
        return org.journeyplatform.domain.journey.JourneyHistory.effective(recorded).stream()
                .sorted(RecordedEvent.LIFE_ORDER)
                .toList();
    }
}
