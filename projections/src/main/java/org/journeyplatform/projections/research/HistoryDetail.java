package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;

/**
 * How much of a history is released (docs/research.md, "Disclosure risk"). Every history starts in full; one that is
 * unique among the study's histories is reduced, one level at a time, before anyone's history is suppressed whole.
 * The levels keep what the survival analyses of the spells table need for as long as they can.
 */
public enum HistoryDetail {
    /** Every event the study may receive. */
    FULL("every event"),
    /**
     * Only the events the spells are made of: her enrolment, programme entries and exits, relapses and returns. The
     * rest (curriculum, peer support, assessments, goals, milestones, reunification, safety, her network) is left out.
     */
    SPELL_EVENTS("only enrolment, programme entries and exits, relapses and returns"),
    /**
     * Those events up to the end of her first spell out of the study's programmes (her first {@code OUT} or
     * {@code RETURNED} spell, ended by a relapse or return or by a re-entry): her observation ends on that day, so every
     * later spell of hers is left out and the spells open then are censored.
     */
    FIRST_SPELL_OUT("only enrolment, entries, exits, relapses and returns up to the end of her first spell out"),
    /**
     * Those events up to and including her first exit from one of the study's programmes: her observation ends on that
     * day. Without an exit, the same as {@link #SPELL_EVENTS}.
     */
    FIRST_STAY("only enrolment, entries, exits, relapses and returns up to and including her first exit");

    /** The event types {@link #SPELL_EVENTS} keeps, beside the observation markers. */
    static final Set<String> SPELL_EVENT_TYPES = Set.of(
            ParticipantEnrolledEvent.NAME,
            ProgrammeEnteredEvent.NAME,
            ProgrammeExitedEvent.NAME,
            RelapseRecordedEvent.NAME);

    private final String description;

    HistoryDetail(String description) {
        this.description = description;
    }

    /** What the level releases, in words (manifest and codebook). */
    public String description() {
        return description;
    }

    /** The level after this one, or null at the last. */
    public HistoryDetail next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    /**
     * Her released history at this level; {@code events} is her full released history, from {@code
     * observation-started} to {@code observation-ended}.
     */
    public List<ExportedEvent> reduce(List<ExportedEvent> events) {
        if (this == FULL) {
            return events;
        }
        List<ExportedEvent> kept = new ArrayList<>(events.size());
        for (ExportedEvent event : events) {
            if (marker(event) || SPELL_EVENT_TYPES.contains(event.type())) {
                kept.add(event);
            }
        }
        if (this == SPELL_EVENTS) {
            return kept;
        }
        // cut after the event that ended her first spell out, or her first stay: by its position, so that nothing
        // later in her life is kept, even on the same released day
        Spells.Replay replay = Spells.replay(kept);
        List<Spells.Spell> spells = replay.spells();
        java.util.Map<Integer, Integer> endedAt = replay.endedAt();
        Integer cut = this == FIRST_SPELL_OUT
                ? spells.stream()
                        .filter(s -> s.state() != Spells.State.IN_PROGRAMME)
                        .findFirst()
                        .map(s -> endedAt.get(s.number()))
                        .orElse(null)
                : spells.stream()
                        .filter(s -> s.state() == Spells.State.IN_PROGRAMME && endedAt.containsKey(s.number()))
                        .map(s -> endedAt.get(s.number()))
                        .min(Integer::compare)
                        .orElse(null);
        if (cut == null) {
            return kept;
        }
        List<ExportedEvent> first = new ArrayList<>(kept.subList(0, cut + 1));
        long end = kept.get(cut).day();
        ExportedEvent last = kept.get(kept.size() - 1);
        first.add(new ExportedEvent(last.participant(), last.type(), end, endDate(last, end), Map.of()));
        return first;
    }

    /** Her released history at this level, its observation ending where the level's last event leaves it. */
    public AnonymisedHistory.Anonymised reduce(AnonymisedHistory.Anonymised history) {
        List<ExportedEvent> events = reduce(history.events());
        return new AnonymisedHistory.Anonymised(
                history.participant(),
                history.shiftedEnrolment(),
                history.observationStartDay(),
                events.get(events.size() - 1).day(),
                events);
    }

    /**
     * What identifies a released history for the risk measures: her events' types with their released day numbers, in
     * order, without the observation markers (their days are drawn from the study secret, which nobody who knows her
     * life knows).
     */
    public static String signature(List<ExportedEvent> events) {
        StringBuilder signature = new StringBuilder();
        for (ExportedEvent event : events) {
            if (!marker(event)) {
                signature.append(event.type()).append('@').append(event.day()).append(';');
            }
        }
        return signature.toString();
    }

    private static boolean marker(ExportedEvent event) {
        return event.type().equals(AnonymisedHistory.OBSERVATION_STARTED)
                || event.type().equals(AnonymisedHistory.OBSERVATION_ENDED);
    }

    private static java.time.LocalDate endDate(ExportedEvent last, long end) {
        return last.date() == null ? null : last.date().minusDays(last.day() - end);
    }
}
