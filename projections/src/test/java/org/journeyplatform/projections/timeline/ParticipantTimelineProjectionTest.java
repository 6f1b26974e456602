package org.journeyplatform.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The timeline projection on its own: no Spring Boot, no Axon processor, a real PostgreSQL migrated by the platform's
 * migrations. Events are handed to its handlers as the processor would, one by one in her recording order, and the
 * timeline is read through its query handler. A timeline regression is found here in seconds.
 */
@DisplayName("The participant timeline projection")
class ParticipantTimelineProjectionTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Instant RECORDED = Instant.parse("2024-06-01T09:00:00Z");

    private DataSource dataSource;
    private ParticipantTimelineProjection projection;
    private TransactionTemplate transaction;
    private ParticipantId her;
    private long nextSequence;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void anEmptyJourney() {
        dataSource = TestCrypto.dataSource();
        projection =
                new ParticipantTimelineProjection(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), 100);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        her = ParticipantId.of(UUID.randomUUID());
        nextSequence = 0;
        ids.clear();
    }

    /** Hands her next event to the projection, recorded {@code minutesLater} after the first, by a caseworker. */
    private String record(JourneyEvent event, long minutesLater) {
        String id = UUID.randomUUID().toString();
        GenericDomainEventMessage<JourneyEvent> message = new GenericDomainEventMessage<>(
                "Journey",
                her.toString(),
                nextSequence++,
                event,
                MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                id,
                RECORDED.plusSeconds(60 * minutesLater));
        if (event instanceof ParticipantErasedEvent erased) {
            projection.on(erased, message);
        } else {
            projection.on(event, message);
        }
        ids.add(id);
        return id;
    }

    private String record(JourneyEvent event) {
        return record(event, nextSequence);
    }

    private List<TimelineEntry> timeline() {
        return projection.handle(new ParticipantTimelineQuery(her.toString(), null));
    }

    private List<TimelineEntry> timelineAsOf(Instant recorded) {
        return projection.handle(new ParticipantTimelineQuery(her.toString(), recorded));
    }

    private ParticipantEnrolledEvent enrolment() {
        return new ParticipantEnrolledEvent(
                her, "Robin", 1990, ReferralSource.OUTREACH, OccurredOn.on(DAY), AgeBand.AGE_25_TO_34, null, 24);
    }

    private MilestoneReachedEvent milestone(LocalDate on, String description) {
        return new MilestoneReachedEvent(her, OccurredOn.on(on), MilestoneType.STABLE_HOUSING, description);
    }

    private MilestoneReachedEvent milestoneAt(LocalDate on, LocalTime at, String description) {
        return new MilestoneReachedEvent(her, OccurredOn.at(on, at), MilestoneType.STABLE_HOUSING, description);
    }

    /** Her rows as the transaction's own connection sees them (what it has sent so far). */
    private long rowsInThisTransaction() {
        return new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT count(*) FROM timeline_entry WHERE participant_id = ?", Long.class, her.toString());
    }

    private long rowsOfHers() {
        return JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM timeline_entry WHERE participant_id = ?")
                .param(her.toString())
                .query(Long.class)
                .single();
    }

    @Nested
    @DisplayName("given events recorded in the order they happened")
    class InOrder {

        @Test
        @DisplayName("each becomes one entry with its public type, both dates, who recorded it and its other fields")
        void oneEntryEach() {
            record(enrolment());
            String relapse = record(new RelapseRecordedEvent(
                    her,
                    OccurredOn.at(DAY.plusDays(40), LocalTime.of(21, 15)),
                    RelapseKind.OTHER,
                    null,
                    Set.of(SupportKind.values()[0]),
                    "after the anniversary"));

            List<TimelineEntry> timeline = timeline();

            assertThat(timeline)
                    .extracting(TimelineEntry::type)
                    .containsExactly("participant-enrolled", "relapse-recorded");
            TimelineEntry entry = timeline.get(1);
            assertThat(entry.eventId()).isEqualTo(relapse);
            assertThat(entry.occurredOn()).isEqualTo(DAY.plusDays(40));
            assertThat(entry.occurredTime()).isEqualTo(LocalTime.of(21, 15));
            assertThat(entry.recordedAt()).isEqualTo(RECORDED.plusSeconds(60));
            assertThat(entry.recordedBy()).isEqualTo("caseworker");
            assertThat(entry.late()).isFalse();
            assertThat(entry.status()).isEqualTo("recorded");
            assertThat(entry.details())
                    .containsEntry("kind", "OTHER")
                    .containsEntry("note", "after the anniversary")
                    .containsEntry("supportFollowed", List.of(SupportKind.values()[0].name()))
                    .doesNotContainKeys("participantId", "occurredOn", "severity");
        }

        @Test
        @DisplayName("an event handed over twice, as a replay after a crash does, is one entry")
        void idempotent() {
            record(enrolment());
            GenericDomainEventMessage<JourneyEvent> again = new GenericDomainEventMessage<>(
                    "Journey",
                    her.toString(),
                    0,
                    enrolment(),
                    MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                    ids.get(0),
                    RECORDED);

            projection.on(again.getPayload(), again);

            assertThat(timeline()).hasSize(1);
            assertThat(rowsOfHers()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("given an entry recorded after one that happened later")
    class LateEntries {

        @Test
        @DisplayName("it is flagged late and shown in life order; corrections and retractions are never late")
        void flaggedLate() {
            record(enrolment());
            String summer = record(milestone(DAY.plusDays(120), "a flat of her own"));
            String spring = record(milestone(DAY.plusDays(60), "a room in a shared house"));
            record(new EventRetractedEvent(her, summer, "entered twice", OccurredOn.on(DAY.plusDays(1))));

            List<TimelineEntry> timeline = timeline();

            assertThat(timeline)
                    .extracting(TimelineEntry::eventId)
                    .containsExactly(ids.get(0), ids.get(3), spring, summer);
            assertThat(timeline)
                    .filteredOn(e -> e.eventId().equals(spring))
                    .singleElement()
                    .extracting(TimelineEntry::late)
                    .isEqualTo(true);
            assertThat(timeline)
                    .filteredOn(e -> e.type().equals("event-retracted"))
                    .singleElement()
                    .extracting(TimelineEntry::late)
                    .isEqualTo(false);
        }

        @Test
        @DisplayName("recorded in one transaction of the processor, each is flagged as if recorded alone, and again the"
                + " same when the transaction is handed over twice")
        void inOneTransaction() {
            record(enrolment());
            List<GenericDomainEventMessage<JourneyEvent>> batch = List.of(
                    message(milestone(DAY.plusDays(120), "a flat of her own")),
                    message(milestone(DAY.plusDays(60), "a room in a shared house")),
                    message(milestone(DAY.plusDays(130), "a job")),
                    message(milestoneAt(DAY.plusDays(125), LocalTime.of(9, 0), "a course")));

            transaction.executeWithoutResult(status -> batch.forEach(m -> projection.on(m.getPayload(), m)));
            List<TimelineEntry> once = timeline();
            transaction.executeWithoutResult(status -> batch.forEach(m -> projection.on(m.getPayload(), m)));

            assertThat(once)
                    .filteredOn(TimelineEntry::late)
                    .extracting(TimelineEntry::eventId)
                    .containsExactlyInAnyOrder(
                            batch.get(1).getIdentifier(), batch.get(3).getIdentifier());
            assertThat(once).hasSize(5);
            assertThat(timeline()).as("handed over twice: the same timeline").isEqualTo(once);
        }

        @Test
        @DisplayName("recorded in one transaction after a retraction with a later day, an entry is late only because"
                + " of an earlier entry, as if recorded alone")
        void amendmentsInOneTransaction() {
            record(enrolment());
            GenericDomainEventMessage<JourneyEvent> summer = message(milestone(DAY.plusDays(120), "a flat of her own"));
            List<GenericDomainEventMessage<JourneyEvent>> batch = List.of(
                    summer,
                    message(new EventRetractedEvent(
                            her, summer.getIdentifier(), "entered twice", OccurredOn.on(DAY.plusDays(200)))),
                    message(milestone(DAY.plusDays(150), "a job")),
                    message(milestone(DAY.plusDays(100), "a course")));

            transaction.executeWithoutResult(status -> batch.forEach(m -> projection.on(m.getPayload(), m)));

            assertThat(JdbcClient.create(dataSource)
                            .sql("SELECT late FROM timeline_entry WHERE participant_id = ? ORDER BY sequence_number")
                            .param(her.toString())
                            .query(Boolean.class)
                            .list())
                    .containsExactly(false, false, false, false, true);
        }

        /** Her next event as the processor hands it over, not yet handed. */
        private GenericDomainEventMessage<JourneyEvent> message(JourneyEvent event) {
            return new GenericDomainEventMessage<>(
                    "Journey",
                    her.toString(),
                    nextSequence++,
                    event,
                    MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                    UUID.randomUUID().toString(),
                    RECORDED.plusSeconds(60 * nextSequence));
        }
    }

    @Nested
    @DisplayName("given several entries on one day")
    class OneDay {

        @Test
        @DisplayName("they are in the journey's life order: her enrolment first, untimed ones, then by time to the "
                + "microsecond, then as recorded")
        void inLifeOrder() {
            String enrolled = record(enrolment());
            String late = record(milestoneAt(DAY.plusDays(1), LocalTime.parse("21:00:00.500"), "late evening"));
            String early = record(milestoneAt(DAY.plusDays(1), LocalTime.parse("21:00:00.100"), "early evening"));
            String untimed = record(milestone(DAY.plusDays(1), "some time that day"));
            String sameTime =
                    record(milestoneAt(DAY.plusDays(1), LocalTime.parse("21:00:00.100"), "at the same moment"));
            String microLater =
                    record(milestoneAt(DAY.plusDays(1), LocalTime.parse("21:00:00.100001"), "a microsecond later"));
            // her enrolment corrected to late on the day of those milestones: still first on its day
            record(new EventCorrectedEvent(
                    her,
                    enrolled,
                    Map.of("occurredOn", DAY.plusDays(1).toString(), "occurredAt", "23:00"),
                    "enrolled the day after",
                    OccurredOn.on(DAY.plusDays(2))));

            List<TimelineEntry> timeline = timeline();

            assertThat(timeline)
                    .extracting(TimelineEntry::eventId)
                    .containsSubsequence(enrolled, untimed, early, sameTime, microLater, late);
            assertThat(timeline)
                    .filteredOn(e -> e.eventId().equals(early))
                    .singleElement()
                    .extracting(TimelineEntry::occurredTime)
                    .isEqualTo(LocalTime.parse("21:00:00.100"));
            assertThat(timeline)
                    .filteredOn(e -> e.eventId().equals(enrolled))
                    .singleElement()
                    .extracting(TimelineEntry::occurredTime)
                    .isEqualTo(LocalTime.of(23, 0));
        }
    }

    @Nested
    @DisplayName("given a correction and a retraction")
    class Amended {

        @Test
        @DisplayName(
                "the corrected entry shows the new values, the reason and the original; the retracted one is marked")
        void amended() {
            record(enrolment());
            String milestone = record(milestone(DAY.plusDays(30), "a room"));
            String relapse = record(new RelapseRecordedEvent(
                    her, OccurredOn.on(DAY.plusDays(50)), RelapseKind.OTHER, null, Set.of(), null));
            record(new EventCorrectedEvent(
                    her,
                    milestone,
                    Map.of("occurredOn", DAY.plusDays(35).toString(), "description", "a room of her own"),
                    "wrong day",
                    OccurredOn.on(DAY.plusDays(36))));
            record(new EventRetractedEvent(her, relapse, "recorded for the wrong participant", OccurredOn.on(DAY)));

            List<TimelineEntry> timeline = timeline();

            TimelineEntry corrected = timeline.stream()
                    .filter(e -> e.eventId().equals(milestone))
                    .findFirst()
                    .orElseThrow();
            assertThat(corrected.status()).isEqualTo("corrected");
            assertThat(corrected.occurredOn()).isEqualTo(DAY.plusDays(35));
            assertThat(corrected.details()).containsEntry("description", "a room of her own");
            assertThat(corrected.corrections())
                    .singleElement()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("wrong day"));
            assertThat(corrected.original().occurredOn()).isEqualTo(DAY.plusDays(30));
            assertThat(corrected.original().details()).containsEntry("description", "a room");

            TimelineEntry retracted = timeline.stream()
                    .filter(e -> e.eventId().equals(relapse))
                    .findFirst()
                    .orElseThrow();
            assertThat(retracted.status()).isEqualTo("retracted");
            assertThat(retracted.retraction().reason()).isEqualTo("recorded for the wrong participant");
        }

        @Test
        @DisplayName(
                "a stored correction with spaces around its day, or a time no one can read, still answers: the day "
                        + "applied, the time left as it was")
        void unreadableValues() {
            record(enrolment());
            String milestone = record(milestoneAt(DAY.plusDays(30), LocalTime.of(9, 0), "a room"));
            record(new EventCorrectedEvent(
                    her,
                    milestone,
                    Map.of("occurredOn", " " + DAY.plusDays(31) + " ", "occurredAt", "soon"),
                    "stored by an older version",
                    OccurredOn.on(DAY.plusDays(32))));

            TimelineEntry corrected = timeline().stream()
                    .filter(e -> e.eventId().equals(milestone))
                    .findFirst()
                    .orElseThrow();

            assertThat(corrected.occurredOn()).isEqualTo(DAY.plusDays(31));
            assertThat(corrected.occurredTime()).isEqualTo(LocalTime.of(9, 0));
        }

        @Test
        @DisplayName("as known before the correction, the entry is as first recorded")
        void asOf() {
            record(enrolment(), 0);
            String milestone = record(milestone(DAY.plusDays(30), "a room"), 10);
            record(
                    new EventCorrectedEvent(
                            her,
                            milestone,
                            Map.of("description", "a room of her own"),
                            "her words",
                            OccurredOn.on(DAY.plusDays(31))),
                    20);

            List<TimelineEntry> before = timelineAsOf(RECORDED.plusSeconds(60 * 15));

            assertThat(before).hasSize(2);
            assertThat(before.get(1).status()).isEqualTo("recorded");
            assertThat(before.get(1).details()).containsEntry("description", "a room");
            assertThat(timeline()).hasSize(3);
        }
    }

    @Nested
    @DisplayName("given an entry into a programme the catalogue does not know yet")
    class ProgrammeNames {

        @Test
        @DisplayName("it is shown without the programme's name, and with it as soon as the catalogue has it")
        void nameFollows() {
            String programme = UUID.randomUUID().toString();
            record(enrolment());
            record(new ProgrammeEnteredEvent(
                    her, ProgrammeId.of(UUID.fromString(programme)), OccurredOn.on(DAY.plusDays(1)), false, null));

            assertThat(timeline().get(1).programmeName()).isNull();
            assertThat(timeline().get(1).programmeName()).as("read again").isNull();

            JdbcClient.create(dataSource)
                    .sql("INSERT INTO programme (programme_id, name, type, registered_at) VALUES (?, ?, ?, now())")
                    .params(programme, "Harbour House", "RESIDENTIAL")
                    .update();

            assertThat(timeline().get(1).programmeName()).isEqualTo("Harbour House");
        }
    }

    @Nested
    @DisplayName("inside the processor's transaction")
    class Transactions {

        @Test
        @DisplayName("rows are written when it commits, and none when it rolls back")
        void heldUntilCommit() {
            record(enrolment());

            transaction.executeWithoutResult(status -> {
                record(milestone(DAY.plusDays(10), "first"));
                assertThat(rowsInThisTransaction())
                        .as("held back, not yet sent")
                        .isEqualTo(1);
                status.setRollbackOnly();
            });
            assertThat(rowsOfHers()).isEqualTo(1);

            transaction.executeWithoutResult(status -> {
                record(milestone(DAY.plusDays(10), "first"));
                assertThat(rowsInThisTransaction())
                        .as("held back, not yet sent")
                        .isEqualTo(1);
            });
            assertThat(rowsOfHers()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("given her erasure")
    class Erased {

        @Test
        @DisplayName("her words and personal values are blanked in every entry, and the rest stays")
        void blanked() {
            record(enrolment());
            record(milestone(DAY.plusDays(30), "a flat near her sister"));
            record(new ParticipantErasedEvent(her, OccurredOn.on(DAY.plusDays(90))));

            List<TimelineEntry> timeline = timeline();

            assertThat(timeline)
                    .extracting(TimelineEntry::type)
                    .containsExactly("participant-enrolled", "milestone-reached", "participant-erased");
            assertThat(timeline.get(0).details())
                    .containsEntry("chosenName", "erased")
                    .doesNotContainKeys("yearOfBirth", "ageAtFirstEntry")
                    .containsEntry("referralSource", "OUTREACH");
            assertThat(timeline.get(1).details())
                    .containsEntry("description", "erased")
                    .containsEntry("type", "STABLE_HOUSING");
            assertThat(timeline.toString()).doesNotContain("Robin", "sister");
        }
    }

    @Nested
    @DisplayName("on a reset before a replay")
    class Reset {

        @Test
        @DisplayName("the table is emptied, and replaying her events gives the same timeline")
        void replayed() {
            List<JourneyEvent> events =
                    List.of(enrolment(), milestone(DAY.plusDays(90), "later"), milestone(DAY.plusDays(20), "earlier"));
            events.forEach(this::recordIt);
            List<TimelineEntry> before = timeline();

            projection.reset();
            assertThat(rowsOfHers()).isZero();
            List<String> first = List.copyOf(ids);
            nextSequence = 0;
            ids.clear();
            for (int i = 0; i < events.size(); i++) {
                replay(events.get(i), first.get(i));
            }

            assertThat(timeline()).isEqualTo(before);
        }

        private void recordIt(JourneyEvent event) {
            record(event);
        }

        private void replay(JourneyEvent event, String id) {
            long sequence = nextSequence++;
            projection.on(
                    event,
                    new GenericDomainEventMessage<>(
                            "Journey",
                            her.toString(),
                            sequence,
                            event,
                            MetaData.with(MetaDataKeys.ACTOR, "caseworker"),
                            id,
                            RECORDED.plusSeconds(60 * sequence)));
        }
    }
}
