package org.journeyplatform.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.journeyplatform.domain.shared.ParticipantId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bulk generator against the ordinary way of recording: the same stories (one seed) told about two sets of
 * participants in two sets of programmes (two names), one in bulk, one a command and a transaction at a time as the API
 * and the demo data set record. Everything stored and every read model must be the same, ids and recording times
 * aside.
 */
@DisplayName("The bulk generator of synthetic journeys")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedJourneysTest extends org.journeyplatform.api.support.ApiTestBase {

    /** A database of its own: its comparisons count what is in the store. */
    private static final org.journeyplatform.infra.testsupport.TestDatabase.Coordinates DATABASE =
            org.journeyplatform.infra.testsupport.TestDatabase.fresh();

    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        database(registry, DATABASE, auditCheckpointFile());
    }

    private static final int PARTICIPANTS = 30;
    private static final JourneyGenerator.Request BULK = new JourneyGenerator.Request(PARTICIPANTS, 60, 7, 4, "bulk");
    private static final JourneyGenerator.Request ONE_BY_ONE =
            new JourneyGenerator.Request(PARTICIPANTS, 60, 7, 4, "one-by-one");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:[0-9.]+Z");

    @Autowired
    private JourneyGenerator generator;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private JdbcClient jdbc;

    private JourneyGenerator.Result bulk;
    private JourneyGenerator.Result oneByOne;

    @BeforeAll
    void generate() {
        List<Long> progress = new ArrayList<>();
        bulk = generator.generate(BULK, new JourneyGenerator.Progress() {
            @Override
            public void done(long journeys, long events) {
                progress.add(journeys);
            }

            @Override
            public void finished() {
                progress.add(-1L);
            }
        });
        oneByOne = generator.recordOneByOne(ONE_BY_ONE);
        assertThat(progress).as("progress is told batch by batch, then the end").endsWith((long) PARTICIPANTS, -1L);
    }

    @Nested
    @DisplayName("when it has generated journeys in bulk")
    class Generated {

        @Test
        @DisplayName("they are full journeys of about the asked length, with every kind of journey event")
        void fullJourneys() {
            assertThat(bulk.events()).isBetween(PARTICIPANTS * 40L, PARTICIPANTS * 80L);
            assertThat(bulk.erased()).isEqualTo(1);
            List<String> stored = jdbc.sql("""
                            SELECT DISTINCT payload_type FROM domain_event_entry
                             WHERE aggregate_identifier IN (SELECT participant_id FROM participant_scope)""").query(String.class).list();
            assertThat(stored)
                    .as("corrections, retractions, stays, relapses, consents... all there")
                    .contains(
                            "org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent",
                            "org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent",
                            "org.journeyplatform.domain.journey.event.ProgrammeExitedEvent",
                            "org.journeyplatform.domain.journey.event.RelapseRecordedEvent",
                            "org.journeyplatform.domain.journey.event.AssessmentRecordedEvent",
                            "org.journeyplatform.domain.journey.event.ConsentGivenEvent",
                            "org.journeyplatform.domain.journey.event.EventCorrectedEvent",
                            "org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent");
        }

        @Test
        @DisplayName("every journey holds the same events as when recorded one command at a time")
        void sameEvents() {
            assertThat(bulk.events()).isEqualTo(oneByOne.events());
            assertThat(bulk.refused()).isEqualTo(oneByOne.refused());
            for (int i = 0; i < PARTICIPANTS; i++) {
                assertThat(stored(JourneyGenerator.participantId(BULK, i)))
                        .as("participant %d", i)
                        .isEqualTo(stored(JourneyGenerator.participantId(ONE_BY_ONE, i)));
            }
        }

        @Test
        @DisplayName("her personal data is sealed under her own key, as the API stores it")
        void sealed() {
            String name = SyntheticJourneys.pseudonym(0);
            // not inside a sealed value ("pd1:" and Base64): among thousands, one holds four given letters now and then
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') ~ ?")
                            .param("(^|[^A-Za-z0-9+/:])" + name + "([^A-Za-z0-9+/=]|$)")
                            .query(Long.class)
                            .single())
                    .as("no chosen name in the clear")
                    .isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM keystore.participant_data_key WHERE participant_id = ?")
                            .param(JourneyGenerator.participantId(BULK, 0).toString())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        @DisplayName(
                "timelines, summaries and programme dashboards are the same as when recorded one command at a time")
        void sameReadModels() {
            ApiClient manager = this.manager();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int i = 0; i < PARTICIPANTS; i++) {
                    assertThat(read(
                                    manager,
                                    "/api/v1/participants/" + JourneyGenerator.participantId(BULK, i) + "/timeline"))
                            .as("timeline of participant %d", i)
                            .isEqualTo(read(
                                    manager,
                                    "/api/v1/participants/" + JourneyGenerator.participantId(ONE_BY_ONE, i)
                                            + "/timeline"));
                }
            });
            for (int i = 0; i < PARTICIPANTS; i++) {
                assertThat(read(
                                manager,
                                "/api/v1/participants/" + JourneyGenerator.participantId(BULK, i) + "/summary"))
                        .as("summary of participant %d", i)
                        .isEqualTo(read(
                                manager,
                                "/api/v1/participants/" + JourneyGenerator.participantId(ONE_BY_ONE, i) + "/summary"));
            }
            String period = "?from=" + LocalDate.now().minusYears(6) + "&to=" + LocalDate.now() + "&interval=quarter";
            List<String> bulkProgrammes = programmes("bulk");
            List<String> oneByOneProgrammes = programmes("one-by-one");
            assertThat(bulkProgrammes).hasSize(4);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (int k = 0; k < 4; k++) {
                    assertThat(read(manager, "/api/v1/programmes/" + bulkProgrammes.get(k) + "/dashboard" + period))
                            .as("dashboard of programme %d", k)
                            .isEqualTo(read(
                                    manager,
                                    "/api/v1/programmes/" + oneByOneProgrammes.get(k) + "/dashboard" + period));
                }
            });
        }

        @Test
        @DisplayName("every summary kept for the next read is the one folded from her events")
        void keptSummaries() {
            ApiClient manager = this.manager();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i++) {
                ids.add(JourneyGenerator.participantId(BULK, i).toString());
                ids.add(JourneyGenerator.participantId(ONE_BY_ONE, i).toString());
            }
            String now = java.time.Instant.now().toString();
            for (String id : ids) {
                String path = "/api/v1/participants/" + id + "/summary";
                String first = read(manager, path); // folds her events, and keeps the fold
                boolean erased = jdbc.sql("SELECT count(*) FROM keystore.erasure_ledger WHERE participant_id = ?")
                                .param(id)
                                .query(Long.class)
                                .single()
                        > 0;
                assertThat(jdbc.sql("""
                                SELECT count(*) FROM participant_summary s
                                 WHERE s.participant_id = ?
                                   AND s.version = (SELECT max(sequence_number) FROM domain_event_entry
                                                     WHERE aggregate_identifier = s.participant_id)""").param(id).query(Long.class).single())
                        .as("summary of %s kept at her latest version, unless she was erased", id)
                        .isEqualTo(erased ? 0 : 1);
                // served from the kept row; with asOfRecorded the platform folds her events again
                assertThat(read(manager, path))
                        .as("kept summary of %s", id)
                        .isEqualTo(first)
                        .isEqualTo(read(manager, path + "?asOfRecorded=" + now));
            }
        }

        private ApiClient manager() {
            return GeneratedJourneysTest.this.manager;
        }
    }

    @Nested
    @DisplayName("when asked for what it cannot do")
    class Refusals {

        @Test
        @DisplayName("it refuses the same seed twice rather than mixing two data sets")
        void sameSeedTwice() {
            assertThatThrownBy(() -> generator.generate(BULK, null))
                    .isInstanceOf(JourneyGenerator.BadArguments.class)
                    .hasMessageContaining("already holds the journeys of seed 7");
        }

        @Test
        @DisplayName("it names the option that is wrong and what it must be")
        void wrongArguments() {
            assertThatThrownBy(
                            () -> JourneyGenerator.parse(new DefaultApplicationArguments("--generate-journeys=lots")))
                    .hasMessage("--generate-journeys must be a whole number from 1 to 10000000, not 'lots'");
            assertThatThrownBy(() -> JourneyGenerator.parse(new DefaultApplicationArguments(
                            "--generate-journeys=10", "--generate-events-per-journey=0")))
                    .hasMessageStartingWith("--generate-events-per-journey must be a whole number from 1");
            assertThatThrownBy(() -> JourneyGenerator.parse(new DefaultApplicationArguments("--generate-journeys")))
                    .hasMessage("--generate-journeys needs a number, given as --generate-journeys=<number>");
            assertThatThrownBy(() -> JourneyGenerator.parse(
                            new DefaultApplicationArguments("--generate-journeys=10", "--generate-sed=3")))
                    .as("a misspelt option is never ignored")
                    .hasMessageStartingWith("there is no option --generate-sed");
            assertThatThrownBy(() -> JourneyGenerator.parse(new DefaultApplicationArguments("--generate-seed=3")))
                    .as("the generator's options without the number of journeys")
                    .hasMessage("--generate-journeys=<participants> is needed to generate journeys");
            assertThat(JourneyGenerator.parse(new DefaultApplicationArguments("--generate-journeys=1_000")))
                    .isEqualTo(new JourneyGenerator.Request(1000, 50, 1, 10));
        }
    }

    /** Her stored events: type, sequence, actor and payload, with ids numbered in the order they first appear. */
    private List<String> stored(ParticipantId participant) {
        List<String> events = new ArrayList<>();
        eventStore
                .readEvents(participant.toString(), 0)
                .asStream()
                .forEach((DomainEventMessage<?> event) -> events.add(
                        event.getSequenceNumber() + " " + event.getPayloadType().getName() + " "
                                + event.getMetaData().get(MetaDataKeys.ACTOR) + " " + event.getPayload()));
        return List.of(numberIds(String.join("\n", events)).split("\n"));
    }

    private String read(ApiClient client, String path) {
        ApiClient.Response response = client.get(path);
        return response.status() + " "
                + INSTANT.matcher(numberIds(response.body())).replaceAll("<instant>");
    }

    private List<String> programmes(String names) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ids.add(java.util
                    .UUID
                    .nameUUIDFromBytes((names + "-7-programme-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString());
        }
        return ids;
    }

    /** Every id replaced by its number of first appearance: two texts that differ only in their ids compare equal. */
    private static String numberIds(String text) {
        Map<String, String> numbers = new LinkedHashMap<>();
        Matcher matcher = UUID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, numbers.computeIfAbsent(matcher.group(), id -> "id-" + (numbers.size() + 1)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
