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
        @DisplayName("up to her first exit, her observation ends on the day she left, and the relapse during her stay, "
                + "which changes neither her spells nor her outcome, is left out")
        void firstStay() {
            List<ExportedEvent> reduced = HistoryDetail.FIRST_STAY.reduce(history());
            assertThat(typesAndDays(reduced))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "programme-exited@100",
                            "observation-ended@100");
            List<ExportedEvent> withRelapse = new ArrayList<>(HistoryDetail.SPELL_OUTCOMES.reduce(history()));
            withRelapse.set(withRelapse.size() - 1, event("observation-ended", 100, Map.of()));
            List<ExportedEvent> upToExit = new ArrayList<>(withRelapse.subList(0, 5));
            upToExit.add(withRelapse.get(withRelapse.size() - 1));
            assertThat(Spells.of(reduced)).isEqualTo(Spells.of(upToExit));
        }

        @Test
        @DisplayName("up to her first exit, a relapse on her exit day is kept: it is her return on the dashboard")
        void relapseOnTheExitDay() {
            List<ExportedEvent> sameDay = List.of(
                    event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                    event("participant-enrolled", 0, Map.of()),
                    event("programme-entered", 0, Map.of("programme", "programme-a")),
                    event("relapse-recorded", 90, Map.of("kind", "OTHER")),
                    event("programme-exited", 90, Map.of("programme", "programme-a", "exitReason", "COMPLETED")),
                    event("observation-ended", 300, Map.of()));
            assertThat(typesAndDays(HistoryDetail.FIRST_STAY.reduce(sameDay)))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@0",
                            "relapse-recorded@90",
                            "programme-exited@90",
                            "observation-ended@90");
        }

        @Test
        @DisplayName("without an exit, her first stay is all her spell events but the relapses during it, which "
                + "change neither her spells nor her outcome")
        void stillInHerFirstStay() {
            List<ExportedEvent> staying = new ArrayList<>(history().subList(0, 4));
            staying.add(event("observation-ended", 90, Map.of()));
            List<ExportedEvent> reduced = HistoryDetail.FIRST_STAY.reduce(staying);
            assertThat(typesAndDays(reduced))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "observation-ended@90");
            assertThat(Spells.of(reduced)).isEqualTo(Spells.of(HistoryDetail.SPELL_OUTCOMES.reduce(staying)));
        }

        @Test
        @DisplayName("a spell out still open at the end of her observation cuts nothing")
        void openSpellOut() {
            List<ExportedEvent> stillOut = history().subList(0, 6);
            List<ExportedEvent> withEnd = new ArrayList<>(stillOut);
            withEnd.add(event("observation-ended", 130, Map.of()));
            assertThat(HistoryDetail.FIRST_SPELL_OUT.reduce(withEnd))
                    .isEqualTo(HistoryDetail.SPELL_OUTCOMES.reduce(withEnd));
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
        @DisplayName("with her follow-up only, nothing of her history is kept but the markers of her observation, "
                + "without where she stood, and no spells are released")
        void followUpOnly() {
            List<ExportedEvent> reduced = HistoryDetail.FOLLOW_UP_ONLY.reduce(history());
            assertThat(typesAndDays(reduced)).containsExactly("observation-started@0", "observation-ended@0");
            assertThat(reduced).allSatisfy(e -> assertThat(e.fields()).isEmpty());
            assertThat(HistoryDetail.FOLLOW_UP_ONLY.releasesSpells()).isFalse();
            assertThat(HistoryDetail.FIRST_STAY_POOLED.releasesSpells()).isTrue();
        }

        @Test
        @DisplayName("her follow-up runs over her whole observation; with a history cut short it ends after a year, "
                + "and with her follow-up only its exit day and reason are withheld")
        void followUp() {
            Outcomes.FollowUp late = new Outcomes.FollowUp(100L, "COMPLETED", 500L, 400, true, true, false);
            Outcomes.FollowUp soon = new Outcomes.FollowUp(100L, "RETURNED_TO_SEX_TRADE", 100L, 0, true, true, true);
            assertThat(HistoryDetail.FULL.followUp(late)).isEqualTo(late);
            assertThat(HistoryDetail.SPELL_OUTCOMES.followUp(late))
                    .isEqualTo(new Outcomes.FollowUp(100L, "WITHHELD", 500L, 400, true, true, false));
            for (HistoryDetail level :
                    List.of(HistoryDetail.FIRST_SPELL_OUT, HistoryDetail.FIRST_STAY, HistoryDetail.FIRST_STAY_POOLED)) {
                assertThat(level.followUp(late))
                        .as(level.name())
                        .isEqualTo(new Outcomes.FollowUp(100L, "WITHHELD", null, 360, false, true, false));
                assertThat(level.followUp(soon)).as(level.name()).isEqualTo(soon);
            }
            assertThat(HistoryDetail.FOLLOW_UP_ONLY.followUp(late))
                    .isEqualTo(new Outcomes.FollowUp(null, "WITHHELD", null, 360, false, true, false));
            assertThat(HistoryDetail.FOLLOW_UP_ONLY.followUp(soon))
                    .isEqualTo(new Outcomes.FollowUp(null, "WITHHELD", null, 0, true, true, true));
            assertThat(HistoryDetail.FULL.followUp(null)).isNull();
            HistoryDetail only = HistoryDetail.FOLLOW_UP_ONLY;
            HistoryDetail first = HistoryDetail.FIRST_STAY;
            assertThat(only.followUpSignature(only.followUp(soon)))
                    .isNotEqualTo(only.followUpSignature(only.followUp(late)))
                    .isNotEqualTo(first.followUpSignature(first.followUp(soon)));
            assertThat(HistoryDetail.FULL.followUpSignature(null)).isEmpty();
        }

        @Test
        @DisplayName("the levels come in order, and the last has none after it")
        void order() {
            assertThat(HistoryDetail.FULL.next()).isEqualTo(HistoryDetail.SPELL_EVENTS);
            assertThat(HistoryDetail.SPELL_EVENTS.next()).isEqualTo(HistoryDetail.SPELL_REASONS);
            assertThat(HistoryDetail.SPELL_REASONS.next()).isEqualTo(HistoryDetail.SPELL_OUTCOMES);
            assertThat(HistoryDetail.SPELL_OUTCOMES.next()).isEqualTo(HistoryDetail.FIRST_SPELL_OUT);
            assertThat(HistoryDetail.FIRST_SPELL_OUT.next()).isEqualTo(HistoryDetail.FIRST_STAY);
            assertThat(HistoryDetail.FIRST_STAY.next()).isEqualTo(HistoryDetail.FIRST_STAY_POOLED);
            assertThat(HistoryDetail.FIRST_STAY_POOLED.next()).isEqualTo(HistoryDetail.FOLLOW_UP_ONLY);
            assertThat(HistoryDetail.FOLLOW_UP_ONLY.next()).isNull();
        }
    }

    @Nested
    @DisplayName("given a relapse with its severity and support, and exits for several reasons")
    class Fields {

        private List<ExportedEvent> detailed() {
            return List.of(
                    event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                    event("participant-enrolled", 0, Map.of()),
                    event("programme-entered", 10, Map.of("programme", "programme-a", "reentry", false)),
                    event(
                            "programme-exited",
                            100,
                            Map.of(
                                    "programme",
                                    "programme-a",
                                    "programmeType",
                                    "RESIDENTIAL",
                                    "exitReason",
                                    "COMPLETED")),
                    event(
                            "relapse-recorded",
                            150,
                            Map.of(
                                    "kind",
                                    "DRUG_OR_ALCOHOL_USE",
                                    "severity",
                                    "MODERATE",
                                    "supportFollowed",
                                    List.of("COUNSELLING"))),
                    event("programme-entered", 200, Map.of("programme", "programme-b", "reentry", false)),
                    event("programme-exited", 210, Map.of("programme", "programme-b", "exitReason", "TRANSFERRED")),
                    event("observation-ended", 400, Map.of()));
        }

        @Test
        @DisplayName("with the spell events only, every field of theirs is still released")
        void spellEventsKeepFields() {
            assertThat(HistoryDetail.SPELL_EVENTS.reduce(detailed())).isEqualTo(detailed());
        }

        @Test
        @DisplayName("with the spells' reasons, re-entry flags, severity and support are withheld, and nothing else")
        void spellReasons() {
            List<ExportedEvent> reduced = HistoryDetail.SPELL_REASONS.reduce(detailed());
            assertThat(reduced.get(2).fields()).containsOnlyKeys("programme");
            assertThat(reduced.get(3).fields())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "programme", "programme-a", "programmeType", "RESIDENTIAL", "exitReason", "COMPLETED"));
            assertThat(reduced.get(4).fields()).isEqualTo(Map.of("kind", "DRUG_OR_ALCOHOL_USE"));
            assertThat(Spells.of(reduced)).isEqualTo(Spells.of(detailed()));
        }

        @Test
        @DisplayName("with the outcomes' codes, only the exit reasons the definitions tell apart stay, and no relapse "
                + "kind; the spells and the outcome are the same but for the codes withheld")
        void spellOutcomes() {
            List<ExportedEvent> reduced = HistoryDetail.SPELL_OUTCOMES.reduce(detailed());
            assertThat(reduced.get(3).text("exitReason")).isEqualTo(HistoryDetail.WITHHELD);
            assertThat(reduced.get(4).fields()).isEqualTo(Map.of("kind", HistoryDetail.WITHHELD));
            assertThat(reduced.get(6).text("exitReason")).isEqualTo("TRANSFERRED");
            List<Spells.Spell> before = Spells.of(detailed());
            List<Spells.Spell> after = Spells.of(reduced);
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).state()).isEqualTo(before.get(i).state());
                assertThat(after.get(i).startDay()).isEqualTo(before.get(i).startDay());
                assertThat(after.get(i).endDay()).isEqualTo(before.get(i).endDay());
                assertThat(after.get(i).censored()).isEqualTo(before.get(i).censored());
            }
            Study study = HistoryDetailTest.study();
            Outcomes.FollowUp full = Outcomes.of(detailed(), before, study, java.time.LocalDate.of(2024, 1, 1));
            Outcomes.FollowUp withheld = Outcomes.of(reduced, after, study, java.time.LocalDate.of(2024, 1, 1));
            assertThat(withheld.exitDay()).isEqualTo(full.exitDay());
            assertThat(withheld.returnDay()).isEqualTo(full.returnDay());
            assertThat(withheld.daysAtRisk()).isEqualTo(full.daysAtRisk());
            assertThat(withheld.returnedWithinTenMonths()).isEqualTo(full.returnedWithinTenMonths());
        }

        @Test
        @DisplayName("with her programmes pooled, each reads WITHHELD and a number, without its type, and her spells "
                + "are those of her first stay")
        void pooled() {
            List<ExportedEvent> twoAtOnce = List.of(
                    event(
                            "observation-started",
                            0,
                            Map.of("state", "IN_PROGRAMME", "programmes", List.of("programme-b"))),
                    event("participant-enrolled", 0, Map.of()),
                    event("programme-entered", 10, Map.of("programme", "programme-a", "programmeType", "RESIDENTIAL")),
                    event("programme-exited", 60, Map.of("programme", "programme-b", "exitReason", "COMPLETED")),
                    event("programme-exited", 100, Map.of("programme", "programme-a", "exitReason", "COMPLETED")),
                    event("observation-ended", 400, Map.of()));
            List<ExportedEvent> pooled = HistoryDetail.FIRST_STAY_POOLED.reduce(twoAtOnce);
            assertThat(pooled.get(0).fields().get("programmes")).isEqualTo(List.of("WITHHELD-1"));
            assertThat(pooled.get(2).fields()).isEqualTo(Map.of("programme", "WITHHELD-2"));
            assertThat(pooled.get(3).text("programme")).isEqualTo("WITHHELD-1");
            assertThat(typesAndDays(pooled))
                    .isEqualTo(typesAndDays(HistoryDetail.FIRST_STAY.reduce(twoAtOnce)))
                    .containsExactly(
                            "observation-started@0",
                            "participant-enrolled@0",
                            "programme-entered@10",
                            "programme-exited@60",
                            "observation-ended@60");
            assertThat(Spells.of(pooled))
                    .extracting(Spells.Spell::state, Spells.Spell::startDay, Spells.Spell::endDay)
                    .isEqualTo(Spells.of(HistoryDetail.FIRST_STAY.reduce(twoAtOnce)).stream()
                            .map(s -> org.assertj.core.groups.Tuple.tuple(s.state(), s.startDay(), s.endDay()))
                            .toList());
        }

        @Test
        @DisplayName("an exit by death or to return to the sex trade keeps its reason at every level, so her spells "
                + "and outcome stay the same")
        void reasonsTheDefinitionsNeed() {
            for (String reason : List.of("DIED", "RETURNED_TO_SEX_TRADE", "TRANSFERRED")) {
                List<ExportedEvent> history = List.of(
                        event("observation-started", 0, Map.of("state", "NONE", "programmes", List.of())),
                        event("participant-enrolled", 0, Map.of()),
                        event("programme-entered", 10, Map.of("programme", "programme-a")),
                        event("programme-exited", 100, Map.of("programme", "programme-a", "exitReason", reason)),
                        event("observation-ended", 400, Map.of()));
                for (HistoryDetail level : HistoryDetail.values()) {
                    if (!level.releasesSpells()) {
                        continue;
                    }
                    List<ExportedEvent> reduced = level.reduce(history);
                    assertThat(reduced.get(3).text("exitReason"))
                            .as(reason + " at " + level)
                            .isEqualTo(reason);
                    assertThat(Spells.of(reduced))
                            .filteredOn(spell -> spell.state() == Spells.State.IN_PROGRAMME)
                            .extracting(Spells.Spell::endReason)
                            .as(reason + " at " + level)
                            .containsExactly(reason);
                    if (level.compareTo(HistoryDetail.FIRST_SPELL_OUT) < 0) {
                        assertThat(Spells.of(reduced))
                                .extracting(Spells.Spell::state, Spells.Spell::endReason)
                                .as(reason + " at " + level)
                                .isEqualTo(Spells.of(history).stream()
                                        .map(spell ->
                                                org.assertj.core.groups.Tuple.tuple(spell.state(), spell.endReason()))
                                        .toList());
                    }
                }
            }
        }

        @Test
        @DisplayName("the later levels release the outcomes' codes too")
        void laterLevels() {
            assertThat(HistoryDetail.FIRST_STAY.reduce(detailed()).get(3).text("exitReason"))
                    .isEqualTo(HistoryDetail.WITHHELD);
            assertThat(HistoryDetail.FIRST_SPELL_OUT.reduce(detailed()).get(4).text("kind"))
                    .isEqualTo(HistoryDetail.WITHHELD);
        }
    }

    @Nested
    @DisplayName("given a history's signature, which the risk measures compare")
    class Signature {

        @Test
        @DisplayName("it is her events' types, days and fields, and where she stood when observation started, without "
                + "the observation markers' days")
        void typesDaysAndFields() {
            assertThat(HistoryDetail.signature(HistoryDetail.FIRST_STAY.reduce(history())))
                    .isEqualTo("observation-started,programmes=2:[],state=4:NONE;participant-enrolled@0;"
                            + "programme-entered@10,programme=11:programme-a;"
                            + "programme-exited@100,exitReason=8:WITHHELD,programme=11:programme-a;");
        }

        @Test
        @DisplayName("two histories that differ only in a field's value differ")
        void fieldsCount() {
            List<ExportedEvent> other = new ArrayList<>(history());
            other.set(
                    4, event("programme-exited", 100, Map.of("programme", "programme-a", "exitReason", "DISCHARGED")));
            assertThat(HistoryDetail.signature(other)).isNotEqualTo(HistoryDetail.signature(history()));
            assertThat(HistoryDetail.signature(HistoryDetail.SPELL_OUTCOMES.reduce(other)))
                    .isEqualTo(HistoryDetail.signature(HistoryDetail.SPELL_OUTCOMES.reduce(history())));
        }

        @Test
        @DisplayName("a code that holds the signature's separators cannot make two different histories alike")
        void separatorsInValues() {
            List<ExportedEvent> one =
                    List.of(event("module-attended", 10, Map.of("module", "a,programme=b", "programme", "p")));
            List<ExportedEvent> other =
                    List.of(event("module-attended", 10, Map.of("module", "a", "programme", "b,programme=p")));
            assertThat(HistoryDetail.signature(one)).isNotEqualTo(HistoryDetail.signature(other));
        }

        @Test
        @DisplayName("pseudonyms of her own goals count by their order of appearance, so equal lives are equal")
        void ownReferences() {
            List<ExportedEvent> hers = List.of(
                    event("goal-set", 10, Map.of("goal", "goal-x1")),
                    event("goal-set", 20, Map.of("goal", "goal-x2")),
                    event("goal-achieved", 30, Map.of("goal", "goal-x1")));
            List<ExportedEvent> another = List.of(
                    event("goal-set", 10, Map.of("goal", "goal-y7")),
                    event("goal-set", 20, Map.of("goal", "goal-y3")),
                    event("goal-achieved", 30, Map.of("goal", "goal-y7")));
            List<ExportedEvent> different = List.of(
                    event("goal-set", 10, Map.of("goal", "goal-y7")),
                    event("goal-set", 20, Map.of("goal", "goal-y3")),
                    event("goal-achieved", 30, Map.of("goal", "goal-y3")));
            assertThat(HistoryDetail.signature(hers)).isEqualTo(HistoryDetail.signature(another));
            assertThat(HistoryDetail.signature(hers)).isNotEqualTo(HistoryDetail.signature(different));
        }
    }

    private static Study study() {
        return new Study(
                "study-1",
                "Evaluation",
                "REC-1",
                java.util.Set.of("p"),
                java.time.LocalDate.parse("2022-01-01"),
                java.time.LocalDate.parse("2025-12-31"),
                List.of(),
                DateMode.DAYS_SINCE_ENROLMENT,
                2,
                "scope",
                java.time.LocalDate.parse("2027-01-01"),
                TimeGranularity.MONTH,
                0,
                RiskLimits.NONE);
    }
}
