package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.projections.research.Spells.Spell;
import org.journeyplatform.projections.research.Spells.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Spells replayed from an exported history")
class SpellsTest {

    private final List<ExportedEvent> events = new ArrayList<>();

    private SpellsTest event(String type, long day, Object... fields) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            f.put((String) fields[i], fields[i + 1]);
        }
        events.add(new ExportedEvent("her", type, day, null, f));
        return this;
    }

    private SpellsTest start(long day, String state, String... programmes) {
        return event("observation-started", day, "state", state, "programmes", List.of(programmes));
    }

    private SpellsTest entered(long day, String programme) {
        return event("programme-entered", day, "programme", programme, "reentry", false);
    }

    private SpellsTest exited(long day, String programme, String reason) {
        return event("programme-exited", day, "programme", programme, "exitReason", reason);
    }

    private SpellsTest relapse(long day) {
        return event("relapse-recorded", day, "kind", "DRUG_OR_ALCOHOL_USE");
    }

    private SpellsTest end(long day) {
        return event("observation-ended", day);
    }

    private static Spell spell(
            int number,
            State state,
            String programme,
            long start,
            long end,
            String startReason,
            String endReason,
            boolean leftTruncated,
            boolean censored) {
        return new Spell("her", number, state, programme, start, end, startReason, endReason, leftTruncated, censored);
    }

    /** Her spells without the reasons at their ends, which the test below checks on its own. */
    private static List<Spell> withoutReasons(List<Spell> spells) {
        return spells.stream()
                .map(s -> new Spell(
                        s.participant(),
                        s.number(),
                        s.state(),
                        s.programme(),
                        s.startDay(),
                        s.endDay(),
                        s.startReason(),
                        s.endReason(),
                        s.leftTruncated(),
                        s.censored()))
                .toList();
    }

    @Test
    @DisplayName("each spell carries the reason of the exit and the kind of the relapse at its ends")
    void reasonsAtTheEnds() {
        start(0, "NONE")
                .entered(5, "programme-a")
                .exited(100, "programme-a", "COMPLETED")
                .relapse(160)
                .entered(200, "programme-a")
                .exited(250, "programme-a", "RETURNED_TO_SEX_TRADE")
                .end(400);
        assertThat(Spells.of(events))
                .extracting(Spell::state, Spell::exitReason, Spell::relapseKind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(State.IN_PROGRAMME, "COMPLETED", null),
                        org.assertj.core.groups.Tuple.tuple(State.OUT, "COMPLETED", "DRUG_OR_ALCOHOL_USE"),
                        org.assertj.core.groups.Tuple.tuple(State.RETURNED, null, "DRUG_OR_ALCOHOL_USE"),
                        org.assertj.core.groups.Tuple.tuple(State.IN_PROGRAMME, "RETURNED_TO_SEX_TRADE", null),
                        org.assertj.core.groups.Tuple.tuple(State.RETURNED, "RETURNED_TO_SEX_TRADE", null));
    }

    @Nested
    @DisplayName("given a stay, an exit, a relapse and a re-entry")
    class OneRoundTrip {

        @Test
        @DisplayName("gives IN_PROGRAMME, OUT until the relapse, RETURNED until the re-entry, then a censored stay")
        void roundTrip() {
            start(0, "NONE")
                    .entered(5, "programme-a")
                    .relapse(50)
                    .exited(100, "programme-a", "COMPLETED")
                    .event("milestone-reached", 120, "milestone", "STABLE_HOUSING")
                    .relapse(160)
                    .relapse(170)
                    .entered(200, "programme-a")
                    .end(400);
            assertThat(withoutReasons(Spells.of(events)))
                    .containsExactly(
                            spell(1, State.IN_PROGRAMME, "programme-a", 5, 100, "ENTRY", "COMPLETED", false, false),
                            spell(2, State.OUT, null, 100, 160, "EXIT", "RELAPSE", false, false),
                            spell(3, State.RETURNED, null, 160, 200, "RELAPSE", "RE_ENTRY", false, false),
                            spell(
                                    4,
                                    State.IN_PROGRAMME,
                                    "programme-a",
                                    200,
                                    400,
                                    "ENTRY",
                                    "OBSERVATION_END",
                                    false,
                                    true));
        }

        @Test
        @DisplayName("an exit to the sex trade starts RETURNED; an exit by death starts nothing")
        void exitReasons() {
            start(0, "NONE")
                    .entered(1, "programme-a")
                    .exited(30, "programme-a", "RETURNED_TO_SEX_TRADE")
                    .entered(60, "programme-a")
                    .exited(90, "programme-a", "DIED")
                    .end(365);
            assertThat(withoutReasons(Spells.of(events)))
                    .containsExactly(
                            spell(
                                    1,
                                    State.IN_PROGRAMME,
                                    "programme-a",
                                    1,
                                    30,
                                    "ENTRY",
                                    "RETURNED_TO_SEX_TRADE",
                                    false,
                                    false),
                            spell(2, State.RETURNED, null, 30, 60, "EXIT", "RE_ENTRY", false, false),
                            spell(3, State.IN_PROGRAMME, "programme-a", 60, 90, "ENTRY", "DIED", false, false));
        }
    }

    @Nested
    @DisplayName("given stays in two programmes at once")
    class Overlapping {

        @Test
        @DisplayName("each stay is a spell; she is out only once she has left both")
        void overlapping() {
            start(0, "NONE")
                    .entered(10, "programme-a")
                    .entered(20, "programme-b")
                    .exited(30, "programme-a", "TRANSFERRED")
                    .exited(50, "programme-b", "LEFT_BY_CHOICE")
                    .end(80);
            assertThat(withoutReasons(Spells.of(events)))
                    .containsExactly(
                            spell(1, State.IN_PROGRAMME, "programme-a", 10, 30, "ENTRY", "TRANSFERRED", false, false),
                            spell(
                                    2,
                                    State.IN_PROGRAMME,
                                    "programme-b",
                                    20,
                                    50,
                                    "ENTRY",
                                    "LEFT_BY_CHOICE",
                                    false,
                                    false),
                            spell(3, State.OUT, null, 50, 80, "EXIT", "OBSERVATION_END", false, true));
        }
    }

    @Nested
    @DisplayName("given observation that starts while she is somewhere")
    class LeftTruncated {

        @Test
        @DisplayName("the spells she was in start on the first day of observation, marked left-truncated")
        void inProgramme() {
            start(300, "IN_PROGRAMME", "programme-a")
                    .exited(310, "programme-a", "COMPLETED")
                    .end(320);
            assertThat(withoutReasons(Spells.of(events)))
                    .containsExactly(
                            spell(
                                    1,
                                    State.IN_PROGRAMME,
                                    "programme-a",
                                    300,
                                    310,
                                    "OBSERVATION_START",
                                    "COMPLETED",
                                    true,
                                    false),
                            spell(2, State.OUT, null, 310, 320, "EXIT", "OBSERVATION_END", false, true));
        }

        @Test
        @DisplayName("RETURNED at the start ends at her next entry")
        void returned() {
            start(300, "RETURNED").relapse(305).entered(310, "programme-a").end(320);
            assertThat(withoutReasons(Spells.of(events)))
                    .containsExactly(
                            spell(1, State.RETURNED, null, 300, 310, "OBSERVATION_START", "RE_ENTRY", true, false),
                            spell(
                                    2,
                                    State.IN_PROGRAMME,
                                    "programme-a",
                                    310,
                                    320,
                                    "ENTRY",
                                    "OBSERVATION_END",
                                    false,
                                    true));
        }

        @Test
        @DisplayName("where she stands after earlier events is what observation-started says")
        void standing() {
            start(0, "NONE")
                    .entered(5, "programme-a")
                    .exited(10, "programme-a", "COMPLETED")
                    .relapse(20);
            assertThat(Spells.standingAfter(events)).isEqualTo(new Spells.Standing("RETURNED", List.of()));
            events.clear();
            entered(5, "programme-b").entered(6, "programme-a");
            assertThat(Spells.standingAfter(events))
                    .isEqualTo(new Spells.Standing("IN_PROGRAMME", List.of("programme-b", "programme-a")));
            events.clear();
            relapse(3);
            assertThat(Spells.standingAfter(events)).isEqualTo(new Spells.Standing("NONE", List.of()));
        }
    }
}
