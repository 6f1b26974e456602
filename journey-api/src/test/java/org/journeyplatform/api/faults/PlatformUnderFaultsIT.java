package org.journeyplatform.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.PackagedApp;
import org.journeyplatform.api.support.TcpProxy;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged platform, started as a child process as an operator runs it, under the faults an operator meets: a
 * kill -9 under load, a database outage, two instances on one database. Every request carries an Idempotency-Key (but
 * the two-instance one), so that what a client was told can be checked against what was stored.
 */
@DisplayName("The packaged platform under faults")
class PlatformUnderFaultsIT {

    private static final Map<String, String> CACHE_ON = Map.of("JOURNEY_AGGREGATE_CACHE", "true");
    private static final Map<String, String> CACHE_OFF = Map.of("JOURNEY_AGGREGATE_CACHE", "false");

    /** One keyed request a client sent, and what it was told. */
    record Sent(String key, String participant, String body, int status) {}

    private static String milestone(int daysAgo) {
        return "{\"occurredOn\":\"" + LocalDate.now().minusDays(daysAgo) + "\",\"type\":\"HEALTH\"}";
    }

    private static List<String> enrol(ApiClient client, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient.Response response = client.post(
                    "/api/v1/participants",
                    "{\"chosenName\":\"Fault " + i + "\",\"enrolledOn\":\""
                            + LocalDate.now().minusDays(400) + "\"}");
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            ids.add(response.json().get("participantId").asText());
        }
        return ids;
    }

    private static long count(String url, String sql, Object... params) throws SQLException {
        TestDatabase.Coordinates base = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(url, base.username(), base.password());
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Clients sending keyed milestones until told to stop; what each was answered (0: no answer). */
    private static List<Sent> load(
            ApiClient[] clients, List<String> participants, AtomicBoolean stop, Duration maxDuration) throws Exception {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients.length);
        Instant deadline = Instant.now().plus(maxDuration);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (ApiClient client : clients) {
                workers.add(pool.submit(() -> {
                    int day = ThreadLocalRandom.current().nextInt(1, 300);
                    while (!stop.get() && Instant.now().isBefore(deadline)) {
                        String participant =
                                participants.get(ThreadLocalRandom.current().nextInt(participants.size()));
                        String key = UUID.randomUUID().toString();
                        String body = milestone(day);
                        int status;
                        try {
                            status = client.post(
                                            "/api/v1/participants/" + participant + "/milestones",
                                            body,
                                            "Idempotency-Key",
                                            key)
                                    .status();
                        } catch (AssertionError noAnswer) {
                            status = 0;
                        }
                        sent.add(new Sent(key, participant, body, status));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(maxDuration.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return sent;
    }

    /** Every participant's events are her enrolment plus exactly one per distinct key sent for her. */
    private static void assertExactlyOncePerKey(String url, List<Sent> sent, List<String> participants)
            throws SQLException {
        Map<String, Long> keysPerParticipant = new HashMap<>();
        sent.stream()
                .map(s -> s.participant() + " " + s.key())
                .distinct()
                .forEach(pk -> keysPerParticipant.merge(pk.split(" ")[0], 1L, Long::sum));
        for (String participant : participants) {
            assertThat(count(
                            url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", participant))
                    .as("events of %s", participant)
                    .isEqualTo(1 + keysPerParticipant.getOrDefault(participant, 0L));
        }
        assertThat(count(url, "SELECT count(*) FROM idempotency_record WHERE status IS NULL"))
                .as("keys left claimed")
                .isZero();
    }

    @Nested
    @DisplayName("killed with SIGKILL while clients send keyed commands")
    class KillNine {

        @Test
        @DisplayName("keeps every acknowledged event once, and a retry of every unanswered request runs once")
        void killedUnderLoad() throws Exception {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            try (PackagedApp app = PackagedApp.start("kill-nine", db.url(), CACHE_ON)) {
                ApiClient setup = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                List<String> participants = enrol(setup, 8);
                ApiClient[] clients = new ApiClient[8];
                for (int i = 0; i < clients.length; i++) {
                    clients[i] = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                }
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService killer = Executors.newSingleThreadExecutor();
                Future<?> kill = killer.submit(() -> {
                    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
                    app.kill9();
                    stop.set(true);
                    return null;
                });
                List<Sent> sent = load(clients, participants, stop, Duration.ofSeconds(30));
                kill.get();
                killer.shutdown();
                List<Sent> unanswered =
                        sent.stream().filter(s -> s.status() == 0).toList();
                List<Sent> acknowledged =
                        sent.stream().filter(s -> s.status() == 201).toList();
                assertThat(acknowledged).isNotEmpty();
                assertThat(sent).allMatch(s -> s.status() == 0 || s.status() == 201, "answers were 201 or none");

                app.restart(db.url(), CACHE_ON);
                ApiClient retrier = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                for (Sent request : unanswered) {
                    ApiClient.Response retry = retrier.post(
                            "/api/v1/participants/" + request.participant() + "/milestones",
                            request.body(),
                            "Idempotency-Key",
                            request.key());
                    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
                }
                for (Sent request : acknowledged.subList(0, Math.min(20, acknowledged.size()))) {
                    ApiClient.Response retry = retrier.post(
                            "/api/v1/participants/" + request.participant() + "/milestones",
                            request.body(),
                            "Idempotency-Key",
                            request.key());
                    assertThat(retry.header("Idempotent-Replayed"))
                            .as("an acknowledged request is stored")
                            .isEqualTo("true");
                }
                assertExactlyOncePerKey(db.url(), sent, participants);
            }
        }
    }

    @Nested
    @DisplayName("when its database is unreachable")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class DatabaseUnreachable {

        /** One platform behind one proxy for both tests (a start costs about 10 s); each leaves it connected. */
        private TestDatabase.Coordinates db;

        private TcpProxy proxy;
        private PackagedApp app;

        @BeforeAll
        void start() throws Exception {
            db = TestDatabase.fresh();
            URIParts target = URIParts.of(db.url());
            proxy = startedProxy(target.port());
            app = PackagedApp.start(
                    "database-unreachable",
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + target.database(),
                    CACHE_ON);
        }

        @AfterAll
        void stop() throws Exception {
            try (TcpProxy closingProxy = proxy;
                    PackagedApp closingApp = app) {
                // closed in reverse order: the platform, then the proxy
            }
        }

        @Test
        @Order(1)
        @DisplayName("for a few seconds under load, answers 503 problems (never a 500, never a hang), and a 503 "
                + "recorded nothing")
        void outage() throws Exception {
            ApiClient setup = new ApiClient(app.port(), "caseworker", "caseworker-demo");
            List<String> participants = enrol(setup, 4);
            ApiClient[] clients = new ApiClient[4];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new ApiClient(app.port(), "caseworker", "caseworker-demo");
            }
            AtomicBoolean stop = new AtomicBoolean();
            Map<String, Instant> timings = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicReference<ApiClient.Response> readDuringOutage =
                    new java.util.concurrent.atomic.AtomicReference<>();
            ExecutorService operator = Executors.newSingleThreadExecutor();
            Future<?> outage = operator.submit(() -> {
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
                proxy.stop();
                timings.put("cut", Instant.now());
                await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
                // a read signed in by its session alone: her account cannot be checked
                readDuringOutage.set(setup.sessionOnly().get("/api/v1/participants?limit=1"));
                await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
                proxy.start();
                timings.put("restored", Instant.now());
                await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
                stop.set(true);
                return null;
            });
            Instant started = Instant.now();
            List<Sent> sent = load(clients, participants, stop, Duration.ofSeconds(60));
            outage.get();
            operator.shutdown();

            assertThat(Duration.between(started, Instant.now()))
                    .as("no request hung")
                    .isLessThan(Duration.ofSeconds(45));
            assertThat(sent).extracting(Sent::status).containsOnly(201, 503);
            assertThat(sent).anyMatch(s -> s.status() == 503);
            ApiClient.Response read = readDuringOutage.get();
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            assertThat(read.json().get("detail").asText())
                    .as("a read's 503 says nothing of recording or keys")
                    .contains("nothing was read or changed")
                    .doesNotContain("Idempotency-Key");
            assertThat(app.log())
                    .as("refused requests are not logged one stack trace each")
                    .doesNotContain("threw exception");
            assertThat(sent).anyMatch(s -> s.status() == 201);
            String url = db.url();
            for (Sent failed : sent.stream().filter(s -> s.status() == 503).toList()) {
                assertThat(count(
                                url, "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?", failed.key()))
                        .as("a 503 recorded nothing")
                        .isZero();
            }
            ApiClient retrier = new ApiClient(app.port(), "caseworker", "caseworker-demo");
            for (Sent failed : sent.stream().filter(s -> s.status() == 503).toList()) {
                assertThat(retrier.post(
                                        "/api/v1/participants/" + failed.participant() + "/milestones",
                                        failed.body(),
                                        "Idempotency-Key",
                                        failed.key())
                                .status())
                        .isEqualTo(201);
            }
            assertExactlyOncePerKey(url, sent, participants);
        }

        @Test
        @Order(2)
        @DisplayName("answers readiness DOWN within its time-out (never a hang) whether the network drops the "
                + "database's packets or the database refuses connections, liveness stays UP, and readiness is UP "
                + "again once it is back")
        void boundedProbe() throws Exception {
            ApiClient probe = new ApiClient(app.port(), null, null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.get("/actuator/health/readiness").status() == 200);

            // the network drops every packet to and from the database
            proxy.freeze();
            assertDownWithinBound(probe);
            assertDownWithinBound(probe);
            assertThat(probe.get("/actuator/health/liveness").status())
                    .as("liveness")
                    .isEqualTo(200);
            proxy.thaw();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.get("/actuator/health/readiness").status() == 200);

            // the database is gone: connections refused
            proxy.stop();
            assertDownWithinBound(probe);
            assertThat(probe.get("/actuator/health/liveness").status())
                    .as("liveness")
                    .isEqualTo(200);
            proxy.start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.get("/actuator/health/readiness").status() == 200);
        }

        private void assertDownWithinBound(ApiClient probe) {
            Instant asked = Instant.now();
            ApiClient.Response readiness = probe.get("/actuator/health/readiness");
            Duration took = Duration.between(asked, Instant.now());
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
            assertThat(took).as("the probe's answer time (time-out 2 s)").isLessThan(Duration.ofMillis(3500));
        }
    }

    @Nested
    @DisplayName("when the connection to its database is lost during a command's commit")
    class ConnectionLostDuringCommit {

        @Test
        @DisplayName("asks the database what became of it: a commit that was made is answered 201 (once, and again to "
                + "a retry), one that was not is answered 503 with nothing recorded, and its retry runs once")
        void commitInDoubt() throws Exception {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            URIParts target = URIParts.of(db.url());
            try (TcpProxy proxy = startedProxy(target.port());
                    // without TLS and with every statement's text sent (no server-prepared COMMIT after five uses),
                    // so that the proxy can see which connection sends the marked transaction's COMMIT
                    PackagedApp app = PackagedApp.start(
                            "commit-in-doubt",
                            "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + target.database()
                                    + "?sslmode=disable&prepareThreshold=0",
                            CACHE_ON)) {
                ApiClient client = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                String participant = enrol(client, 1).get(0);
                String milestones = "/api/v1/participants/" + participant + "/milestones";

                // made: PostgreSQL commits, its answer is lost on the way back
                String madeKey = "commit-made-" + UUID.randomUUID();
                proxy.cutAtCommitOf(madeKey, TcpProxy.Cut.AFTER_COMMIT);
                ApiClient.Response made = client.post(milestones, milestone(30), "Idempotency-Key", madeKey);
                assertThat(proxy.cuts())
                        .as("the trap dropped the connection at the COMMIT")
                        .isEqualTo(1);
                assertThat(made.status()).as(made.toString()).isEqualTo(201);
                assertThat(made.json().get("version").asLong()).isEqualTo(1);
                ApiClient.Response retried = client.post(milestones, milestone(30), "Idempotency-Key", madeKey);
                assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
                assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(retried.json().get("version").asLong()).isEqualTo(1);

                // made, without a key: the date in its event marks the connection
                LocalDate unkeyedDay = LocalDate.now().minusDays(31);
                proxy.cutAtCommitOf(unkeyedDay.toString(), TcpProxy.Cut.AFTER_COMMIT);
                ApiClient.Response unkeyed = client.post(milestones, milestone(31));
                assertThat(proxy.cuts())
                        .as("the trap dropped the connection at the COMMIT")
                        .isEqualTo(2);
                assertThat(unkeyed.status()).as(unkeyed.toString()).isEqualTo(201);
                assertThat(unkeyed.json().get("version").asLong()).isEqualTo(2);

                // not made: the COMMIT never reaches PostgreSQL
                String lostKey = "commit-lost-" + UUID.randomUUID();
                proxy.cutAtCommitOf(lostKey, TcpProxy.Cut.BEFORE_COMMIT);
                ApiClient.Response lost = client.post(milestones, milestone(32), "Idempotency-Key", lostKey);
                assertThat(proxy.cuts())
                        .as("the trap dropped the connection at the COMMIT")
                        .isEqualTo(3);
                assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
                assertThat(lost.json().get("type").asText()).endsWith("/unavailable");
                assertThat(count(
                                db.url(), "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?", lostKey))
                        .as("a 503 recorded nothing")
                        .isZero();
                ApiClient.Response rerun = client.post(milestones, milestone(32), "Idempotency-Key", lostKey);
                assertThat(rerun.status()).as(rerun.toString()).isEqualTo(201);
                assertThat(rerun.json().get("version").asLong()).isEqualTo(3);

                assertThat(count(
                                db.url(),
                                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                                participant))
                        .as("her enrolment and three milestones, each once")
                        .isEqualTo(4);
                String log = app.log();
                assertThat(log.split("had committed: answered as stored", -1))
                        .as("two commits made")
                        .hasSize(3);
                assertThat(log).contains("had rolled back: answered 503");
            }
        }
    }

    @Nested
    @DisplayName("stopped with SIGTERM while clients send keyed commands on kept-alive connections")
    class GracefulShutdown {

        /** What a client was told: an HTTP status, -1 when its connection was refused (it sent nothing), 0 when a
         *  request it sent was dropped without an answer. */
        record Told(Sent sent, Instant at) {}

        @Test
        @DisplayName("answers every request it received (201, or 503 once it is closing), drops none, stores each "
                + "acknowledged command once and nothing for a 503, and stops")
        void answersEveryRequest() throws Exception {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            try (PackagedApp app = PackagedApp.start("graceful-shutdown", db.url(), CACHE_ON)) {
                ApiClient setup = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                List<String> participants = enrol(setup, 4);
                List<Told> told = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    ApiClient client = new ApiClient(app.port(), "caseworker", "caseworker-demo");
                    clients.add(pool.submit(() -> {
                        Instant deadline = Instant.now().plusSeconds(90);
                        while (Instant.now().isBefore(deadline)) {
                            String participant =
                                    participants.get(ThreadLocalRandom.current().nextInt(4));
                            String key = UUID.randomUUID().toString();
                            String body = milestone(ThreadLocalRandom.current().nextInt(1, 300));
                            int status;
                            try {
                                status = client.post(
                                                "/api/v1/participants/" + participant + "/milestones",
                                                body,
                                                "Idempotency-Key",
                                                key)
                                        .status();
                            } catch (AssertionError failed) {
                                status = failed.getCause() instanceof java.net.ConnectException ? -1 : 0;
                            }
                            told.add(new Told(new Sent(key, participant, body, status), Instant.now()));
                            if (status == 503 || status == -1 || status == 0) {
                                return null; // a real client backs off, or goes to another instance
                            }
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> told.size() >= 20);

                // when
                Instant terminated = Instant.now();
                int exit = app.terminate(Duration.ofSeconds(60));
                for (Future<?> client : clients) {
                    client.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();

                // then
                assertThat(exit).as("it stopped within 60 s of SIGTERM").isNotEqualTo(-1);
                List<Sent> sent = told.stream().map(Told::sent).toList();
                assertThat(sent)
                        .extracting(Sent::status)
                        .as("what each request was told")
                        .doesNotContain(0)
                        .containsAnyOf(201)
                        .allMatch(status -> status == 201 || status == 503 || status == -1);
                assertThat(told)
                        .as("requests served in full while draining")
                        .anyMatch(t -> t.sent().status() == 201 && t.at().isAfter(terminated.plusMillis(500)));
                List<Sent> acknowledged =
                        sent.stream().filter(s -> s.status() == 201).toList();
                assertExactlyOncePerKey(db.url(), acknowledged, participants);
                for (Sent refused : sent.stream().filter(s -> s.status() != 201).toList()) {
                    assertThat(count(
                                    db.url(),
                                    "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?",
                                    refused.key()))
                            .as("a request answered 503 recorded nothing")
                            .isZero();
                }
            }
        }
    }

    @Nested
    @DisplayName("two instances on one database, with the journey cache off")
    class TwoInstances {

        @Test
        @DisplayName(
                "answer 201 or 409 concurrent-change, never a 500; nothing lost or doubled; projections apply each event once")
        void twoInstances() throws Exception {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            try (PackagedApp first = PackagedApp.start("instance-a", db.url(), CACHE_OFF);
                    PackagedApp second = PackagedApp.start("instance-b", db.url(), CACHE_OFF)) {
                List<String> participants = enrol(new ApiClient(first.port(), "caseworker", "caseworker-demo"), 3);
                ApiClient[] clients = new ApiClient[8];
                for (int i = 0; i < clients.length; i++) {
                    clients[i] =
                            new ApiClient(i % 2 == 0 ? first.port() : second.port(), "caseworker", "caseworker-demo");
                }
                List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(clients.length);
                List<Future<?>> workers = new ArrayList<>();
                for (ApiClient client : clients) {
                    workers.add(pool.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            String participant = participants.get(i % participants.size());
                            ApiClient.Response response =
                                    client.post("/api/v1/participants/" + participant + "/milestones", milestone(10));
                            statuses.add(response.status());
                            if (response.status() == 409) {
                                assertThat(response.body()).contains("/problems/concurrent-change");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(5, TimeUnit.MINUTES);
                }
                pool.shutdown();

                assertThat(statuses).hasSize(480).isSubsetOf(201, 409);
                long accepted = statuses.stream().filter(s -> s == 201).count();
                long stored = 0;
                for (String participant : participants) {
                    stored += count(
                                    db.url(),
                                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                                    participant)
                            - 1;
                }
                assertThat(stored).as("every 201 stored once, nothing else").isEqualTo(accepted);
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(count(
                                        db.url(),
                                        "SELECT count(*) FROM timeline_entry WHERE participant_id IN (?, ?, ?)",
                                        participants.toArray()))
                                .isEqualTo(accepted + participants.size()));
            }
        }
    }

    /** A proxy on a free loopback port in front of the local PostgreSQL, accepting connections. */
    private static TcpProxy startedProxy(int postgresPort) throws java.io.IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TcpProxy proxy = new TcpProxy(port, postgresPort);
        proxy.start();
        return proxy;
    }

    /** Host, port and database of a jdbc:postgresql URL. */
    record URIParts(String host, int port, String database) {
        static URIParts of(String jdbcUrl) {
            java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
            return new URIParts(
                    uri.getHost(),
                    uri.getPort() < 0 ? 5432 : uri.getPort(),
                    uri.getPath().substring(1));
        }
    }
}
