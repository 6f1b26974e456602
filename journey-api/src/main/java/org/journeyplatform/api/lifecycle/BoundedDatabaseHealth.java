package org.journeyplatform.api.lifecycle;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database part of the health and readiness probes ({@code db}), answered within a bound: a probe that waits on an
 * unreachable database (a connection pool waiting out its time-out, a network that drops packets) is a probe that does
 * not answer, and an orchestrator cannot tell that from a dead process. The check runs on a thread of its own; the
 * probe waits at most {@code journey.health.database-timeout} (default 2 s) and otherwise answers {@code DOWN}.
 * Concurrent probes share the check in flight, so a hanging database never piles up checks.
 * Replaces Spring Boot's {@code DataSourceHealthIndicator} (same name, {@code db}).
 */
@Component("dbHealthIndicator")
public class BoundedDatabaseHealth implements HealthIndicator, DisposableBean {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-health");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<CompletableFuture<Health>> inFlight = new AtomicReference<>();

    public BoundedDatabaseHealth(
            DataSource dataSource, @Value("${journey.health.database-timeout:PT2S}") Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = inFlight.updateAndGet(current ->
                current == null || current.isDone() ? CompletableFuture.supplyAsync(this::check, checker) : current);
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("database", "PostgreSQL")
                    .withDetail("error", "no answer within " + timeout.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("database", "PostgreSQL")
                    .withDetail("error", e.getCause().getClass().getName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private Health check() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            return Health.up()
                    .withDetail("database", "PostgreSQL")
                    .withDetail("validationQuery", "SELECT 1")
                    .build();
        } catch (Exception e) {
            // the class of the failure only: a message can carry connection details
            return Health.down()
                    .withDetail("database", "PostgreSQL")
                    .withDetail("error", e.getClass().getName())
                    .build();
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
