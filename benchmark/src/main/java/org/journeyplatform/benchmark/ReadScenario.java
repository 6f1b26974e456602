package org.journeyplatform.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dashboard}, {@code timeline} and {@code summary}: how fast the platform answers its reads on generated stores
 * (docs/benchmarks/README.md). Each loads a store with the bulk generator, starts the platform on it, waits for every
 * projection to build, then measures one client asking in sequence and 16 clients at a fixed offered rate (open loop:
 * a request that starts late counts from when it was due), as the manager with a session cookie.
 */
public final class ReadScenario implements Scenario {

    enum Kind {
        DASHBOARD,
        TIMELINE,
        SUMMARY,
        PAGES
    }

    static final String STORE_DB = "bench_reads";
    static final int PORT = AppendScenario.PLATFORM_PORT;
    static final int SEQUENTIAL = 300;
    static final int CLIENTS = 16;
    static final int OFFERED_RATE = 200;
    /** The staff pages' offered rate: pages are read by people, each at most every few seconds. */
    static final int PAGES_RATE = 20;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern POSITION = Pattern.compile("\"position\":(-?\\d+)");
    private static final Pattern MILESTONES_TOTAL =
            Pattern.compile("\"milestones\":\\{.*?\"total\":\\{\"value\":([0-9.]+)");
    private static final Pattern PARTICIPANTS =
            Pattern.compile("\"headline\":\\{\"participants\":\\{\"value\":([0-9.]+)");

    private final Kind kind;

    ReadScenario(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String description() {
        return switch (kind) {
            case DASHBOARD ->
                "programme dashboards (one programme of about 1,000 participants; ten programmes of "
                        + "10,000) one at a time and at 200 requests/s from 16 clients, and how soon a command shows";
            case TIMELINE -> "the timeline of 500-event journeys, one at a time and at 200 requests/s from 16 clients";
            case SUMMARY -> "the summary of 500-event journeys, one at a time and at 200 requests/s from 16 clients";
            case PAGES ->
                "the staff pages: a participant's page of a 500-event journey and the manager's work for today over "
                        + "1,020 participants, one at a time, and the participant's page at 20 requests/s from 16 "
                        + "clients";
        };
    }

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        return switch (kind) {
            case DASHBOARD -> dashboards(ctx);
            case PAGES -> pages(ctx);
            default -> journeys(ctx);
        };
    }

    // ---------------------------------------------------------------------------------------------- dashboards

    private ScenarioResult dashboards(BenchContext ctx) throws Exception {
        Path runDir = ctx.runDir(name());
        Report.Table table = new Report.Table("read", "requests", "p50 ms", "p99 ms", "max ms", "answered/s", "errors");
        Map<String, String> key = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        long peak = 0;

        // one programme of about 1,000 participants: 2,000 journeys of 50 events over two programmes
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-1.log"), true, 2000, 50, 1, 2);
        try (Platform platform = Platform.start(ctx, runDir.resolve("platform-1.log"))) {
            String programme = firstProgramme();
            String cookie = platform.signIn("manager", "manager-demo");
            String path = "/api/v1/programmes/" + programme + "/dashboard";
            SplittableRandom warmUp = new SplittableRandom(101); // periods of its own (a few may coincide later)
            platform.jvmWarmup(cookie, i -> path + randomPeriod(warmUp));
            String body = platform.get(cookie, path).body();
            notes.add("One programme: " + number(body, PARTICIPANTS) + " participants counted over the default two "
                    + "years, " + Report.number(facts(programme)) + " dashboard facts of her participants behind it, "
                    + Report.number(GeneratedStore.count(STORE_DB)) + " events in the store.");
            Latencies same = platform.sequential(cookie, i -> path);
            table.row(cells("one programme, the same dashboard again, one client", row(same, SEQUENTIAL, 0)));
            SplittableRandom random = new SplittableRandom(1);
            Latencies fresh = platform.sequential(cookie, i -> path + randomPeriod(random));
            table.row(cells(
                    "one programme, a new period each time (no answer cached), one client", row(fresh, SEQUENTIAL, 0)));
            Platform.OpenLoop open = platform.openLoop(cookie, ctx.options().measure, i -> path);
            table.row(cells("one programme, the same dashboard, 16 clients offered 200/s", open.row()));
            SplittableRandom random2 = new SplittableRandom(2);
            Platform.OpenLoop openFresh =
                    platform.openLoop(cookie, ctx.options().measure, i -> path + randomPeriod(random2));
            table.row(cells("one programme, a new period each time, 16 clients offered 200/s", openFresh.row()));
            double[] lags = freshness(platform, cookie, programme);
            notes.add(String.format(
                    "Up to date: from the 201 of a milestone to the dashboard counting it, %s ms "
                            + "median and %s ms at most over %d commands.",
                    Report.number(lags[0]), Report.number(lags[1]), (int) lags[2]));
            key.put("1 programme p99 ms (1 client, new periods)", Latencies.ms(fresh.p99()));
            key.put("1 programme p99 ms (16 clients, 200/s)", Latencies.ms(open.latencies.p99()));
            key.put("up to date within ms (max)", Report.number(lags[1]));
            peak = Math.max(peak, platform.peakKiB());
        }

        // ten programmes, 10,000 participants, 500,000 events
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-10.log"), true, 10_000, 50, 1, 10);
        try (Platform platform = Platform.start(ctx, runDir.resolve("platform-10.log"))) {
            String programme = firstProgramme();
            String cookie = platform.signIn("manager", "manager-demo");
            String one = "/api/v1/programmes/" + programme + "/dashboard";
            String all = "/api/v1/dashboard";
            SplittableRandom warmUp = new SplittableRandom(103);
            platform.jvmWarmup(cookie, i -> (i % 2 == 0 ? one : all) + randomPeriod(warmUp));
            notes.add("Ten programmes: "
                    + number(
                            platform.get(
                                            cookie,
                                            all + "?from=" + LocalDate.now().minusYears(10))
                                    .body(),
                            PARTICIPANTS) + " participants in all over ten years, "
                    + Report.number(GeneratedStore.count(STORE_DB)) + " events in the store.");
            SplittableRandom random = new SplittableRandom(3);
            Latencies oneSame = platform.sequential(cookie, i -> one);
            Latencies oneFresh = platform.sequential(cookie, i -> one + randomPeriod(random));
            Latencies allSame = platform.sequential(cookie, i -> all);
            Latencies allFresh = platform.sequential(cookie, i -> all + randomPeriod(random));
            table.row(cells(
                    "10 programmes: one programme, the same dashboard again, one client", row(oneSame, SEQUENTIAL, 0)));
            table.row(cells(
                    "10 programmes: one programme, a new period each time, one client", row(oneFresh, SEQUENTIAL, 0)));
            table.row(cells(
                    "10 programmes: all programmes, the same dashboard again, one client",
                    row(allSame, SEQUENTIAL, 0)));
            table.row(cells(
                    "10 programmes: all programmes, a new period each time, one client", row(allFresh, SEQUENTIAL, 0)));
            key.put("10 programmes: one p99 ms (new periods)", Latencies.ms(oneFresh.p99()));
            key.put("10 programmes: all p99 ms (new periods)", Latencies.ms(allFresh.p99()));
            peak = Math.max(peak, platform.peakKiB());
        }
        ctx.databases().drop(STORE_DB);
        key.put("peak RSS MiB", Report.number(peak / 1024.0));
        String markdown = "Stores made by the bulk generator: 2,000 journeys of about 50 events in two programmes "
                + "(so that one programme holds about 1,000 participants), then 10,000 journeys in ten programmes. "
                + "The platform (`" + String.join(" ", Bench.jvmOptions(ctx.options().jvmOptionsFile)) + "`) starts "
                + "on each and builds its read models; then the built-in `manager` (session cookie) asks. \"The same "
                + "dashboard\" is the page's default (the last two years by month); \"a new period\" draws a random "
                + "first day in the last ten years, a length of 30 days to four years and an interval, so that no "
                + "answer is cached. One client: " + SEQUENTIAL + " requests in sequence after 20 not counted. 16 "
                + "clients: open loop at " + OFFERED_RATE + " requests/s offered for "
                + ctx.options().measure.toSeconds()
                + " s after a warm-up; a request's latency counts from when it was due.\n\n"
                + table.markdown() + "\n" + String.join("\n\n", notes) + "\n\nPlatform peak RSS: "
                + Report.number(peak / 1024.0) + " MiB.\n\nTargets (issue 13): one programme p99 at most 20 ms one at "
                + "a time, at most 100 ms at 200/s from 16 clients with every request answered; ten programmes p99 at "
                + "most 50 ms one at a time; up to date within one second; peak RSS at most 1 GiB.\n";
        return new ScenarioResult(markdown, key);
    }

    /** From a 201 to the dashboard counting the milestone: median, maximum (ms) and how many were timed. */
    private static double[] freshness(Platform platform, String managerCookie, String programme) throws Exception {
        String caseworker = platform.signIn(PlatformClient.USER, PlatformClient.PASSWORD);
        List<String> participants = new ArrayList<>();
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT participant_id FROM dashboard_fact WHERE kind = 'ENTERED' "
                        + "AND programme_id = '" + programme + "' AND occurred_on > current_date - 300 "
                        + "AND participant_id NOT IN (SELECT participant_id FROM dashboard_fact WHERE kind = 'EXITED' "
                        + "AND occurred_on > current_date - 300) LIMIT 10")) {
            while (rs.next()) {
                participants.add(rs.getString(1));
            }
        }
        String path = "/api/v1/programmes/" + programme + "/dashboard";
        List<Double> lags = new ArrayList<>();
        for (String participant : participants) {
            double before = number(platform.get(managerCookie, path).body(), MILESTONES_TOTAL);
            HttpResponse<String> r = platform.send(new PlatformClient(PORT)
                    .post(
                            caseworker,
                            "/api/v1/participants/" + participant + "/milestones",
                            "{\"occurredOn\":\"" + LocalDate.now().minusDays(1) + "\",\"type\":\"HEALTH\"}"));
            long t0 = System.nanoTime();
            if (r.statusCode() != 201) {
                continue; // an erased participant, or a rule: not a figure to time
            }
            while (number(platform.get(managerCookie, path).body(), MILESTONES_TOTAL) <= before) {
                if (System.nanoTime() - t0 > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("the dashboard did not count a milestone within 30 s");
                }
                Thread.sleep(5);
            }
            lags.add((System.nanoTime() - t0) / 1e6);
        }
        if (lags.isEmpty()) {
            throw new IllegalStateException("no participant to time the dashboard's freshness with");
        }
        lags.sort(null);
        return new double[] {lags.get(lags.size() / 2), lags.get(lags.size() - 1), lags.size()};
    }

    private static String randomPeriod(SplittableRandom random) {
        LocalDate from = LocalDate.now().minusDays(30 + random.nextInt(3650 - 30));
        LocalDate to = from.plusDays(30 + random.nextInt(1460));
        if (to.isAfter(LocalDate.now())) {
            to = LocalDate.now();
        }
        String interval = List.of("month", "quarter", "year").get(random.nextInt(3));
        return "?from=" + from + "&to=" + to + "&interval=" + interval;
    }

    private static String firstProgramme() throws Exception {
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT programme_id FROM dashboard_fact WHERE kind = 'ENTERED' "
                        + "GROUP BY programme_id ORDER BY count(DISTINCT participant_id) DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long facts(String programme) throws Exception {
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM dashboard_fact WHERE participant_id IN (SELECT "
                        + "participant_id FROM dashboard_fact WHERE kind = 'ENTERED' AND programme_id = '" + programme
                        + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double number(String body, Pattern pattern) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body.substring(0, Math.min(400, body.length())));
        }
        return Double.parseDouble(m.group(1));
    }

    private static String[] cells(String label, String[] figures) {
        String[] cells = new String[figures.length + 1];
        cells[0] = label;
        System.arraycopy(figures, 0, cells, 1, figures.length);
        return cells;
    }

    private static String[] row(Latencies l, int requests, int errors) {
        return new String[] {
            Report.number(requests),
            Latencies.ms(l.p50()),
            Latencies.ms(l.p99()),
            Latencies.ms(l.max()),
            "",
            Report.number(errors)
        };
    }

    // ------------------------------------------------------------------------------------ timeline and summary

    private ScenarioResult journeys(BenchContext ctx) throws Exception {
        Path runDir = ctx.runDir(name());
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-1.log"), true, 500, 50, 1, 2);
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-2.log"), false, 20, 500, 2, 2);
        Report.Table table = new Report.Table("read", "requests", "p50 ms", "p99 ms", "max ms", "answered/s", "errors");
        Map<String, String> key = new LinkedHashMap<>();
        long peak;
        List<String> long_ = new ArrayList<>();
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT aggregate_identifier FROM domain_event_entry GROUP BY 1 "
                        + "HAVING count(*) >= 450 ORDER BY 1")) {
            while (rs.next()) {
                long_.add(rs.getString(1));
            }
        }
        if (long_.isEmpty()) {
            throw new IllegalStateException("the store holds no journey of 450 events or more");
        }
        String suffix = kind == Kind.TIMELINE ? "/timeline" : "/summary";
        try (Platform platform = Platform.start(ctx, runDir.resolve("platform.log"))) {
            String cookie = platform.signIn("manager", "manager-demo");
            IntFunction<String> paths = i -> "/api/v1/participants/" + long_.get(i % long_.size()) + suffix;
            // the summary's warm-up also folds (as-of reads, measured after the kept ones), the timeline's only reads
            String warmUpMoment = java.time.Instant.now().toString();
            platform.jvmWarmup(
                    cookie,
                    kind == Kind.SUMMARY
                            ? i -> paths.apply(i / 2) + (i % 2 == 0 ? "" : "?asOfRecorded=" + warmUpMoment)
                            : paths);
            Latencies one = platform.sequential(cookie, paths);
            table.row(cells(name() + " of a 500-event journey, one client", row(one, SEQUENTIAL, 0)));
            Platform.OpenLoop open = platform.openLoop(cookie, ctx.options().measure, paths);
            table.row(cells(name() + " of a 500-event journey, 16 clients offered 200/s", open.row()));
            key.put("p99 ms (1 client)", Latencies.ms(one.p99()));
            key.put("p99 ms (16 clients, 200/s)", Latencies.ms(open.latencies.p99()));
            if (kind == Kind.SUMMARY) {
                // as known at a moment: never kept, always her whole history folded (every event is recorded by now)
                String moment = java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString();
                Latencies asOf = platform.sequential(cookie, i -> paths.apply(i) + "?asOfRecorded=" + moment);
                table.row(cells(
                        "summary of a 500-event journey as known at a moment (`asOfRecorded`: her history "
                                + "folded), one client",
                        row(asOf, SEQUENTIAL, 0)));
                key.put("as-of p99 ms (1 client)", Latencies.ms(asOf.p99()));
            }
            peak = platform.peakKiB();
        }
        ctx.databases().drop(STORE_DB);
        key.put("peak RSS MiB", Report.number(peak / 1024.0));
        String markdown = "A store made by the bulk generator: 500 journeys of about 50 events, then " + long_.size()
                + " journeys of about 500 (another seed). The platform (`"
                + String.join(" ", Bench.jvmOptions(ctx.options().jvmOptionsFile))
                + "`) starts on it and builds its read models; then "
                + "the built-in `manager` (session cookie) asks for the " + name() + " of the long journeys in turn. "
                + "One client: " + SEQUENTIAL + " requests in sequence after 20 not counted. 16 clients: open loop "
                + "at " + OFFERED_RATE + " requests/s offered for "
                + ctx.options().measure.toSeconds() + " s after a "
                + "warm-up; a request's latency counts from when it was due.\n\n" + table.markdown()
                + "\nPlatform peak RSS: " + Report.number(peak / 1024.0) + " MiB.\n\nTarget (issue 13): p99 at most "
                + "20 ms one at a time.\n";
        return new ScenarioResult(markdown, key);
    }

    // ------------------------------------------------------------------------------------------ the staff pages

    /**
     * The staff pages' server time: a participant's page (summary, timeline, her plans, goals and assessment charts,
     * and every record form, rendered) for journeys of about 500 events, and the manager's work for today over every
     * participant of her programmes. Target (issue 18): under 100 ms each, one at a time.
     */
    private ScenarioResult pages(BenchContext ctx) throws Exception {
        Path runDir = ctx.runDir(name());
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-1.log"), true, 1000, 50, 1, 2);
        GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator-2.log"), false, 20, 500, 2, 2);
        Report.Table table = new Report.Table("read", "requests", "p50 ms", "p99 ms", "max ms", "answered/s", "errors");
        Map<String, String> key = new LinkedHashMap<>();
        List<String> long_ = new ArrayList<>();
        int participants;
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT aggregate_identifier FROM domain_event_entry GROUP BY 1 "
                        + "HAVING count(*) >= 450 ORDER BY 1")) {
            while (rs.next()) {
                long_.add(rs.getString(1));
            }
        }
        try (Connection c = Databases.connect(STORE_DB);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                        + "WHERE type = 'Journey'")) {
            rs.next();
            participants = rs.getInt(1);
        }
        if (long_.isEmpty()) {
            throw new IllegalStateException("the store holds no journey of 450 events or more");
        }
        long peak;
        try (Platform platform = Platform.start(ctx, runDir.resolve("platform.log"))) {
            String cookie = platform.signIn("manager", "manager-demo");
            platform.givePurpose(cookie, "/participants/" + long_.get(0));
            IntFunction<String> page = i -> "/participants/" + long_.get(i % long_.size());
            IntFunction<String> home = i -> "/home";
            platform.jvmWarmup(cookie, i -> i % 4 == 0 ? home.apply(i) : page.apply(i));
            Latencies onePage = platform.sequential(cookie, page);
            table.row(cells("a participant's page, 500-event journey, one client", row(onePage, SEQUENTIAL, 0)));
            Latencies oneHome = platform.sequential(cookie, home);
            table.row(cells(
                    "work for today (the manager's, " + participants + " participants), one client",
                    row(oneHome, SEQUENTIAL, 0)));
            Platform.OpenLoop open = platform.openLoop(cookie, ctx.options().measure, page, PAGES_RATE);
            table.row(cells(
                    "a participant's page, 500-event journey, 16 clients offered " + PAGES_RATE + "/s", open.row()));
            key.put("page p50 ms (1 client)", Latencies.ms(onePage.p50()));
            key.put("page p99 ms (1 client)", Latencies.ms(onePage.p99()));
            key.put("home p50 ms (1 client)", Latencies.ms(oneHome.p50()));
            key.put("home p99 ms (1 client)", Latencies.ms(oneHome.p99()));
            key.put("page p99 ms (16 clients, " + PAGES_RATE + "/s)", Latencies.ms(open.latencies.p99()));
            peak = platform.peakKiB();
        }
        ctx.databases().drop(STORE_DB);
        key.put("peak RSS MiB", Report.number(peak / 1024.0));
        String markdown = "A store made by the bulk generator: 1,000 journeys of about 50 events, then " + long_.size()
                + " journeys of about 500 (another seed); " + participants + " participants, all in the programmes of"
                + " the built-in `manager`. The platform (`"
                + String.join(" ", Bench.jvmOptions(ctx.options().jvmOptionsFile))
                + "`) starts on it and builds its read models; the manager signs in (session cookie), gives the "
                + "access purpose once, then asks for the pages as a browser would (HTML). One client: " + SEQUENTIAL
                + " requests in sequence after 20 not counted. 16 clients: open loop at " + PAGES_RATE
                + " requests/s offered (a busy office: a page a second for each of twenty people) for "
                + ctx.options().measure.toSeconds() + " s after a warm-up.\n\n"
                + table.markdown() + "\nPlatform peak RSS: " + Report.number(peak / 1024.0)
                + " MiB.\n\nTarget (issue 18): under 100 ms of server time for each page, one at a time.\n";
        return new ScenarioResult(markdown, key);
    }

    // ------------------------------------------------------------------------------------------ the platform

    /** The packaged platform on the store, its read models built; stopped on close. */
    private static final class Platform implements AutoCloseable {

        private final BenchContext ctx;
        private final Processes.Child app;
        private final ProcessStats.RssSampler rss;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        private Platform(BenchContext ctx, Processes.Child app) {
            this.ctx = ctx;
            this.app = app;
            this.rss = new ProcessStats.RssSampler(app.pid());
        }

        static Platform start(BenchContext ctx, Path log) throws Exception {
            Processes.requireFreePort(PORT);
            List<String> jvmOptions = Bench.jvmOptions(ctx.options().jvmOptionsFile);
            ctx.log("platform: starting on the store (log %s)", log);
            Processes.Child app = ctx.processes()
                    .startJava(
                            "platform",
                            jvmOptions,
                            ctx.options().platformJar,
                            List.of(),
                            Map.of(
                                    "JOURNEY_DB_URL",
                                    Databases.url(STORE_DB),
                                    "JOURNEY_PORT",
                                    Integer.toString(PORT),
                                    "AXONIQ_UPDATE_CHECKER_DISABLED",
                                    "true",
                                    "JOURNEY_AUDIT_CHECKPOINT_FILE",
                                    log.resolveSibling(log.getFileName() + "-audit.json")
                                            .toAbsolutePath()
                                            .toString()),
                            log);
            Platform platform = new Platform(ctx, app);
            try {
                ctx.processes().waitForReadiness(app, PORT, AppendScenario.START_TIMEOUT);
                platform.awaitProjections();
                return platform;
            } catch (Exception | Error e) {
                platform.close();
                throw e;
            }
        }

        /** Every projection has reached the head of the store. */
        private void awaitProjections() throws Exception {
            long head = GeneratedStore.head(STORE_DB);
            String session = signIn("admin", "admin-demo", "/api/v1/admin/projections");
            long t0 = System.nanoTime();
            while (true) {
                String body = send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + PORT + "/api/v1/admin/projections"))
                                .header("Cookie", session)
                                .timeout(TIMEOUT)
                                .GET()
                                .build())
                        .body();
                Matcher m = POSITION.matcher(body);
                long slowest = Long.MAX_VALUE;
                while (m.find()) {
                    slowest = Math.min(slowest, Long.parseLong(m.group(1)));
                }
                if (slowest != Long.MAX_VALUE && slowest >= head) {
                    ctx.log("  read models built after %.0f s", (System.nanoTime() - t0) / 1e9);
                    return;
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(20).toNanos()) {
                    throw new IllegalStateException("the read models did not build within 20 minutes");
                }
                Thread.sleep(500);
            }
        }

        String signIn(String user, String password) throws Exception {
            return signIn(user, password, "/api/v1/programmes");
        }

        String signIn(String user, String password, String path) throws Exception {
            return PlatformClient.signIn(http, "http://127.0.0.1:" + PORT, user, password, path);
        }

        HttpResponse<String> get(String cookie, String path) throws Exception {
            HttpResponse<String> r = send(request(cookie, path));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        }

        /** A GET as the API's clients send it (JSON), or as a browser asks for a page (HTML). */
        HttpRequest request(String cookie, String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                    .timeout(TIMEOUT)
                    .header("Cookie", cookie)
                    .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                    .GET()
                    .build();
        }

        /**
         * Gives the access purpose for the session, as a browser does the first time a participant's page opens: the
         * page asks for it in a form with a CSRF token, which is sent back.
         */
        void givePurpose(String cookie, String participantPage) throws Exception {
            String form = get(cookie, participantPage).body();
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
            if (!token.find()) {
                throw new IllegalStateException("the participant's page did not ask for the purpose: " + form);
            }
            String body = "purpose="
                    + java.net.URLEncoder.encode("Reviewing her record", java.nio.charset.StandardCharsets.UTF_8)
                    + "&returnTo="
                    + java.net.URLEncoder.encode(participantPage, java.nio.charset.StandardCharsets.UTF_8)
                    + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/purpose"))
                    .timeout(TIMEOUT)
                    .header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            if (r.statusCode() != 302) {
                throw new IllegalStateException("POST /purpose answered " + r.statusCode() + ": " + r.body());
            }
        }

        HttpResponse<String> send(HttpRequest request) throws Exception {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Requests one after the other, not counted, for {@code --jvm-warmup} seconds after the start (as the append
         * scenario does): measured right after a start, the first reads also timed the JIT compiler at work (the
         * dashboards' p99 halved once it was done). Every answer must be a 200.
         */
        void jvmWarmup(String cookie, IntFunction<String> paths) throws Exception {
            Duration length = ctx.options().jvmWarmup;
            if (length.isZero()) {
                return;
            }
            ctx.log("platform: JIT warm-up, one client for %d s (not measured)", length.toSeconds());
            long end = System.nanoTime() + length.toNanos();
            int requests = 0;
            while (System.nanoTime() < end) {
                get(cookie, paths.apply(requests++));
            }
            ctx.log("  warm-up done: %d requests", requests);
        }

        /** 20 requests not counted, then {@link #SEQUENTIAL} one after the other; every answer must be a 200. */
        Latencies sequential(String cookie, IntFunction<String> paths) throws Exception {
            for (int i = 0; i < 20; i++) {
                get(cookie, paths.apply(i));
            }
            long[] micros = new long[SEQUENTIAL];
            for (int i = 0; i < SEQUENTIAL; i++) {
                HttpRequest request = request(cookie, paths.apply(i));
                long t0 = System.nanoTime();
                HttpResponse<String> r = send(request);
                micros[i] = (System.nanoTime() - t0) / 1000;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
                }
            }
            return Latencies.of(micros);
        }

        record OpenLoop(Latencies latencies, long offered, long answered, long errors, double seconds) {
            String[] row() {
                return new String[] {
                    Report.number(offered),
                    Latencies.ms(latencies.p50()),
                    Latencies.ms(latencies.p99()),
                    Latencies.ms(latencies.max()),
                    Report.number(answered / seconds),
                    Report.number(errors)
                };
            }
        }

        /**
         * {@link #CLIENTS} clients share a schedule of one request every 1/{@link #OFFERED_RATE} s: each takes the
         * next due request, waits for its time if it is early, and counts its latency from when it was due. A
         * warm-up of the configured length first (not counted).
         */
        OpenLoop openLoop(String cookie, Duration measure, IntFunction<String> paths) throws Exception {
            return openLoop(cookie, measure, paths, OFFERED_RATE);
        }

        OpenLoop openLoop(String cookie, Duration measure, IntFunction<String> paths, int rate) throws Exception {
            runOpenLoop(cookie, ctx.options().warmup, paths, rate);
            return runOpenLoop(cookie, measure, paths, rate);
        }

        private OpenLoop runOpenLoop(String cookie, Duration length, IntFunction<String> paths, int rate)
                throws Exception {
            int total = (int) (length.toMillis() * rate / 1000);
            long[] micros = new long[total];
            java.util.Arrays.fill(micros, -1);
            AtomicInteger next = new AtomicInteger();
            AtomicLong errors = new AtomicLong();
            long start = System.nanoTime() + 50_000_000;
            long intervalNanos = 1_000_000_000L / rate;
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(
                        () -> {
                            int i;
                            while ((i = next.getAndIncrement()) < total) {
                                long due = start + i * intervalNanos;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                                }
                                try {
                                    HttpResponse<String> r = send(request(cookie, paths.apply(i)));
                                    if (r.statusCode() != 200) {
                                        errors.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    errors.incrementAndGet();
                                }
                                micros[i] = (System.nanoTime() - due) / 1000;
                            }
                        },
                        "open-loop-" + c);
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) {
                t.join(length.toMillis() + TIMEOUT.toMillis() * 2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long answered = java.util.Arrays.stream(micros).filter(m -> m >= 0).count();
            return new OpenLoop(
                    Latencies.of(
                            java.util.Arrays.stream(micros).filter(m -> m >= 0).toArray()),
                    total,
                    answered - errors.get(),
                    errors.get(),
                    seconds);
        }

        long peakKiB() {
            return Math.max(ProcessStats.peakRssKiB(app.pid()), rss.maxKiB(app.pid()));
        }

        @Override
        public void close() {
            try {
                rss.close();
            } finally {
                ctx.processes().stop(app);
            }
        }
    }
}
