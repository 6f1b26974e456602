package org.journeyplatform.infra.axon;

import java.util.Optional;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers which aggregates exist from the event store itself (the first event of each aggregate), so the answers are
 * consistent at once: a programme registered a moment ago can be entered straight away. Also keeps ids of one kind
 * from being used as ids of another (a programme id is no participant id).
 */
@Component
public class EventStoreDirectory implements ProgrammeDirectory {

    private final JdbcClient jdbc;

    public EventStoreDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isRegistered(ProgrammeId programmeId) {
        return isA(programmeId.toString(), Programme.class);
    }

    /** Whether a journey (an enrolled participant) exists with this id. */
    public boolean isEnrolled(ParticipantId participantId) {
        return isA(participantId.toString(), Journey.class);
    }

    private boolean isA(String aggregateId, Class<?> aggregateType) {
        return typeOf(aggregateId).filter(aggregateType.getSimpleName()::equals).isPresent();
    }

    private Optional<String> typeOf(String aggregateId) {
        return jdbc.sql("SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                .param(aggregateId).query(String.class).optional();
    }
}
