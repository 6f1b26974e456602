package org.journeyplatform.projections.summary;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.JourneyHistory;
import org.journeyplatform.domain.journey.JourneyState;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers where a participant stands by folding her history from the event store with the journey's own rules
 * ({@link JourneyHistory}, {@link JourneyState}): the summary and the aggregate can never disagree, and a summary as
 * of any recorded moment is the same fold over the events recorded by then. Nothing is stored, so there is nothing to
 * replay. Snapshots are not used: they hold only the latest state.
 */
@Component
public class ParticipantSummaryProjection {

    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ParticipantSummaryProjection(@Lazy EventStore eventStore, JdbcClient jdbc, Clock clock) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    public ParticipantSummary handle(ParticipantSummaryQuery query) {
        Instant asOf = query.asOfRecorded() == null ? clock.instant() : query.asOfRecorded();
        LocalDate asOfDate = LocalDate.ofInstant(asOf, clock.getZone());
        List<RecordedEvent> history = new ArrayList<>();
        long version = -1;
        DomainEventStream stream = eventStore.readEvents(query.participantId(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getTimestamp().isAfter(asOf)) {
                break;
            }
            if (message.getPayload() instanceof JourneyEvent event) {
                history.add(new RecordedEvent(message.getIdentifier(), message.getSequenceNumber(), event));
                version = message.getSequenceNumber();
            }
        }
        if (history.isEmpty()) {
            return null;
        }
        List<RecordedEvent> effective = JourneyHistory.effective(history);
        JourneyState state = JourneyHistory.fold(effective);
        Map<String, String> programmeNames = programmeNames();

        List<ParticipantSummary.Stay> stays = state.currentStays().entrySet().stream()
                .map(e -> new ParticipantSummary.Stay(e.getKey().toString(), programmeNames.get(e.getKey().toString()),
                        e.getValue()))
                .sorted(Comparator.comparing(ParticipantSummary.Stay::since)).toList();
        List<ParticipantSummary.ReunificationPlan> plans = state.plans().entrySet().stream()
                .filter(e -> e.getValue().open())
                .map(e -> new ParticipantSummary.ReunificationPlan(e.getKey().toString(), e.getValue().childPseudonym(),
                        e.getValue().step().name()))
                .sorted(Comparator.comparing(ParticipantSummary.ReunificationPlan::planId)).toList();
        List<ParticipantSummary.Assessment> assessments = state.latestAssessments().values().stream()
                .map(a -> new ParticipantSummary.Assessment(a.instrument().toString(), a.occurredOn().date(), a.total(),
                        a.subscaleScores()))
                .sorted(Comparator.comparing(ParticipantSummary.Assessment::instrument)).toList();
        List<ParticipantSummary.Goal> goals = effective.stream()
                .filter(r -> r.event() instanceof GoalSetEvent g
                        && state.goals().get(g.goalId()) == JourneyState.GoalStatus.ACTIVE)
                .map(r -> (GoalSetEvent) r.event())
                .map(g -> new ParticipantSummary.Goal(g.goalId().toString(), g.description(), g.occurredOn().date()))
                .sorted(Comparator.comparing(ParticipantSummary.Goal::setOn)).toList();
        List<ParticipantSummary.Consent> consents = state.consents().entrySet().stream()
                .map(e -> new ParticipantSummary.Consent(e.getKey().toString(), e.getValue().kind().name(),
                        // a scope recorded before scopes were sealed is stored in the clear: not shown once she is erased
                        state.erased() ? org.journeyplatform.domain.shared.PersonalData.ERASED : e.getValue().scope(),
                        e.getValue().givenOn(), e.getValue().expiresOn(),
                        e.getValue().withdrawnOn(), e.getValue().activeOn(asOfDate)))
                .sorted(Comparator.comparing(ParticipantSummary.Consent::givenOn)).toList();
        LocalDate lastRelapse = state.lastRelapseOn();
        return new ParticipantSummary(query.participantId(), asOf, asOfDate, version, stays, lastRelapse,
                lastRelapse == null ? null : ChronoUnit.DAYS.between(lastRelapse, asOfDate), state.relapses(),
                state.milestones(), plans, assessments, goals,
                state.mentors().keySet().stream().map(Object::toString).sorted().toList(), state.helpers().size(),
                consents, active(state, ConsentKind.RESEARCH, asOfDate), active(state, ConsentKind.SERVICE, asOfDate));
    }

    private static boolean active(JourneyState state, ConsentKind kind, LocalDate on) {
        return state.consents().values().stream().anyMatch(c -> c.kind() == kind && c.activeOn(on));
    }

    private Map<String, String> programmeNames() {
        Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT programme_id, name FROM programme")
                .query((rs, row) -> names.put(rs.getString(1), rs.getString(2))).list();
        return names;
    }
}
