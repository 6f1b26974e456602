package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;

/**
 * Spells for event-history and survival analysis, computed by replaying one participant's exported events (the lines
 * of {@code events.ndjson}), so that anyone replaying the file the same way gets the same spells as
 * {@code spells.csv} (docs/research.md, "Spells"):
 * <ul>
 *   <li>{@code IN_PROGRAMME}: one per stay in one of the study's programmes, from her entry to her exit (stays in two
 *   programmes at once overlap); ends with the exit reason.</li>
 *   <li>{@code OUT}: from an exit that leaves her in none of the study's programmes to her first relapse or return
 *   (end reason {@code RELAPSE}) or her next entry ({@code RE_ENTRY}). An exit with reason
 *   {@code RETURNED_TO_SEX_TRADE} starts a {@code RETURNED} spell instead; an exit with reason {@code DIED} starts
 *   nothing.</li>
 *   <li>{@code RETURNED}: from a relapse while out (or such an exit) to her next entry ({@code RE_ENTRY}). Further
 *   relapses change nothing; nor does a relapse during a stay.</li>
 * </ul>
 * {@code observation-started} opens the spells she was in when observation began (left-truncated), and
 * {@code observation-ended} closes every open spell as censored. Days are days since her enrolment.
 */
public final class Spells {

    /** A person-level state. */
    public enum State {
        IN_PROGRAMME,
        OUT,
        RETURNED
    }

    /** Her state when observation starts: also {@code NONE}, not yet in any of the study's programmes. */
    public static final String NONE = "NONE";

    public static final String OBSERVATION_START = "OBSERVATION_START";
    public static final String OBSERVATION_END = "OBSERVATION_END";
    public static final String ENTRY = "ENTRY";
    public static final String EXIT = "EXIT";
    public static final String RELAPSE = "RELAPSE";
    public static final String RE_ENTRY = "RE_ENTRY";

    /**
     * One spell.
     *
     * @param number        its number among her spells, in the order they began (1, 2, ...)
     * @param programme     the programme's pseudonym, for {@code IN_PROGRAMME}
     * @param leftTruncated it began before observation did; its start is the first day of observation
     * @param censored      it had not ended when observation did; its end is the last day of observation
     * @param exitReason    the reason of the exit that ended it ({@code IN_PROGRAMME}) or began it ({@code OUT},
     *                      {@code RETURNED}); null otherwise
     * @param relapseKind   the kind of the relapse or return that ended it ({@code OUT}) or began it
     *                      ({@code RETURNED}); null otherwise
     */
    public record Spell(
            String participant,
            int number,
            State state,
            String programme,
            long startDay,
            long endDay,
            String startReason,
            String endReason,
            boolean leftTruncated,
            boolean censored,
            String exitReason,
            String relapseKind) {

        /** A spell without the reasons of the exit or relapse at either end. */
        public Spell(
                String participant,
                int number,
                State state,
                String programme,
                long startDay,
                long endDay,
                String startReason,
                String endReason,
                boolean leftTruncated,
                boolean censored) {
            this(
                    participant,
                    number,
                    state,
                    programme,
                    startDay,
                    endDay,
                    startReason,
                    endReason,
                    leftTruncated,
                    censored,
                    null,
                    null);
        }

        public long durationDays() {
            return endDay - startDay;
        }
    }

    private Spells() {}

    /** Her spells, replayed from her events in the order given (as in the file). */
    public static List<Spell> of(List<ExportedEvent> events) {
        return replay(events).spells();
    }

    /**
     * Her spells, and for each spell that an event ended (by its number) the position of that event in {@code
     * events}; spells still open at the end (censored) have none.
     */
    record Replay(List<Spell> spells, Map<Integer, Integer> endedAt) {}

    /** Her spells and where each ended, in one pass over her events. */
    static Replay replay(List<ExportedEvent> events) {
        Machine machine = new Machine();
        for (ExportedEvent event : events) {
            machine.apply(event);
            machine.index++;
        }
        machine.done.sort(Comparator.comparingInt(Spell::number));
        return new Replay(machine.done, machine.endedAt);
    }

    /**
     * Where she stands after these events (those before observation starts): {@code NONE}, {@code IN_PROGRAMME},
     * {@code OUT} or {@code RETURNED}, and the programmes she is in (pseudonyms, in the order she entered them).
     */
    static Standing standingAfter(List<ExportedEvent> events) {
        Machine machine = new Machine();
        events.forEach(machine::apply);
        List<String> programmes = new ArrayList<>(machine.stays.keySet());
        String state = !programmes.isEmpty()
                ? State.IN_PROGRAMME.name()
                : machine.personal != null ? machine.personal.state.name() : NONE;
        return new Standing(state, programmes);
    }

    record Standing(String state, List<String> programmes) {}

    private static final class Open {
        final int number;
        final State state;
        final String programme;
        final long startDay;
        final String startReason;
        final boolean leftTruncated;
        String exitReason;
        String relapseKind;

        Open(int number, State state, String programme, long startDay, String startReason, boolean leftTruncated) {
            this.number = number;
            this.state = state;
            this.programme = programme;
            this.startDay = startDay;
            this.startReason = startReason;
            this.leftTruncated = leftTruncated;
        }
    }

    private static final class Machine {
        final Map<String, Open> stays = new LinkedHashMap<>();
        Open personal;
        final List<Spell> done = new ArrayList<>();
        final Map<Integer, Integer> endedAt = new LinkedHashMap<>();
        int numbers;
        int index;
        String participant;

        void apply(ExportedEvent event) {
            participant = event.participant();
            long day = event.day();
            switch (event.type()) {
                case AnonymisedHistory.OBSERVATION_STARTED -> {
                    @SuppressWarnings("unchecked")
                    List<String> programmes = (List<String>) event.fields().get("programmes");
                    for (String programme : programmes) {
                        stays.put(programme, open(State.IN_PROGRAMME, programme, day, OBSERVATION_START, true));
                    }
                    String state = event.text("state");
                    if (State.OUT.name().equals(state) || State.RETURNED.name().equals(state)) {
                        personal = open(State.valueOf(state), null, day, OBSERVATION_START, true);
                    }
                }
                case ProgrammeEnteredEvent.NAME -> {
                    String programme = event.text("programme");
                    if (stays.containsKey(programme)) {
                        return;
                    }
                    if (personal != null) {
                        close(personal, day, RE_ENTRY, false);
                        personal = null;
                    }
                    stays.put(programme, open(State.IN_PROGRAMME, programme, day, ENTRY, false));
                }
                case ProgrammeExitedEvent.NAME -> {
                    Open stay = stays.remove(event.text("programme"));
                    if (stay == null) {
                        return;
                    }
                    String reason = event.text("exitReason");
                    stay.exitReason = reason;
                    close(stay, day, reason, false);
                    if (stays.isEmpty() && !"DIED".equals(reason)) {
                        personal = open(
                                "RETURNED_TO_SEX_TRADE".equals(reason) ? State.RETURNED : State.OUT,
                                null,
                                day,
                                EXIT,
                                false);
                        personal.exitReason = reason;
                    }
                }
                case RelapseRecordedEvent.NAME -> {
                    if (personal != null && personal.state == State.OUT) {
                        personal.relapseKind = event.text("kind");
                        close(personal, day, RELAPSE, false);
                        personal = open(State.RETURNED, null, day, RELAPSE, false);
                        personal.relapseKind = event.text("kind");
                    }
                }
                case AnonymisedHistory.OBSERVATION_ENDED -> {
                    stays.values().forEach(stay -> close(stay, day, OBSERVATION_END, true));
                    stays.clear();
                    if (personal != null) {
                        close(personal, day, OBSERVATION_END, true);
                        personal = null;
                    }
                }
                default -> {
                    // nothing else moves her between states
                }
            }
        }

        Open open(State state, String programme, long day, String reason, boolean leftTruncated) {
            return new Open(++numbers, state, programme, day, reason, leftTruncated);
        }

        void close(Open open, long day, String reason, boolean censored) {
            if (!censored) {
                endedAt.put(open.number, index);
            }
            done.add(new Spell(
                    participant,
                    open.number,
                    open.state,
                    open.programme,
                    open.startDay,
                    day,
                    open.startReason,
                    reason,
                    open.leftTruncated,
                    censored,
                    open.exitReason,
                    open.relapseKind));
        }
    }
}
