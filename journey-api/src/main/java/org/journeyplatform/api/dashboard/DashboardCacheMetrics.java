package org.journeyplatform.api.dashboard;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard answer cache's hits, misses and size in the metrics, as {@code cache.gets{cache=dashboards}}. */
@Configuration(proxyBeanMethods = false)
class DashboardCacheMetrics {

    @Bean
    MeterBinder dashboardCacheMeters(ProgrammeDashboardProjection dashboards) {
        return registry -> dashboards
                .answerCache()
                .ifPresent(cache -> CaffeineCacheMetrics.monitor(registry, cache, "dashboards"));
    }
}
