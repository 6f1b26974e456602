package org.journeyplatform.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A closed-loop HTTP load: C client threads sharing one HTTP/1.1 {@link HttpClient} (a keep-alive connection per
 * thread), each sending its next request as soon as the previous answer is in. Warm-up first (nothing recorded), then
 * the measured window: every request that completes inside it is recorded (latency in microseconds, status). A status
 * outside 2xx or an exception is an error; a few error bodies are kept for the report. Every request times out after
 * {@link #REQUEST_TIMEOUT}, so the whole run is bounded by warm-up + window + that timeout.
 */
public final class LoadGenerator {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ERROR_SAMPLES = 5;

    /** The next request of client {@code client} (0..C-1); called on that client's thread only. */
    @FunctionalInterface
    public interface Requests {
        HttpRequest next(int client, SplittableRandom random);
    }

    /** Called on the coordinating thread right at the start and right at the end of the measured window. */
    public interface Window {
        void started();

        void ended();

        Window NONE = new Window() {
            @Override
            public void started() {}

            @Override
            public void ended() {}
        };
    }

    /** What the measured window saw. {@code statuses}: count per status code, or per exception class. */
    public record Result(
            int clients,
            double seconds,
            long ok,
            long errors,
            Latencies latencies,
            Map<String, Long> statuses,
            List<String> errorSamples) {

        /** Successful requests per second. */
        public double rate() {
            return seconds <= 0 ? 0 : ok / seconds;
        }
    }

    private static final class Recorder {
        long[] micros = new long[4096];
        int n;
        long errors;
        final Map<String, Long> statuses = new TreeMap<>();

        void ok(long us, int status) {
            if (n == micros.length) {
                micros = Arrays.copyOf(micros, n * 2);
            }
            micros[n++] = us;
            statuses.merge(Integer.toString(status), 1L, Long::sum);
        }

        void error(String what) {
            errors++;
            statuses.merge(what, 1L, Long::sum);
        }
    }

    private LoadGenerator() {}

    public static Result run(
            int clients, Duration warmup, Duration measure, Requests requests, Window window, long seed)
            throws InterruptedException {
        // the window's bounds, in System.nanoTime(); MAX until the coordinator sets them
        long[] bounds = {Long.MAX_VALUE, Long.MAX_VALUE};
        Object lock = new Object();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> samples = new CopyOnWriteArrayList<>();
        Recorder[] recorders = new Recorder[clients];
        Thread[] threads = new Thread[clients];
        SplittableRandom seeds = new SplittableRandom(seed);
        // One client shared by every thread (a keep-alive connection each), answers handled on its selector thread
        // (a direct executor). Of the variants tried against a server on this machine (a client per thread or one
        // shared, default or direct executor) it cost the least CPU: about 0.4 ms a request at 200 requests/s and
        // 0.15 ms at 6,000/s, with the JIT limited to C1 as benchmark/run starts this JVM.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Runnable::run)
                .build();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Recorder rec = recorders[c] = new Recorder();
            SplittableRandom random = seeds.split();
            threads[c] = new Thread(
                    () -> {
                        while (!stop.get()) {
                            HttpRequest request = requests.next(client, random);
                            long t0 = System.nanoTime();
                            int status = -1;
                            String body = null;
                            String failure = null;
                            try {
                                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                                status = r.statusCode();
                                body = r.body();
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                failure = e.getClass().getSimpleName();
                                body = String.valueOf(e.getMessage());
                            }
                            long t1 = System.nanoTime();
                            long start;
                            long end;
                            synchronized (lock) {
                                start = bounds[0];
                                end = bounds[1];
                            }
                            boolean good = failure == null && status >= 200 && status < 300;
                            if (!good && samples.size() < ERROR_SAMPLES) {
                                samples.add((t1 >= start && t1 <= end ? "" : "(outside the window) ")
                                        + request.method() + " " + request.uri().getPath() + " → "
                                        + (failure != null ? failure : Integer.toString(status)) + ": "
                                        + abbreviate(body));
                            }
                            if (t1 < start || t1 > end) {
                                continue;
                            }
                            if (good) {
                                rec.ok((t1 - t0) / 1000, status);
                            } else {
                                rec.error(failure != null ? failure : Integer.toString(status));
                            }
                        }
                    },
                    "bench-client-" + c);
            threads[c].setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
        long measuredNanos;
        try {
            Thread.sleep(warmup.toMillis());
            window.started();
            synchronized (lock) {
                bounds[0] = System.nanoTime();
            }
            Thread.sleep(measure.toMillis());
            long end = System.nanoTime();
            synchronized (lock) {
                bounds[1] = end;
            }
            window.ended();
            measuredNanos = end - bounds[0];
        } finally {
            stop.set(true);
            long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(5_000);
                }
            }
        }
        // every thread has ended (joined): their recorders are complete and visible here
        long errors = 0;
        int ok = 0;
        Map<String, Long> statuses = new TreeMap<>();
        for (Recorder r : recorders) {
            ok += r.n;
            errors += r.errors;
            r.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }
        long[] all = new long[ok];
        int at = 0;
        for (Recorder r : recorders) {
            System.arraycopy(r.micros, 0, all, at, r.n);
            at += r.n;
        }
        return new Result(
                clients, measuredNanos / 1e9, ok, errors, Latencies.of(all), statuses, new ArrayList<>(samples));
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
