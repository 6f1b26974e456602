package org.journeyplatform.projections.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.RecordComponent;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Programme dashboards. The event handlers keep one row per event a figure needs ({@code dashboard_fact}), in the
 * same transaction as the processor's token; rows are keyed by event id, so handling an event twice changes nothing,
 * and a replay starts from an empty table. The query answers from those facts held ready in memory
 * ({@link DashboardModel}, which reads only what changed since its last read), computes the figures in one pass
 * ({@link ReadyFigures}) and suppresses small cells; answers are cached while their facts are unchanged (ADR 0016).
 */
@Component
@ProcessingGroup(ProgrammeDashboardProjection.PROCESSING_GROUP)
public class ProgrammeDashboardProjection {

    public static final String PROCESSING_GROUP = "programme-dashboard";

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of(DashboardFacts.EVENT_STORE_TABLE);

    private final JdbcClient jdbc;
    private final DashboardFacts facts;
    private final String source;
    private final Clock clock;
    private final int threshold;
    private final Map<String, DashboardModel> models = new ConcurrentHashMap<>();
    /** Answers by what they depend on; null when the cache is off ({@code journey.dashboard.cache-size=0}). */
    private final Cache<AnswerKey, Computed> answers;

    /**
     * @param source where figures are read from: {@code events} (this process's projection of the event store, the
     *               default) or {@code kafka} (the table a dashboard process fills from the integration stream)
     */
    public ProgrammeDashboardProjection(
            JdbcClient jdbc,
            JdbcTemplate template,
            Clock clock,
            @Value("${journey.dashboard.small-cell-threshold:11}") int threshold,
            @Value("${journey.dashboard.source:events}") String source,
            @Value("${journey.dashboard.cache-size:500}") int cacheSize) {
        if (threshold < 1) {
            throw new IllegalArgumentException("journey.dashboard.small-cell-threshold must be at least 1");
        }
        if (!source.equals("events") && !source.equals("kafka")) {
            throw new IllegalArgumentException("journey.dashboard.source is events or kafka");
        }
        this.jdbc = jdbc;
        this.facts = new DashboardFacts(jdbc, template, DashboardFacts.EVENT_STORE_TABLE);
        this.source = source.equals("kafka") ? DashboardFacts.KAFKA_TABLE : DashboardFacts.EVENT_STORE_TABLE;
        this.clock = clock;
        this.threshold = threshold;
        if (cacheSize < 0) {
            throw new IllegalArgumentException("journey.dashboard.cache-size must be 0 (off) or more");
        }
        this.answers = cacheSize == 0
                ? null
                : Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
    }

    /*
     * One handler per kind of event counted (DashboardFact.Kind), and none for the others: Axon then passes an event
     * of another kind over by its stored type name, without reading its payload (in a replay, most of this
     * projection's time had gone to reading payloads it did not count). DashboardFactKindsTest holds the two lists
     * together.
     */

    @EventHandler
    void on(ProgrammeEnteredEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(ProgrammeExitedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(MilestoneReachedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(RelapseRecordedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(PeerSessionAttendedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(PeerMentorAssignedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(PeerMentorAssignmentEndedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(ReunificationPlanOpenedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(ReunificationStepRecordedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(ReunificationPlanClosedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(AssessmentRecordedEvent event, DomainEventMessage<?> message) {
        record(event, message);
    }

    @EventHandler
    void on(EventCorrectedEvent correction) {
        facts.correct(correction.correctedEventId(), correction.correctedValues());
    }

    @EventHandler
    void on(EventRetractedEvent retraction) {
        facts.retract(retraction.retractedEventId());
    }

    private void record(JourneyEvent event, DomainEventMessage<?> message) {
        Kind kind = Kind.of(event)
                .orElseThrow(() -> new IllegalStateException(
                        "No dashboard fact kind for " + event.getClass().getSimpleName()));
        facts.record(
                message.getIdentifier(),
                event.participantId().toString(),
                message.getSequenceNumber(),
                kind,
                event.occurredOn().date(),
                event.occurredOn().time(),
                field -> text(event, field));
    }

    @ResetHandler
    void reset() {
        facts.reset();
    }

    @QueryHandler
    public ProgrammeDashboard handle(ProgrammeDashboardQuery query) {
        return dashboardFrom(source, query);
    }

    /**
     * The dashboard of the given fact table (one of {@link DashboardFacts}'s), from the facts held ready in memory
     * ({@link DashboardModel}: only the participants changed since the last read are read again) and, when the same
     * dashboard was asked for since and no fact has changed, from the answer cache.
     */
    public ProgrammeDashboard dashboardFrom(String table, ProgrammeDashboardQuery query) {
        LocalDate asOf = asOf(query);
        Set<String> programmes = new TreeSet<>(query.programmeIds());
        DashboardModel.Snapshot snapshot = model(table).refresh();
        Computed computed;
        if (answers == null) {
            computed = computed(snapshot, query, programmes, asOf);
        } else {
            // the figures depend on nothing but these: the programmes asked for (already checked against her scope
            // by the caller), the period and interval, the as-of day and the very facts they were computed from
            AnswerKey key = new AnswerKey(
                    table,
                    List.copyOf(programmes),
                    query.from(),
                    query.to(),
                    asOf,
                    query.interval(),
                    snapshot.version());
            computed = answers.getIfPresent(key);
            if (computed == null) {
                computed = computed(snapshot, query, programmes, asOf);
                answers.put(key, computed);
            }
        }
        // the programmes' names are read for every answer: they are not facts, and a catalogue can be rebuilt
        return assemble(query, asOf, programmes, computed);
    }

    /** The figures of a dashboard and its cells after suppression: what the answer cache keeps. */
    private record Computed(
            DashboardCalculator.Figures figures,
            Map<String, Cell> cells,
            int followedUp,
            ProgrammeDashboard.Retention retention) {

        /**
         * What an answer shows: the cells after suppression, the intervals and instruments, and the retention curve
         * made from the follow-ups. Not the figures before suppression nor the follow-ups themselves (one per
         * participant who left: thousands in a large service, which an answer cache of hundreds must not hold).
         */
        static Computed of(DashboardCalculator.Figures figures, Map<String, Cell> cells, int threshold) {
            int followedUp = figures.followUps().size();
            ProgrammeDashboard.Retention retention = followedUp < threshold
                    ? new ProgrammeDashboard.Retention(
                            true, followedUp == 0 ? "no data" : "fewer than " + threshold, List.of())
                    : new ProgrammeDashboard.Retention(
                            false,
                            null,
                            KaplanMeier.coarsened(figures.followUps(), threshold).stream()
                                    .map(p -> new ProgrammeDashboard.Step(
                                            p.day(), Math.round(p.shareStillOut() * 10000) / 10000.0))
                                    .toList());
            return new Computed(
                    new DashboardCalculator.Figures(
                            Map.of(), List.of(), figures.intervals(), figures.instruments(), List.of()),
                    cells,
                    followedUp,
                    retention);
        }
    }

    /** The answer cache, for its statistics; empty when it is off. */
    public java.util.Optional<Cache<?, ?>> answerCache() {
        return java.util.Optional.ofNullable(answers);
    }

    /**
     * The dashboard as the definition's reference computes it: every fact of the programmes' participants read from
     * the table, grouped, ordered and paired on every call ({@link DashboardCalculator}). Slow; the tests hold the
     * ready figures to it, cell for cell.
     */
    public ProgrammeDashboard referenceDashboardFrom(String table, ProgrammeDashboardQuery query) {
        LocalDate asOf = asOf(query);
        Set<String> programmes = new TreeSet<>(query.programmeIds());
        List<DashboardFact> facts = factsOf(table, programmes, asOf);
        List<Map<String, Cell>> perProgramme = new ArrayList<>();
        if (programmes.size() > 1) {
            for (String programme : programmes) {
                perProgramme.add(SmallCells.suppress(
                        DashboardCalculator.compute(
                                facts, Set.of(programme), query.from(), query.to(), asOf, query.interval()),
                        threshold,
                        List.of()));
            }
        }
        DashboardCalculator.Figures figures =
                DashboardCalculator.compute(facts, programmes, query.from(), query.to(), asOf, query.interval());
        Map<String, Cell> cells = SmallCells.suppress(figures, threshold, perProgramme);
        return assemble(query, asOf, programmes, Computed.of(figures, cells, threshold));
    }

    private Computed computed(
            DashboardModel.Snapshot snapshot, ProgrammeDashboardQuery query, Set<String> programmes, LocalDate asOf) {
        List<DashboardModel.Digest> everyone = snapshot.enteredAny(programmes);
        if (programmes.size() == 1) {
            DashboardCalculator.Figures figures =
                    ReadyFigures.compute(everyone, programmes, query.from(), query.to(), asOf, query.interval());
            return Computed.of(figures, SmallCells.suppress(figures, threshold, List.of()), threshold);
        }
        // several programmes: each one's own figures too, for the cross-check of suppression, all in one pass over
        // her participants, offered to another core (the common fork-join pool) while this thread computes the whole.
        // Whichever thread comes to it first computes it: never does this one wait for a pass that has not begun
        // (with one worker on two cores and many requests, it might be queued behind others)
        List<Set<String>> each = programmes.stream().map(Set::of).toList();
        Supplier<List<DashboardCalculator.Figures>> ownPass =
                () -> ReadyFigures.computeEach(everyone, each, query.from(), query.to(), asOf, query.interval());
        AtomicBoolean taken = new AtomicBoolean();
        CompletableFuture<List<DashboardCalculator.Figures>> offered = new CompletableFuture<>();
        ForkJoinPool.commonPool().execute(() -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    offered.complete(ownPass.get());
                } catch (Throwable t) {
                    offered.completeExceptionally(t);
                }
            }
        });
        DashboardCalculator.Figures figures =
                ReadyFigures.compute(everyone, programmes, query.from(), query.to(), asOf, query.interval());
        List<DashboardCalculator.Figures> own = taken.compareAndSet(false, true) ? ownPass.get() : offered.join();
        List<Map<String, Cell>> perProgramme = new ArrayList<>();
        for (DashboardCalculator.Figures one : own) {
            perProgramme.add(SmallCells.suppress(one, threshold, List.of()));
        }
        return Computed.of(figures, SmallCells.suppress(figures, threshold, perProgramme), threshold);
    }

    private LocalDate asOf(ProgrammeDashboardQuery query) {
        LocalDate today = LocalDate.now(clock);
        return query.to().isBefore(today) ? query.to() : today;
    }

    private DashboardModel model(String table) {
        if (!table.equals(DashboardFacts.EVENT_STORE_TABLE) && !table.equals(DashboardFacts.KAFKA_TABLE)) {
            throw new IllegalArgumentException("Unknown dashboard fact table " + table);
        }
        return models.computeIfAbsent(table, t -> new DashboardModel(jdbc, t));
    }

    private record AnswerKey(
            String table,
            List<String> programmes,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Interval interval,
            long factsVersion) {}

    private List<DashboardFact> factsOf(String table, Set<String> programmes, LocalDate asOf) {
        if (!table.equals(DashboardFacts.EVENT_STORE_TABLE) && !table.equals(DashboardFacts.KAFKA_TABLE)) {
            throw new IllegalArgumentException("Unknown dashboard fact table " + table);
        }
        return jdbc.sql("""
                        SELECT f.participant_id, f.sequence_number, f.kind, f.occurred_on - DATE '1970-01-01' AS day,
                               CAST(EXTRACT(EPOCH FROM f.occurred_time) * 1000000 AS BIGINT) AS micro_of_day,
                               f.programme_id, f.label, f.ref, f.direction, f.score
                          FROM %1$s f
                         WHERE NOT f.retracted AND f.occurred_on <= ?
                           AND f.participant_id IN (SELECT e.participant_id FROM %1$s e
                                                     WHERE e.kind = 'ENTERED' AND NOT e.retracted
                                                       AND e.programme_id = ANY (?) AND e.occurred_on <= ?)""".formatted(table))
                .params(Date.valueOf(asOf), programmes.toArray(String[]::new), Date.valueOf(asOf))
                .query(ProgrammeDashboardProjection::fact)
                .list();
    }

    /**
     * Dates travel as day numbers and times as microseconds of the day: parsing 50,000 SQL dates costs more than the
     * figures.
     */
    private static DashboardFact fact(ResultSet rs, int row) throws SQLException {
        long microOfDay = rs.getLong("micro_of_day");
        LocalTime time =
                rs.wasNull() ? null : org.journeyplatform.projections.shared.KeptTimes.ofMicroOfDay(microOfDay);
        double total = rs.getDouble("score");
        Double score = rs.wasNull() ? null : total; // wasNull speaks of the column read last: ask before the next read
        return new DashboardFact(
                rs.getString("participant_id"),
                rs.getLong("sequence_number"),
                Kind.valueOf(rs.getString("kind")),
                LocalDate.ofEpochDay(rs.getInt("day")),
                time,
                rs.getString("programme_id"),
                rs.getString("label"),
                rs.getString("ref"),
                rs.getString("direction"),
                score);
    }

    private ProgrammeDashboard assemble(
            ProgrammeDashboardQuery query, LocalDate asOf, Set<String> programmes, Computed computed) {
        DashboardCalculator.Figures figures = computed.figures();
        Map<String, Cell> cells = computed.cells();
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("SELECT programme_id, name FROM programme WHERE programme_id = ANY (?) ORDER BY name")
                .param(programmes.toArray(String[]::new))
                .query((rs, row) -> names.put(rs.getString(1), rs.getString(2)))
                .list();
        List<ProgrammeDashboard.Programme> covered = programmes.stream()
                .map(id -> new ProgrammeDashboard.Programme(id, names.get(id)))
                .toList();
        List<ProgrammeDashboard.Period> movement = figures.intervals().stream()
                .map(m -> new ProgrammeDashboard.Period(
                        m,
                        cells.get("movement." + m + ".entries"),
                        cells.get("movement." + m + ".reentries"),
                        cells.get("movement." + m + ".exits")))
                .toList();
        List<ProgrammeDashboard.Assessment> assessments = figures.instruments().stream()
                .map(code -> {
                    String p = "assessments." + code + ".";
                    return new ProgrammeDashboard.Assessment(
                            code,
                            cells.get(p + "participants"),
                            cells.get(p + "meanFirst"),
                            cells.get(p + "meanLatest"),
                            cells.get(p + "meanChange"),
                            cells.get(p + "shareImproved"));
                })
                .toList();
        int followedUp = computed.followedUp();
        ProgrammeDashboard.Retention retention = computed.retention();
        Map<String, Cell> relapseAndReturn = section(cells, "relapseAndReturn");
        Cell median = relapseAndReturn.get("medianDaysToFirstReturn");
        if (!median.suppressed() && median.value() == null && followedUp > 0) {
            // fewer than half have returned: the median is not reached, which is not the same as no data
            relapseAndReturn.put("medianDaysToFirstReturn", new Cell(null, false, "not reached"));
        }
        return new ProgrammeDashboard(
                covered,
                query.from(),
                query.to(),
                asOf,
                threshold,
                section(cells, "headline"),
                query.interval(),
                movement,
                section(cells, "exitsByReason"),
                section(cells, "lengthOfStay"),
                relapseAndReturn,
                retention,
                section(cells, "milestones"),
                section(cells, "reunification"),
                section(cells, "peerSupport"),
                assessments);
    }

    private static Map<String, Cell> section(Map<String, Cell> cells, String name) {
        Map<String, Cell> section = new LinkedHashMap<>();
        cells.forEach((key, cell) -> {
            if (key.startsWith(name + ".")) {
                section.put(key.substring(name.length() + 1), cell);
            }
        });
        return section;
    }

    private static String text(JourneyEvent event, String field) {
        Object value = read(event, field);
        return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    private static Double number(JourneyEvent event, String field) {
        return read(event, field) instanceof Number n ? n.doubleValue() : null;
    }

    private static Object read(JourneyEvent event, String field) {
        if (field == null) {
            return null;
        }
        java.lang.reflect.Method accessor = ACCESSORS.get(event.getClass()).get(field);
        if (accessor == null) {
            return null;
        }
        try {
            return accessor.invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }

    /** Each event type's accessors by field name, found once: looking them up per event cost a rebuild time. */
    private static final ClassValue<Map<String, java.lang.reflect.Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, java.lang.reflect.Method> computeValue(Class<?> type) {
            Map<String, java.lang.reflect.Method> accessors = new java.util.HashMap<>();
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components == null ? new RecordComponent[0] : components) {
                accessors.put(component.getName(), component.getAccessor());
            }
            return Map.copyOf(accessors);
        }
    };
}
