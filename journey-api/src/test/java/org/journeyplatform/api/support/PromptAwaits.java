package org.journeyplatform.api.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every test of this module waits with Awaitility, most often for a projection that is a few milliseconds behind.
 * Awaitility's defaults look first after 100 ms and then every 100 ms, so each of those waits cost 100 ms at least;
 * across the suite that was a minute of nothing. Here the first look is at once, and the next ones come 20, 40 and 80
 * ms after the one before and then every 100 ms, as before. A wait that sets its own delay keeps it; one that sets
 * only its interval now looks at once first, then at that interval. Registered for every test class through JUnit's
 * extension auto-detection ({@code junit-platform.properties}).
 */
public final class PromptAwaits implements BeforeAllCallback {

    private static final Duration LONGEST = Duration.ofMillis(100);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(new IterativePollInterval(
                previous -> previous.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : previous.multipliedBy(2),
                Duration.ofMillis(10)));
    }
}
