package org.journeyplatform.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code export}: how fast the platform exports a research study over every programme of a generated store (a million
 * events by default), against the rate PostgreSQL reads the same store in order, with memory. The store is made by the
 * bulk generator; the platform is started on it only to register the study (through the API, as an administrator
 * would) and stopped; the export then runs as the operator's command line does ({@code --research-export}), in a JVM
 * of its own, so that its time, CPU and memory are the export's alone. See docs/benchmarks/README.md.
 */
public final class ExportScenario implements Scenario {

    static final String STORE_DB = "bench_export";
    static final int PORT = AppendScenario.PLATFORM_PORT;
    static final Duration LIMIT = Duration.ofMinutes(40);
    private static final Pattern PROGRAMME_ID = Pattern.compile("\"programmeId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STUDY_ID = Pattern.compile("\"studyId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INCLUDED = Pattern.compile("\"included\"\\s*:\\s*(\\d+)");
    private static final Pattern CANDIDATES = Pattern.compile("\"candidates\"\\s*:\\s*(\\d+)");
    private static final int PROGRAMMES = 10;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String description() {
        return "events per second a research export of every programme reads from a generated store (a million events "
                + "by default) vs PostgreSQL's ordered read of the same store, with memory";
    }

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Path runDir = ctx.runDir(name());
        GeneratedStore.Generation g = GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator.log"));
        double readRate = GeneratedStore.medianOrderedReadRate(ctx, STORE_DB, g.events());

        List<String> jvmOptions = Bench.jvmOptions(o.jvmOptionsFile);
        Map<String, String> env = Map.of(
                "JOURNEY_DB_URL",
                Databases.url(STORE_DB),
                "JOURNEY_PORT",
                Integer.toString(PORT),
                "AXONIQ_UPDATE_CHECKER_DISABLED",
                "true",
                "JOURNEY_AUDIT_CHECKPOINT_FILE",
                runDir.resolve("audit-checkpoint.json").toAbsolutePath().toString());
        String study = registerStudy(ctx, jvmOptions, env, runDir.resolve("platform.log"));

        Path out = runDir.resolve("export");
        Path log = runDir.resolve("export.log");
        ctx.log("export: study %s into %s (log %s)", study, out, log);
        ProcessStats.Sample before = ProcessStats.sample(-1);
        long t0 = System.nanoTime();
        Processes.Child export = ctx.processes()
                .startJava(
                        "export",
                        jvmOptions,
                        o.platformJar,
                        List.of("--research-export=" + study, "--research-export-out=" + out.toAbsolutePath()),
                        env,
                        log);
        double startedExporting = Double.NaN;
        long peak;
        int exit;
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(export.pid())) {
            long deadline = t0 + LIMIT.toNanos();
            while (export.alive()) {
                if (Double.isNaN(startedExporting)
                        && Files.readString(log, StandardCharsets.ISO_8859_1).contains("Exporting study")) {
                    startedExporting = (System.nanoTime() - t0) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the export did not end within " + LIMIT.toMinutes() + " minutes");
                }
                export.process().waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            exit = export.process().exitValue();
            peak = rss.maxKiB(export.pid());
        } finally {
            ctx.processes().stop(export);
        }
        // the export JVM has ended: its CPU is the benchmark's reaped children's
        ProcessStats.CpuUse cpu = ProcessStats.between(before, ProcessStats.sample(-1));
        double total = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(
                    "the export exited with " + exit + "; the end of " + log + ":\n" + Processes.tail(log, 30));
        }
        String manifest = Files.readString(out.resolve("manifest.json"));
        long released;
        try (var lines = Files.lines(out.resolve("events.ndjson"))) {
            released = lines.count();
        }
        long included = firstNumber(INCLUDED, manifest);
        long candidates = firstNumber(CANDIDATES, manifest);
        ctx.databases().drop(STORE_DB);

        if (Double.isNaN(startedExporting)) {
            throw new IllegalStateException(
                    "the export never said \"Exporting study\"; the end of " + log + ":\n" + Processes.tail(log, 30));
        }
        double exporting = total - startedExporting;
        double rate = g.events() / Math.max(0.001, exporting);
        double rateWithStart = g.events() / Math.max(0.001, total);
        Report.Table table = new Report.Table("figure", "value");
        table.row("events in the store (all read: the study covers every programme)", Report.number(g.events()));
        table.row("participants: candidates / released", Report.number(candidates) + " / " + Report.number(included));
        table.row("lines of events.ndjson released", Report.number(released));
        table.row("PostgreSQL's ordered read of the store (rows/s, JDBC, median of 3)", Report.number(readRate));
        table.row("export, from \"Exporting study\" to exit (s)", String.format("%.1f", exporting));
        table.row("export: store events/s", Report.number(rate));
        table.row("**share of PostgreSQL's ordered read**", "**" + Report.percent(rate / readRate) + "**");
        table.row("export, whole process with the JVM's start (s)", String.format("%.1f", total));
        table.row("export process peak RSS (MiB, sampled every 0.5 s)", Report.number(peak / 1024.0));
        table.row("CPU during the export: export JVM", Report.percent(cpu.share(cpu.endedChildrenMs())));
        table.row("CPU during the export: PostgreSQL", Report.percent(cpu.share(cpu.postgresMs())));
        table.row("CPU during the export: idle", Report.percent(cpu.share(cpu.idleMs())));
        String markdown = "A store generated with `--generate-journeys=" + o.journeys
                + " --generate-events-per-journey="
                + o.eventsPerJourney + "` in " + PROGRAMMES + " programmes; a study of every programme registered "
                + "through the API with the defaults (30-day months, 14 days' displacement, the default risk limits, no "
                + "quasi-identifier) and days since enrolment, then exported by the command line (`"
                + String.join(" ", jvmOptions)
                + "`). The rate counts every event of the store (the export reads the events that decide who is left "
                + "out of every candidate, and the whole history of the others once, to measure the risk; then writes "
                + "the released ones' files from what it kept, up to 400,000 anonymised events, reading the rest again) "
                + "over the time from the export's start to the process's exit.\n\n"
                + table.markdown()
                + "\nTarget (issue 14): at least 50 % of the ordered read rate; peak RSS at most 1 GiB whatever the "
                + "study's size.\n";
        Map<String, String> key = new LinkedHashMap<>();
        key.put("export store events/s", Report.number(rate));
        key.put("share of ordered read", Report.percent(rate / readRate));
        key.put("released", Report.number(included));
        key.put("peak RSS MiB", Report.number(peak / 1024.0));
        return new ScenarioResult(markdown, key);
    }

    /**
     * Starts the platform on the store, registers a study of every programme as the administrator, and stops it. The
     * programme catalogue is a read model: it waits until it lists every programme.
     */
    private static String registerStudy(BenchContext ctx, List<String> jvmOptions, Map<String, String> env, Path log)
            throws Exception {
        Processes.requireFreePort(PORT);
        ctx.log("platform: starting on the store to register the study (log %s)", log);
        Processes.Child app =
                ctx.processes().startJava("platform", jvmOptions, ctx.options().platformJar, List.of(), env, log);
        try {
            String base = "http://127.0.0.1:" + PORT;
            ctx.processes().waitForReadiness(app, PORT, AppendScenario.START_TIMEOUT);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic =
                    "Basic " + Base64.getEncoder().encodeToString("admin:admin-demo".getBytes(StandardCharsets.UTF_8));
            List<String> programmes = new ArrayList<>();
            Processes.pollUntilDone(
                    ctx,
                    () -> {
                        String body = http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/api/v1/programmes"))
                                                .header("Authorization", basic)
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                        programmes.clear();
                        Matcher m = PROGRAMME_ID.matcher(body);
                        while (m.find()) {
                            programmes.add(m.group(1));
                        }
                        return programmes.size() < PROGRAMMES
                                ? "the programme catalogue listed " + programmes.size() + " of " + PROGRAMMES
                                        + " programmes"
                                : null;
                    },
                    Duration.ofMillis(500),
                    Duration.ofMinutes(5));
            String ids = String.join("\",\"", programmes);
            String request = "{\"title\":\"Benchmark export\",\"ethicsApprovalReference\":\"REC-BENCH\","
                    + "\"researchers\":[\"researcher\"],\"programmeIds\":[\"" + ids + "\"],"
                    + "\"periodFrom\":\"2000-01-01\",\"periodTo\":\"2035-12-31\",\"quasiIdentifiers\":[],"
                    + "\"dateMode\":\"DAYS_SINCE_ENROLMENT\",\"k\":5,\"consentScope\":\"all-research\","
                    + "\"expiresOn\":\"2035-12-31\"}";
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/studies"))
                            .header("Authorization", basic)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "registering the study answered " + created.statusCode() + ": " + created.body());
            }
            Matcher study = STUDY_ID.matcher(created.body());
            if (!study.find()) {
                throw new IllegalStateException("no studyId in " + created.body());
            }
            return study.group(1);
        } finally {
            ctx.processes().stop(app);
        }
    }

    private static long firstNumber(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
