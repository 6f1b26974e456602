package org.journeyplatform.api.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.journeyplatform.infra.axon.ShadowRebuilds;
import org.journeyplatform.projections.dashboard.ProgrammeDashboardProjection;
import org.journeyplatform.projections.participants.ParticipantDirectoryProjection;
import org.journeyplatform.projections.peers.PeerDirectoryProjection;
import org.journeyplatform.projections.programmes.ProgrammeCatalogueProjection;
import org.journeyplatform.projections.timeline.ParticipantTimelineProjection;
import org.journeyplatform.projections.work.WorkForTodayProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Zero-downtime rebuilds of the read models (ADR 0015): which projection owns which tables. */
@Configuration(proxyBeanMethods = false)
public class RebuildConfiguration {

    /**
     * Every projection that keeps tables of its own, and those tables. The work for today's handlers share the
     * timeline's processing group, so its table is rebuilt with the timeline's.
     */
    static final Map<String, List<String>> PROJECTION_TABLES = Map.of(
            ParticipantTimelineProjection.PROCESSING_GROUP,
            java.util.stream.Stream.concat(
                            ParticipantTimelineProjection.TABLES.stream(), WorkForTodayProjection.TABLES.stream())
                    .toList(),
            ParticipantDirectoryProjection.PROCESSING_GROUP,
            ParticipantDirectoryProjection.TABLES,
            PeerDirectoryProjection.PROCESSING_GROUP,
            PeerDirectoryProjection.TABLES,
            ProgrammeCatalogueProjection.PROCESSING_GROUP,
            ProgrammeCatalogueProjection.TABLES,
            ProgrammeDashboardProjection.PROCESSING_GROUP,
            ProgrammeDashboardProjection.TABLES);

    @Bean
    public ShadowRebuilds shadowRebuilds(
            EventProcessingConfiguration processing,
            EmbeddedEventStore eventStore,
            TokenStore tokenStore,
            TransactionManager axonTransactionManager,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            Clock clock,
            org.springframework.boot.ApplicationArguments arguments) {
        ShadowRebuilds rebuilds = new ShadowRebuilds(
                processing,
                eventStore,
                tokenStore,
                axonTransactionManager,
                transactions,
                jdbc,
                PROJECTION_TABLES,
                clock);
        // an operator command (an export, the generator) runs beside a serving platform: it leaves its rebuilds alone
        if (!arguments.containsOption(org.journeyplatform.api.research.ResearchExportCommand.OPTION)
                && !arguments.containsOption(org.journeyplatform.api.demo.JourneyGenerator.OPTION)) {
            rebuilds.cleanUpInterrupted();
        }
        return rebuilds;
    }
}
