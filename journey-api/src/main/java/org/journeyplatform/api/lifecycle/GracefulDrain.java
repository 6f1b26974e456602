package org.journeyplatform.api.lifecycle;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How the platform stops on SIGTERM (docs/operations.md, "Stopping"), before Tomcat's own graceful shutdown and before
 * Axon stops:
 * <ol>
 *   <li><b>Draining</b> ({@code journey.shutdown.drain}, default 5 s, as long as Tomcat's keep-alive time-out): the
 *   readiness probe answers {@code REFUSING_TRAFFIC}, requests are still served in full, and every answer carries
 *   {@code Connection: close}, so each kept-alive connection is closed after an answer instead of being dropped under
 *   a request its client is sending.</li>
 *   <li><b>Closing</b>: requests in flight complete (at most {@code journey.shutdown.in-flight-timeout}, default 20 s);
 *   a request arriving now is answered {@code 503 unavailable} with {@code Retry-After} and {@code Connection: close}
 *   and runs nothing.</li>
 *   <li>Then Tomcat stops accepting connections and Axon stops its processors.</li>
 * </ol>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GracefulDrain extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);

    private enum State {
        SERVING,
        DRAINING,
        CLOSING
    }

    private static final Duration CLOSING_NOTICE = Duration.ofSeconds(1);

    private final ApplicationEventPublisher events;
    private final Duration drain;
    private final Duration inFlightTimeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object lock = new Object();
    private volatile State state = State.SERVING;
    private volatile boolean running;

    public GracefulDrain(
            ApplicationEventPublisher events,
            @Value("${journey.shutdown.drain:PT5S}") Duration drain,
            @Value("${journey.shutdown.in-flight-timeout:PT20S}") Duration inFlightTimeout) {
        this.events = events;
        this.drain = drain;
        this.inFlightTimeout = inFlightTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse served, FilterChain chain)
            throws ServletException, IOException {
        // the first filter: every problem the filters after it write whole names the path asked for
        HttpServletResponse response = ProblemResponses.addressed(request, served);
        State now = state;
        if (now != State.SERVING) {
            response.setHeader("Connection", "close");
        }
        if (now == State.CLOSING) {
            refuse(response);
            return;
        }
        inFlight.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        ProblemType type = ProblemType.UNAVAILABLE;
        response.setHeader("Retry-After", "5");
        ProblemResponses.write(
                response,
                type,
                "This instance is shutting down; nothing was recorded. Retry (with the same Idempotency-Key) in a "
                        + "moment, on another instance if there is one.");
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs first on shutdown (the highest phase): drains, then waits for what is in flight. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info(
                "Shutting down: draining for {} ms (answers close their connections; readiness refuses traffic)",
                drain.toMillis());
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        state = State.DRAINING;
        pause(drain);
        Instant deadline = Instant.now().plus(inFlightTimeout);
        synchronized (lock) {
            state = State.CLOSING;
            while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
                try {
                    lock.wait(Math.max(
                            1, Duration.between(Instant.now(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // a moment of 503s, so that clients still sending learn it is closing before its port closes
        pause(drain.compareTo(CLOSING_NOTICE) < 0 ? drain : CLOSING_NOTICE);
        log.info(
                "Drained: {} request(s) still in flight; new requests are answered 503 until the server stops",
                inFlight.get());
    }

    private static void pause(Duration duration) {
        Object waiter = new Object();
        Instant until = Instant.now().plus(duration);
        synchronized (waiter) {
            while (Instant.now().isBefore(until)) {
                try {
                    waiter.wait(
                            Math.max(1, Duration.between(Instant.now(), until).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
