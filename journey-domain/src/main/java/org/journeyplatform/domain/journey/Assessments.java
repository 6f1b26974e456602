package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.InstrumentCode;

/** Her assessments: the latest reading of each instrument (scored by the command handler from its definition). */
final class Assessments extends Concern<Assessments> {

    private final Map<InstrumentCode, AssessmentRecordedEvent> latest = new LinkedHashMap<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(AssessmentRecordedEvent.class);
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof AssessmentRecordedEvent e) {
            latest.put(e.instrument(), e);
        }
    }

    @Override
    Assessments copy() {
        Assessments copy = new Assessments();
        copy.latest.putAll(latest);
        return copy;
    }

    Map<InstrumentCode, AssessmentRecordedEvent> latest() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latest));
    }
}
