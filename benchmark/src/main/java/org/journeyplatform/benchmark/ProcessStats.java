package org.journeyplatform.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of processes, from Linux's /proc: CPU ticks (utime + stime) of one pid, of every process whose
 * command is {@code postgres} (the server and all its backends), of the machine (/proc/stat), this JVM's own CPU
 * time (the load generator), peak RSS ({@code VmHWM}) and a sampled maximum of {@code VmRSS}.
 */
public final class ProcessStats {

    private static final long TICKS_PER_SECOND = clockTicksPerSecond();

    private ProcessStats() {}

    /** One reading of every CPU counter; two of them make a {@link CpuUse}. */
    public record Sample(
            long wallNanos,
            long appTicks,
            long postgresTicks,
            long ownCpuNanos,
            long ownReapedChildrenTicks,
            long machineBusyTicks,
            long machineTotalTicks) {}

    /**
     * CPU used between two samples, in milliseconds, and the machine's capacity over the window (every core's
     * ticks, busy or idle, from /proc/stat).
     */
    public record CpuUse(
            double wallSeconds,
            double appMs,
            double postgresMs,
            double loadGeneratorMs,
            double endedChildrenMs,
            double machineBusyMs,
            double capacityMs) {

        /**
         * Busy CPU not used by the app, PostgreSQL, the load generator or a child of the benchmark that ended inside
         * the window (pgbench): other processes, the kernel, rounding.
         */
        public double otherMs() {
            return Math.max(0, machineBusyMs - appMs - postgresMs - loadGeneratorMs - endedChildrenMs);
        }

        public double idleMs() {
            return Math.max(0, capacityMs - machineBusyMs);
        }

        public double share(double ms) {
            return capacityMs <= 0 ? 0 : ms / capacityMs;
        }
    }

    /** Reads every counter now; {@code appPid} may be -1 when no app is under test (pgbench). */
    public static Sample sample(long appPid) {
        long[] machine = machineTicks();
        return new Sample(
                System.nanoTime(),
                appPid > 0 ? cpuTicks(appPid) : 0,
                postgresTicks(),
                ownCpuNanos(),
                ownReapedChildrenTicks(),
                machine[0],
                machine[1]);
    }

    public static CpuUse between(Sample a, Sample b) {
        return new CpuUse(
                (b.wallNanos() - a.wallNanos()) / 1e9,
                ticksToMs(b.appTicks() - a.appTicks()),
                ticksToMs(b.postgresTicks() - a.postgresTicks()),
                (b.ownCpuNanos() - a.ownCpuNanos()) / 1e6,
                ticksToMs(b.ownReapedChildrenTicks() - a.ownReapedChildrenTicks()),
                ticksToMs(b.machineBusyTicks() - a.machineBusyTicks()),
                ticksToMs(b.machineTotalTicks() - a.machineTotalTicks()));
    }

    static double ticksToMs(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /** utime + stime of a process (all its threads), in clock ticks; 0 if it is gone. */
    public static long cpuTicks(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    .ticks();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * A line of /proc/<pid>/stat: the command (which may hold spaces and parentheses), utime + stime, and cutime +
     * cstime (the CPU of its children that have ended and that it has waited for).
     */
    record Stat(String comm, long ticks, long reapedChildrenTicks) {}

    static Stat parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String comm = line.substring(open + 1, close);
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); utime, stime, cutime and cstime are fields 14 to 17
        return new Stat(
                comm, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]));
    }

    /**
     * CPU of this JVM's children that have ended and been waited for (cutime + cstime of this process): a pgbench
     * that ran inside a window.
     */
    static long ownReapedChildrenTicks() {
        try {
            return parseStat(Files.readString(Path.of("/proc/self/stat"))).reapedChildrenTicks();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU ticks of PostgreSQL: every process named postgres (the postmaster, its helpers and every backend), plus the
     * CPU of the backends that have ended, which the postmaster's cutime + cstime hold once it has reaped them (a
     * pgbench connection, say, that starts and ends inside the window).
     */
    public static long postgresTicks() {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(
                Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
            for (Path p : procs) {
                try {
                    Stat s = parseStat(Files.readString(p.resolve("stat")));
                    if (s.comm().equals("postgres")) {
                        sum += s.ticks() + s.reapedChildrenTicks();
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we listed
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** This JVM's CPU time (every thread: the load generator's clients, their HTTP clients, GC), nanoseconds. */
    public static long ownCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return cpuTicks(ProcessHandle.current().pid()) * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** {busy, total} ticks of the whole machine from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            return parseProcStat(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static long[] parseProcStat(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user and nice]
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    /** Peak resident set size ({@code VmHWM}) of a process in KiB, 0 if it is gone. */
    public static long peakRssKiB(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in KiB, 0 if it is gone. */
    public static long rssKiB(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return parseKiB(line.substring(field.length()));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended
        }
        return 0;
    }

    static long parseKiB(String value) {
        String v = value.trim();
        if (v.endsWith("kB")) {
            v = v.substring(0, v.length() - 2).trim();
        }
        return Long.parseLong(v);
    }

    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /**
     * Waits until the process uses less than {@code maxCores} of a core over a second (start-up finished, projections
     * caught up), at most {@code limit}; returns how long it waited.
     */
    public static Duration waitUntilQuiet(long pid, double maxCores, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long before = cpuTicks(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = cpuTicks(pid);
            if (ticksToMs(now - before) / 1000.0 < maxCores) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Memory of the machine, from /proc/meminfo. */
    public static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format("%.1f GiB", parseKiB(line.substring(9)) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }

    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }

    /**
     * Samples the {@code VmRSS} of some processes every 500 ms on a daemon thread and keeps each one's maximum
     * (a cross-check of {@code VmHWM}, which the kernel keeps exactly).
     */
    public static final class RssSampler implements AutoCloseable {
        private final Map<Long, Long> maxKiB = new ConcurrentHashMap<>();
        private final List<Long> pids;
        private final Thread thread;
        private volatile boolean running = true;

        public RssSampler(long... pids) {
            this.pids = java.util.Arrays.stream(pids).boxed().toList();
            this.thread = new Thread(this::loop, "bench-rss-sampler");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        private void loop() {
            while (running) {
                for (long pid : pids) {
                    long rss = rssKiB(pid);
                    maxKiB.merge(pid, rss, Math::max);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        public long maxKiB(long pid) {
            return maxKiB.getOrDefault(pid, 0L);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
