package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("How much of a history is released")
class HistoryDetailTest {

    private static final String HER = "her-pseudonym";

    private static ExportedEvent event(String type, long day, Map<String, Object> fields) {
        return new ExportedEvent(HER, type, day, null, fields);
    }

    /**
     * Enrolled and entered, a relapse during the stay, an exit, a milestone, a relapse while out, a re-entry and an
     * exit, observed from day 0 to day 400.
     */
    private static List<ExportedEvent> history() {
        return List.of(
                event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                event("participant-enrolled", 0, Map.of()),
                event("programme-entered", 10, Map.of("programme", "programme-a", "reentry", false)),
                event("relapse-recorded", 40, Map.of("kind", "DRUG_OR_ALCOHOL_USE")),
                event("programme-exited", 100, Map.of("programme", "programme-a", "exitReason", "COMPLETED")),
                event("milestone-reached", 120, Map.of("milestone", "EMPLOYMENT")),
                event("relapse-recorded", 150, Map.of("kind", "OTHER")),
                event("programme-entered", 200, Map.of("programme", "programme-a", "reentry", true)),
                event("programme-exited", 300, Map.of("programme", "programme-a", "exitReason", "COMPLETED")),
                event("observation-ended", 400, Map.of()));
    }

    private static List<String> typesAndDays(List<ExportedEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.type() + "@" + e.day()));
        return out;
    }

    @Nested
    @DisplayName("given her history reduced one level at a time")
    class Levels {

        @Test
        @DisplayName("in full, every event is kept")
        void full() {
            assertThat(HistoryDetail.FULL.reduce(history())).isEqualTo(history());
        }

        @Test
        @DisplayName("with the spell events only, the milestone goes and everything the spells are made of stays")
        void spellEvents() {
            assertThat(typesAndDays(HistoryDetail.SPELL_EVENTS.reduce(history())))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "relapse-recorded@40",
                            "programme-exited@100",
                            "relapse-recorded@150",
                            "programme-entered@200",
                            "programme-exited@300",
                            "observation-ended@400");
        }

        @Test
        @DisplayName("up to the end of her first spell out, her observation ends with the relapse that ended it")
        void firstSpellOut() {
            List<ExportedEvent> reduced = HistoryDetail.FIRST_SPELL_OUT.reduce(history());
            assertThat(typesAndDays(reduced))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "relapse-recorded@40",
                            "programme-exited@100",
                            "relapse-recorded@150",
                            "observation-ended@150");
            List<Spells.Spell> spells = Spells.of(reduced);
            Spells.Spell out = spells.stream()
                    .filter(s -> s.state() == Spells.State.OUT)
                    .findFirst()
                    .orElseThrow();
            assertThat(out.startDay()).isEqualTo(100);
            assertThat(out.endDay()).isEqualTo(150);
            assertThat(out.endReason()).isEqualTo(Spells.RELAPSE);
            assertThat(out.censored()).isFalse();
            assertThat(spells.get(spells.size() - 1).censored()).isTrue();
        }

        @Test
        @DisplayName("up to her first exit, her observation ends on the day she left")
        void firstStay() {
            assertThat(typesAndDays(HistoryDetail.FIRST_STAY.reduce(history())))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "relapse-recorded@40",
                            "programme-exited@100",
                            "observation-ended@100");
        }

        @Test
        @DisplayName("a spell out still open at the end of her observation cuts nothing")
        void openSpellOut() {
            List<ExportedEvent> stillOut = history().subList(0, 6);
            List<ExportedEvent> withEnd = new ArrayList<>(stillOut);
            withEnd.add(event("observation-ended", 130, Map.of()));
            assertThat(HistoryDetail.FIRST_SPELL_OUT.reduce(withEnd))
                    .isEqualTo(HistoryDetail.SPELL_EVENTS.reduce(withEnd));
        }

        @Test
        @DisplayName("the cut is after the event itself: what came later on the same (rounded) day is not kept")
        void cutByPosition() {
            List<ExportedEvent> sameDay = List.of(
                    event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                    event("participant-enrolled", 0, Map.of()),
                    event("programme-entered", 0, Map.of("programme", "programme-a", "reentry", false)),
                    event("programme-exited", 90, Map.of("programme", "programme-a", "exitReason", "COMPLETED")),
                    event("relapse-recorded", 90, Map.of("kind", "OTHER")),
                    event("programme-entered", 90, Map.of("programme", "programme-a", "reentry", true)),
                    event("observation-ended", 300, Map.of()));
            assertThat(typesAndDays(HistoryDetail.FIRST_STAY.reduce(sameDay)))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@0",
                            "programme-exited@90",
                            "observation-ended@90");
            assertThat(typesAndDays(HistoryDetail.FIRST_SPELL_OUT.reduce(sameDay)))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@0",
                            "programme-exited@90",
                            "relapse-recorded@90",
                            "observation-ended@90");
        }

        @Test
        @DisplayName("the levels come in order, and the last has none after it")
        void order() {
            assertThat(HistoryDetail.FULL.next()).isEqualTo(HistoryDetail.SPELL_EVENTS);
            assertThat(HistoryDetail.SPELL_EVENTS.next()).isEqualTo(HistoryDetail.FIRST_SPELL_OUT);
            assertThat(HistoryDetail.FIRST_SPELL_OUT.next()).isEqualTo(HistoryDetail.FIRST_STAY);
            assertThat(HistoryDetail.FIRST_STAY.next()).isNull();
        }
    }

    @Test
    @DisplayName("a history's signature is its events' types and days, without the observation markers")
    void signature() {
        assertThat(HistoryDetail.signature(HistoryDetail.FIRST_STAY.reduce(history())))
                .isEqualTo("participant-enrolled@0;programme-entered@10;relapse-recorded@40;programme-exited@100;");
    }
}
