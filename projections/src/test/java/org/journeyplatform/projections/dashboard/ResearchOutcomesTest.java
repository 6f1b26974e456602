package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.JourneyHistory;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.projections.research.AnonymisedHistory;
import org.journeyplatform.projections.research.DateMode;
import org.journeyplatform.projections.research.ExportedEvent;
import org.journeyplatform.projections.research.Outcomes;
import org.journeyplatform.projections.research.Pseudonyms;
import org.journeyplatform.projections.research.RiskLimits;
import org.journeyplatform.projections.research.Spells;
import org.journeyplatform.projections.research.Study;
import org.journeyplatform.projections.research.TimeGranularity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The research export's outcomes against the dashboard (issue 16, item 4): for a thousand seeded synthetic journeys of
 * entries, exits of every reason, relapses, corrections and retractions, the follow-up of every released participant
 * in {@code outcomes.csv} is the one the dashboard's own calculation ({@link DashboardCalculator}) gives her over her
 * observation, and the median time to a first return and the ten-month return share computed from the rows with the
 * recipe of docs/research.md are the dashboard's ({@link KaplanMeier}, {@link DashboardCalculator#relapseAndReturn}).
 */
@DisplayName("A research export's outcomes are the dashboard's figures for the people released")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearchOutcomesTest {

    private static final ProgrammeId HARBOUR = ProgrammeId.of(UUID.fromString("11111111-2222-3333-4444-555555555555"));
    private static final ProgrammeId CIRCLE = ProgrammeId.of(UUID.fromString("66666666-7777-8888-9999-000000000000"));
    private static final ProgrammeId ELSEWHERE =
            ProgrammeId.of(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
    private static final LocalDate END = LocalDate.parse("2025-12-31");
    private static final Study STUDY = new Study(
            "study-1",
            "Evaluation",
            "REC-1",
            Set.of(HARBOUR.toString(), CIRCLE.toString()),
            LocalDate.parse("2021-01-01"),
            END,
            List.of(),
            DateMode.DAYS_SINCE_ENROLMENT,
            2,
            "scope",
            LocalDate.parse("2027-01-01"),
            TimeGranularity.DAY,
            0,
            RiskLimits.NONE);
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(new byte[32]);
    private static final Map<String, ProgrammeType> TYPES = Map.of(
            HARBOUR.toString(), ProgrammeType.RESIDENTIAL,
            CIRCLE.toString(), ProgrammeType.PEER_GROUP,
            ELSEWHERE.toString(), ProgrammeType.OUTREACH);
    private static final List<ExitReason> REASONS = List.of(
            ExitReason.COMPLETED,
            ExitReason.COMPLETED,
            ExitReason.LEFT_BY_CHOICE,
            ExitReason.LEFT_BY_CHOICE,
            ExitReason.DISCHARGED,
            ExitReason.TRANSFERRED,
            ExitReason.RETURNED_TO_SEX_TRADE,
            ExitReason.INCARCERATED,
            ExitReason.OTHER,
            ExitReason.DIED);

    /** Each released participant's follow-up from the export (null: none), and the dashboard's, by id. */
    private final Map<String, Outcomes.FollowUp> exported = new TreeMap<>();

    private final Map<String, DashboardCalculator.FollowUp> dashboard = new TreeMap<>();
    private final Map<String, LocalDate> observationEnd = new HashMap<>();
    private final Map<String, LocalDate> enrolledOn = new HashMap<>();

    @BeforeAll
    void exportAndCompute() {
        Random random = new Random(16);
        for (int i = 0; i < 1_000; i++) {
            String id = new UUID(16, i).toString();
            List<RecordedEvent> lifeOrder = JourneyHistory.effective(journey(id, random)).stream()
                    .sorted(RecordedEvent.LIFE_ORDER)
                    .toList();
            AnonymisedHistory.Facts facts = AnonymisedHistory.facts(id, lifeOrder, STUDY, PSEUDONYMS, TYPES, END);
            if (!facts.member()) {
                continue;
            }
            AnonymisedHistory.Window window = AnonymisedHistory.window(facts.enrolledOn(), STUDY, PSEUDONYMS, id, END);
            if (window == null) {
                continue;
            }
            List<ExportedEvent> events = AnonymisedHistory.anonymise(id, lifeOrder, STUDY, PSEUDONYMS, TYPES, END)
                    .events();
            exported.put(id, Outcomes.of(events, Spells.of(events), STUDY, facts.enrolledOn()));

            List<DashboardFact> herFacts = new ArrayList<>();
            for (RecordedEvent recorded : lifeOrder) {
                JourneyEvent event = recorded.event();
                LocalDate on = event.occurredOn().date();
                if (event instanceof ProgrammeEnteredEvent e) {
                    herFacts.add(fact(id, recorded, DashboardFact.Kind.ENTERED, on, e.programmeId(), null));
                } else if (event instanceof ProgrammeExitedEvent e) {
                    herFacts.add(fact(
                            id,
                            recorded,
                            DashboardFact.Kind.EXITED,
                            on,
                            e.programmeId(),
                            e.reason().name()));
                } else if (event instanceof RelapseRecordedEvent e) {
                    herFacts.add(fact(
                            id,
                            recorded,
                            DashboardFact.Kind.RELAPSE,
                            on,
                            null,
                            e.kind().name()));
                }
            }
            DashboardCalculator.Figures figures = DashboardCalculator.compute(
                    herFacts, STUDY.programmeIds(), window.start(), window.end(), window.end());
            figures.followUps().forEach(f -> dashboard.put(id, f));
            observationEnd.put(id, window.end());
            enrolledOn.put(id, facts.enrolledOn());
        }
    }

    @Test
    @DisplayName("every released participant's follow-up is the dashboard's: the same exit, return and days")
    void sameFollowUps() {
        assertThat(exported).hasSizeGreaterThan(500);
        assertThat(dashboard).hasSizeGreaterThan(300);
        int matched = 0;
        for (Map.Entry<String, Outcomes.FollowUp> her : exported.entrySet()) {
            DashboardCalculator.FollowUp expected = dashboard.get(her.getKey());
            Outcomes.FollowUp actual = her.getValue();
            if (expected == null) {
                assertThat(actual).as(her.getKey()).isNull();
                continue;
            }
            assertThat(actual).as(her.getKey()).isNotNull();
            assertThat(actual.daysAtRisk()).as(her.getKey()).isEqualTo(expected.days());
            assertThat(actual.exitDay())
                    .as(her.getKey())
                    .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
                            enrolledOn.get(her.getKey()), expected.exitedOn()));
            assertThat(actual.returned()).as(her.getKey()).isEqualTo(expected.returned());
            matched++;
        }
        assertThat(matched).isEqualTo(dashboard.size());
    }

    @Test
    @DisplayName("the median time to a first return and the ten-month return share, computed from the rows with "
            + "the recipe, are the dashboard's")
    void sameFigures() {
        // the recipe of docs/research.md ("Outcomes"), as R's survfit computes it: the product-limit estimate over
        // the rows followed up, days_at_risk the time and returned the event; the median is the first day on which
        // the estimate is one half or below
        List<Outcomes.FollowUp> rows =
                exported.values().stream().filter(f -> f != null).toList();
        Map<Long, int[]> byDay = new TreeMap<>();
        rows.forEach(f -> byDay.computeIfAbsent(f.daysAtRisk(), d -> new int[2])[f.returned() ? 0 : 1]++);
        int atRisk = rows.size();
        double share = 1;
        Long median = null;
        for (Map.Entry<Long, int[]> day : byDay.entrySet()) {
            int returned = day.getValue()[0];
            if (returned > 0) {
                share *= 1 - (double) returned / atRisk;
                if (median == null && share <= 0.5 + 1e-9) {
                    median = day.getKey();
                }
            }
            atRisk -= returned + day.getValue()[1];
        }
        long followed =
                rows.stream().filter(Outcomes.FollowUp::followedTenMonths).count();
        long within =
                rows.stream().filter(Outcomes.FollowUp::returnedWithinTenMonths).count();

        KaplanMeier.Point expectedMedian = KaplanMeier.medianPoint(List.copyOf(dashboard.values()));
        assertThat(median).isNotNull().isEqualTo(expectedMedian.day());
        long expectedFollowed = 0;
        long expectedWithin = 0;
        for (Map.Entry<String, DashboardCalculator.FollowUp> her : dashboard.entrySet()) {
            Map<String, Figure> cells = new HashMap<>();
            DashboardCalculator.relapseAndReturn(cells, List.of(her.getValue()), observationEnd.get(her.getKey()));
            expectedFollowed += cells.get("relapseAndReturn.followedUp").value().longValue();
            expectedWithin +=
                    cells.get("relapseAndReturn.returnedWithin10Months").value().longValue();
        }
        assertThat(followed).isEqualTo(expectedFollowed).isPositive();
        assertThat(within).isEqualTo(expectedWithin).isPositive();
        assertThat((double) within / followed).isBetween(0.05, 0.95);
    }

    private static DashboardFact fact(
            String id,
            RecordedEvent recorded,
            DashboardFact.Kind kind,
            LocalDate on,
            ProgrammeId programme,
            String label) {
        return new DashboardFact(
                id,
                recorded.sequence(),
                kind,
                on,
                null,
                programme == null ? null : programme.toString(),
                label,
                null,
                null,
                null);
    }

    /**
     * One synthetic journey, in recording order: enrolled between 2019 and mid-2025, then stays in the study's two
     * programmes and one outside it, exits of every reason, relapses in and out of stays; now and then an exit's reason
     * corrected, a relapse retracted or a stay recorded late.
     */
    private static List<RecordedEvent> journey(String id, Random random) {
        ParticipantId participant = new ParticipantId(id);
        List<JourneyEvent> events = new ArrayList<>();
        LocalDate day = LocalDate.parse("2019-01-01").plusDays(random.nextInt(2_350));
        events.add(new ParticipantEnrolledEvent(
                participant, "name", 1990, ReferralSource.OUTREACH, OccurredOn.on(day), null, null, null));
        boolean died = false;
        while (!died && day.isBefore(END)) {
            day = day.plusDays(random.nextInt(120));
            if (random.nextInt(5) == 0) {
                events.add(relapse(participant, day, random));
                continue;
            }
            ProgrammeId programme = random.nextInt(6) == 0 ? ELSEWHERE : random.nextBoolean() ? HARBOUR : CIRCLE;
            events.add(new ProgrammeEnteredEvent(participant, programme, OccurredOn.on(day), false, null));
            LocalDate left = day.plusDays(1 + random.nextInt(400));
            for (LocalDate d = day.plusDays(random.nextInt(200)); d.isBefore(left); d = d.plusDays(200)) {
                if (random.nextInt(3) == 0) {
                    events.add(relapse(participant, d, random));
                }
            }
            if (left.isAfter(END)) {
                break;
            }
            ExitReason reason = REASONS.get(random.nextInt(REASONS.size()));
            events.add(new ProgrammeExitedEvent(participant, programme, OccurredOn.on(left), reason, null));
            died = reason == ExitReason.DIED;
            day = left;
        }
        List<RecordedEvent> recorded = new ArrayList<>();
        for (JourneyEvent event : events) {
            recorded.add(new RecordedEvent(UUID.randomUUID().toString(), recorded.size(), event));
        }
        // corrections and retractions, recorded after the events they concern
        for (RecordedEvent earlier : List.copyOf(recorded)) {
            if (earlier.event() instanceof ProgrammeExitedEvent e && random.nextInt(8) == 0) {
                recorded.add(new RecordedEvent(
                        UUID.randomUUID().toString(),
                        recorded.size(),
                        new EventCorrectedEvent(
                                participant,
                                earlier.eventId(),
                                Map.of(
                                        "reason",
                                        REASONS.get(random.nextInt(REASONS.size() - 1))
                                                .name()),
                                "a correction",
                                e.occurredOn())));
            } else if (earlier.event() instanceof RelapseRecordedEvent e && random.nextInt(8) == 0) {
                recorded.add(new RecordedEvent(
                        UUID.randomUUID().toString(),
                        recorded.size(),
                        new EventRetractedEvent(participant, earlier.eventId(), "recorded in error", e.occurredOn())));
            }
        }
        return recorded;
    }

    private static RelapseRecordedEvent relapse(ParticipantId participant, LocalDate day, Random random) {
        RelapseKind kind = RelapseKind.values()[random.nextInt(RelapseKind.values().length)];
        return new RelapseRecordedEvent(participant, OccurredOn.on(day), kind, null, Set.of(), null);
    }
}
