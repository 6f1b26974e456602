package org.journeyplatform.projections.scope;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.shared.MetaDataKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may be shown each participant: who enrolled her, and every programme she is or was in. A subscribing processor
 * ({@code participant-scope}, see application.yml): these rows are written in the transaction of the command whose
 * events they follow, so they are never behind the event store, and a failure here fails the command. Idempotent;
 * filled once from the stored events by the migration that created the tables. Access decisions
 * ({@code ParticipantAccess}) and the participant list read it.
 */
@Component
@ProcessingGroup(ParticipantScopeProjection.PROCESSING_GROUP)
public class ParticipantScopeProjection {

    public static final String PROCESSING_GROUP = "participant-scope";

    private final JdbcClient jdbc;

    public ParticipantScopeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ParticipantEnrolledEvent event, @MetaDataValue(MetaDataKeys.ACTOR) String enrolledBy) {
        jdbc.sql("INSERT INTO participant_scope (participant_id, enrolled_by) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.participantId().toString(), enrolledBy)
                .update();
    }

    @EventHandler
    void on(ProgrammeEnteredEvent event) {
        jdbc.sql("""
                        INSERT INTO participant_scope_programme (participant_id, programme_id) VALUES (?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(event.participantId().toString(), event.programmeId().toString())
                .update();
    }
}
