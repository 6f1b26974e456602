package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;

/** Her relapses and returns, and the milestones she reached: counted, and the latest relapse remembered. */
final class Lapses extends Concern<Lapses> {

    private LocalDate lastRelapseOn;
    private int relapses;
    private int milestones;

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(RelapseRecordedEvent.class, MilestoneReachedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof MilestoneReachedEvent e && e.type() == MilestoneType.CUSTOM && e.description() == null) {
            throw new IllegalArgumentException("A custom milestone needs a description in the participant's words.");
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof RelapseRecordedEvent) {
            lastRelapseOn = on;
            relapses++;
        } else if (event instanceof MilestoneReachedEvent) {
            milestones++;
        }
    }

    @Override
    Lapses copy() {
        Lapses copy = new Lapses();
        copy.lastRelapseOn = lastRelapseOn;
        copy.relapses = relapses;
        copy.milestones = milestones;
        return copy;
    }

    LocalDate lastRelapseOn() {
        return lastRelapseOn;
    }

    int relapses() {
        return relapses;
    }

    int milestones() {
        return milestones;
    }
}
