package org.journeyplatform.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's HTTP API as the benchmark uses it: sign in with HTTP Basic once and keep the {@code JOURNEY_SESSION}
 * cookie, enrol participants, record milestones. The account is the built-in {@code caseworker}.
 */
public final class PlatformClient {

    public static final String USER = "caseworker";
    public static final String PASSWORD = "caseworker-demo";
    public static final String SESSION_COOKIE = "JOURNEY_SESSION";
    static final List<String> MILESTONE_TYPES = List.of("HEALTH", "EMPLOYMENT", "STABLE_HOUSING");
    private static final LocalDate ENROLLED_ON = LocalDate.of(2020, 1, 10);
    private static final LocalDate FIRST_MILESTONE = LocalDate.of(2020, 2, 1);
    private static final LocalDate LAST_MILESTONE = LocalDate.of(2024, 12, 31);
    private static final Pattern PARTICIPANT_ID = Pattern.compile("\"participantId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public PlatformClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /**
     * One request with HTTP Basic (a cheap GET of the programmes) whose answer sets the session cookie; returns
     * {@code JOURNEY_SESSION=<id>}, to send instead of credentials from then on.
     */
    public String signIn() throws IOException, InterruptedException {
        return signIn(http, base, USER, PASSWORD, "/api/v1/programmes");
    }

    /**
     * Signs in with HTTP Basic on one GET of {@code path} (which the user may read) and returns the session cookie.
     * Pollers use it rather than sending credentials on every request: each Basic request costs the platform a
     * password hash (tens of milliseconds of CPU), which would be measured as the platform's own work.
     */
    public static String signIn(HttpClient http, String base, String user, String password, String path)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(TIMEOUT)
                        .header("Authorization", "Basic " + basic)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("signing in as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return sessionCookie(r.headers())
                .orElseThrow(() -> new IllegalStateException("signing in as " + user + " set no " + SESSION_COOKIE
                        + " cookie; headers: " + r.headers().map()));
    }

    static Optional<String> sessionCookie(HttpHeaders headers) {
        for (String setCookie : headers.allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0].trim();
            if (pair.startsWith(SESSION_COOKIE + "=")) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    public static String enrolmentBody(int n) {
        return "{\"chosenName\":\"Bench " + n + "\",\"yearOfBirth\":1985,\"referralSource\":\"OUTREACH\","
                + "\"enrolledOn\":\"" + ENROLLED_ON + "\"}";
    }

    /** A valid milestone: one of three types, on a day between her enrolment and the end of 2024. */
    public static String milestoneBody(SplittableRandom random) {
        long days = LAST_MILESTONE.toEpochDay() - FIRST_MILESTONE.toEpochDay();
        LocalDate on = FIRST_MILESTONE.plusDays(random.nextLong(days + 1));
        String type = MILESTONE_TYPES.get(random.nextInt(MILESTONE_TYPES.size()));
        return "{\"occurredOn\":\"" + on + "\",\"type\":\"" + type + "\"}";
    }

    public HttpRequest milestoneRequest(String cookie, String participantId, String body) {
        return post(cookie, "/api/v1/participants/" + participantId + "/milestones", body);
    }

    public HttpRequest post(String cookie, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Enrols her and returns her id. */
    public String enrol(String cookie, int n) throws IOException, InterruptedException {
        HttpResponse<String> r = send(post(cookie, "/api/v1/participants", enrolmentBody(n)), 201);
        Matcher m = PARTICIPANT_ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no participantId in the enrolment's answer: " + r.body());
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode()
                    + " (expected " + expected + "): " + LoadGenerator.abbreviate(r.body()));
        }
        return r;
    }

    /**
     * Enrols {@code count} participants and records milestones until each journey holds its number of events
     * (enrolment included), drawn from [{@code minEvents}, {@code maxEvents}]. Each journey is recorded in order by one
     * of {@code threads} threads; a failed command is tried again up to 5 times. Bounded by {@code deadline}.
     */
    public List<String> loadJourneys(
            String cookie,
            int count,
            int minEvents,
            int maxEvents,
            long seed,
            int threads,
            Duration deadline,
            Consumer<String> progress)
            throws Exception {
        SplittableRandom seeds = new SplittableRandom(seed);
        AtomicLong commands = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-setup");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        try {
            List<Future<String>> journeys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                SplittableRandom random = seeds.split();
                int events = minEvents + random.nextInt(maxEvents - minEvents + 1);
                journeys.add(pool.submit(() -> {
                    String id = retry(() -> enrol(cookie, n), retries);
                    commands.incrementAndGet();
                    for (int e = 1; e < events; e++) {
                        String body = milestoneBody(random);
                        retry(() -> send(milestoneRequest(cookie, id, body), 201), retries);
                        commands.incrementAndGet();
                    }
                    return id;
                }));
            }
            pool.shutdown();
            long deadlineNanos = started + deadline.toNanos();
            long lastReport = System.nanoTime();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new TimeoutException("loading " + count + " journeys took more than " + deadline.toMinutes()
                            + " min (" + commands.get() + " commands done)");
                }
                if (System.nanoTime() - lastReport > 15_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.accept(String.format(
                            "  … %,d commands recorded (%.0f/s)",
                            commands.get(), commands.get() / ((System.nanoTime() - started) / 1e9)));
                }
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : journeys) {
                ids.add(f.get());
            }
            double s = (System.nanoTime() - started) / 1e9;
            progress.accept(String.format(
                    "  %,d journeys, %,d commands in %.0f s (%.0f/s, %d retried)",
                    count, commands.get(), s, commands.get() / s, retries.get()));
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    private static <T> T retry(Call<T> call, AtomicLong retries) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                last = e;
                retries.incrementAndGet();
                Thread.sleep(100L * (attempt + 1));
            }
        }
        throw last;
    }
}
