package org.journeyplatform.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link Bench}: {@code <scenario>|all [--option value]...}. */
public final class Options {

    static final String USAGE = """
            usage: java -jar benchmark/target/benchmark.jar <scenario>|all [options]   (normally through benchmark/run)
              --runs N               repeat the scenario N times, all runs in one results file (default 1)
              --seconds S            measured seconds per load step (default 30)
              --warmup W             warm-up seconds before each measured window (default 10)
              --jvm-warmup J         seconds of unmeasured load after each start of an application, so that its
                                     JIT compiler has done most of its work before the first window (append: 4
                                     clients on participants of their own; reads: one client, the reads measured
                                     next, dashboards with periods of their own; default 60; 0: none)
              --platform-jar PATH    the packaged platform (default journey-api/target/journey-api.jar)
              --baseline-jar PATH    the Axon + JPA baseline
                                     (default target/bench/baseline/target/axon-jpa-baseline-0.0.1-SNAPSHOT.jar)
              --jvm-options FILE     the platform's JVM options, one line (default benchmark/jvm-options)
              --results DIR          where results files go (default docs/benchmarks/results)
              --logs DIR             where the applications' logs go (default target/bench/logs)
              --short-pool N         short journeys: participants (default 400)
              --long-pool N          long journeys: participants (default 40)
              --long-events N        long journeys: events each, enrolment included (default 500)
              --journeys N           generate, replay, export: synthetic journeys in the store (default 20450: about a
                                     million events)
              --events-per-journey N generate, replay, export: events per journey, on average (default 50)
              --no-results-file      print the report only
              --quick                for profiling a change: only the platform with its cache on, short journeys at
                                     4 and 16 clients (no PostgreSQL limit, no baseline, no results file)
            """;

    String scenario;
    int runs = 1;
    Duration measure = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(10);
    Duration jvmWarmup = Duration.ofSeconds(60);
    Path platformJar = Path.of("journey-api/target/journey-api.jar");
    Path baselineJar = Path.of("target/bench/baseline/target/axon-jpa-baseline-0.0.1-SNAPSHOT.jar");
    /** The packaged jar of the commit before a change (the contracts scenario). */
    Path referenceJar;

    Path jvmOptionsFile = Path.of("benchmark/jvm-options");
    Path resultsDir = Path.of("docs/benchmarks/results");
    Path logsDir = Path.of("target/bench/logs");
    int shortPool = 400;
    int longPool = 40;
    int longEvents = 500;
    int journeys = 20_450;
    int eventsPerJourney = 50;
    boolean writeResults = true;
    boolean quick;
    final List<String> rawArgs = new ArrayList<>();

    static Options parse(String... args) {
        Options o = new Options();
        o.rawArgs.addAll(List.of(args));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (o.scenario != null) {
                    throw new IllegalArgumentException("one scenario only (or all), got " + o.scenario + " and " + a);
                }
                o.scenario = a;
                continue;
            }
            if (a.equals("--no-results-file")) {
                o.writeResults = false;
                continue;
            }
            if (a.equals("--quick")) {
                o.quick = true;
                o.writeResults = false;
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--runs" -> o.runs = positive(a, v);
                case "--seconds" -> o.measure = Duration.ofSeconds(positive(a, v));
                case "--warmup" -> o.warmup = Duration.ofSeconds(nonNegative(a, v));
                case "--jvm-warmup" -> o.jvmWarmup = Duration.ofSeconds(nonNegative(a, v));
                case "--platform-jar" -> o.platformJar = Path.of(v);
                case "--baseline-jar" -> o.baselineJar = Path.of(v);
                case "--reference-jar" -> o.referenceJar = Path.of(v);
                case "--jvm-options" -> o.jvmOptionsFile = Path.of(v);
                case "--results" -> o.resultsDir = Path.of(v);
                case "--logs" -> o.logsDir = Path.of(v);
                case "--short-pool" -> o.shortPool = positive(a, v);
                case "--long-pool" -> o.longPool = positive(a, v);
                case "--long-events" -> o.longEvents = positive(a, v);
                case "--journeys" -> o.journeys = positive(a, v);
                case "--events-per-journey" -> o.eventsPerJourney = positive(a, v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.scenario == null) {
            throw new IllegalArgumentException("name a scenario, or all");
        }
        return o;
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got " + value);
        }
    }
}
