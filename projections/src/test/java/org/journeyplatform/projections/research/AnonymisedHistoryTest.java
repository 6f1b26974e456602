package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.projections.research.Histories.on;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.SafetyPlanId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("One participant's history as a study sees it")
class AnonymisedHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "6f0e8d2c-1b3a-4c5d-8e9f-0a1b2c3d4e5f";
    private static final ProgrammeId HARBOUR = ProgrammeId.of(UUID.fromString("11111111-2222-3333-4444-555555555555"));
    private static final ProgrammeId CIRCLE = ProgrammeId.of(UUID.fromString("66666666-7777-8888-9999-000000000000"));
    private static final ProgrammeId ELSEWHERE =
            ProgrammeId.of(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
    private static final PeerId SPARROW = PeerId.of(UUID.fromString("12121212-3434-5656-7878-909090909090"));
    private static final GoalId GOAL = GoalId.of(UUID.fromString("abababab-cdcd-efef-1212-343434343434"));
    private static final Map<String, ProgrammeType> TYPES = Map.of(
            HARBOUR.toString(),
            ProgrammeType.RESIDENTIAL,
            CIRCLE.toString(),
            ProgrammeType.PEER_GROUP,
            ELSEWHERE.toString(),
            ProgrammeType.OUTREACH);
    private static final LocalDate OBSERVATION_END = LocalDate.parse("2024-12-31");
    private static final byte[] SECRET = new byte[32];

    private Histories her;
    private String exitId;

    private static Study study(DateMode mode) {
        return new Study(
                "study-1",
                "Evaluation",
                "REC-1",
                Set.of(HARBOUR.toString(), CIRCLE.toString()),
                LocalDate.parse("2023-01-01"),
                LocalDate.parse("2024-12-31"),
                mode == DateMode.SHIFTED
                        ? List.of(
                                QuasiIdentifier.AGE_BAND,
                                QuasiIdentifier.PROGRAMME_TYPE,
                                QuasiIdentifier.REFERRAL_SOURCE)
                        : List.of(QuasiIdentifier.values()),
                mode,
                3,
                "peer-evaluation",
                LocalDate.parse("2027-01-01"));
    }

    @BeforeEach
    void herJourney() {
        her = new Histories(ID);
        var p = her.participant;
        her.add(new ParticipantEnrolledEvent(
                        p,
                        "CANARY-NAME",
                        1990,
                        ReferralSource.OUTREACH,
                        on("2022-06-01"),
                        null,
                        GenderIdentity.WOMAN,
                        16))
                .add(new ProgrammeEnteredEvent(p, HARBOUR, on("2022-07-01"), false, "CANARY-NOTE-ENTRY"))
                .add(new ProgrammeExitedEvent(p, HARBOUR, on("2022-10-01"), ExitReason.COMPLETED, null))
                .add(new RelapseRecordedEvent(
                        p,
                        on("2022-11-15"),
                        RelapseKind.DRUG_OR_ALCOHOL_USE,
                        RelapseSeverity.MODERATE,
                        Set.of(SupportKind.DETOX),
                        "CANARY-NOTE-RELAPSE"))
                .add(new ConsentGivenEvent(
                        p,
                        ConsentId.random(),
                        ConsentKind.RESEARCH,
                        "CANARY-SCOPE",
                        LocalDate.parse("2026-01-01"),
                        on("2023-01-10")))
                .add(new ProgrammeEnteredEvent(p, ELSEWHERE, on("2023-02-01"), false, null))
                .add(new ProgrammeEnteredEvent(p, CIRCLE, on("2023-08-01"), false, null))
                .add(new GoalSetEvent(p, GOAL, "CANARY-GOAL", on("2023-08-05")))
                .add(new ReunificationPlanOpenedEvent(
                        p, ReunificationPlanId.random(), "CANARY-CHILD", "CANARY-PLAN", on("2023-09-01")))
                .add(new PeerMentorAssignedEvent(p, SPARROW, on("2023-09-02")))
                .add(new SafetyPlanCreatedEvent(p, SafetyPlanId.random(), "CANARY-SAFETY", on("2023-09-03")))
                .add(new SupportNetworkHelperAddedEvent(
                        p, HelperId.random(), HelperKind.PROBATION_OFFICER, "CANARY-HELPER", on("2023-09-04")))
                .add(new MilestoneReachedEvent(p, on("2023-10-01"), MilestoneType.CUSTOM, "CANARY-MILESTONE"))
                .add(new ProtectionOrderNotedEvent(
                        p,
                        ProtectionOrderKind.RESTRAINING_ORDER,
                        LocalDate.parse("2024-05-02"),
                        "CANARY-ORDER",
                        on("2023-10-02")))
                .add(new AssessmentRecordedEvent(
                        p,
                        new InstrumentCode("ors"),
                        0,
                        Map.of("individually", 5, "interpersonally", 6, "socially", 4, "overall", 6),
                        21.0,
                        Map.of(),
                        on("2023-11-01")))
                .add(new ProfileDetailsUpdatedEvent(
                        p, "CANARY-RENAME", null, AgeBand.AGE_45_TO_54, null, null, null, on("2023-11-15")))
                .add(new ProgrammeExitedEvent(p, CIRCLE, on("2024-01-05"), ExitReason.LEFT_BY_CHOICE, "CANARY-EXIT"));
        exitId = her.recorded().get(her.recorded().size() - 1).eventId();
        her.add(new RelapseRecordedEvent(p, on("2024-02-01"), RelapseKind.OTHER, null, Set.of(), null));
        String retracted = her.recorded().get(her.recorded().size() - 1).eventId();
        her.add(new EventCorrectedEvent(
                        p, exitId, Map.of("reason", "TRANSFERRED"), "CANARY-CORRECTION", on("2024-03-10")))
                .add(new EventRetractedEvent(p, retracted, "CANARY-RETRACTION", on("2024-03-11")))
                .add(new MilestoneReachedEvent(p, on("2025-02-01"), MilestoneType.EMPLOYMENT, null));
    }

    private AnonymisedHistory.Anonymised anonymise(DateMode mode) {
        return AnonymisedHistory.anonymise(
                ID, her.lifeOrder(), study(mode), new Pseudonyms(SECRET), TYPES, OBSERVATION_END);
    }

    private static List<Map<String, Object>> lines(AnonymisedHistory.Anonymised history) {
        List<Map<String, Object>> lines = new ArrayList<>();
        history.events().forEach(e -> lines.add(e.line(lines.size() + 1)));
        return lines;
    }

    @Nested
    @DisplayName("given her whole journey, with personal data in every field that can hold it")
    class WholeJourney {

        @Test
        @DisplayName("releases none of it: no name, note, description, child, scope, reason or id of hers")
        void nothingPersonal() throws Exception {
            String text = JSON.writeValueAsString(lines(anonymise(DateMode.SHIFTED)));
            assertThat(text)
                    .doesNotContain(
                            "CANARY",
                            ID,
                            HARBOUR.toString(),
                            CIRCLE.toString(),
                            SPARROW.toString(),
                            GOAL.toString(),
                            "1990",
                            "WOMAN");
            for (Map<String, Object> line : lines(anonymise(DateMode.SHIFTED))) {
                assertThat(line.keySet()).as(line.toString()).doesNotContainAnyElementsOf(PersonalDataFields.names());
            }
        }

        @Test
        @DisplayName("keeps her events in the window in life order, the study's programmes only, corrected and "
                + "without the retracted one")
        void eventsInTheWindow() {
            AnonymisedHistory.Anonymised history = anonymise(DateMode.SHIFTED);
            assertThat(history.events())
                    .extracting(ExportedEvent::type)
                    .containsExactly(
                            "observation-started",
                            "programme-entered",
                            "goal-set",
                            "reunification-plan-opened",
                            "peer-mentor-assigned",
                            "safety-plan-created",
                            "support-network-helper-added",
                            "milestone-reached",
                            "protection-order-noted",
                            "assessment-recorded",
                            "programme-exited",
                            "observation-ended");
            ExportedEvent start = history.events().get(0);
            assertThat(start.fields()).containsEntry("state", "RETURNED").containsEntry("programmes", List.of());
            ExportedEvent exit = history.events().get(10);
            assertThat(exit.fields())
                    .containsEntry("exitReason", "TRANSFERRED")
                    .containsEntry("programmeType", "PEER_GROUP");
            assertThat(exit.text("programme")).matches("programme-[a-z2-7]{10}");
            assertThat(history.events().get(9).fields())
                    .containsEntry("total", 21.0)
                    .containsEntry("instrument", "ors");
        }

        @Test
        @DisplayName("counts days from her enrolment and shifts every date by one offset, so intervals are exact")
        void days() {
            AnonymisedHistory.Anonymised history = anonymise(DateMode.SHIFTED);
            LocalDate enrolled = LocalDate.parse("2022-06-01");
            Pseudonyms pseudonyms = new Pseudonyms(SECRET);
            int offset = pseudonyms.offsetDays(ID);
            int cut = pseudonyms.cutDays(ID);
            assertThat(history.shiftedEnrolment()).isEqualTo(enrolled.plusDays(offset));
            // enrolled before the period: observed from 182 - cut days after its first day, to cut days before its end
            assertThat(history.observationStartDay())
                    .isEqualTo(ChronoUnit.DAYS.between(
                            enrolled, LocalDate.parse("2023-01-01").plusDays(182 - cut)));
            assertThat(history.observationEndDay())
                    .isEqualTo(ChronoUnit.DAYS.between(enrolled, OBSERVATION_END.minusDays(cut)));
            ExportedEvent entry = history.events().get(1);
            assertThat(entry.day()).isEqualTo(ChronoUnit.DAYS.between(enrolled, LocalDate.parse("2023-08-01")));
            for (ExportedEvent event : history.events()) {
                assertThat(event.date()).isEqualTo(enrolled.plusDays(offset + event.day()));
            }
            ExportedEvent order = history.events().get(8);
            assertThat(order.fields())
                    .containsEntry("expiresDay", ChronoUnit.DAYS.between(enrolled, LocalDate.parse("2024-05-02")));
            assertThat(order.text("expiresOn"))
                    .isEqualTo(LocalDate.parse("2024-05-02").plusDays(offset).toString());
        }

        @Test
        @DisplayName("gives no calendar date at all when the study asks for days since enrolment")
        void daysOnly() {
            for (Map<String, Object> line : lines(anonymise(DateMode.DAYS_SINCE_ENROLMENT))) {
                assertThat(line).doesNotContainKeys("date", "expiresOn");
            }
        }

        @Test
        @DisplayName("has facts for k-anonymity: her age band at enrolment from her year of birth, the type of her "
                + "first study programme in the period, her enrolment year (moved by her cut) and referral source")
        void facts() {
            Pseudonyms pseudonyms = new Pseudonyms(SECRET);
            AnonymisedHistory.Facts facts = AnonymisedHistory.facts(
                    ID, her.lifeOrder(), study(DateMode.DAYS_SINCE_ENROLMENT), pseudonyms, TYPES, OBSERVATION_END);
            String year = Integer.toString(LocalDate.parse("2022-06-01")
                    .plusDays(pseudonyms.cutDays(ID))
                    .getYear());
            assertThat(facts.member()).isTrue();
            assertThat(facts.quasiIdentifiers())
                    .containsExactly(
                            Map.entry(QuasiIdentifier.AGE_BAND, "25-34"),
                            Map.entry(QuasiIdentifier.PROGRAMME_TYPE, "PEER_GROUP"),
                            Map.entry(QuasiIdentifier.ENROLMENT_YEAR, year),
                            Map.entry(QuasiIdentifier.REFERRAL_SOURCE, "OUTREACH"));
        }

        @Test
        @DisplayName("replays into a RETURNED spell until her entry, the stay, and OUT until observation ends")
        void spells() {
            AnonymisedHistory.Anonymised history = anonymise(DateMode.SHIFTED);
            assertThat(Spells.of(history.events()))
                    .extracting(
                            Spells.Spell::state,
                            Spells.Spell::endReason,
                            Spells.Spell::leftTruncated,
                            Spells.Spell::censored)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Spells.State.RETURNED, "RE_ENTRY", true, false),
                            org.assertj.core.groups.Tuple.tuple(Spells.State.IN_PROGRAMME, "TRANSFERRED", false, false),
                            org.assertj.core.groups.Tuple.tuple(Spells.State.OUT, "OBSERVATION_END", false, true));
        }
    }

    @Nested
    @DisplayName("given the days she is observed")
    class Window {

        private final Pseudonyms pseudonyms = new Pseudonyms(SECRET);

        @Test
        @DisplayName("they run from her enrolment in the period, or 182 - cut days into it, to cut days before its end")
        void window() {
            int cut = pseudonyms.cutDays(ID);
            assertThat(AnonymisedHistory.window(
                            LocalDate.parse("2023-03-01"), study(DateMode.SHIFTED), pseudonyms, ID, OBSERVATION_END))
                    .isEqualTo(new AnonymisedHistory.Window(
                            LocalDate.parse("2023-03-01"), OBSERVATION_END.minusDays(cut)));
            assertThat(AnonymisedHistory.window(
                            LocalDate.parse("2020-03-01"), study(DateMode.SHIFTED), pseudonyms, ID, OBSERVATION_END))
                    .isEqualTo(new AnonymisedHistory.Window(
                            LocalDate.parse("2023-01-01").plusDays(182 - cut), OBSERVATION_END.minusDays(cut)));
            assertThat(AnonymisedHistory.window(
                            OBSERVATION_END.minusDays(cut - 1L),
                            study(DateMode.SHIFTED),
                            pseudonyms,
                            ID,
                            OBSERVATION_END))
                    .as("enrolled after her last day")
                    .isNull();
        }

        @Test
        @DisplayName("the shifted first and last days do not give her date offset away: whatever they are, her offset "
                + "can be anywhere in a range of 182 days")
        void noAnchor() {
            Map<Long, IntSummaryStatistics> offsetsByShiftedEnd = new HashMap<>();
            for (int i = 0; i < 40_000; i++) {
                String id = UUID.nameUUIDFromBytes(("p-" + i).getBytes()).toString();
                AnonymisedHistory.Window window = AnonymisedHistory.window(
                        LocalDate.parse("2020-01-01"), study(DateMode.SHIFTED), pseudonyms, id, OBSERVATION_END);
                int offset = pseudonyms.offsetDays(id);
                long shiftedEnd =
                        ChronoUnit.DAYS.between(OBSERVATION_END, window.end().plusDays(offset));
                long shiftedStart = ChronoUnit.DAYS.between(
                        LocalDate.parse("2023-01-01"), window.start().plusDays(offset));
                assertThat(shiftedEnd).isBetween(-182L, 0L);
                assertThat(shiftedStart).isEqualTo(182 + shiftedEnd);
                offsetsByShiftedEnd
                        .computeIfAbsent(shiftedEnd, e -> new IntSummaryStatistics())
                        .accept(offset);
            }
            assertThat(offsetsByShiftedEnd).hasSize(183);
            assertThat(offsetsByShiftedEnd.values())
                    .allSatisfy(offsets ->
                            assertThat(offsets.getMax() - offsets.getMin()).isGreaterThan(150));
        }
    }

    @Nested
    @DisplayName("given a participant who was only ever in other programmes")
    class NotAMember {

        @Test
        @DisplayName("she is not one of the study's participants")
        void notAMember() {
            Histories other = new Histories(ID);
            other.add(new ParticipantEnrolledEvent(
                            other.participant, "Robin", null, null, on("2023-01-05"), null, null, null))
                    .add(new ProgrammeEnteredEvent(other.participant, ELSEWHERE, on("2023-02-01"), false, null));
            assertThat(AnonymisedHistory.facts(
                                    ID,
                                    other.lifeOrder(),
                                    study(DateMode.SHIFTED),
                                    new Pseudonyms(SECRET),
                                    TYPES,
                                    OBSERVATION_END)
                            .member())
                    .isFalse();
        }

        @Test
        @DisplayName("nor is one whose only stay ended before the period")
        void before() {
            Histories other = new Histories(ID);
            other.add(new ParticipantEnrolledEvent(
                            other.participant, "Robin", null, null, on("2021-01-05"), null, null, null))
                    .add(new ProgrammeEnteredEvent(other.participant, HARBOUR, on("2021-02-01"), false, null))
                    .add(new ProgrammeExitedEvent(
                            other.participant, HARBOUR, on("2022-12-31"), ExitReason.COMPLETED, null));
            assertThat(AnonymisedHistory.facts(
                                    ID,
                                    other.lifeOrder(),
                                    study(DateMode.SHIFTED),
                                    new Pseudonyms(SECRET),
                                    TYPES,
                                    OBSERVATION_END)
                            .member())
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("given a study that receives 30-day months, each event displaced by up to 14 days")
    class CoarseTimeValues {

        private Study coarse(DateMode mode, TimeGranularity granularity, int displacement) {
            Study exact = study(mode);
            return new Study(
                    exact.studyId(),
                    exact.title(),
                    exact.ethicsApprovalReference(),
                    exact.programmeIds(),
                    exact.periodFrom(),
                    exact.periodTo(),
                    exact.quasiIdentifiers(),
                    mode,
                    exact.k(),
                    exact.consentScope(),
                    exact.expiresOn(),
                    granularity,
                    displacement,
                    RiskLimits.DEFAULT);
        }

        private AnonymisedHistory.Anonymised released(Study study, byte[] secret) {
            return AnonymisedHistory.anonymise(
                    ID, her.lifeOrder(), study, new Pseudonyms(secret), TYPES, OBSERVATION_END);
        }

        @Test
        @DisplayName("every day number is a multiple of 30, and every shifted date is her released enrolment date, "
                + "the first of a month, plus that day number")
        void rounded() {
            AnonymisedHistory.Anonymised history =
                    released(coarse(DateMode.SHIFTED, TimeGranularity.MONTH, 14), SECRET);
            assertThat(history.shiftedEnrolment().getDayOfMonth()).isEqualTo(1);
            for (ExportedEvent event : history.events()) {
                assertThat(event.day() % 30).as(event.type()).isZero();
                assertThat(event.date()).isEqualTo(history.shiftedEnrolment().plusDays(event.day()));
                if (event.fields().containsKey("expiresDay")) {
                    assertThat(((Number) event.fields().get("expiresDay")).longValue() % 30)
                            .isZero();
                    assertThat(event.fields().get("expiresOn"))
                            .isEqualTo(history.shiftedEnrolment()
                                    .plusDays(((Number) event.fields().get("expiresDay")).longValue())
                                    .toString());
                }
            }
        }

        @Test
        @DisplayName("her events keep their order and stay inside her observation, each within 14 days (and the "
                + "rounding) of its own day")
        void orderKept() {
            List<ExportedEvent> exact = released(coarse(DateMode.DAYS_SINCE_ENROLMENT, TimeGranularity.DAY, 0), SECRET)
                    .events();
            AnonymisedHistory.Anonymised history =
                    released(coarse(DateMode.DAYS_SINCE_ENROLMENT, TimeGranularity.MONTH, 14), SECRET);
            List<ExportedEvent> coarse = history.events();
            assertThat(coarse)
                    .extracting(ExportedEvent::type)
                    .isEqualTo(exact.stream().map(ExportedEvent::type).toList());
            for (int i = 0; i < coarse.size(); i++) {
                assertThat(coarse.get(i).day())
                        .as(coarse.get(i).type())
                        .isBetween(exact.get(i).day() - 14 - 29, exact.get(i).day() + 14)
                        .isBetween(history.observationStartDay(), history.observationEndDay());
                if (i > 0) {
                    assertThat(coarse.get(i).day())
                            .isGreaterThanOrEqualTo(coarse.get(i - 1).day());
                }
            }
        }

        @Test
        @DisplayName("the displacement is the study's own: the same every time, and not the same as no displacement")
        void displacementIsTheStudys() {
            Study displaced = coarse(DateMode.DAYS_SINCE_ENROLMENT, TimeGranularity.DAY, 14);
            assertThat(released(displaced, SECRET)).isEqualTo(released(displaced, SECRET));
            List<Long> without =
                    released(coarse(DateMode.DAYS_SINCE_ENROLMENT, TimeGranularity.DAY, 0), SECRET).events().stream()
                            .map(ExportedEvent::day)
                            .toList();
            List<Long> with = released(displaced, SECRET).events().stream()
                    .map(ExportedEvent::day)
                    .toList();
            assertThat(with).isNotEqualTo(without);
            assertThat(with.get(0)).isEqualTo(without.get(0));
            assertThat(with.get(with.size() - 1)).isEqualTo(without.get(without.size() - 1));
        }

        @Test
        @DisplayName("an event's displacement is its own: retracting an earlier event leaves the later ones' days "
                + "as they were")
        void displacementStaysWithTheEvent() {
            Study displaced = coarse(DateMode.DAYS_SINCE_ENROLMENT, TimeGranularity.DAY, 14);
            List<ExportedEvent> before = released(displaced, SECRET).events();
            String goal = her.recorded().stream()
                    .filter(r -> r.event() instanceof GoalSetEvent)
                    .findFirst()
                    .orElseThrow()
                    .eventId();
            her.add(new EventRetractedEvent(her.participant, goal, "recorded in error", on("2024-03-12")));
            List<ExportedEvent> after = released(displaced, SECRET).events();
            assertThat(after).hasSize(before.size() - 1);
            // the events after the goal, by type: each keeps its day
            for (String type : List.of("reunification-plan-opened", "milestone-reached", "assessment-recorded")) {
                assertThat(dayOf(after, type)).as(type).isEqualTo(dayOf(before, type));
            }
        }

        private long dayOf(List<ExportedEvent> events, String type) {
            return events.stream()
                    .filter(e -> e.type().equals(type))
                    .findFirst()
                    .orElseThrow()
                    .day();
        }

        @Test
        @DisplayName("with exact days and no displacement, it is the export of a study registered before either "
                + "existed")
        void exactAsBefore() {
            assertThat(released(coarse(DateMode.SHIFTED, TimeGranularity.DAY, 0), SECRET))
                    .isEqualTo(anonymise(DateMode.SHIFTED));
        }
    }
}
