package org.journeyplatform.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code append}: how many one-event commands per second the platform stores, against what PostgreSQL alone can
 * insert into the same table (pgbench) and what a plain Axon + JPA application stores (the baseline), with latency,
 * CPU per command and memory. See docs/benchmarks/README.md.
 */
public final class AppendScenario implements Scenario {

    static final int PLATFORM_PORT = 18181;
    static final int BASELINE_PORT = 18182;
    static final String PG_DB = "bench_pg";
    static final String PLATFORM_DB = "bench_platform";
    static final String BASELINE_DB = "bench_baseline";
    static final int[] PG_CLIENTS = {1, 4, 16};
    static final int READ_ROWS = 100_000;
    static final int SETUP_THREADS = 8;
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final Duration SETUP_LIMIT = Duration.ofMinutes(30);
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    static final int BASELINE_POOL = 400;
    /** Participants (or counters) of the JIT warm-up, apart from the measured ones. */
    static final int WARM_UP_POOL = 50;

    static final int JVM_WARM_UP_CLIENTS = 4;
    /** A share of the machine used by none of the measured processes above which a step is reported as disturbed. */
    static final double OTHER_WARNING = 0.15;

    /** An event's payload as the platform might store it: about 400 bytes of JSON. No ":x" (pgbench variables). */
    static final String PAYLOAD = "{\"participantId\": \"4f1c7a52-9d3e-4b8a-a7f0-2c6e1d9b3a58\", "
            + "\"occurredOn\": \"2024-03-01\", \"occurredAt\": null, \"type\": \"STABLE_HOUSING\", "
            + "\"description\": {\"keyId\": \"k-7f3a9c\", \"ciphertext\": "
            + "\"Qm9va2VkIGEgZmxhdCBvZiBoZXIgb3duIGFmdGVyIHRocmVlIG1vbnRocyBpbiB0aGUgc2hlbHRlcjsgc2lnbmVkIHRoZSB0ZW5hbmN5IHRvZGF5Lg\"}, "
            + "\"recordedBy\": \"caseworker\", \"programmeId\": \"75431dc6-0bbe-3102-8bbc-85b714685da2\", "
            + "\"late\": false, \"schema\": 3}";
    /** Its metadata: about 60 bytes. */
    static final String META_DATA = "{\"traceId\": \"8a1f0c3e-51b2-4d7e-9c44-0e6b2f7d1a93\", \"user\": \"cw\"}";

    static final String PAYLOAD_TYPE = "org.journeyplatform.domain.events.MilestoneReachedEvent";

    @Override
    public String name() {
        return "append";
    }

    @Override
    public String description() {
        return "one-event commands per second: the platform vs PostgreSQL's own single-row insert rate (pgbench) "
                + "and a plain Axon + JPA application, with latency, CPU per command and memory";
    }

    /** One measured load step against an app. */
    record Step(
            String label, String app, int clients, LoadGenerator.Result load, ProcessStats.CpuUse cpu, Path logSlice) {

        double cpuPerCommandMs(double ms) {
            return load.ok() == 0 ? Double.NaN : ms / load.ok();
        }
    }

    /** One pgbench run. */
    record PgStep(int clients, Pgbench.Result result, ProcessStats.CpuUse cpu) {
        double postgresMsPerInsert() {
            return result.transactions() == 0 ? Double.NaN : cpu.postgresMs() / result.transactions();
        }
    }

    record ReadRate(int rows, double rowsPerSecond, long tableBytes) {}

    /** The apps' memory: VmHWM read just before each was stopped, and the 500 ms samples' maximum of VmRSS. */
    record Memory(long peakKiB, long sampledMaxKiB) {}

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        for (Path needed : o.quick
                ? List.of(o.platformJar, o.jvmOptionsFile)
                : List.of(o.platformJar, o.baselineJar, o.jvmOptionsFile)) {
            if (!Files.isRegularFile(needed)) {
                throw new IOException("no " + needed.toAbsolutePath() + " (build it, or name another with an option)");
            }
        }
        Path runDir = ctx.runDir(name());
        ctx.log("append: logs in %s", runDir);

        List<PgStep> pg = new ArrayList<>();
        ReadRate read = o.quick ? new ReadRate(0, Double.NaN, 0) : postgresLimit(ctx, runDir, pg);

        List<Step> steps = new ArrayList<>();
        Map<String, Memory> memory = new LinkedHashMap<>();
        platform(ctx, runDir, steps, memory);
        if (!o.quick) {
            baseline(ctx, runDir, steps, memory);
        }

        return report(o, pg, read, steps, memory, runDir);
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    private ReadRate postgresLimit(BenchContext ctx, Path runDir, List<PgStep> out) throws Exception {
        Options o = ctx.options();
        ctx.databases().recreate(PG_DB);
        Path script = runDir.resolve("append-insert.pgbench");
        Files.writeString(script, pgbenchScript());
        Pgbench pgbench = new Pgbench(ctx.processes());
        for (int clients : PG_CLIENTS) {
            createEventTable();
            ctx.log(
                    "PostgreSQL: pgbench, one single-row INSERT a transaction, %d client(s), %d s",
                    clients, o.measure.toSeconds());
            ProcessStats.Sample a = ProcessStats.sample(-1);
            Pgbench.Result r =
                    pgbench.run(PG_DB, script, clients, o.measure, runDir.resolve("pgbench-" + clients + "c.log"));
            ProcessStats.Sample b = ProcessStats.sample(-1);
            ProcessStats.CpuUse cpu = ProcessStats.between(a, b);
            out.add(new PgStep(clients, r, cpu));
            ctx.log(
                    "  %.0f tps, latency average %.2f ms; CPU: PostgreSQL %s, pgbench %s, other %s",
                    r.tps(),
                    r.latencyAverageMs(),
                    Report.percent(cpu.share(cpu.postgresMs())),
                    Report.percent(cpu.share(cpu.endedChildrenMs())),
                    Report.percent(cpu.share(cpu.otherMs())));
            if (cpu.share(cpu.otherMs()) > OTHER_WARNING) {
                ctx.log(
                        "  warning: something else used %s of the machine during this step",
                        Report.percent(cpu.share(cpu.otherMs())));
            }
        }
        ctx.log("PostgreSQL: ordered read of %,d events", READ_ROWS);
        ReadRate read = orderedRead();
        ctx.log("  %.0f rows/s", read.rowsPerSecond());
        ctx.databases().drop(PG_DB);
        return read;
    }

    static String pgbenchScript() {
        return """
                -- one event appended, as the platform stores it: aggregate from a pool of 1000, unique sequence number
                \\set aid random(1, 1000)
                \\set seq random(1, 9000000000000000000)
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (CAST(CAST(md5(CAST(:aid AS text)) AS uuid) AS text), :seq, 'Participant', CAST(gen_random_uuid() AS text), convert_to('%s', 'UTF8'), convert_to('%s', 'UTF8'), NULL, '%s', CAST(clock_timestamp() AS text));
                """.formatted(META_DATA, PAYLOAD, PAYLOAD_TYPE);
    }

    private static void createEventTable() throws SQLException, IOException {
        String ddl;
        try (InputStream in = AppendScenario.class.getResourceAsStream("/append-event-table.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = Databases.connect(PG_DB);
                Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    /** Fills the table with {@link #READ_ROWS} events and reads them all in global order, three times: the median. */
    private static ReadRate orderedRead() throws SQLException, IOException {
        createEventTable();
        long bytes;
        try (Connection c = Databases.connect(PG_DB)) {
            try (PreparedStatement fill = c.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT CAST(CAST(md5(CAST(g % 1000 AS text)) AS uuid) AS text), g, 'Participant',
                        CAST(gen_random_uuid() AS text), convert_to(?, 'UTF8'), convert_to(?, 'UTF8'), NULL, ?,
                        CAST(clock_timestamp() AS text)
                    FROM generate_series(1, ?) AS g""")) {
                fill.setString(1, META_DATA);
                fill.setString(2, PAYLOAD);
                fill.setString(3, PAYLOAD_TYPE);
                fill.setInt(4, READ_ROWS);
                fill.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE domain_event_entry");
                try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('domain_event_entry')")) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
            c.setAutoCommit(false);
            double[] rates = new double[3];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = readAll(c);
            }
            c.commit();
            java.util.Arrays.sort(rates);
            return new ReadRate(READ_ROWS, rates[1], bytes);
        }
    }

    private static double readAll(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        long rows = 0;
        long sink = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM domain_event_entry ORDER BY global_index")) {
                while (rs.next()) {
                    sink += rs.getLong(1);
                    sink += rs.getString(2).length();
                    sink += rs.getLong(3);
                    sink += length(rs.getString(4));
                    sink += rs.getString(5).length();
                    byte[] meta = rs.getBytes(6);
                    sink += meta == null ? 0 : meta.length;
                    sink += rs.getBytes(7).length;
                    sink += length(rs.getString(8));
                    sink += rs.getString(9).length();
                    sink += rs.getString(10).length();
                    rows++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (rows != READ_ROWS || sink == 42) {
            throw new IllegalStateException("read " + rows + " rows, expected " + READ_ROWS);
        }
        return rows / seconds;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    // ------------------------------------------------------------------------------------------------ platform

    private void platform(BenchContext ctx, Path runDir, List<Step> steps, Map<String, Memory> memory)
            throws Exception {
        Options o = ctx.options();
        List<String> jvmOptions = Bench.jvmOptions(o.jvmOptionsFile);
        ctx.databases().recreate(PLATFORM_DB);
        PlatformClient api = new PlatformClient(PLATFORM_PORT);

        Processes.Child app = startPlatform(ctx, jvmOptions, true, runDir.resolve("platform-cache-on.log"));
        List<String> shortPool;
        List<String> shortPool16;
        List<String> shortPoolOff;
        List<String> longPool;
        List<String> longPoolOff;
        List<String> warmUpPool;
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(app.pid())) {
            String setupCookie = api.signIn();
            // every step gets a pool of its own: a step adds tens of events to each journey of a short pool (and
            // hundreds to each of a long one), and a journey that grew past the snapshot threshold is no longer short
            // (with the cache off, the short step once ran on journeys of 150 to 250 events, left by the steps before
            // it, and the long step on journeys of about 1,200)
            ctx.log(
                    "platform: loading %d short journeys (10..40 events) for each of %d steps and %d long ones "
                            + "(%d events) for each of %d, %d threads",
                    o.shortPool, o.quick ? 2 : 3, o.longPool, o.longEvents, o.quick ? 0 : 2, SETUP_THREADS);
            shortPool = api.loadJourneys(
                    setupCookie, o.shortPool, 10, 40, 1, SETUP_THREADS, SETUP_LIMIT, line -> ctx.log("%s", line));
            shortPool16 = api.loadJourneys(
                    setupCookie, o.shortPool, 10, 40, 4, SETUP_THREADS, SETUP_LIMIT, line -> ctx.log("%s", line));
            shortPoolOff = o.quick
                    ? List.of()
                    : api.loadJourneys(
                            setupCookie,
                            o.shortPool,
                            10,
                            40,
                            5,
                            SETUP_THREADS,
                            SETUP_LIMIT,
                            line -> ctx.log("%s", line));
            longPool = o.quick
                    ? List.of()
                    : api.loadJourneys(
                            setupCookie,
                            o.longPool,
                            o.longEvents,
                            o.longEvents,
                            2,
                            SETUP_THREADS,
                            SETUP_LIMIT,
                            line -> ctx.log("%s", line));
            longPoolOff = o.quick
                    ? List.of()
                    : api.loadJourneys(
                            setupCookie,
                            o.longPool,
                            o.longEvents,
                            o.longEvents,
                            6,
                            SETUP_THREADS,
                            SETUP_LIMIT,
                            line -> ctx.log("%s", line));
            warmUpPool = o.jvmWarmup.isZero()
                    ? List.of()
                    : api.loadJourneys(
                            setupCookie,
                            WARM_UP_POOL,
                            10,
                            40,
                            3,
                            SETUP_THREADS,
                            SETUP_LIMIT,
                            line -> ctx.log("%s", line));
            jvmWarmup(ctx, "platform", platformRequests(api, JVM_WARM_UP_CLIENTS, warmUpPool));
            settle(ctx, app);
            steps.add(platformStep(ctx, api, app, runDir, "short journeys, cache on", 4, shortPool));
            steps.add(platformStep(ctx, api, app, runDir, "short journeys, cache on", 16, shortPool16));
            if (!o.quick) {
                steps.add(platformStep(ctx, api, app, runDir, "long journeys, cache on", 16, longPool));
            }
            memory.put("platform, cache on", new Memory(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid())));
        } finally {
            stopApp(ctx, app);
        }
        if (o.quick) {
            ctx.databases().drop(PLATFORM_DB);
            return;
        }

        app = startPlatform(ctx, jvmOptions, false, runDir.resolve("platform-cache-off.log"));
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(app.pid())) {
            jvmWarmup(ctx, "platform", platformRequests(api, JVM_WARM_UP_CLIENTS, warmUpPool));
            settle(ctx, app);
            steps.add(platformStep(ctx, api, app, runDir, "long journeys, cache off", 16, longPoolOff));
            steps.add(platformStep(ctx, api, app, runDir, "short journeys, cache off", 16, shortPoolOff));
            memory.put("platform, cache off", new Memory(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid())));
        } finally {
            stopApp(ctx, app);
        }
        ctx.databases().drop(PLATFORM_DB);
    }

    private Processes.Child startPlatform(BenchContext ctx, List<String> jvmOptions, boolean cache, Path log)
            throws Exception {
        Processes.requireFreePort(PLATFORM_PORT);
        ctx.log(
                "platform: starting %s with %s, aggregate cache %s (log %s)",
                ctx.options().platformJar, String.join(" ", jvmOptions), cache ? "on" : "off", log);
        Map<String, String> env = Map.of(
                "JOURNEY_DB_URL", Databases.url(PLATFORM_DB),
                "JOURNEY_PORT", Integer.toString(PLATFORM_PORT),
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true",
                "JOURNEY_AGGREGATE_CACHE", Boolean.toString(cache),
                // each fresh database is a new audit log: its checkpoints go to a file of its own
                "JOURNEY_AUDIT_CHECKPOINT_FILE",
                        log.resolveSibling("audit-checkpoint.json")
                                .toAbsolutePath()
                                .toString());
        Processes.Child app =
                ctx.processes().startJava("platform", jvmOptions, ctx.options().platformJar, List.of(), env, log);
        long t0 = System.nanoTime();
        ctx.processes().waitForReadiness(app, PLATFORM_PORT, START_TIMEOUT);
        ctx.log("  ready after %.1f s (pid %d)", (System.nanoTime() - t0) / 1e9, app.pid());
        return app;
    }

    private static void settle(BenchContext ctx, Processes.Child app) throws InterruptedException {
        Duration waited = ProcessStats.waitUntilQuiet(app.pid(), 0.1, SETTLE_LIMIT);
        ctx.log("  %s quiet after %.0f s", app.name(), waited.toMillis() / 1000.0);
    }

    private Step platformStep(
            BenchContext ctx,
            PlatformClient api,
            Processes.Child app,
            Path runDir,
            String label,
            int clients,
            List<String> pool)
            throws Exception {
        // every client signs in once (HTTP Basic, not measured) and sends only its session cookie afterwards
        return measure(ctx, app, runDir, "platform", label, clients, platformRequests(api, clients, pool));
    }

    /** Milestones for participants drawn from the pool, each client signed in once (not measured). */
    private static LoadGenerator.Requests platformRequests(PlatformClient api, int clients, List<String> pool)
            throws Exception {
        String[] cookies = new String[clients];
        for (int c = 0; c < clients; c++) {
            cookies[c] = api.signIn();
        }
        String[] ids = pool.toArray(String[]::new);
        return (client, random) -> api.milestoneRequest(
                cookies[client], ids[random.nextInt(ids.length)], PlatformClient.milestoneBody(random));
    }

    /**
     * Unmeasured load right after an application started ({@code --jvm-warmup}), on participants of its own: measured
     * with only the 10 s warm-up of the first step, the platform's JIT compiler still took a quarter of its CPU in the
     * window, so the figure measured compilation as much as commands (and varied by a third from run to run).
     */
    private static void jvmWarmup(BenchContext ctx, String appName, LoadGenerator.Requests requests) throws Exception {
        Duration length = ctx.options().jvmWarmup;
        if (length.isZero()) {
            return;
        }
        ctx.log(
                "%s: JIT warm-up, %d clients for %d s (not measured)",
                appName, JVM_WARM_UP_CLIENTS, length.toSeconds());
        LoadGenerator.Result load = LoadGenerator.run(
                JVM_WARM_UP_CLIENTS, length, Duration.ofSeconds(1), requests, LoadGenerator.Window.NONE, 17);
        ctx.log("  warm-up done: %.0f requests/s in its last second, %d errors", load.rate(), load.errors());
    }

    // ------------------------------------------------------------------------------------------------ baseline

    private void baseline(BenchContext ctx, Path runDir, List<Step> steps, Map<String, Memory> memory)
            throws Exception {
        Options o = ctx.options();
        ctx.databases().recreate(BASELINE_DB);
        Processes.requireFreePort(BASELINE_PORT);
        Path log = runDir.resolve("baseline.log");
        ctx.log("baseline: starting %s (log %s)", o.baselineJar, log);
        Processes.Child app = ctx.processes()
                .startJava(
                        "baseline",
                        List.of(),
                        o.baselineJar,
                        List.of(
                                "--server.port=" + BASELINE_PORT,
                                "--spring.datasource.url=" + Databases.url(BASELINE_DB)),
                        Map.of("AXONIQ_UPDATE_CHECKER_DISABLED", "true"),
                        log);
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(app.pid())) {
            long t0 = System.nanoTime();
            // it has no actuator: any HTTP answer (a 404 for /) means it is serving
            ctx.processes()
                    .waitForHttp(
                            app,
                            URI.create("http://127.0.0.1:" + BASELINE_PORT + "/"),
                            status -> status > 0,
                            START_TIMEOUT);
            ctx.log("  ready after %.1f s (pid %d)", (System.nanoTime() - t0) / 1e9, app.pid());
            SplittableRandom random = new SplittableRandom(3);
            String[] ids = new String[BASELINE_POOL];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = new UUID(random.nextLong(), random.nextLong()).toString();
            }
            createCounters(ids);
            if (!o.jvmWarmup.isZero()) {
                String[] warmUpIds = new String[WARM_UP_POOL];
                for (int i = 0; i < warmUpIds.length; i++) {
                    warmUpIds[i] = new UUID(random.nextLong(), random.nextLong()).toString();
                }
                createCounters(warmUpIds);
                jvmWarmup(ctx, "baseline", (client, r) -> baselineIncrement(warmUpIds[r.nextInt(warmUpIds.length)]));
            }
            settle(ctx, app);
            for (int clients : new int[] {4, 16}) {
                steps.add(measure(
                        ctx,
                        app,
                        runDir,
                        "baseline",
                        "counters",
                        clients,
                        (client, r) -> baselineIncrement(ids[r.nextInt(ids.length)])));
            }
            memory.put("baseline", new Memory(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid())));
        } finally {
            stopApp(ctx, app);
        }
        ctx.databases().drop(BASELINE_DB);
    }

    private static HttpRequest baselineIncrement(String id) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + BASELINE_PORT + "/counters/" + id + "/increments"))
                .timeout(LoadGenerator.REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    /** The first increment of each counter (not measured), so the measured ones all append to existing counters. */
    private static void createCounters(String[] ids) throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> {
                    var r = http.send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + BASELINE_PORT + "/counters/" + id + "/increments"))
                                    .timeout(LoadGenerator.REQUEST_TIMEOUT)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("the baseline answered " + r.statusCode() + ": " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------- shared

    private Step measure(
            BenchContext ctx,
            Processes.Child app,
            Path runDir,
            String appName,
            String label,
            int clients,
            LoadGenerator.Requests requests)
            throws Exception {
        Options o = ctx.options();
        ctx.log(
                "%s: %s, %d clients: %d s warm-up, %d s measured",
                appName, label, clients, o.warmup.toSeconds(), o.measure.toSeconds());
        long logFrom = Files.size(app.log());
        ProcessStats.Sample[] samples = new ProcessStats.Sample[2];
        LoadGenerator.Result load = LoadGenerator.run(
                clients,
                o.warmup,
                o.measure,
                requests,
                new LoadGenerator.Window() {
                    @Override
                    public void started() {
                        samples[0] = ProcessStats.sample(app.pid());
                    }

                    @Override
                    public void ended() {
                        samples[1] = ProcessStats.sample(app.pid());
                    }
                },
                1000L * clients + label.hashCode());
        ProcessStats.CpuUse cpu = ProcessStats.between(samples[0], samples[1]);
        Path slice = runDir.resolve(appName + "-" + label.replaceAll("[^a-z0-9]+", "-") + "-" + clients + "c.log");
        sliceLog(app.log(), logFrom, slice);
        if (!app.alive()) {
            throw new IllegalStateException(appName + " died during \"" + label + "\"; see " + app.log());
        }
        ctx.log(
                "  %.0f commands/s, p50 %s ms, p99 %s ms, %d errors; CPU: app %s, PostgreSQL %s, load generator %s,"
                        + " other %s",
                load.rate(),
                Latencies.ms(load.latencies().p50()),
                Latencies.ms(load.latencies().p99()),
                load.errors(),
                Report.percent(cpu.share(cpu.appMs())),
                Report.percent(cpu.share(cpu.postgresMs())),
                Report.percent(cpu.share(cpu.loadGeneratorMs())),
                Report.percent(cpu.share(cpu.otherMs())));
        if (cpu.share(cpu.otherMs()) > OTHER_WARNING) {
            ctx.log(
                    "  warning: something else used %s of the machine during this step",
                    Report.percent(cpu.share(cpu.otherMs())));
        }
        return new Step(label, appName, clients, load, cpu, slice);
    }

    /** Copies what the app logged since {@code from} into its own file, one per load step. */
    private static void sliceLog(Path log, long from, Path to) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        Files.write(to, java.util.Arrays.copyOfRange(all, start, all.length));
    }

    private static void stopApp(BenchContext ctx, Processes.Child app) {
        int status = ctx.processes().stop(app);
        ctx.log("%s stopped (exit status %d)", app.name(), status);
    }

    // ------------------------------------------------------------------------------------------------- report

    private Step find(List<Step> steps, String app, String label, int clients) {
        return steps.stream()
                .filter(s -> s.app().equals(app) && s.label().equals(label) && s.clients() == clients)
                .findFirst()
                .orElse(null);
    }

    private static double rate(Step s) {
        return s == null ? Double.NaN : s.load().rate();
    }

    private static double p99ms(Step s) {
        return s == null ? Double.NaN : s.load().latencies().p99() / 1000.0;
    }

    /** App JVM + PostgreSQL CPU per successful command, ms. */
    private static double cpuPerCommand(Step s) {
        return s == null
                ? Double.NaN
                : s.cpuPerCommandMs(s.cpu().appMs() + s.cpu().postgresMs());
    }

    private static double tps(List<PgStep> pg, int clients) {
        return pg.stream()
                .filter(p -> p.clients() == clients)
                .mapToDouble(p -> p.result().tps())
                .findFirst()
                .orElse(Double.NaN);
    }

    private static String n(double v) {
        return Report.number(v);
    }

    private static String mib(long kib) {
        return kib <= 0 ? "–" : Report.number(kib / 1024.0);
    }

    ScenarioResult report(
            Options o, List<PgStep> pg, ReadRate read, List<Step> steps, Map<String, Memory> memory, Path runDir) {
        Step p4 = find(steps, "platform", "short journeys, cache on", 4);
        Step p16 = find(steps, "platform", "short journeys, cache on", 16);
        Step longOn = find(steps, "platform", "long journeys, cache on", 16);
        Step longOff = find(steps, "platform", "long journeys, cache off", 16);
        Step shortOff = find(steps, "platform", "short journeys, cache off", 16);
        Step b4 = find(steps, "baseline", "counters", 4);
        Step b16 = find(steps, "baseline", "counters", 16);
        double pg4 = tps(pg, 4);
        double pg16 = tps(pg, 16);
        PgStep pgStep16 = pg.stream().filter(p -> p.clients() == 16).findFirst().orElse(null);
        double pgCpu16 = pgStep16 == null ? Double.NaN : pgStep16.postgresMsPerInsert();

        Report.Table main = new Report.Table(
                "figure", "platform", "baseline", "PostgreSQL limit", "platform/PostgreSQL", "platform/baseline");
        main.row(
                "commands/s, 4 clients (short journeys, cache on)",
                n(rate(p4)),
                n(rate(b4)),
                n(pg4),
                Report.ratio(rate(p4), pg4),
                Report.ratio(rate(p4), rate(b4)));
        main.row(
                "commands/s, 16 clients (short journeys, cache on)",
                n(rate(p16)),
                n(rate(b16)),
                n(pg16),
                Report.ratio(rate(p16), pg16),
                Report.ratio(rate(p16), rate(b16)));
        main.row("p99 latency, 4 clients, ms", n(p99ms(p4)), n(p99ms(b4)), "", "", Report.ratio(p99ms(p4), p99ms(b4)));
        main.row(
                "p99 latency, 16 clients, ms",
                n(p99ms(p16)),
                n(p99ms(b16)),
                "",
                "",
                Report.ratio(p99ms(p16), p99ms(b16)));
        main.row(
                "commands/s, long journeys (" + o.longEvents + " events), 16 clients, cache on",
                n(rate(longOn)),
                "",
                n(pg16),
                Report.ratio(rate(longOn), pg16),
                "");
        main.row("  ÷ short journeys, 16 clients, cache on", Report.ratio(rate(longOn), rate(p16)), "", "", "", "");
        main.row(
                "commands/s, long journeys, 16 clients, cache off",
                n(rate(longOff)),
                "",
                n(pg16),
                Report.ratio(rate(longOff), pg16),
                "");
        main.row(
                "  ÷ short journeys, 16 clients, cache off",
                Report.ratio(rate(longOff), rate(shortOff)),
                "",
                "",
                "",
                "");
        main.row(
                "commands/s, short journeys, 16 clients, cache off",
                n(rate(shortOff)),
                "",
                n(pg16),
                Report.ratio(rate(shortOff), pg16),
                "");
        main.row(
                "CPU per command, 16 clients: app JVM + PostgreSQL, ms",
                n(cpuPerCommand(p16)),
                n(cpuPerCommand(b16)),
                n(pgCpu16),
                Report.ratio(cpuPerCommand(p16), pgCpu16),
                Report.ratio(cpuPerCommand(p16), cpuPerCommand(b16)));
        Memory on = memory.get("platform, cache on");
        Memory off = memory.get("platform, cache off");
        Memory base = memory.get("baseline");
        long platformPeak = Math.max(on == null ? 0 : on.peakKiB(), off == null ? 0 : off.peakKiB());
        main.row(
                "peak RSS (VmHWM), MiB",
                mib(platformPeak),
                mib(base == null ? 0 : base.peakKiB()),
                "",
                "",
                Report.ratio(platformPeak, base == null ? 0 : base.peakKiB()));
        main.row(
                "ordered read of " + String.format("%,d", read.rows()) + " events, rows/s (reference)",
                "",
                "",
                n(read.rowsPerSecond()),
                "",
                "");
        double lgPlatform = steps.stream()
                .filter(s -> s.app().equals("platform"))
                .mapToDouble(s -> s.cpu().share(s.cpu().loadGeneratorMs()))
                .max()
                .orElse(Double.NaN);
        double lgBaseline = steps.stream()
                .filter(s -> s.app().equals("baseline"))
                .mapToDouble(s -> s.cpu().share(s.cpu().loadGeneratorMs()))
                .max()
                .orElse(Double.NaN);
        main.row(
                "load generator CPU share, highest of the steps",
                Report.percent(lgPlatform),
                Report.percent(lgBaseline),
                "",
                "",
                "");
        long platformErrors = steps.stream()
                .filter(s -> s.app().equals("platform"))
                .mapToLong(s -> s.load().errors())
                .sum();
        long baselineErrors = steps.stream()
                .filter(s -> s.app().equals("baseline"))
                .mapToLong(s -> s.load().errors())
                .sum();
        main.row(
                "errors in the measured windows, all steps",
                Long.toString(platformErrors),
                Long.toString(baselineErrors),
                "",
                "",
                "");

        StringBuilder md = new StringBuilder();
        md.append("## append: one event per request\n\n")
                .append(main.markdown())
                .append('\n');
        md.append("""
                Commands/s counts the requests answered 2xx inside the measured window (%d s after %d s of warm-up), \
                each storing one event. The PostgreSQL limit is pgbench's rate of single-row INSERTs of an \
                event-shaped row into a copy of the platform's event table (one transaction each, fsync on) at the \
                same number of clients; platform/PostgreSQL and platform/baseline divide the platform's figure by \
                the other one in the same row. CPU per command is the CPU time the app's JVM and every PostgreSQL \
                process used in the window divided by the commands stored; for PostgreSQL alone it is the server's \
                CPU per pgbench insert. Platform JVM options: `%s`; the baseline runs with none, as its README says.
                """.formatted(
                        o.measure.toSeconds(),
                        o.warmup.toSeconds(),
                        String.join(" ", Bench.jvmOptionsOrEmpty(o.jvmOptionsFile))));

        Report.Table all = new Report.Table(
                "app",
                "step",
                "clients",
                "commands/s",
                "errors",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms",
                "CPU ms/command: app",
                "PostgreSQL",
                "load generator");
        for (Step s : steps) {
            Latencies l = s.load().latencies();
            all.row(
                    s.app(),
                    s.label(),
                    Integer.toString(s.clients()),
                    n(s.load().rate()),
                    Long.toString(s.load().errors()),
                    Latencies.ms(l.p50()),
                    Latencies.ms(l.p95()),
                    Latencies.ms(l.p99()),
                    Latencies.ms(l.max()),
                    n(s.cpuPerCommandMs(s.cpu().appMs())),
                    n(s.cpuPerCommandMs(s.cpu().postgresMs())),
                    n(s.cpuPerCommandMs(s.cpu().loadGeneratorMs())));
        }
        md.append("\n### Every load step\n\n").append(all.markdown());

        Report.Table split =
                new Report.Table("app", "step", "clients", "app JVM", "PostgreSQL", "load generator", "other", "idle");
        for (Step s : steps) {
            ProcessStats.CpuUse c = s.cpu();
            split.row(
                    s.app(),
                    s.label(),
                    Integer.toString(s.clients()),
                    Report.percent(c.share(c.appMs())),
                    Report.percent(c.share(c.postgresMs())),
                    Report.percent(c.share(c.loadGeneratorMs())),
                    Report.percent(c.share(c.otherMs())),
                    Report.percent(c.share(c.idleMs())));
        }
        for (PgStep p : pg) {
            ProcessStats.CpuUse c = p.cpu();
            split.row(
                    "pgbench",
                    "single-row INSERT",
                    Integer.toString(p.clients()),
                    "",
                    Report.percent(c.share(c.postgresMs())),
                    Report.percent(c.share(c.endedChildrenMs())),
                    Report.percent(c.share(c.otherMs())),
                    Report.percent(c.share(c.idleMs())));
        }
        List<String> disturbed = new ArrayList<>();
        for (Step s : steps) {
            if (s.cpu().share(s.cpu().otherMs()) > OTHER_WARNING) {
                disturbed.add(s.app() + ", " + s.label() + ", " + s.clients() + " clients ("
                        + Report.percent(s.cpu().share(s.cpu().otherMs())) + ")");
            }
        }
        for (PgStep p : pg) {
            if (p.cpu().share(p.cpu().otherMs()) > OTHER_WARNING) {
                disturbed.add("pgbench, " + p.clients() + " clients ("
                        + Report.percent(p.cpu().share(p.cpu().otherMs())) + ")");
            }
        }
        if (!disturbed.isEmpty()) {
            md.append("\n**Something else used the machine** during: ")
                    .append(String.join("; ", disturbed))
                    .append(". Those figures are not reliable; run again on a quiet machine.\n");
        }
        md.append("\n### CPU split over each measured window\n\nShares of the machine's CPU (")
                .append(ProcessStats.cores())
                .append(" cores × the window; /proc/stat). PostgreSQL is every process ")
                .append("named `postgres`; the load generator is this benchmark's JVM (pgbench in pgbench's rows); ")
                .append("other is the rest of the machine's busy time, which should stay near zero.\n\n")
                .append(split.markdown());

        Report.Table pgt = new Report.Table(
                "clients", "inserts/s", "latency average ms", "PostgreSQL CPU ms/insert", "transactions", "failed");
        for (PgStep p : pg) {
            pgt.row(
                    Integer.toString(p.clients()),
                    n(p.result().tps()),
                    n(p.result().latencyAverageMs()),
                    n(p.postgresMsPerInsert()),
                    Long.toString(p.result().transactions()),
                    Long.toString(p.result().failed()));
        }
        md.append("\n### PostgreSQL alone\n\n`pgbench -n -M prepared -T ")
                .append(o.measure.toSeconds())
                .append(" -c C -j min(C,2)`, one single-row INSERT per transaction (script below), into a fresh copy ")
                .append("of the platform's `domain_event_entry` each time.\n\n")
                .append(pgt.markdown())
                .append(String.format(
                        "%nOrdered read: `SELECT * FROM domain_event_entry ORDER BY global_index` over "
                                + "JDBC, fetch size 1000, every column read, %,d rows (%s MiB with indexes): %s rows/s "
                                + "(median of three reads).%n%n```%n%s```%n",
                        read.rows(), n(read.tableBytes() / 1024.0 / 1024.0), n(read.rowsPerSecond()), pgbenchScript()));

        Report.Table mem = new Report.Table("app", "peak RSS (VmHWM) MiB", "highest sampled VmRSS MiB");
        memory.forEach((k, v) -> mem.row(k, mib(v.peakKiB()), mib(v.sampledMaxKiB())));
        md.append("\n### Memory\n\nRead just before each app was stopped; the platform ran under `")
                .append(String.join(" ", Bench.jvmOptionsOrEmpty(o.jvmOptionsFile)))
                .append("`.\n\n")
                .append(mem.markdown());

        StringBuilder statuses = new StringBuilder();
        for (Step s : steps) {
            statuses.append("- ")
                    .append(s.app())
                    .append(", ")
                    .append(s.label())
                    .append(", ")
                    .append(s.clients())
                    .append(" clients: ")
                    .append(s.load().statuses())
                    .append('\n');
            for (String e : s.load().errorSamples()) {
                statuses.append("  - `").append(e.replace("`", "'")).append("`\n");
            }
        }
        md.append("\n### Answers\n\nStatus counts in each measured window (and up to five error samples, from the ")
                .append("warm-up too).\n\n")
                .append(statuses);
        md.append("\nLogs: `").append(runDir).append("` (one file per app process, one per load step).\n");

        Map<String, String> key = new LinkedHashMap<>();
        key.put("platform commands/s, 4 clients", n(rate(p4)));
        key.put("platform commands/s, 16 clients", n(rate(p16)));
        key.put("platform/PostgreSQL, 4 clients", Report.ratio(rate(p4), pg4));
        key.put("platform/PostgreSQL, 16 clients", Report.ratio(rate(p16), pg16));
        key.put("platform/baseline, 4 clients", Report.ratio(rate(p4), rate(b4)));
        key.put("platform/baseline, 16 clients", Report.ratio(rate(p16), rate(b16)));
        key.put("long/short journeys, cache on", Report.ratio(rate(longOn), rate(p16)));
        key.put("long/short journeys, cache off", Report.ratio(rate(longOff), rate(shortOff)));
        key.put("platform p99 ms, 16 clients", n(p99ms(p16)));
        key.put("platform CPU ms/command (JVM + PostgreSQL), 16 clients", n(cpuPerCommand(p16)));
        key.put("platform errors", Long.toString(platformErrors));
        return new ScenarioResult(md.toString(), key);
    }
}
