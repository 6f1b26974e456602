package org.journeyplatform.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs PostgreSQL's {@code pgbench} (from PATH, else /usr/lib/postgresql/15/bin) with a custom script against the
 * local server and reads its figures.
 */
public final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    /** What pgbench reported. {@code latencyAverageMs} and {@code failed} are NaN / 0 when it did not say. */
    public record Result(double tps, double latencyAverageMs, long transactions, long failed) {}

    private final String binary;
    private final Processes processes;

    public Pgbench(Processes processes) {
        this.processes = processes;
        this.binary = locate();
    }

    public String binary() {
        return binary;
    }

    static String locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Path.of(dir, "pgbench").toString();
            }
        }
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        throw new IllegalStateException("pgbench is neither on PATH nor in /usr/lib/postgresql/15/bin "
                + "(Debian: apt-get install postgresql-contrib or postgresql-15)");
    }

    /**
     * {@code pgbench -n -M prepared -T seconds -c clients -j min(clients, 2) -f script database}; its output goes to
     * {@code log}. Fails when pgbench fails or prints no tps.
     */
    public Result run(String database, Path script, int clients, Duration duration, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                binary,
                "-h",
                Databases.HOST,
                "-p",
                Integer.toString(Databases.PORT),
                "-U",
                Databases.USER,
                "-n",
                "-M",
                "prepared",
                "-T",
                Long.toString(duration.toSeconds()),
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, 2)),
                "-f",
                script.toString(),
                database));
        Processes.Child child = processes.start("pgbench", cmd, Map.of(), log);
        boolean done = child.process().waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS);
        if (!done) {
            processes.stop(child);
            throw new IllegalStateException("pgbench did not finish within " + (duration.toSeconds() + 60) + " s");
        }
        processes.stop(child);
        String out = Files.readString(log);
        if (child.process().exitValue() != 0) {
            throw new IllegalStateException(
                    "pgbench failed (status " + child.process().exitValue() + "):\n" + out);
        }
        return parse(out);
    }

    static Result parse(String output) {
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException(
                    "no \"tps = ... (without initial connection time)\" in pgbench's output:\n" + output);
        }
        Matcher lat = LATENCY.matcher(output);
        Matcher processed = PROCESSED.matcher(output);
        Matcher failed = FAILED.matcher(output);
        return new Result(
                Double.parseDouble(tps.group(1)),
                lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN,
                processed.find() ? Long.parseLong(processed.group(1)) : 0,
                failed.find() ? Long.parseLong(failed.group(1)) : 0);
    }
}
