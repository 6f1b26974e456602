package org.journeyplatform.infra.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.domain.assessment.Instrument;
import org.journeyplatform.domain.assessment.InstrumentCatalogue;
import org.journeyplatform.domain.assessment.InstrumentDefinition;
import org.journeyplatform.domain.assessment.event.InstrumentDefinedEvent;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.peer.Peer;
import org.journeyplatform.domain.peer.PeerDirectory;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.Programme;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PeerId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers what exists (programmes and their curricula, peers, instruments, journeys) from the event store itself, so
 * the answers are consistent at once: a programme registered a moment ago can be entered straight away. Ids of one
 * kind are never taken for ids of another: the aggregate type stored with each event is checked.
 */
@Component
public class EventStoreDirectory implements ProgrammeDirectory, PeerDirectory, InstrumentCatalogue {

    private final JdbcClient jdbc;
    private final EventStore eventStore;

    public EventStoreDirectory(JdbcClient jdbc, @Lazy EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @Override
    public Optional<List<CurriculumModule>> curriculumOf(ProgrammeId programmeId) {
        return events(programmeId.toString(), Programme.class).stream().findFirst()
                .map(first -> ((ProgrammeRegisteredEvent) first.getPayload()).curriculum());
    }

    /** The registration of a programme, with when it was recorded, when it is registered. */
    public Optional<DomainEventMessage<?>> registrationOf(ProgrammeId programmeId) {
        return events(programmeId.toString(), Programme.class).stream().findFirst();
    }

    @Override
    public boolean isRegistered(PeerId peerId) {
        return isA(peerId.toString(), Peer.class);
    }

    @Override
    public Optional<InstrumentDefinition> find(InstrumentCode instrument) {
        List<DomainEventMessage<?>> events = events(instrument.toString(), Instrument.class);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        DomainEventMessage<?> latest = events.get(events.size() - 1);
        InstrumentDefinedEvent definition = (InstrumentDefinedEvent) latest.getPayload();
        return Optional.of(new InstrumentDefinition(definition.instrument(), latest.getSequenceNumber(),
                definition.name(), definition.items(), definition.subscales(), definition.totalScoring()));
    }

    /** Whether a journey (an enrolled participant) exists with this id. */
    public boolean isEnrolled(ParticipantId participantId) {
        return isA(participantId.toString(), Journey.class);
    }

    private boolean isA(String aggregateId, Class<?> aggregateType) {
        return jdbc.sql("SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                .param(aggregateId).query(String.class).optional()
                .filter(aggregateType.getSimpleName()::equals).isPresent();
    }

    private List<DomainEventMessage<?>> events(String aggregateId, Class<?> aggregateType) {
        if (!isA(aggregateId, aggregateType)) {
            return List.of();
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        stream.forEachRemaining(events::add);
        return events;
    }
}
