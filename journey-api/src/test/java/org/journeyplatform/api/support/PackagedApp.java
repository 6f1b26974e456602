package org.journeyplatform.api.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged platform ({@code target/journey-api.jar}, built by {@code package} before the integration tests run) as
 * a child process, started with the README's JVM options, as an operator runs it: so a test can kill it with SIGKILL,
 * start two of it, or cut its database away.
 */
public final class PackagedApp implements AutoCloseable {

    /** The packaged jar, relative to the module (the tests' working directory). */
    public static final Path JAR = Path.of("target", "journey-api.jar");

    private static final String JVM_OPTIONS = System.getProperty("journey.jvm.options", "-Xmx512m");

    private final String name;
    private final int port;
    private Process process;
    private Path logFile;
    private long logStart;

    private PackagedApp(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public static PackagedApp start(String name, String databaseUrl, Map<String, String> environment)
            throws IOException {
        PackagedApp app = new PackagedApp(name, freePort());
        app.launch(databaseUrl, environment);
        return app;
    }

    /** Starts it again on the same port and database, after a kill. */
    public void restart(String databaseUrl, Map<String, String> environment) throws IOException {
        launch(databaseUrl, environment);
    }

    private void launch(String databaseUrl, Map<String, String> environment) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "./mvnw verify, which packages the application first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JVM_OPTIONS.trim().split("\\s+")));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JOURNEY_DB_URL", databaseUrl);
        builder.environment().put("JOURNEY_PORT", Integer.toString(port));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().putAll(environment);
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        logFile = log;
        logStart = Files.exists(log) ? Files.size(log) : 0;
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        awaitReady(log.toFile());
    }

    private void awaitReady(File log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(180); // the demo data set loads before readiness
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped during start-up; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not ready within 180 s; see " + log);
    }

    /** What it has logged since it was last started (its log file keeps earlier runs' output before that). */
    public String log() throws IOException {
        byte[] all = Files.readAllBytes(logFile);
        return new String(
                all,
                (int) Math.min(logStart, all.length),
                (int) Math.max(0, all.length - logStart),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops it; returns its exit code, or -1 if it did not stop within the time given. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? process.exitValue()
                : -1;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
