package org.journeyplatform.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark driver: {@code java -jar benchmark/target/benchmark.jar <scenario>|all [options]}, normally started by
 * {@code benchmark/run}. Runs the scenario (each of them for {@code all}) {@code --runs} times, prints the markdown
 * report and writes it to {@code docs/benchmarks/results/<date>-<scenario>.md}. Every child process is stopped and
 * every database it created is dropped on the way out, whether the run succeeded or not.
 */
public final class Bench {

    /** Every scenario, by name, in the order {@code all} runs them. Add new ones here. */
    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        register(new AppendScenario());
        register(new GenerateScenario());
        register(new ReplayScenario());
        register(new ExportScenario());
        register(new ReadScenario(ReadScenario.Kind.DASHBOARD));
        register(new ReadScenario(ReadScenario.Kind.TIMELINE));
        register(new ReadScenario(ReadScenario.Kind.SUMMARY));
        register(new ReadScenario(ReadScenario.Kind.PAGES));
        register(new ContractsScenario());
    }

    static void register(Scenario s) {
        SCENARIOS.put(s.name(), s);
    }

    private Bench() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.err.println("scenarios:");
            SCENARIOS.values().forEach(s -> System.err.println("  " + s.name() + ": " + s.description()));
            System.exit(2);
            return;
        }
        List<Scenario> chosen;
        if (options.scenario.equals("all")) {
            chosen = new ArrayList<>(SCENARIOS.values());
        } else if (SCENARIOS.containsKey(options.scenario)) {
            chosen = List.of(SCENARIOS.get(options.scenario));
        } else {
            System.err.println("no scenario " + options.scenario + "; there are: "
                    + String.join(", ", SCENARIOS.keySet()) + " (or all)");
            System.exit(2);
            return;
        }
        int status = 0;
        for (Scenario s : chosen) {
            status = Math.max(status, runScenario(s, options));
        }
        System.exit(status);
    }

    /** Runs one scenario {@code --runs} times; returns the exit status (0 when every run succeeded). */
    static int runScenario(Scenario scenario, Options options) {
        PrintStream progress = System.err;
        Processes processes = new Processes();
        Databases databases = new Databases();
        BenchContext ctx = new BenchContext(options, processes, databases, progress);
        // on Ctrl-C or SIGTERM the main thread never reaches its finally: stop the children and drop the databases here
        Thread cleanup = new Thread(
                () -> {
                    processes.stopAll();
                    databases.dropAll();
                },
                "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<ScenarioResult> results = new ArrayList<>();
        String failure = null;
        long started = System.nanoTime();
        String header = header(scenario, options);
        try {
            for (int k = 1; k <= options.runs; k++) {
                ctx.log("%s: run %d of %d", scenario.name(), k, options.runs);
                results.add(scenario.run(ctx));
            }
        } catch (Exception | Error e) {
            failure = e.toString();
            ctx.log("%s failed: %s", scenario.name(), e);
            e.printStackTrace(progress);
        } finally {
            processes.close();
            databases.dropAll();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // it runs anyway, and finds nothing left to do
            }
        }
        ctx.log("%s took %.1f min", scenario.name(), (System.nanoTime() - started) / 60e9);
        if (results.isEmpty()) {
            return 1;
        }
        String markdown = Report.compose(
                header + String.format("- duration: %.1f min%n", (System.nanoTime() - started) / 60e9), results);
        if (failure != null) {
            markdown += "\n**Run " + (results.size() + 1) + " of " + options.runs + " failed:** `" + failure + "`\n";
        }
        System.out.println(markdown);
        if (options.writeResults) {
            Path file = Report.resultsFile(options.resultsDir, LocalDate.now(), scenario.name());
            try {
                Report.write(file, markdown);
                ctx.log("results written to %s", file);
            } catch (IOException e) {
                ctx.log("could not write %s: %s", file, e);
                return 1;
            }
        }
        return failure == null ? 0 : 1;
    }

    static String header(Scenario scenario, Options o) {
        String command = System.getenv("BENCH_COMMAND");
        if (command == null || command.isBlank()) {
            command = "java -jar benchmark/target/benchmark.jar " + String.join(" ", o.rawArgs);
        }
        return "# Benchmark `" + scenario.name() + "`, " + LocalDate.now() + "\n\n"
                + scenario.description().substring(0, 1).toUpperCase()
                + scenario.description().substring(1) + ".\n\n"
                + "- date: " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "\n"
                + "- commit: `" + gitCommit() + "`\n"
                + "- machine: " + ProcessStats.cores() + " cores (" + ProcessStats.cpuModel() + "), "
                + ProcessStats.memTotal() + " memory; Java " + System.getProperty("java.version") + "; PostgreSQL "
                + Databases.serverVersion() + " on the same machine\n"
                + "- platform JVM options (`" + o.jvmOptionsFile + "`): `"
                + String.join(" ", jvmOptionsOrEmpty(o.jvmOptionsFile)) + "`\n"
                + "- platform jar: " + describeJar(o.platformJar) + "\n"
                + "- baseline jar: " + describeJar(o.baselineJar) + "\n"
                + "- command: `" + command + "`\n"
                + "- runs: " + o.runs + "; warm-up " + o.warmup.toSeconds() + " s, measured " + o.measure.toSeconds()
                + " s per load step\n";
    }

    /** Path, modification time and the start of its SHA-256: which build was measured (it need not be HEAD's). */
    static String describeJar(Path jar) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(jar)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                }
            }
            String sha = java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
            String built = LocalDateTime.ofInstant(
                            Files.getLastModifiedTime(jar).toInstant(), java.time.ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            return "`" + jar + "` (built " + built + ", sha256 " + sha + ")";
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return "`" + jar + "` (unreadable: " + e.getMessage() + ")";
        }
    }

    static String gitCommit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        String dirty = git("status", "--porcelain", "--untracked-files=no");
        return dirty.isEmpty() ? head : head + " (with uncommitted changes)";
    }

    private static String git(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The JVM options in the file: its first line that is neither blank nor a # comment, split at spaces. */
    static List<String> jvmOptions(Path file) throws IOException {
        return parseJvmOptions(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static List<String> parseJvmOptions(List<String> lines) {
        for (String line : lines) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return List.of(t.split("\\s+"));
            }
        }
        return List.of();
    }

    static List<String> jvmOptionsOrEmpty(Path file) {
        try {
            return jvmOptions(file);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ")");
        }
    }
}
