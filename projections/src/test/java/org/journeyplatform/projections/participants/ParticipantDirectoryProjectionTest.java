package org.journeyplatform.projections.participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.GenderIdentity;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The participant directory on its own: no Spring Boot, no Axon processor, a real PostgreSQL migrated by the
 * platform's migrations. Events are handed to its handlers as the processor would; the list is read through its query
 * handler, with the scope rows that the {@code participant-scope} projection keeps written beside it.
 */
@DisplayName("The participant directory projection")
class ParticipantDirectoryProjectionTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Instant RECORDED = Instant.parse("2024-03-01T10:00:00Z");

    private JdbcClient jdbc;
    private ParticipantDirectoryProjection directory;

    @BeforeEach
    void aDirectory() {
        jdbc = JdbcClient.create(TestCrypto.dataSource());
        directory = new ParticipantDirectoryProjection(jdbc);
    }

    private ParticipantId enrol(String chosenName, String enrolledBy, int minutesLater) {
        ParticipantId id = ParticipantId.of(UUID.randomUUID());
        enrolment(id, chosenName, enrolledBy, minutesLater);
        jdbc.sql("INSERT INTO participant_scope (participant_id, enrolled_by) VALUES (?, ?)")
                .params(id.toString(), enrolledBy)
                .update();
        return id;
    }

    private String enrolment(ParticipantId id, String chosenName, String enrolledBy, int minutesLater) {
        String eventId = "enrolment-" + id;
        directory.on(
                new ParticipantEnrolledEvent(
                        id,
                        chosenName,
                        1991,
                        ReferralSource.OUTREACH,
                        OccurredOn.on(DAY),
                        AgeBand.AGE_25_TO_34,
                        GenderIdentity.WOMAN,
                        27),
                RECORDED.plusSeconds(60L * minutesLater),
                eventId,
                0L,
                enrolledBy);
        return eventId;
    }

    private void retract(ParticipantId id, long sequenceNumber) {
        directory.on(new EventRetractedEvent(
                id, "update-" + sequenceNumber + "-" + id, "recorded by mistake", OccurredOn.on(DAY)));
    }

    /** A profile update with this name and year of birth, dated that many days after her enrolment. */
    private String update(ParticipantId id, long sequenceNumber, String name, Integer yearOfBirth, int daysLater) {
        return update(id, sequenceNumber, name, yearOfBirth, OccurredOn.on(DAY.plusDays(daysLater)));
    }

    private String update(ParticipantId id, long sequenceNumber, String name, Integer yearOfBirth, OccurredOn when) {
        String eventId = "update-" + sequenceNumber + "-" + id;
        directory.on(
                new ProfileDetailsUpdatedEvent(id, name, yearOfBirth, null, null, null, null, when),
                eventId,
                sequenceNumber);
        return eventId;
    }

    private void entersProgramme(ParticipantId id, String programmeId) {
        jdbc.sql("INSERT INTO participant_scope_programme (participant_id, programme_id) VALUES (?, ?)")
                .params(id.toString(), programmeId)
                .update();
    }

    private ParticipantView profile(ParticipantId id) {
        return directory.handle(new FindParticipantQuery(id.toString()));
    }

    @Nested
    @DisplayName("given her enrolment")
    class Enrolled {

        @Test
        @DisplayName("she is listed with the details she gave, once however often the event is handed over")
        void listed() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            enrolment(robin, "Robin", "caseworker", 0);

            ParticipantView view = profile(robin);

            assertThat(view.chosenName()).isEqualTo("Robin");
            assertThat(view.yearOfBirth()).isEqualTo(1991);
            assertThat(view.referralSource()).isEqualTo(ReferralSource.OUTREACH);
            assertThat(view.enrolledOn()).isEqualTo(DAY);
            assertThat(view.enrolledAt()).isEqualTo(RECORDED);
            assertThat(jdbc.sql("SELECT count(*) FROM participant WHERE participant_id = ?")
                            .param(robin.toString())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("a profile update changes the details it gives and keeps the others")
        void profileUpdated() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            directory.on(
                    new ProfileDetailsUpdatedEvent(
                            robin, "Rob", null, null, null, null, ReferralSource.SELF, OccurredOn.on(DAY.plusDays(3))),
                    "update-" + robin,
                    1L);

            ParticipantView view = profile(robin);
            assertThat(view.chosenName()).isEqualTo("Rob");
            assertThat(view.referralSource()).isEqualTo(ReferralSource.SELF);
            assertThat(view.yearOfBirth()).isEqualTo(1991);
            assertThat(view.genderIdentity()).isEqualTo(GenderIdentity.WOMAN);
        }

        @Test
        @DisplayName("a correction of her enrolment reaches her details; a correction of another event does not")
        void corrected() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("yearOfBirth", "1992", "occurredOn", DAY.plusDays(1).toString()),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(2))));
            directory.on(new EventCorrectedEvent(
                    robin,
                    "some-other-event",
                    Map.of("yearOfBirth", "1950"),
                    "not hers",
                    OccurredOn.on(DAY.plusDays(2))));

            ParticipantView view = profile(robin);
            assertThat(view.yearOfBirth()).isEqualTo(1992);
            assertThat(view.enrolledOn()).isEqualTo(DAY.plusDays(1));
        }

        @Test
        @DisplayName("an update recorded late, dated before a later one, does not override it: her life's order counts")
        void lifeOrder() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            update(robin, 1, "Robbie", null, 30);
            update(robin, 2, "Bobbie", 1990, 10); // recorded after, happened before

            ParticipantView view = profile(robin);
            assertThat(view.chosenName()).isEqualTo("Robbie");
            assertThat(view.yearOfBirth())
                    .as("given only by the earlier update, and by none later")
                    .isEqualTo(1990);
        }

        @Test
        @DisplayName("on one day, a later time of day wins over a later recording, and a corrected time counts")
        void timeOfDay() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            update(robin, 1, "Ana", null, OccurredOn.at(DAY.plusDays(10), java.time.LocalTime.of(16, 0)));
            String morning =
                    update(robin, 2, "Bea", null, OccurredOn.at(DAY.plusDays(10), java.time.LocalTime.of(9, 0)));
            update(robin, 3, "Cleo", null, 10); // untimed: first on its day
            update(
                    robin,
                    4,
                    "Dee",
                    null,
                    OccurredOn.at(DAY.plusDays(11), java.time.LocalTime.of(10, 0, 0, 900_000_000)));
            update(
                    robin,
                    5,
                    "Eve",
                    null,
                    OccurredOn.at(DAY.plusDays(11), java.time.LocalTime.of(10, 0, 0, 500_000_000)));
            assertThat(profile(robin).chosenName())
                    .as("a tenth of a second later in her day")
                    .isEqualTo("Dee");
            retract(robin, 4);
            retract(robin, 5);

            assertThat(profile(robin).chosenName()).isEqualTo("Ana");

            directory.on(new EventCorrectedEvent(
                    robin, morning, Map.of("occurredAt", "17:30"), "typed wrong", OccurredOn.on(DAY)));
            assertThat(profile(robin).chosenName()).isEqualTo("Bea");
        }

        @Test
        @DisplayName(
                "a corrected name of a detail that is not one of its names is skipped, as her folded history skips it")
        void unknownNameSkipped() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("ageBand", "AGE_300_PLUS", "referralSource", "SELF"),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(2))));

            assertThat(profile(robin).ageBand()).isEqualTo(AgeBand.AGE_25_TO_34);
            assertThat(profile(robin).referralSource()).isEqualTo(ReferralSource.SELF);
        }

        @Test
        @DisplayName("a retracted update no longer gives her details: what she had before it is back")
        void retractedUpdate() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            update(robin, 1, "Robbie", 1993, 10);
            String wrongPerson = update(robin, 2, "Somebody Else", 1970, 20);

            directory.on(new EventRetractedEvent(robin, wrongPerson, "another woman's name", OccurredOn.on(DAY)));
            directory.on(new EventRetractedEvent(robin, wrongPerson, "another woman's name", OccurredOn.on(DAY)));

            ParticipantView view = profile(robin);
            assertThat(view.chosenName()).isEqualTo("Robbie");
            assertThat(view.yearOfBirth()).isEqualTo(1993);
        }

        @Test
        @DisplayName("a correction of an update reaches her details; one of her enrolment does not override a later "
                + "update of the same detail")
        void correctedUpdate() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            String typo = update(robin, 1, "Robbbie", null, 10);

            directory.on(new EventCorrectedEvent(
                    robin, typo, Map.of("chosenName", "Robbie"), "typed wrong", OccurredOn.on(DAY.plusDays(11))));
            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("chosenName", "Robyn", "yearOfBirth", "1992"),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(12))));

            ParticipantView view = profile(robin);
            assertThat(view.chosenName())
                    .as("the update, as corrected, is later in her life")
                    .isEqualTo("Robbie");
            assertThat(view.yearOfBirth()).as("no update gives it").isEqualTo(1992);

            directory.on(new EventCorrectedEvent(
                    robin, typo, Map.of("chosenName", ""), "gave no name", OccurredOn.on(DAY.plusDays(13))));
            assertThat(profile(robin).chosenName())
                    .as("an update that no longer gives a name")
                    .isEqualTo("Robyn");
        }

        @Test
        @DisplayName("upgraded to keep her changes (V22), her profile stays as the directory had it, and later updates "
                + "and corrections of her enrolment apply over it")
        void upgraded() throws java.io.IOException {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            update(robin, 1, "Robbie", null, 10);
            jdbc.sql("DELETE FROM participant_profile_change WHERE participant_id = ?")
                    .param(robin.toString())
                    .update();
            ParticipantView before = profile(robin);
            String migration;
            try (var in = getClass().getResourceAsStream("/db/migration/V22__profile_changes.sql")) {
                migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }

            new org.springframework.jdbc.core.JdbcTemplate(TestCrypto.dataSource())
                    .execute(migration.substring(migration.indexOf("INSERT INTO participant_profile_change")));
            directory.workOutProfile(robin.toString());

            assertThat(profile(robin)).isEqualTo(before);
            update(robin, 2, "Rob", null, 20);
            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("yearOfBirth", "1990"),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(21))));
            assertThat(profile(robin).chosenName()).isEqualTo("Rob");
            assertThat(profile(robin).yearOfBirth()).isEqualTo(1990);
        }

        @Test
        @DisplayName("a stored correction of a whole number in other digits than 0 to 9 (recorded before the domain "
                + "refused them) is skipped, as her folded history skips it, and her later details still arrive")
        void otherDigitsSkipped() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("yearOfBirth", "１９９２", "ageAtFirstEntry", "+19"),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(2))));
            directory.on(new EventCorrectedEvent(
                    robin,
                    "enrolment-" + robin,
                    Map.of("occurredOn", DAY.plusDays(1).toString()),
                    "typed wrong",
                    OccurredOn.on(DAY.plusDays(3))));

            ParticipantView view = profile(robin);
            assertThat(view.yearOfBirth()).isNotEqualTo(1992);
            assertThat(view.enrolledOn()).isEqualTo(DAY.plusDays(1));
        }

        @Test
        @DisplayName("her erasure blanks her personal details; she stays listed as erased")
        void erased() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);

            directory.on(new ParticipantErasedEvent(robin, OccurredOn.on(DAY.plusDays(9))));
            directory.on(new ParticipantErasedEvent(robin, OccurredOn.on(DAY.plusDays(9))));

            ParticipantView view = profile(robin);
            assertThat(view.chosenName()).isEqualTo("erased");
            assertThat(view.yearOfBirth()).isNull();
            assertThat(view.genderIdentity()).isNull();
            assertThat(view.ageAtFirstEntry()).isNull();
            assertThat(view.referralSource()).isEqualTo(ReferralSource.OUTREACH);
        }

        @Test
        @DisplayName("her erasure blanks the details her enrolment and updates gave, so that nothing brings them back")
        void erasedChanges() {
            ParticipantId robin = enrol("Robin", "caseworker", 0);
            update(robin, 1, "Robbie", 1993, 10);

            directory.on(new ParticipantErasedEvent(robin, OccurredOn.on(DAY.plusDays(20))));

            assertThat(jdbc.sql("""
                            SELECT coalesce(chosen_name, '-') || ' ' || coalesce(CAST(year_of_birth AS text), '-')
                              FROM participant_profile_change WHERE participant_id = ?
                             ORDER BY sequence_number""").param(robin.toString()).query(String.class).list())
                    .containsExactly("erased -", "- -");

            // a change written after her erasure was read (a batch that read her rows before it committed) never
            // brings her details back
            jdbc.sql("UPDATE participant_profile_change SET chosen_name = 'Robbie' WHERE participant_id = ?")
                    .param(robin.toString())
                    .update();
            directory.workOutProfile(robin.toString());
            assertThat(profile(robin).chosenName()).isEqualTo("erased");

            // an update the directory meets after her erasure (it was behind) still gives what is not personal
            directory.on(
                    new ProfileDetailsUpdatedEvent(
                            robin,
                            "Robbie",
                            1993,
                            null,
                            null,
                            null,
                            ReferralSource.SELF,
                            OccurredOn.on(DAY.plusDays(15))),
                    "late-" + robin,
                    2L);
            ParticipantView view = profile(robin);
            assertThat(view.chosenName()).isEqualTo("erased");
            assertThat(view.yearOfBirth()).isNull();
            assertThat(view.referralSource()).isEqualTo(ReferralSource.SELF);
        }
    }

    @Nested
    @DisplayName("listing for a staff member")
    class Listing {

        private final String caseworker = "caseworker-" + UUID.randomUUID();
        private final String harbourHouse = UUID.randomUUID().toString();

        @Test
        @DisplayName("holds those she enrolled, those ever in her programmes and those of her grants, newest first")
        void herScope() {
            ParticipantId anna = enrol("Anna", caseworker, 1);
            ParticipantId bea = enrol("Bea", "someone-else", 2);
            entersProgramme(bea, harbourHouse);
            ParticipantId cleo = enrol("Cleo", "someone-else", 3);
            ParticipantId dora = enrol("Dora", "someone-else", 4);
            entersProgramme(dora, UUID.randomUUID().toString());

            List<String> listed =
                    ids(new FindParticipantsQuery.Visible(caseworker, List.of(harbourHouse), List.of(cleo.toString())));

            assertThat(listed).containsExactly(cleo.toString(), bea.toString(), anna.toString());
            assertThat(listed).doesNotContain(dora.toString());
        }

        @Test
        @DisplayName("with no programmes and no grants, holds only those she enrolled")
        void nothingElse() {
            ParticipantId anna = enrol("Anna", caseworker, 1);
            enrol("Bea", "someone-else", 2);

            assertThat(ids(new FindParticipantsQuery.Visible(caseworker, List.of(), List.of())))
                    .containsExactly(anna.toString());
        }

        @Test
        @DisplayName("pages with limit and offset")
        void pages() {
            ParticipantId anna = enrol("Anna", caseworker, 1);
            ParticipantId bea = enrol("Bea", caseworker, 2);
            FindParticipantsQuery.Visible hers = new FindParticipantsQuery.Visible(caseworker, List.of(), List.of());

            assertThat(directory.handle(new FindParticipantsQuery(1, 0, hers)))
                    .extracting(ParticipantView::participantId)
                    .containsExactly(bea.toString());
            assertThat(directory.handle(new FindParticipantsQuery(1, 1, hers)))
                    .extracting(ParticipantView::participantId)
                    .containsExactly(anna.toString());
        }

        @Test
        @DisplayName("is never asked without a scope: there is no list of everyone")
        void noUnscopedList() {
            assertThatThrownBy(() -> new FindParticipantsQuery(500, 0, null)).isInstanceOf(NullPointerException.class);
        }

        private List<String> ids(FindParticipantsQuery.Visible visible) {
            return directory.handle(new FindParticipantsQuery(500, 0, visible)).stream()
                    .map(ParticipantView::participantId)
                    .toList();
        }
    }
}
