package org.journeyplatform.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replay}: how fast the platform builds every read model from a store of a million events, against the rate
 * PostgreSQL reads the same store in order. The store is made by the bulk generator (whose projections do not run);
 * the platform is then started on it and its projections build from the first event, all together, as after a reset.
 * See docs/benchmarks/README.md.
 */
public final class ReplayScenario implements Scenario {

    static final String STORE_DB = "bench_replay";
    static final int PORT = AppendScenario.PLATFORM_PORT;
    static final Duration LIMIT = Duration.ofMinutes(40);
    private static final Pattern PROJECTION = Pattern.compile(
            "\\{\"name\":\"([^\"]+)\",\"running\":(true|false),\"replaying\":(true|false),\"position\":(-?\\d+)");
    private static final Pattern REBUILD_STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
    private static final java.util.regex.Pattern PROJECTION_NAME =
            java.util.regex.Pattern.compile("\"projection\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "events per second every projection builds from a generated store (a million events by default) vs "
                + "PostgreSQL's ordered read of the same store, with memory";
    }

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Path runDir = ctx.runDir(name());
        GeneratedStore.Generation g = GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator.log"));
        long head = GeneratedStore.head(STORE_DB);
        double readRate = GeneratedStore.medianOrderedReadRate(ctx, STORE_DB, g.events());

        Processes.requireFreePort(PORT);
        Path log = runDir.resolve("platform.log");
        List<String> jvmOptions = Bench.jvmOptions(o.jvmOptionsFile);
        ctx.log("platform: starting on the store, every projection builds from the first event (log %s)", log);
        Processes.Child app = ctx.processes()
                .startJava(
                        "platform",
                        jvmOptions,
                        o.platformJar,
                        List.of(),
                        Map.of(
                                "JOURNEY_DB_URL",
                                Databases.url(STORE_DB),
                                "JOURNEY_PORT",
                                Integer.toString(PORT),
                                "AXONIQ_UPDATE_CHECKER_DISABLED",
                                "true",
                                "JOURNEY_AUDIT_CHECKPOINT_FILE",
                                runDir.resolve("audit-checkpoint.json")
                                        .toAbsolutePath()
                                        .toString()),
                        log);
        Map<String, Double> doneAfter = new LinkedHashMap<>();
        Map<String, Long> positionAtReady = new LinkedHashMap<>();
        Map<String, Double> rebuiltAfter = new LinkedHashMap<>();
        ProcessStats.CpuUse cpu;
        ProcessStats.CpuUse rebuildCpu;
        boolean togetherUsed = false;
        long peak;
        double readyAfter;
        double allDone;
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(app.pid())) {
            long t0 = System.nanoTime();
            ctx.processes().waitForReadiness(app, PORT, AppendScenario.START_TIMEOUT);
            ProcessStats.Sample ready = ProcessStats.sample(app.pid());
            readyAfter = (System.nanoTime() - t0) / 1e9;
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String session = PlatformClient.signIn(
                    http, "http://127.0.0.1:" + PORT, "admin", "admin-demo", "/api/v1/admin/projections");
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long lastLog = 0;
            while (true) {
                String body = http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + PORT + "/api/v1/admin/projections"))
                                        .header("Cookie", session)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                double now = (System.nanoTime() - t0) / 1e9;
                Matcher m = PROJECTION.matcher(body);
                int projections = 0;
                long slowest = Long.MAX_VALUE;
                while (m.find()) {
                    projections++;
                    String name = m.group(1);
                    long position = Long.parseLong(m.group(4));
                    positionAtReady.putIfAbsent(name, position);
                    slowest = Math.min(slowest, position);
                    if (position >= head && !doneAfter.containsKey(name)) {
                        doneAfter.put(name, now);
                        ctx.log("  %s built after %.1f s", name, now);
                    }
                }
                if (projections == 0) {
                    throw new IllegalStateException("no projections in " + body);
                }
                if (doneAfter.size() == projections) {
                    allDone = now;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the projections did not build within " + LIMIT.toMinutes()
                            + " minutes; the slowest is at " + slowest + " of " + head);
                }
                if (now - lastLog > 30) {
                    lastLog = (long) now;
                    ctx.log("  %.0f s: the slowest projection is at %,d of %,d", now, Math.max(0, slowest), head);
                }
                Thread.sleep(250);
            }
            cpu = ProcessStats.between(ready, ProcessStats.sample(app.pid()));
            peak = Math.max(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid()));

            // then every projection rebuilt beside its live tables, all at once, as an operator deploys a change
            ProcessStats.Sample before = ProcessStats.sample(app.pid());
            long r0 = System.nanoTime();
            List<String> rebuilt = new java.util.ArrayList<>();
            // one rebuild of every projection, reading the store once for all (ADR 0015); a platform without it
            // (an older jar, to compare) gets one rebuild per projection, all started at once
            HttpResponse<String> together = http.send(
                    new PlatformClient(PORT).post(session, "/api/v1/admin/projections/rebuild", ""),
                    HttpResponse.BodyHandlers.ofString());
            if (together.statusCode() == 202) {
                Matcher named = PROJECTION_NAME.matcher(together.body());
                while (named.find()) {
                    rebuilt.add(named.group(1));
                }
                ctx.log("one rebuild of every projection together");
                togetherUsed = true;
            }
            for (String name : rebuilt.isEmpty() ? doneAfter.keySet() : java.util.Set.<String>of()) {
                HttpResponse<String> started = http.send(
                        new PlatformClient(PORT).post(session, "/api/v1/admin/projections/" + name + "/rebuild", ""),
                        HttpResponse.BodyHandlers.ofString());
                if (started.statusCode() == 202) {
                    rebuilt.add(name);
                } else {
                    ctx.log("  %s is not rebuilt beside its tables (%d)", name, started.statusCode());
                }
            }
            ctx.log("rebuilding %s beside the live tables", String.join(", ", rebuilt));
            deadline = System.nanoTime() + LIMIT.toNanos();
            lastLog = 0;
            while (rebuiltAfter.size() < rebuilt.size()) {
                double now = (System.nanoTime() - r0) / 1e9;
                for (String name : rebuilt) {
                    if (rebuiltAfter.containsKey(name)) {
                        continue;
                    }
                    String body = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT
                                                    + "/api/v1/admin/projections/" + name + "/rebuild"))
                                            .header("Cookie", session)
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    Matcher state = REBUILD_STATE.matcher(body);
                    if (!state.find()) {
                        throw new IllegalStateException("no rebuild state in " + body);
                    }
                    if (state.group(1).equals("DONE")) {
                        rebuiltAfter.put(name, now);
                        ctx.log("  %s rebuilt and switched over after %.1f s", name, now);
                    } else if (!state.group(1).equals("BUILDING")
                            && !state.group(1).equals("SWITCHING")) {
                        throw new IllegalStateException("the rebuild of " + name + " ended " + body);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the rebuilds did not finish within " + LIMIT.toMinutes() + " minutes");
                }
                if (now - lastLog > 30) {
                    lastLog = (long) now;
                    ctx.log("  %.0f s: %d of %d rebuilds done", now, rebuiltAfter.size(), rebuilt.size());
                }
                Thread.sleep(250);
            }
            rebuildCpu = ProcessStats.between(before, ProcessStats.sample(app.pid()));
            peak = Math.max(peak, Math.max(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid())));
        } finally {
            ctx.processes().stop(app);
        }
        ctx.databases().drop(STORE_DB);

        Report.Table table = new Report.Table(
                "projection",
                "built after (s from start)",
                "events/s (after ready)",
                "share of PostgreSQL's ordered read");
        double slowestRate = Double.MAX_VALUE;
        for (Map.Entry<String, Double> done : doneAfter.entrySet()) {
            long from = Math.max(0, positionAtReady.getOrDefault(done.getKey(), 0L));
            double rate = (head - from) / Math.max(0.001, done.getValue() - readyAfter);
            slowestRate = Math.min(slowestRate, rate);
            table.row(
                    done.getKey(),
                    String.format("%.1f", done.getValue()),
                    Report.number(rate),
                    Report.percent(rate / readRate));
        }
        double together = g.events() / Math.max(0.001, allDone);
        table.row(
                "all together, from process start",
                String.format("%.1f", allDone),
                Report.number(together),
                Report.percent(together / readRate));
        Report.Table rebuilds = new Report.Table(
                "projection rebuilt beside its live tables",
                "switched over after (s)",
                "events/s",
                "share of PostgreSQL's ordered read");
        double allRebuilt = 0;
        for (Map.Entry<String, Double> done : rebuiltAfter.entrySet()) {
            allRebuilt = Math.max(allRebuilt, done.getValue());
            double rate = g.events() / Math.max(0.001, done.getValue());
            rebuilds.row(
                    done.getKey(),
                    String.format("%.1f", done.getValue()),
                    Report.number(rate),
                    Report.percent(rate / readRate));
        }
        double rebuiltRate = rebuiltAfter.isEmpty() ? 0 : g.events() / Math.max(0.001, allRebuilt);
        rebuilds.row(
                "all together",
                String.format("%.1f", allRebuilt),
                Report.number(rebuiltRate),
                Report.percent(rebuiltRate / readRate));
        Report.Table other = new Report.Table("figure", "value");
        other.row("events in the store", Report.number(g.events()));
        other.row("PostgreSQL's ordered read of the store (rows/s, JDBC, median of 3)", Report.number(readRate));
        other.row("platform ready after (s; projections were already building)", String.format("%.1f", readyAfter));
        other.row("platform peak RSS (MiB)", Report.number(peak / 1024.0));
        other.row("CPU after ready: platform JVM", Report.percent(cpu.share(cpu.appMs())));
        other.row("CPU after ready: PostgreSQL", Report.percent(cpu.share(cpu.postgresMs())));
        other.row("CPU after ready: idle", Report.percent(cpu.share(cpu.idleMs())));
        other.row("CPU during the rebuilds: platform JVM", Report.percent(rebuildCpu.share(rebuildCpu.appMs())));
        other.row("CPU during the rebuilds: PostgreSQL", Report.percent(rebuildCpu.share(rebuildCpu.postgresMs())));
        other.row("CPU during the rebuilds: idle", Report.percent(rebuildCpu.share(rebuildCpu.idleMs())));
        other.row("generator (making the store): events/s", Report.number(g.generatorRate()));
        String markdown = "A store generated with `--generate-journeys=" + o.journeys
                + " --generate-events-per-journey="
                + o.eventsPerJourney + "`; the platform (`" + String.join(" ", jvmOptions) + "`) then started on it, "
                + "its projections building from the first event, all together. Rates count the events a projection "
                + "went through after the platform was ready, over the time from ready to caught up with the head of "
                + "the store; the last row counts every event over the time from the process's start.\n\n"
                + table.markdown() + "\n"
                + "Then every projection was rebuilt beside its live tables ("
                + (togetherUsed
                        ? "`POST /api/v1/admin/projections/rebuild`: one rebuild of all of them, reading the store once"
                        : "`POST /api/v1/admin/projections/{name}/rebuild`, all at once")
                + ", ADR 0015), reads served from the live tables meanwhile; times from the "
                + "requests to each switch-over:\n\n"
                + rebuilds.markdown() + "\n" + other.markdown()
                + "\nTarget (issue 14): all projections together at least 25 % of the ordered read rate, built first "
                + "or rebuilt beside; peak RSS at most 1 GiB.\n";
        Map<String, String> key = new LinkedHashMap<>();
        key.put("all together events/s", Report.number(together));
        key.put("share of ordered read", Report.percent(together / readRate));
        key.put("slowest projection events/s", Report.number(slowestRate));
        key.put("rebuilt beside, all together events/s", Report.number(rebuiltRate));
        key.put("rebuilt beside, share of ordered read", Report.percent(rebuiltRate / readRate));
        key.put("peak RSS MiB", Report.number(peak / 1024.0));
        return new ScenarioResult(markdown, key);
    }
}
