package org.journeyplatform.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.ErasedParticipants;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.infra.crypto.Erasures;
import org.journeyplatform.infra.crypto.PersonalDataModule;
import org.journeyplatform.infra.json.EventObjectMappers;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participant summary on its own: no Spring Boot, no Axon processor; Axon's JDBC event store and the platform's
 * serialiser (personal data sealed under her key) on a real PostgreSQL migrated by the platform's migrations. Her
 * events are appended to the store as the aggregate would append them, and the summary is read through its query
 * handler, with a clock the test moves. A summary regression is found here in seconds.
 */
@DisplayName("The participant summary projection")
class ParticipantSummaryProjectionTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Instant RECORDED = Instant.parse("2024-06-01T09:00:00Z");

    private DataSource dataSource;
    private JdbcClient jdbc;
    private JdbcEventStorageEngine storage;
    private EmbeddedEventStore eventStore;
    private MovableClock clock;
    private ParticipantSummaryProjection projection;
    private ParticipantId her;
    private ProgrammeId harbour;
    private long nextSequence;
    private final List<String> ids = new ArrayList<>();

    /** A clock the test sets: the day the summary is read on. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2024-09-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void anEmptyStore() {
        dataSource = TestCrypto.dataSource();
        jdbc = JdbcClient.create(dataSource);
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(EventObjectMappers.create(new PersonalDataModule(TestCrypto.cipher())))
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(org.journeyplatform.infra.axon.AxonConfiguration.schema())
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        clock = new MovableClock();
        projection = new ParticipantSummaryProjection(
                eventStore, jdbc, new Erasures(jdbc), new DataSourceTransactionManager(dataSource), clock);
        her = ParticipantId.of(UUID.randomUUID());
        harbour = ProgrammeId.of(UUID.randomUUID());
        jdbc.sql("INSERT INTO programme (programme_id, name, type, registered_at) VALUES (?, ?, 'RESIDENTIAL', now())")
                .params(harbour.toString(), "Harbour House")
                .update();
        nextSequence = 0;
        ids.clear();
    }

    @AfterEach
    void closeTheStore() {
        eventStore.shutDown();
    }

    /** Appends her next event, recorded {@code minutesLater} after the first, as the aggregate would. */
    private String record(JourneyEvent event, long minutesLater) {
        String id = UUID.randomUUID().toString();
        DomainEventMessage<JourneyEvent> message = new GenericDomainEventMessage<>(
                "Journey",
                her.toString(),
                nextSequence++,
                event,
                MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                id,
                RECORDED.plusSeconds(60 * minutesLater));
        storage.appendEvents(List.of(message));
        ids.add(id);
        return id;
    }

    private String record(JourneyEvent event) {
        return record(event, nextSequence);
    }

    private ParticipantSummary summary() {
        return projection.handle(new ParticipantSummaryQuery(her.toString(), null));
    }

    private ParticipantSummary summaryAsOf(Instant recorded) {
        return projection.handle(new ParticipantSummaryQuery(her.toString(), recorded));
    }

    private long keptRows() {
        return jdbc.sql("SELECT count(*) FROM participant_summary WHERE participant_id = ?")
                .param(her.toString())
                .query(Long.class)
                .single();
    }

    private void enrolAndEnter() {
        record(new ParticipantEnrolledEvent(
                her, "Robin", 1990, ReferralSource.OUTREACH, OccurredOn.on(DAY), AgeBand.AGE_25_TO_34, null, 24));
        record(new ProgrammeEnteredEvent(
                her, harbour, OccurredOn.on(DAY.plusDays(3)), false, "a room on the first floor"));
    }

    private String relapse(LocalDate on) {
        return record(new RelapseRecordedEvent(
                her, OccurredOn.on(on), RelapseKind.OTHER, null, Set.of(), "after the anniversary"));
    }

    @Nested
    @DisplayName("given no events of hers")
    class Unknown {

        @Test
        @DisplayName("there is no summary, and nothing is kept")
        void none() {
            assertThat(summary()).isNull();
            assertThat(keptRows()).isZero();
        }
    }

    @Nested
    @DisplayName("given her enrolment, a stay, relapses, a milestone, a goal and consents")
    class AJourney {

        @BeforeEach
        void herJourney() {
            enrolAndEnter();
            relapse(DAY.plusDays(40));
            relapse(DAY.plusDays(70));
            record(new MilestoneReachedEvent(her, OccurredOn.on(DAY.plusDays(90)), MilestoneType.STABLE_HOUSING, null));
            record(new GoalSetEvent(her, GoalId.of(UUID.randomUUID()), "to see my daughter", OccurredOn.on(DAY)));
            record(new ConsentGivenEvent(
                    her,
                    ConsentId.of(UUID.randomUUID()),
                    ConsentKind.RESEARCH,
                    "all-research",
                    LocalDate.of(2024, 12, 31),
                    OccurredOn.on(DAY)));
        }

        @Test
        @DisplayName("it says where she stands: her programme by name, counts, her goal in her words, days since her "
                + "last relapse as of today, and her consent active")
        void whereSheStands() {
            ParticipantSummary summary = summary();

            assertThat(summary.version()).isEqualTo(nextSequence - 1);
            assertThat(summary.currentProgrammes())
                    .containsExactly(new ParticipantSummary.Stay(harbour.toString(), "Harbour House", DAY.plusDays(3)));
            assertThat(summary.relapses()).isEqualTo(2);
            assertThat(summary.milestones()).isEqualTo(1);
            assertThat(summary.lastRelapseOn()).isEqualTo(DAY.plusDays(70));
            assertThat(summary.daysSinceLastRelapse())
                    .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(DAY.plusDays(70), LocalDate.of(2024, 9, 1)));
            assertThat(summary.activeGoals())
                    .extracting(ParticipantSummary.Goal::description)
                    .containsExactly("to see my daughter");
            assertThat(summary.researchConsentActive()).isTrue();
            assertThat(summary.serviceConsentActive()).isFalse();
        }

        @Test
        @DisplayName("the first read keeps it, and the next read is served from what was kept")
        void keptAndServed() {
            summary();
            assertThat(keptRows()).isEqualTo(1);
            // a mark only the kept row carries: the next read must come from it, not from a new fold
            jdbc.sql("UPDATE participant_summary SET summary = jsonb_set(summary::jsonb, '{milestones}', '7')::json "
                            + "WHERE participant_id = ?")
                    .param(her.toString())
                    .update();

            assertThat(summary().milestones()).isEqualTo(7);
        }

        @Test
        @DisplayName("what depends on the day is worked out on every read, also from what was kept")
        void theDayMoves() {
            summary();
            clock.now = Instant.parse("2025-02-01T12:00:00Z");

            ParticipantSummary later = summary();

            assertThat(later.asOfDate()).isEqualTo(LocalDate.of(2025, 2, 1));
            assertThat(later.daysSinceLastRelapse())
                    .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(DAY.plusDays(70), LocalDate.of(2025, 2, 1)));
            assertThat(later.researchConsentActive())
                    .as("expired at the end of 2024")
                    .isFalse();
            assertThat(later.consents())
                    .singleElement()
                    .extracting(ParticipantSummary.Consent::active)
                    .isEqualTo(false);
        }

        @Test
        @DisplayName("a new event makes what was kept stale: the next read folds again and keeps the new version")
        void staleAfterAnEvent() {
            summary();
            record(new ProgrammeExitedEvent(
                    her, harbour, OccurredOn.on(DAY.plusDays(120)), ExitReason.COMPLETED, "moved on"));

            ParticipantSummary after = summary();

            assertThat(after.currentProgrammes()).isEmpty();
            assertThat(after.version()).isEqualTo(nextSequence - 1);
            assertThat(jdbc.sql("SELECT version FROM participant_summary WHERE participant_id = ?")
                            .param(her.toString())
                            .query(Long.class)
                            .single())
                    .isEqualTo(nextSequence - 1);
        }

        @Test
        @DisplayName("a retracted relapse is not counted, and her last relapse is the one before it")
        void retraction() {
            String second = ids.get(3);
            record(new EventRetractedEvent(her, second, "entered twice", OccurredOn.on(DAY.plusDays(100))));

            ParticipantSummary summary = summary();

            assertThat(summary.relapses()).isEqualTo(1);
            assertThat(summary.lastRelapseOn()).isEqualTo(DAY.plusDays(40));
        }

        @Test
        @DisplayName("consents given on the same day come in the order she gave them, not by their random ids")
        void sameDayConsentsInTheOrderGiven() {
            List<String> given = new ArrayList<>();
            for (String scope : List.of("service-a", "service-b", "service-c", "service-d", "service-e")) {
                ConsentId consent = ConsentId.of(UUID.randomUUID());
                given.add(consent.toString());
                record(new ConsentGivenEvent(
                        her,
                        consent,
                        ConsentKind.SERVICE,
                        scope,
                        LocalDate.of(2025, 6, 30),
                        OccurredOn.on(DAY.plusDays(5))));
            }

            List<ParticipantSummary.Consent> folded = summary().consents();
            assertThat(folded)
                    .extracting(ParticipantSummary.Consent::consentId)
                    .as("the first consent (given on her first day), then the five in the order given")
                    .endsWith(given.toArray(String[]::new))
                    .hasSize(6);
            assertThat(keptRows()).isEqualTo(1);
            assertThat(summary().consents())
                    .as("and so when served from what was kept")
                    .isEqualTo(folded);
        }

        @Test
        @DisplayName("her open reunification plans come in the order they were opened in her life, not by their ids")
        void plansInTheOrderOpened() {
            List<String> opened = new ArrayList<>();
            // recorded in another order than they happened: the later plan first
            for (int daysLater : List.of(60, 20, 40)) {
                ReunificationPlanId plan = ReunificationPlanId.of(UUID.randomUUID());
                opened.add(daysLater + ":" + plan);
                record(new ReunificationPlanOpenedEvent(
                        her, plan, "Child " + daysLater, null, OccurredOn.on(DAY.plusDays(daysLater))));
            }

            assertThat(summary().openReunificationPlans())
                    .extracting(p -> p.childPseudonym() + ":" + p.planId())
                    .containsExactly(
                            "Child 20:" + opened.get(1).substring(3),
                            "Child 40:" + opened.get(2).substring(3),
                            "Child 60:" + opened.get(0).substring(3));
        }

        @Test
        @DisplayName("a row kept by another format of the fold is not served: she is folded again")
        void anotherFormat() {
            summary();
            jdbc.sql("UPDATE participant_summary SET summary = jsonb_set(jsonb_set(summary::jsonb, '{milestones}', "
                            + "'7'), '{format}', '0')::json WHERE participant_id = ?")
                    .param(her.toString())
                    .update();

            assertThat(summary().milestones()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("given a summary asked for as of a recorded moment")
    class AsOf {

        @Test
        @DisplayName("only what was recorded by then counts, and nothing is kept")
        void asRecordedThen() {
            enrolAndEnter();
            relapse(DAY.plusDays(40));
            relapse(DAY.plusDays(70));

            ParticipantSummary then = summaryAsOf(RECORDED.plusSeconds(60 * 2));

            assertThat(then.relapses()).isEqualTo(1);
            assertThat(then.version()).isEqualTo(2);
            assertThat(then.asOfRecorded()).isEqualTo(RECORDED.plusSeconds(60 * 2));
            assertThat(keptRows()).isZero();
        }
    }

    @Nested
    @DisplayName("given an erased participant")
    class Erased {

        @Test
        @DisplayName("nothing is kept for her, and what was kept before is neither served nor left at rest")
        void nothingKept() {
            enrolAndEnter();
            summary();
            assertThat(keptRows()).isEqualTo(1);
            jdbc.sql("INSERT INTO keystore.erasure_ledger (participant_id, erased_at, erased_by, reason) "
                            + "VALUES (?, now(), 'admin', 'her request')")
                    .param(her.toString())
                    .update();
            jdbc.sql("UPDATE participant_summary SET summary = jsonb_set(summary::jsonb, '{milestones}', '7')::json "
                            + "WHERE participant_id = ?")
                    .param(her.toString())
                    .update();

            assertThat(summary().milestones())
                    .as("folded, not served from the kept row")
                    .isZero();

            projection.forget(her.toString());
            summary();
            assertThat(keptRows()).isZero();
        }

        @Test
        @DisplayName("once she is in the ledger, a fold shows none of her words, even while her key still opens them")
        void noWordsOnceInTheLedger() {
            enrolAndEnter();
            record(new GoalSetEvent(her, GoalId.of(UUID.randomUUID()), "to see my daughter", OccurredOn.on(DAY)));
            record(new ReunificationPlanOpenedEvent(
                    her, ReunificationPlanId.of(UUID.randomUUID()), "Sparrow", null, OccurredOn.on(DAY.plusDays(5))));
            assertThat(summary().activeGoals())
                    .extracting(ParticipantSummary.Goal::description)
                    .containsExactly("to see my daughter");
            projection.forget(her.toString());
            jdbc.sql("INSERT INTO keystore.erasure_ledger (participant_id, erased_at, erased_by, reason) "
                            + "VALUES (?, now(), 'admin', 'her request')")
                    .param(her.toString())
                    .update();

            ParticipantSummary now = summary();
            assertThat(now.activeGoals())
                    .extracting(ParticipantSummary.Goal::description)
                    .containsExactly(PersonalData.ERASED);
            assertThat(now.openReunificationPlans())
                    .extracting(ParticipantSummary.ReunificationPlan::childPseudonym)
                    .containsExactly(PersonalData.ERASED);
            assertThat(summaryAsOf(RECORDED.plusSeconds(60 * 60)).activeGoals())
                    .extracting(ParticipantSummary.Goal::description)
                    .as("as of a moment before her erasure too")
                    .containsExactly(PersonalData.ERASED);
            assertThat(keptRows()).isZero();
        }

        @Test
        @DisplayName("a summary kept while her erasure entered the ledger is dropped again: the ledger is asked after "
                + "the row is committed, even inside a read's own transaction")
        void erasedWhileKept() {
            enrolAndEnter();
            AtomicInteger looks = new AtomicInteger();
            ErasedParticipants erasedAfterTheFirstLook = new ErasedParticipants() {
                @Override
                public boolean isErased(ParticipantId participantId) {
                    return looks.incrementAndGet() > 1;
                }

                @Override
                public Set<ParticipantId> all() {
                    return Set.of();
                }
            };
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            ParticipantSummaryProjection racing =
                    new ParticipantSummaryProjection(eventStore, jdbc, erasedAfterTheFirstLook, transactions, clock);

            new TransactionTemplate(transactions)
                    .executeWithoutResult(status -> racing.handle(new ParticipantSummaryQuery(her.toString(), null)));

            assertThat(looks.get()).as("asked before the write and after it").isGreaterThanOrEqualTo(2);
            assertThat(keptRows()).as("nothing of hers left at rest").isZero();
        }
    }
}
