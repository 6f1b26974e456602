package org.journeyplatform.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Child processes of the benchmark: the applications under test (a Java jar each, logging to a file) and pgbench.
 * Every child is stopped when the benchmark ends, however it ends: {@link #stopAll()} in a {@code finally} and again
 * in a JVM shutdown hook (Ctrl-C, SIGTERM). Stopping is SIGTERM, then SIGKILL after {@link #GRACE}.
 */
public final class Processes {

    public static final Duration GRACE = Duration.ofSeconds(20);

    /** A started child process. */
    public record Child(String name, Process process, Path log) {
        public long pid() {
            return process.pid();
        }

        public boolean alive() {
            return process.isAlive();
        }
    }

    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "bench-stop-children");

    public Processes() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The java binary of the JVM running the benchmark, so the apps run on the same Java. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> <args>} with the given environment added to this process's (minus
     * any inherited JOURNEY_* variables, so the platform runs with its defaults plus what the scenario sets).
     */
    public Child startJava(
            String name, List<String> jvmOptions, Path jar, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no jar at " + jar.toAbsolutePath() + " (build it, or name it with an option)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return start(name, command, env, log);
    }

    /** Starts any command, stdout and stderr both to {@code log} (truncated first). */
    public Child start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("JOURNEY_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Files.writeString(log, "");
        Child child = new Child(name, pb.start(), log);
        children.add(child);
        return child;
    }

    /** Fails unless nothing listens on 127.0.0.1:port (a leftover app would be measured instead of ours). */
    public static void requireFreePort(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException("something already listens on 127.0.0.1:" + port
                + "; stop it first (a platform left from an earlier run?)");
    }

    /**
     * Polls {@code url} every 250 ms until its status satisfies {@code ready}; fails with the log's tail when the
     * child exits or the timeout passes.
     */
    public void waitForHttp(Child child, URI url, IntPredicate ready, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IllegalStateException(
                        child.name() + " exited with status " + child.process().exitValue()
                                + " before it was ready; the end of " + child.log() + ":\n" + tail(child.log(), 30));
            }
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                last = r.statusCode();
                if (ready.test(last)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(child.name() + " was not ready at " + url + " within " + timeout.toSeconds()
                + " s (last status " + last + "); the end of " + child.log() + ":\n" + tail(child.log(), 30));
    }

    /** One look at another process's progress: done, or what it still lacks (for the log and the failure). */
    @FunctionalInterface
    public interface Progress {
        /** Null when done; otherwise what is still missing, in words. */
        String missing() throws Exception;
    }

    /**
     * Looks at another process's progress every {@code every} until it is done; fails, saying what was still missing,
     * when {@code timeout} passes. The one poll of the suite's scenarios: the other process tells this JVM nothing, so
     * there is nothing here to wait on instead.
     */
    public static void pollUntilDone(BenchContext ctx, Progress progress, Duration every, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String missing = progress.missing();
            if (missing == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(missing + " after " + timeout.toSeconds() + " s");
            }
            ctx.log("  waiting: %s", missing);
            Thread.sleep(every.toMillis());
        }
    }

    /** Waits until the platform on the port answers its readiness probe with 200 (up to {@code timeout}). */
    public void waitForReadiness(Child child, int port, Duration timeout) throws InterruptedException {
        waitForHttp(
                child,
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"),
                status -> status == 200,
                timeout);
    }

    /** SIGTERM, wait up to {@link #GRACE}, then SIGKILL. Returns the exit status, or -1 if it had to be killed. */
    public int stop(Child child) {
        children.remove(child);
        Process p = child.process();
        if (!p.isAlive()) {
            return p.exitValue();
        }
        p.destroy();
        try {
            if (p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
            System.err.println("[bench] " + child.name() + " (pid " + p.pid() + ") ignored SIGTERM for "
                    + GRACE.toSeconds() + " s; killing it");
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Stops every child still running; safe to call more than once and from the shutdown hook. */
    public void stopAll() {
        for (Child c : List.copyOf(children)) {
            stop(c);
        }
    }

    /** Called once the benchmark has stopped its children itself. */
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
