package org.journeyplatform.projections.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.journeyplatform.projections.timeline.ParticipantTimelineProjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work for today on its own: its projection and the timeline's handed her events as their processor would (in one
 * transaction per event, in her recording order), the lists read through the query handler, on a real PostgreSQL
 * migrated by the platform's migrations. Each test has programmes and participants of its own.
 */
@DisplayName("Her work for today")
class WorkForTodayTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final Period DEFAULT_INTERVAL = Period.ofDays(90);

    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private ParticipantTimelineProjection timeline;
    private WorkForTodayProjection work;
    private WorkForTodayQueries queries;
    /** The caseworker's programmes: the first asks for a reading every 30 days, the second every 90 (the default). */
    private String monthly;

    private String quarterly;
    private ParticipantId her;
    private long nextSequence;
    /** Set while a test hands several events over in one transaction of its own. */
    private boolean inBatch;

    @BeforeEach
    void twoProgrammes() {
        DataSource dataSource = TestCrypto.dataSource();
        jdbc = JdbcClient.create(dataSource);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        timeline = new ParticipantTimelineProjection(jdbc, template, 100);
        work = new WorkForTodayProjection(jdbc, template);
        queries = new WorkForTodayQueries(jdbc);
        monthly = programme("Harbour House");
        quarterly = programme("Open Door outreach");
        her = participant("Robin", monthly, quarterly);
    }

    private String programme(String name) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO programme (programme_id, name, type, registered_at) VALUES (?, ?, 'RESIDENTIAL', now())")
                .params(id, name)
                .update();
        return id;
    }

    /** A participant in the scope of the given programmes, with no events yet. */
    private ParticipantId participant(String chosenName, String... programmes) {
        ParticipantId id = ParticipantId.of(UUID.randomUUID());
        jdbc.sql(
                        "INSERT INTO participant (participant_id, chosen_name, enrolled_on, enrolled_at) VALUES (?, ?, ?, now())")
                .params(id.toString(), chosenName, java.sql.Date.valueOf(TODAY.minusYears(2)))
                .update();
        for (String programme : programmes) {
            jdbc.sql("INSERT INTO participant_scope_programme (participant_id, programme_id) VALUES (?, ?)")
                    .params(id.toString(), programme)
                    .update();
        }
        nextSequence = 0;
        return id;
    }

    /** Hands her next event to both projections, in one transaction, as their processor would. */
    private String record(JourneyEvent event) {
        String id = UUID.randomUUID().toString();
        GenericDomainEventMessage<JourneyEvent> message = new GenericDomainEventMessage<>(
                "Journey",
                event.participantId().toString(),
                nextSequence++,
                event,
                MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                id,
                Instant.parse("2026-06-01T09:00:00Z"));
        Runnable handle = () -> {
            if (event instanceof ParticipantErasedEvent erased) {
                timeline.on(erased, message);
            } else {
                timeline.on(event, message);
            }
            if (event instanceof ProgrammeEnteredEvent e) {
                work.on(e, message);
            } else if (event instanceof ProgrammeExitedEvent e) {
                work.on(e, message);
            } else if (event instanceof AssessmentRecordedEvent e) {
                work.on(e, message);
            } else if (event instanceof ConsentGivenEvent e) {
                work.on(e, message);
            } else if (event instanceof ConsentWithdrawnEvent e) {
                work.on(e, message);
            } else if (event instanceof ReunificationPlanOpenedEvent e) {
                work.on(e, message);
            } else if (event instanceof ReunificationStepRecordedEvent e) {
                work.on(e, message);
            } else if (event instanceof ReunificationPlanClosedEvent e) {
                work.on(e, message);
            } else if (event instanceof EventCorrectedEvent e) {
                work.on(e);
            } else if (event instanceof EventRetractedEvent e) {
                work.on(e);
            } else if (event instanceof ParticipantErasedEvent e) {
                work.on(e);
            }
        };
        if (inBatch) {
            handle.run();
        } else {
            transaction.executeWithoutResult(status -> handle.run());
        }
        return id;
    }

    private static OccurredOn daysAgo(int days) {
        return OccurredOn.on(TODAY.minusDays(days));
    }

    private String enter(String programme, int daysAgo) {
        return record(new ProgrammeEnteredEvent(her, new ProgrammeId(programme), daysAgo(daysAgo), false, null));
    }

    private String exit(String programme, int daysAgo) {
        return record(new ProgrammeExitedEvent(
                her, new ProgrammeId(programme), daysAgo(daysAgo), ExitReason.LEFT_BY_CHOICE, null));
    }

    private String milestone(int daysAgo) {
        return record(new MilestoneReachedEvent(her, daysAgo(daysAgo), MilestoneType.STABLE_HOUSING, null));
    }

    private String reading(int daysAgo) {
        return record(new AssessmentRecordedEvent(
                her, new InstrumentCode("ors"), 1, Map.of("individual", 5), 5.0, Map.of(), daysAgo(daysAgo)));
    }

    private void correct(String eventId, Map<String, String> values) {
        record(new EventCorrectedEvent(her, eventId, values, "recorded with the wrong value", daysAgo(0)));
    }

    private void retract(String eventId) {
        record(new EventRetractedEvent(her, eventId, "recorded for the wrong person", daysAgo(0)));
    }

    private WorkForToday lists() {
        return queries.handle(new WorkForTodayQuery(
                List.of(monthly, quarterly), TODAY, DEFAULT_INTERVAL, Map.of(monthly, Period.ofDays(30))));
    }

    @Nested
    @DisplayName("given she left her programme 40 days ago and is in none now")
    class RecentlyLeft {

        private String exited;
        private String lastMilestone;

        @BeforeEach
        void sheLeft() {
            enter(quarterly, 400);
            milestone(300);
            exited = exit(quarterly, 40);
            lastMilestone = milestone(12);
        }

        @Test
        @DisplayName("she is listed with the days since her last recorded contact, from any kind of entry")
        void listed() {
            assertThat(lists().recentlyLeft()).singleElement().satisfies(left -> {
                assertThat(left.participantId()).isEqualTo(her.toString());
                assertThat(left.chosenName()).isEqualTo("Robin");
                assertThat(left.programmeName()).isEqualTo("Open Door outreach");
                assertThat(left.exitedOn()).isEqualTo(TODAY.minusDays(40));
                assertThat(left.reason()).isEqualTo("LEFT_BY_CHOICE");
                assertThat(left.daysSinceLastContact()).isEqualTo(12);
            });
        }

        @Test
        @DisplayName("a retracted contact does not count, and a corrected date counts as corrected")
        void retractedAndCorrectedContacts() {
            retract(lastMilestone);
            assertThat(lists().recentlyLeft())
                    .singleElement()
                    .satisfies(left -> assertThat(left.daysSinceLastContact()).isEqualTo(40));

            String another = milestone(30);
            correct(another, Map.of("occurredOn", TODAY.minusDays(5).toString()));
            assertThat(lists().recentlyLeft())
                    .singleElement()
                    .satisfies(left -> assertThat(left.daysSinceLastContact()).isEqualTo(5));
        }

        @Test
        @DisplayName("when her exit is corrected to a year ago she is no longer listed; when it is retracted neither")
        void exitCorrectedOrRetracted() {
            correct(exited, Map.of("occurredOn", TODAY.minusDays(365).toString()));
            assertThat(lists().recentlyLeft()).isEmpty();

            correct(exited, Map.of("occurredOn", TODAY.minusDays(20).toString(), "reason", "COMPLETED"));
            assertThat(lists().recentlyLeft()).singleElement().satisfies(left -> {
                assertThat(left.exitedOn()).isEqualTo(TODAY.minusDays(20));
                assertThat(left.reason()).isEqualTo("COMPLETED");
            });

            retract(exited);
            assertThat(lists().recentlyLeft())
                    .as("in her programme again, as far as the record goes")
                    .isEmpty();
        }

        @Test
        @DisplayName("after her erasure she is on no list")
        void erased() {
            record(new ParticipantErasedEvent(her, daysAgo(0)));
            assertThat(lists().isEmpty()).isTrue();
        }
    }

    @Nested
    @DisplayName("given she is in both programmes, the first asking for a reading every 30 days")
    class AssessmentsDue {

        @BeforeEach
        void sheIsInBoth() {
            enter(monthly, 200);
            enter(quarterly, 200);
        }

        @Test
        @DisplayName("a reading 45 days old is due under the first programme's interval")
        void dueUnderTheStricterProgramme() {
            reading(45);

            assertThat(lists().assessmentsDue()).singleElement().satisfies(due -> {
                assertThat(due.instrument()).isEqualTo("ors");
                assertThat(due.lastReadOn()).isEqualTo(TODAY.minusDays(45));
                assertThat(due.daysSinceLastReading()).isEqualTo(45);
                assertThat(due.intervalDays()).isEqualTo(30);
                assertThat(due.programmeName()).isEqualTo("Harbour House");
            });
        }

        @Test
        @DisplayName("once she has left the first programme, the same reading is not due yet")
        void notDueUnderTheDefault() {
            reading(45);
            exit(monthly, 10);

            assertThat(lists().assessmentsDue()).isEmpty();
        }

        @Test
        @DisplayName("when her latest reading is retracted, the one before it counts (readings are never corrected)")
        void latestReadingRetracted() {
            reading(45);
            String recent = reading(10);
            assertThat(lists().assessmentsDue()).isEmpty();

            retract(recent);
            assertThat(lists().assessmentsDue())
                    .singleElement()
                    .satisfies(due -> assertThat(due.lastReadOn()).isEqualTo(TODAY.minusDays(45)));
        }

        @Test
        @DisplayName("readings recorded and retracted in one transaction (a processor's batch) count once it commits")
        void readingsInOneBatch() {
            transaction.executeWithoutResult(status -> {
                inBatch = true;
                reading(50);
                String recent = reading(5);
                reading(40);
                retract(recent);
                inBatch = false;
            });

            assertThat(lists().assessmentsDue())
                    .singleElement()
                    .satisfies(due -> assertThat(due.lastReadOn()).isEqualTo(TODAY.minusDays(40)));
            assertThat(jdbc.sql("SELECT count(*) FROM work_fact WHERE participant_id = ? AND event_type = ?")
                            .params(her.toString(), "assessment-recorded")
                            .query(Long.class)
                            .single())
                    .as("her latest reading of each instrument, once")
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("with no reading at all she is listed once, as none yet")
        void noneYet() {
            assertThat(lists().assessmentsDue()).singleElement().satisfies(due -> {
                assertThat(due.instrument()).isNull();
                assertThat(due.since()).isEqualTo(TODAY.minusDays(200));
            });
        }
    }

    @Nested
    @DisplayName("given a consent that expires in ten days")
    class ConsentsExpiring {

        private final ConsentId consent = ConsentId.random();
        private String given;

        @BeforeEach
        void consentGiven() {
            given = record(new ConsentGivenEvent(
                    her, consent, ConsentKind.RESEARCH, "the outcomes study", TODAY.plusDays(10), daysAgo(355)));
        }

        @Test
        @DisplayName("it is listed with the days left")
        void listed() {
            assertThat(lists().consentsExpiring()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("RESEARCH");
                assertThat(c.scope()).isEqualTo("the outcomes study");
                assertThat(c.daysLeft()).isEqualTo(10);
            });
        }

        @Test
        @DisplayName("corrected to expire in a year, or withdrawn, it is not")
        void correctedOrWithdrawn() {
            correct(given, Map.of("expiresOn", TODAY.plusYears(1).toString()));
            assertThat(lists().consentsExpiring()).isEmpty();

            correct(given, Map.of("expiresOn", TODAY.plusDays(3).toString()));
            assertThat(lists().consentsExpiring())
                    .singleElement()
                    .satisfies(c -> assertThat(c.daysLeft()).isEqualTo(3));

            record(new ConsentWithdrawnEvent(her, consent, daysAgo(1), null));
            assertThat(lists().consentsExpiring()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a reunification plan whose last step was 70 days ago")
    class StalledPlans {

        private final ReunificationPlanId plan = ReunificationPlanId.random();
        private String step;

        @BeforeEach
        void planStalled() {
            record(new ReunificationPlanOpenedEvent(her, plan, "child A", null, daysAgo(300)));
            step = record(new ReunificationStepRecordedEvent(
                    her,
                    plan,
                    ReunificationStep.SUPERVISED_CONTACT,
                    ReunificationStep.PLAN_OPENED,
                    StepDirection.FORWARD,
                    null,
                    daysAgo(70)));
        }

        @Test
        @DisplayName("it is listed with its last step")
        void listed() {
            assertThat(lists().stalledPlans()).singleElement().satisfies(p -> {
                assertThat(p.childPseudonym()).isEqualTo("child A");
                assertThat(p.step()).isEqualTo("SUPERVISED_CONTACT");
                assertThat(p.daysSinceLastStep()).isEqualTo(70);
            });
        }

        @Test
        @DisplayName("its step corrected to last week, or the plan closed, it is not")
        void correctedOrClosed() {
            correct(step, Map.of("occurredOn", TODAY.minusDays(7).toString()));
            assertThat(lists().stalledPlans()).isEmpty();

            correct(step, Map.of("occurredOn", TODAY.minusDays(61).toString()));
            assertThat(lists().stalledPlans()).hasSize(1);

            record(new ReunificationPlanClosedEvent(
                    her,
                    plan,
                    org.journeyplatform.domain.journey.ReunificationPlanClosureReason.values()[0],
                    null,
                    daysAgo(1)));
            assertThat(lists().stalledPlans()).isEmpty();
        }
    }

    @Test
    @DisplayName("the directory's status filter reads her stays as kept here: a retracted exit and a corrected entry"
            + " count as the record now stands")
    void directoryStatus() {
        var directory = new org.journeyplatform.projections.participants.ParticipantDirectoryProjection(jdbc);
        java.util.function.Function<
                        org.journeyplatform.projections.participants.FindParticipantsQuery.Status, List<String>>
                found = status -> directory
                .handle(new org.journeyplatform.projections.participants.FindParticipantsQuery(
                        50,
                        0,
                        new org.journeyplatform.projections.participants.FindParticipantsQuery.Visible(
                                "nobody", List.of(quarterly), List.of()),
                        null,
                        quarterly,
                        status))
                .stream()
                .map(org.journeyplatform.projections.participants.ParticipantView::participantId)
                .toList();
        var inProgramme = org.journeyplatform.projections.participants.FindParticipantsQuery.Status.IN_PROGRAMME;
        var inNone = org.journeyplatform.projections.participants.FindParticipantsQuery.Status.IN_NO_PROGRAMME;

        String entered = enter(quarterly, 400);
        String exited = exit(quarterly, 40);
        assertThat(found.apply(inNone)).containsExactly(her.toString());

        retract(exited);
        assertThat(found.apply(inProgramme)).containsExactly(her.toString());

        exit(quarterly, 100);
        correct(entered, Map.of("occurredOn", TODAY.minusDays(50).toString()));
        assertThat(found.apply(inProgramme))
                .as("her entry corrected to after her exit")
                .containsExactly(her.toString());
        assertThat(found.apply(inNone)).isEmpty();
    }

    @Test
    @DisplayName("an entry and an exit on the same day are in life order by their time of day, as the journey judges")
    void sameDayByTimeOfDay() {
        enter(quarterly, 400);
        // she came back in the morning, and it was recorded before her leaving that afternoon was
        record(new ProgrammeEnteredEvent(
                her,
                new ProgrammeId(quarterly),
                OccurredOn.at(TODAY.minusDays(30), java.time.LocalTime.of(9, 0)),
                true,
                null));
        record(new ProgrammeExitedEvent(
                her,
                new ProgrammeId(quarterly),
                OccurredOn.at(TODAY.minusDays(30), java.time.LocalTime.of(16, 0)),
                ExitReason.LEFT_BY_CHOICE,
                null));
        assertThat(lists().recentlyLeft()).hasSize(1);

        // the other way round: she left in the afternoon, but came back in the evening, recorded first
        her = participant("Ash", quarterly);
        enter(quarterly, 400);
        record(new ProgrammeEnteredEvent(
                her,
                new ProgrammeId(quarterly),
                OccurredOn.at(TODAY.minusDays(30), java.time.LocalTime.of(19, 0)),
                true,
                null));
        record(new ProgrammeExitedEvent(
                her,
                new ProgrammeId(quarterly),
                OccurredOn.at(TODAY.minusDays(30), java.time.LocalTime.of(16, 0)),
                ExitReason.LEFT_BY_CHOICE,
                null));
        assertThat(lists().recentlyLeft())
                .extracting(WorkForToday.RecentlyLeft::chosenName)
                .containsExactly("Robin");
    }

    @Test
    @DisplayName("a corrected value is kept as the journey keeps it: trimmed, and emptied to nothing")
    void correctedValuesTrimmed() {
        enter(quarterly, 400);
        String exited = exit(quarterly, 40);
        correct(exited, Map.of("reason", " COMPLETED "));
        assertThat(lists().recentlyLeft())
                .singleElement()
                .satisfies(left -> assertThat(left.reason()).isEqualTo("COMPLETED"));
    }

    @Test
    @DisplayName("the migration that fills the rows from an existing timeline gives exactly the handlers' rows")
    void migrationFillsTheSameRows() throws java.io.IOException {
        enter(quarterly, 400);
        String exited = exit(quarterly, 40);
        correct(exited, Map.of("occurredOn", TODAY.minusDays(20).toString(), "reason", " COMPLETED"));
        correct(exited, Map.of("occurredAt", "15:30"));
        enter(monthly, 300);
        reading(200);
        String read = reading(100);
        retract(read);
        ConsentId consent = ConsentId.random();
        String given = record(
                new ConsentGivenEvent(her, consent, ConsentKind.SERVICE, "casework", TODAY.plusDays(20), daysAgo(300)));
        correct(given, Map.of("scope", ""));
        ReunificationPlanId plan = ReunificationPlanId.random();
        String opened = record(new ReunificationPlanOpenedEvent(her, plan, "child B", null, daysAgo(250)));
        correct(opened, Map.of("childPseudonym", "child C"));
        String[] backfill;
        try (var in = getClass().getResourceAsStream("/db/migration/V20__work_for_today.sql")) {
            String migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            backfill = migration
                    .substring(migration.indexOf("INSERT INTO work_fact"))
                    .replace("INSERT INTO work_fact ", "INSERT INTO wf_check ")
                    .replace("INSERT INTO work_reading ", "INSERT INTO wr_check ")
                    .replace("FROM work_reading\n", "FROM wr_check\n")
                    .split(";\\s*(--[^\\n]*\\n)*");
        }
        String mine = her.toString();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("CREATE TEMP TABLE wf_check (LIKE work_fact) ON COMMIT DROP")
                    .update();
            jdbc.sql("CREATE TEMP TABLE wr_check (LIKE work_reading) ON COMMIT DROP")
                    .update();
            for (String statement : backfill) {
                if (!statement.isBlank()) {
                    // as Flyway runs it: a plain statement, in which ? is PostgreSQL's operator, not a parameter
                    new JdbcTemplate(TestCrypto.dataSource()).execute(statement);
                }
            }
            for (String[] tables :
                    List.of(new String[] {"work_fact", "wf_check"}, new String[] {"work_reading", "wr_check"})) {
                String rows =
                        "SELECT * FROM %s WHERE participant_id = ? EXCEPT SELECT * FROM %s WHERE participant_id = ?";
                assertThat(jdbc.sql(rows.formatted(tables[0], tables[1]))
                                .params(mine, mine)
                                .query()
                                .listOfRows())
                        .as("rows the handlers keep that the migration does not make (" + tables[0] + ")")
                        .isEmpty();
                assertThat(jdbc.sql(rows.formatted(tables[1], tables[0]))
                                .params(mine, mine)
                                .query()
                                .listOfRows())
                        .as("rows the migration makes that the handlers do not keep (" + tables[0] + ")")
                        .isEmpty();
            }
            assertThat(jdbc.sql("SELECT count(*) FROM wf_check WHERE participant_id = ?")
                            .param(mine)
                            .query(Long.class)
                            .single())
                    .isEqualTo(6);
        });
    }

    @Test
    @DisplayName("a participant of another programme is on none of her lists")
    void outsideHerProgrammes() {
        String elsewhere = programme("Elsewhere");
        her = participant("Sky", elsewhere);
        enter(elsewhere, 400);
        exit(elsewhere, 30);

        assertThat(lists().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("handling the same events again changes nothing")
    void idempotent() {
        enter(quarterly, 400);
        String exited = exit(quarterly, 40);
        correct(exited, Map.of("occurredOn", TODAY.minusDays(20).toString()));
        long rows = jdbc.sql("SELECT count(*) FROM work_fact WHERE participant_id = ?")
                .param(her.toString())
                .query(Long.class)
                .single();
        WorkForToday before = lists();

        // a redelivery of the exit after its correction (the processor's token was not stored)
        transaction.executeWithoutResult(status -> work.on(
                new ProgrammeExitedEvent(her, new ProgrammeId(quarterly), daysAgo(40), ExitReason.LEFT_BY_CHOICE, null),
                new GenericDomainEventMessage<>(
                        "Journey", her.toString(), 1, "x", MetaData.emptyInstance(), exited, Instant.now())));

        assertThat(jdbc.sql("SELECT count(*) FROM work_fact WHERE participant_id = ?")
                        .param(her.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(rows);
        assertThat(lists()).isEqualTo(before);
    }
}
