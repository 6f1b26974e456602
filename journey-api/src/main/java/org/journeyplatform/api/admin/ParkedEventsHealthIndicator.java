package org.journeyplatform.api.admin;

import java.util.Map;
import org.journeyplatform.infra.axon.parking.ParkedEvents;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code parkedEvents} in {@code /actuator/health}: how many events each processor has parked (docs/operations.md).
 * Always UP: a parked event stalls only the participant it belongs to, and restarting the platform would not help;
 * it is not in the readiness group. Alert on the gauge {@code journey.events.parked} instead.
 */
@Component
public class ParkedEventsHealthIndicator implements HealthIndicator {

    private final ParkedEvents parkedEvents;

    public ParkedEventsHealthIndicator(ParkedEvents parkedEvents) {
        this.parkedEvents = parkedEvents;
    }

    @Override
    public Health health() {
        Map<String, Long> counts = parkedEvents.counts();
        return Health.up()
                .withDetail(
                        "total",
                        counts.values().stream().mapToLong(Long::longValue).sum())
                .withDetail("processors", counts)
                .build();
    }
}
