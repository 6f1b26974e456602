package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.projections.research.QuasiIdentifier.AGE_BAND;
import static org.journeyplatform.projections.research.QuasiIdentifier.ENROLMENT_YEAR;
import static org.journeyplatform.projections.research.QuasiIdentifier.PROGRAMME_TYPE;
import static org.journeyplatform.projections.research.QuasiIdentifier.REFERRAL_SOURCE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("k-anonymity on the person-level table")
class KAnonymityTest {

    private static final List<QuasiIdentifier> ALL = List.of(AGE_BAND, PROGRAMME_TYPE, ENROLMENT_YEAR, REFERRAL_SOURCE);

    private final List<KAnonymity.Person> persons = new ArrayList<>();

    private void add(int count, String age, String type, String year, String referral) {
        for (int i = 0; i < count; i++) {
            Map<QuasiIdentifier, String> values = new LinkedHashMap<>();
            values.put(AGE_BAND, age);
            values.put(PROGRAMME_TYPE, type);
            values.put(ENROLMENT_YEAR, year);
            values.put(REFERRAL_SOURCE, referral);
            persons.add(new KAnonymity.Person(String.format("p%03d", persons.size()), values));
        }
    }

    private static Map<List<String>, Integer> groups(KAnonymity.Outcome outcome) {
        Map<List<String>, Integer> groups = new HashMap<>();
        outcome.released().values().forEach(v -> groups.merge(List.copyOf(v.values()), 1, Integer::sum));
        return groups;
    }

    @Nested
    @DisplayName("given groups that are all large enough")
    class LargeEnough {

        @Test
        @DisplayName("releases everyone as they are, and reports the smallest group as the k achieved")
        void nothingToDo() {
            add(5, "25-34", "RESIDENTIAL", "2023", "OUTREACH");
            add(7, "35-44", "RESIDENTIAL", "2023", "SELF");
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, ALL, 5);
            assertThat(outcome.suppressed()).isEmpty();
            assertThat(outcome.generalisations()).isEmpty();
            assertThat(outcome.kAchieved()).isEqualTo(5);
            assertThat(outcome.groups()).isEqualTo(2);
            assertThat(outcome.released().get("p000")).containsEntry(ENROLMENT_YEAR, "2023");
        }
    }

    @Nested
    @DisplayName("given small groups beside a large one")
    class SmallGroups {

        @Test
        @DisplayName("generalises those in small groups, merges them where it can, suppresses the rest, then raises "
                + "every column to one level")
        void generaliseThenSuppress() {
            add(6, "25-34", "RESIDENTIAL", "2023", "OUTREACH");
            // three with rare referral sources and neighbouring years: together after generalisation
            add(1, "25-34", "RESIDENTIAL", "2022", "POLICE");
            add(1, "18-24", "RESIDENTIAL", "2023", "SELF");
            add(1, "25-34", "RESIDENTIAL", "2024", "PEER");
            // one who is like nobody else
            add(1, "55+", "PEER_GROUP", "2011", "FAMILY_OR_FRIEND");

            KAnonymity.Outcome outcome = KAnonymity.apply(persons, ALL, 3);

            assertThat(outcome.suppressed()).containsExactly("p009");
            assertThat(outcome.released()).hasSize(9);
            // the three were generalised into one group; then the six were raised to the same levels, so that no
            // column holds two levels (18-34 beside 25-34)
            for (String key : List.of("p000", "p005", "p006", "p007", "p008")) {
                assertThat(outcome.released().get(key))
                        .containsExactly(
                                Map.entry(AGE_BAND, "18-34"),
                                Map.entry(PROGRAMME_TYPE, "RESIDENTIAL"),
                                Map.entry(ENROLMENT_YEAR, "2020-2024"),
                                Map.entry(REFERRAL_SOURCE, "OTHER"));
            }
            assertThat(groups(outcome).values())
                    .allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(3));
            assertThat(outcome.kAchieved()).isEqualTo(9);
            assertThat(outcome.generalisations())
                    .extracting(
                            KAnonymity.Generalisation::quasiIdentifier,
                            KAnonymity.Generalisation::level,
                            KAnonymity.Generalisation::participants,
                            KAnonymity.Generalisation::consistency)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ENROLMENT_YEAR, 1, 4, false),
                            org.assertj.core.groups.Tuple.tuple(AGE_BAND, 1, 4, false),
                            org.assertj.core.groups.Tuple.tuple(REFERRAL_SOURCE, 1, 4, false),
                            org.assertj.core.groups.Tuple.tuple(ENROLMENT_YEAR, 2, 1, false),
                            org.assertj.core.groups.Tuple.tuple(AGE_BAND, 2, 1, false),
                            org.assertj.core.groups.Tuple.tuple(AGE_BAND, 1, 6, true),
                            org.assertj.core.groups.Tuple.tuple(ENROLMENT_YEAR, 1, 6, true),
                            org.assertj.core.groups.Tuple.tuple(REFERRAL_SOURCE, 1, 6, true));
        }

        @Test
        @DisplayName("generalises only the quasi-identifiers the study receives")
        void onlyTheStudysQuasiIdentifiers() {
            add(4, "25-34", "RESIDENTIAL", "2023", "OUTREACH");
            add(1, "35-44", "PEER_GROUP", "2019", "POLICE");
            add(2, "45-54", "RESIDENTIAL", "2023", "SELF");
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, List.of(AGE_BAND), 3);
            assertThat(outcome.suppressed()).isEmpty();
            assertThat(outcome.released().get("p000")).containsExactly(Map.entry(AGE_BAND, "18-34"));
            for (String key : List.of("p004", "p005", "p006")) {
                assertThat(outcome.released().get(key)).containsExactly(Map.entry(AGE_BAND, "35-54"));
            }
            assertThat(outcome.generalisations())
                    .extracting(
                            KAnonymity.Generalisation::quasiIdentifier,
                            KAnonymity.Generalisation::participants,
                            KAnonymity.Generalisation::consistency)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(AGE_BAND, 3, false),
                            org.assertj.core.groups.Tuple.tuple(AGE_BAND, 4, true));
            assertThat(outcome.kAchieved()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("given age bands raised to two different levels")
    class NotNested {

        @Test
        @DisplayName("raising every band to the coarser level can split a group: whoever is then alone is suppressed, "
                + "and k holds")
        void splitGroupSuppressed() {
            List<QuasiIdentifier> two = List.of(AGE_BAND, REFERRAL_SOURCE);
            add(1, "45-54", "RESIDENTIAL", "2023", "POLICE");
            add(1, "35-44", "RESIDENTIAL", "2023", "POLICE");
            add(1, "18-24", "RESIDENTIAL", "2023", "SELF");
            add(1, "35-44", "RESIDENTIAL", "2023", "SELF");
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, two, 2);
            assertThat(groups(outcome).values())
                    .isNotEmpty()
                    .allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(2));
            assertThat(outcome.kAchieved()).isGreaterThanOrEqualTo(2);
            assertThat(outcome.released().values())
                    .extracting(v -> v.get(AGE_BAND))
                    .allSatisfy(band -> assertThat(band).isIn("18-44", "45+"));
            assertThat(outcome.suppressed()).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("given too few participants in all")
    class TooFew {

        @Test
        @DisplayName("without quasi-identifiers, everyone is one group: fewer than k are all suppressed")
        void noQuasiIdentifiers() {
            add(2, "25-34", "RESIDENTIAL", "2023", "OUTREACH");
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, List.of(), 3);
            assertThat(outcome.released()).isEmpty();
            assertThat(outcome.suppressed()).hasSize(2);
            assertThat(outcome.kAchieved()).isNull();
        }

        @Test
        @DisplayName("with k participants and no quasi-identifiers, all are released as one group")
        void exactlyK() {
            add(3, "25-34", "RESIDENTIAL", "2023", "OUTREACH");
            KAnonymity.Outcome outcome = KAnonymity.apply(persons, List.of(), 3);
            assertThat(outcome.released()).hasSize(3);
            assertThat(outcome.kAchieved()).isEqualTo(3);
        }
    }
}
