package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.journeyplatform.api.kafka.DashboardTopicConsumer;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.api.support.TcpProxy;
import org.journeyplatform.infra.kafka.IntegrationEvents;
import org.journeyplatform.infra.kafka.PublishLag;
import org.journeyplatform.projections.dashboard.DashboardFacts;
import org.journeyplatform.projections.dashboard.ProgrammeDashboard;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The integration stream against a real Kafka broker in the JVM (spring-kafka-test's embedded KRaft broker): every
 * journey event on {@code journey.events.v1}, keyed by participant, in order, at least once and never skipped, also
 * across a broker outage; no personal data in the clear; and a dashboard fed from the topic by two consumers of one
 * group that gives the same figures as the in-process projection.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.journeyplatform.api.support.StopsProjectionsAfterwards.class)
@DisplayName("Journey events on Kafka")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrationStreamTest extends ApiTest {

    private static final String TOPIC = "journey.events.v1";
    private static EmbeddedKafkaKraftBroker broker;
    /** Clients reach the broker only through this proxy, which the outage test cuts off and brings back. */
    private static TcpProxy proxy;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PublishLag publishLag;

    @Autowired
    private DashboardTopicConsumer dashboardConsumer;

    @Autowired
    private ProgrammeDashboardProjection dashboards;

    private String programme;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws IOException {
        int brokerPort = freePort();
        proxy = new TcpProxy(freePort(), brokerPort);
        proxy.start();
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("listeners", "EXTERNAL://localhost:" + brokerPort + ",CONTROLLER://localhost:0");
        // the broker tells clients to come back through the proxy
        broker.brokerProperty("advertised.listeners", "EXTERNAL://localhost:" + proxy.port());
        broker.afterPropertiesSet();
        registry.add("journey.kafka.enabled", () -> "true");
        registry.add("journey.kafka.bootstrap-servers", () -> "localhost:" + proxy.port());
        registry.add("journey.kafka.partitions", () -> "3");
        registry.add("journey.kafka.ack-timeout", () -> "PT5S");
        registry.add("journey.kafka.dashboard-consumer.enabled", () -> "true");
        registry.add("journey.kafka.dashboard-consumer.instances", () -> "2");
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.destroy();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeEach
    void programme() {
        programme = registerProgramme("Stream test programme " + UUID.randomUUID(), "RESIDENTIAL");
        org.journeyplatform.api.support.Journeys.awaitProgramme(caseworker, programme);
        assertThat(admin.send("PUT", "/api/v1/admin/staff/caseworker/programmes/" + programme, null)
                        .status())
                .isEqualTo(204);
    }

    @Test
    @Order(1)
    @DisplayName("carries every stored journey event exactly once, keyed by participant and in her order, "
            + "as a CloudEvent with no personal data in the clear")
    void everyEventOnce() {
        // given journeys with entries, milestones, exits, a correction and a retraction, and canary personal data
        String canary = "CANARY-" + UUID.randomUUID();
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            participants.add(journey(canary + "-" + i, i));
        }

        // when the publisher has caught up
        await().atMost(Duration.ofSeconds(60)).until(() -> publishLag.events() == 0);

        // then every stored journey event is on the topic once, in her order, with its CloudEvents attributes
        List<ConsumerRecord<String, byte[]>> records = readTopic(storedEventIds());
        Map<String, Integer> seen = new HashMap<>();
        records.forEach(r -> seen.merge(IntegrationEvents.header(r.headers(), "ce_id"), 1, Integer::sum));
        assertThat(seen.keySet()).containsAll(storedEventIds());
        assertThat(seen.values()).as("no event twice when nothing failed").allMatch(count -> count == 1);
        assertInOrderPerParticipant(records);
        ConsumerRecord<String, byte[]> first = records.stream()
                .filter(r -> r.key().equals(participants.get(0)))
                .findFirst()
                .orElseThrow();
        assertThat(IntegrationEvents.header(first.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(IntegrationEvents.header(first.headers(), "ce_type"))
                .isEqualTo("org.journeyplatform.journey.participant-enrolled.v1");
        assertThat(IntegrationEvents.header(first.headers(), "ce_subject")).isEqualTo(participants.get(0));
        assertThat(records)
                .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .doesNotContain("CANARY"));
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).contains("\"chosenName\":\"pd1:");
    }

    @Test
    @Order(2)
    @DisplayName("keeps taking commands while the broker is unreachable, and afterwards has published every event, "
            + "none skipped")
    void brokerOutage() throws IOException {
        // given the publisher has caught up
        journey("Outage before", 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> publishLag.events() == 0);

        // when the broker cannot be reached while journeys are recorded (the embedded broker cannot restart on its
        // port, so it is cut off as clients see a stopped broker: connections refused, open ones dropped)
        proxy.stop();
        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            duringOutage.add(journey("Outage during " + i, i)); // each call asserts 201: commands keep working
        }
        assertThat(publishLag.events()).as("events wait for the broker").isPositive();

        // and it comes back
        proxy.start();

        // then every stored event is on the topic, in order per participant, and the lag is back to zero
        await().atMost(Duration.ofSeconds(120)).until(() -> publishLag.events() == 0);
        List<ConsumerRecord<String, byte[]>> records = readTopic(storedEventIds());
        assertThat(records.stream()
                        .map(r -> IntegrationEvents.header(r.headers(), "ce_id"))
                        .toList())
                .containsAll(storedEventIds());
        assertInOrderPerParticipant(records);
        assertThat(records.stream().map(ConsumerRecord::key)).containsAll(duringOutage);
    }

    @Test
    @Order(3)
    @DisplayName("feeds a dashboard process whose two consumers share the partitions and give the in-process figures")
    void dashboardFromTheTopic() {
        // given a programme of 14 participants, recorded and published
        for (int i = 0; i < 14; i++) {
            journey("Dashboard " + i, i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> publishLag.events() == 0);

        // when both consumers have applied everything on the topic
        await().atMost(Duration.ofSeconds(60)).until(() -> dashboardConsumer.lag() == 0 && appliedAll());

        // then the two consumers of the group share the partitions
        assertThat(dashboardConsumer.assignments())
                .hasSize(2)
                .allSatisfy((consumer, partitions) -> assertThat(partitions).isNotEmpty());

        // and the figures from the topic are the in-process projection's, cell for cell
        ProgrammeDashboardQuery query = new ProgrammeDashboardQuery(List.of(programme), daysAgo(800), daysAgo(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgrammeDashboard fromEvents = dashboards.dashboardFrom(DashboardFacts.EVENT_STORE_TABLE, query);
            ProgrammeDashboard fromKafka = dashboards.dashboardFrom(DashboardFacts.KAFKA_TABLE, query);
            assertThat(fromKafka).isEqualTo(fromEvents);
            assertThat(fromEvents.headline().get("participants").value()).isEqualTo(14.0);
        });
    }

    /** Enrols her, enters the programme, a milestone, an exit corrected afterwards, a relapse retracted. */
    private String journey(String name, int variant) {
        String id = enrol(name, daysAgo(700 + variant));
        String path = "/api/v1/participants/" + id + "/";
        assertThat(caseworker
                        .post(
                                path + "programme-entries",
                                json(
                                        "programmeId",
                                        programme,
                                        "occurredOn",
                                        daysAgo(600 + variant).toString(),
                                        "note",
                                        name + " arrived"))
                        .status())
                .isEqualTo(201);
        assertThat(caseworker
                        .post(
                                path + "milestones",
                                json("occurredOn", daysAgo(500).toString(), "type", "STABLE_HOUSING"))
                        .status())
                .isEqualTo(201);
        assertThat(caseworker
                        .post(
                                path + "programme-exits",
                                json(
                                        "programmeId",
                                        programme,
                                        "occurredOn",
                                        daysAgo(300 + variant).toString(),
                                        "reason",
                                        "COMPLETED",
                                        "note",
                                        name + " left"))
                        .status())
                .isEqualTo(201);
        assertThat(caseworker
                        .post(
                                path + "relapses",
                                json(
                                        "occurredOn",
                                        daysAgo(200).toString(),
                                        "kind",
                                        "DRUG_OR_ALCOHOL_USE",
                                        "note",
                                        name + " relapse"))
                        .status())
                .isEqualTo(201);
        JsonNode timeline = awaitTimeline(id, 5);
        String exit = eventIdOfType(timeline, "programme-exited");
        String relapse = eventIdOfType(timeline, "relapse-recorded");
        assertThat(caseworker
                        .post(path + "events/" + exit + "/corrections", """
                {"correctedValues": {"reason": "LEFT_BY_CHOICE", "note": "%s left by choice"},
                 "reason": "%s: she chose to leave"}""".formatted(name, name))
                        .status())
                .isEqualTo(201);
        assertThat(caseworker
                        .post(
                                path + "events/" + relapse + "/retraction",
                                json("reason", name + ": recorded for the wrong person"))
                        .status())
                .isEqualTo(201);
        return id;
    }

    private static String eventIdOfType(JsonNode timeline, String type) {
        for (JsonNode row : timeline) {
            if (type.equals(row.path("eventType").asText())
                    || type.equals(row.path("type").asText())) {
                return row.get("eventId").asText();
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }

    private List<String> storedEventIds() {
        return jdbc.sql("SELECT event_identifier FROM domain_event_entry WHERE type = 'Journey' ORDER BY global_index")
                .query(String.class)
                .list();
    }

    private boolean appliedAll() {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry e WHERE e.type = 'Journey'
                           AND NOT EXISTS (SELECT 1 FROM kafka_dashboard.applied_event a
                                            WHERE a.event_id = e.event_identifier)""").query(Long.class).single() == 0;
    }

    /** Reads the topic from the start, as a consumer of a group of its own, until every expected id was seen. */
    private List<ConsumerRecord<String, byte[]>> readTopic(List<String> expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + proxy.port());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            Set<String> missing = new java.util.HashSet<>(expected);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    records.add(r);
                    missing.remove(IntegrationEvents.header(r.headers(), "ce_id"));
                });
                return missing.isEmpty();
            });
            // and anything else already there (duplicates would show now)
            for (int empty = 0; empty < 2; ) {
                var more = consumer.poll(Duration.ofMillis(500));
                more.forEach(records::add);
                empty = more.isEmpty() ? empty + 1 : 0;
            }
        }
        return records;
    }

    /** Within each participant, events arrive in the order they were recorded (ignoring redeliveries). */
    private static void assertInOrderPerParticipant(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            long sequence = Long.parseLong(IntegrationEvents.header(record.headers(), "journey_sequence"));
            Long previous = last.get(record.key());
            if (previous != null && sequence <= previous) {
                // a redelivery repeats a run of events already seen; never one that skips ahead and comes back
                assertThat(sequence).as("redelivered, not reordered").isLessThanOrEqualTo(previous);
                continue;
            }
            if (previous != null) {
                assertThat(sequence)
                        .as("no gap in her events for " + record.key())
                        .isEqualTo(previous + 1);
            }
            last.put(record.key(), sequence);
        }
    }
}
