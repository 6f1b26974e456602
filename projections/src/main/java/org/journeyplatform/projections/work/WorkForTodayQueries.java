package org.journeyplatform.projections.work;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers {@link WorkForTodayQuery} from the rows {@link WorkForTodayProjection} keeps (retracted entries left out, the
 * latest correction of each kept value applied: dates, programmes, reasons, consent expiry, plan steps): her
 * programmes' participants' rows are read in one indexed statement (a few narrow rows each; of her readings, the
 * latest of each instrument), and the four lists are worked out from them here, in one pass. A second statement names the participants listed, leaves out the erased, and
 * finds the last contact of those who left: the latest date in her life of any timeline entry that is not retracted,
 * with its corrected date (through her rows' life-order index, newest first).
 * <p>
 * Computing the lists in PostgreSQL instead, as one statement of common table expressions, cost 140 ms for 1,020
 * participants on the 2-core machine (sorts of materialised rows and a join the planner misjudged); this costs a read
 * of about seven rows per participant.
 */
@Component
public class WorkForTodayQueries {

    /**
     * Her programmes' participants' rows as the lists need them (of her readings, the latest of each instrument), a
     * consent only when it expires within the notice period.
     */
    private static final String FACTS = """
            SELECT %s
              FROM work_fact f
             WHERE f.participant_id = ANY (ARRAY(SELECT DISTINCT sp.participant_id FROM participant_scope_programme sp
                                                  WHERE sp.programme_id = ANY (:programmes)))
               AND f.occurred_on <= :today
               AND (f.event_type <> 'consent-given' OR f.expires_on BETWEEN :today AND :consentsUntil)""".formatted(WorkFact.COLUMNS);

    /** The listed participants' names, whether they were erased, and (for those who left) their last contact. */
    private static final String LISTED = """
            SELECT p.participant_id, p.chosen_name,
                   EXISTS (SELECT 1 FROM timeline_entry e WHERE e.participant_id = p.participant_id
                              AND e.event_type = 'participant-erased') AS erased,
                   CASE WHEN p.participant_id = ANY (:leavers) THEN greatest(
                       -- her newest entry that no correction or retraction concerns
                       (SELECT c.occurred_on FROM timeline_entry c
                         WHERE c.participant_id = p.participant_id AND c.occurred_on <= :today
                           AND c.event_type NOT IN ('event-corrected', 'event-retracted')
                           AND NOT EXISTS (SELECT 1 FROM timeline_entry a
                                            WHERE a.participant_id = c.participant_id
                                              AND a.event_type IN ('event-corrected', 'event-retracted')
                                              AND coalesce(a.details ->> 'correctedEventId',
                                                           a.details ->> 'retractedEventId') = c.event_id)
                         ORDER BY c.occurred_on DESC LIMIT 1),
                       -- her corrected entries that are not retracted, each with its latest corrected date
                       (SELECT max(o.on_date) FROM (
                            SELECT coalesce(
                                       (SELECT CAST(k.details -> 'correctedValues' ->> 'occurredOn' AS date)
                                          FROM timeline_entry k
                                         WHERE k.participant_id = t.participant_id
                                           AND k.event_type = 'event-corrected'
                                           AND k.details ->> 'correctedEventId' = t.event_id
                                           AND nullif(k.details -> 'correctedValues' ->> 'occurredOn', '') IS NOT NULL
                                         ORDER BY k.sequence_number DESC LIMIT 1),
                                       t.occurred_on) AS on_date
                              FROM timeline_entry t
                             WHERE t.participant_id = p.participant_id
                               AND t.event_id IN (SELECT a.details ->> 'correctedEventId' FROM timeline_entry a
                                                   WHERE a.participant_id = p.participant_id
                                                     AND a.event_type = 'event-corrected')
                               AND NOT EXISTS (SELECT 1 FROM timeline_entry r
                                                WHERE r.participant_id = t.participant_id
                                                  AND r.event_type = 'event-retracted'
                                                  AND r.details ->> 'retractedEventId' = t.event_id)) o
                         WHERE o.on_date <= :today)) END AS last_contact
              FROM participant p
             WHERE p.participant_id = ANY (:listed)""";

    private static final String ENTERED = "programme-entered";
    private static final String EXITED = "programme-exited";

    private final JdbcClient jdbc;

    public WorkForTodayQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A row of a list before the participant's and programme's names are known: her exit (a {@link WorkFact}), or a list's
     * row with a null name (an {@link WorkForToday.AssessmentDue} holding the programme's id for its name).
     */
    private record Row(String participantId, Object unnamed) {}

    @QueryHandler
    public WorkForToday handle(WorkForTodayQuery query) {
        LocalDate today = query.today();
        if (query.programmeIds().isEmpty()) {
            return new WorkForToday(today, List.of(), List.of(), List.of(), List.of());
        }
        Map<String, List<WorkFact>> byParticipant = new HashMap<>();
        jdbc.sql(FACTS)
                .param("programmes", query.programmeIds().toArray(String[]::new))
                .param("today", Date.valueOf(today))
                .param("consentsUntil", Date.valueOf(today.plusDays(WorkForToday.CONSENT_NOTICE_DAYS)))
                .query(WorkFact::read)
                .list()
                .forEach(fact -> byParticipant
                        .computeIfAbsent(fact.participantId(), id -> new ArrayList<>())
                        .add(fact));

        LocalDate recentSince = today.minusMonths(WorkForToday.RECENT_EXIT_MONTHS);
        LocalDate consentsUntil = today.plusDays(WorkForToday.CONSENT_NOTICE_DAYS);
        LocalDate stalledBefore = today.minusDays(WorkForToday.STALLED_PLAN_DAYS);
        Set<String> mine = new HashSet<>(query.programmeIds());
        List<Row> rows = new ArrayList<>();
        Set<String> leavers = new HashSet<>();
        byParticipant.forEach((participant, facts) -> {
            // her latest entry or exit per programme: in a programme now if any of them is an entry
            Map<String, WorkFact> stays = new HashMap<>();
            Map<String, LocalDate> readings = new HashMap<>();
            Set<String> withdrawn = new HashSet<>();
            Map<String, List<WorkFact>> plans = new LinkedHashMap<>();
            for (WorkFact fact : facts) {
                switch (fact.type()) {
                    case ENTERED, EXITED ->
                        stays.merge(String.valueOf(fact.programmeId()), fact, (a, b) -> b.after(a) ? b : a);
                    case "assessment-recorded" ->
                        readings.merge(String.valueOf(fact.instrument()), fact.on(), (a, b) -> b.isAfter(a) ? b : a);
                    case "consent-withdrawn" -> withdrawn.add(fact.consentId());
                    case "reunification-plan-opened", "reunification-step-recorded", "reunification-plan-closed" ->
                        plans.computeIfAbsent(String.valueOf(fact.planId()), id -> new ArrayList<>())
                                .add(fact);
                    default -> {}
                }
            }
            boolean inside = stays.values().stream().anyMatch(f -> f.type().equals(ENTERED));
            if (!inside) {
                stays.values().stream()
                        .filter(f -> f.type().equals(EXITED))
                        .reduce((a, b) -> b.after(a) ? b : a)
                        .filter(exit -> !exit.on().isBefore(recentSince))
                        .ifPresent(exit -> {
                            leavers.add(participant);
                            rows.add(new Row(participant, exit));
                        });
            }
            rows.addAll(due(participant, stays, readings, mine, query, today));
            for (WorkFact fact : facts) {
                if (fact.type().equals("consent-given")
                        && fact.expiresOn() != null
                        && !fact.expiresOn().isBefore(today)
                        && !fact.expiresOn().isAfter(consentsUntil)
                        && !withdrawn.contains(fact.consentId())) {
                    rows.add(new Row(
                            participant,
                            new WorkForToday.ConsentExpiring(
                                    participant,
                                    null,
                                    fact.consentId(),
                                    fact.consentKind(),
                                    fact.scope(),
                                    fact.expiresOn(),
                                    ChronoUnit.DAYS.between(today, fact.expiresOn()))));
                }
            }
            plans.forEach((planId, steps) -> {
                if (steps.stream().anyMatch(f -> f.type().equals("reunification-plan-closed"))) {
                    return;
                }
                LocalDate last = steps.stream()
                        .map(WorkFact::on)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
                if (!last.isBefore(stalledBefore)) {
                    return;
                }
                String child = steps.stream()
                        .map(WorkFact::childPseudonym)
                        .filter(java.util.Objects::nonNull)
                        .max(Comparator.naturalOrder())
                        .orElse(null);
                String step = steps.stream()
                        .filter(f -> f.type().equals("reunification-step-recorded"))
                        .reduce((a, b) -> b.after(a) ? b : a)
                        .map(WorkFact::step)
                        .orElse("PLAN_OPENED");
                rows.add(new Row(
                        participant,
                        new WorkForToday.StalledPlan(
                                participant, null, planId, child, step, last, ChronoUnit.DAYS.between(last, today))));
            });
        });
        return named(query, rows, leavers);
    }

    /**
     * Her readings that are due, one per instrument (or one "none yet" when she has none): of her programmes (among the
     * caller's) she is in now, the one that asks for a reading most often decides; of two that ask as often, the one
     * she entered first.
     */
    private static List<Row> due(
            String participant,
            Map<String, WorkFact> stays,
            Map<String, LocalDate> readings,
            Set<String> mine,
            WorkForTodayQuery query,
            LocalDate today) {
        Map<String, WorkForToday.AssessmentDue> byInstrument = new LinkedHashMap<>();
        Map<String, LocalDate> decidingDueBefore = new HashMap<>();
        stays.values().stream()
                .filter(f -> f.type().equals(ENTERED) && mine.contains(f.programmeId()))
                .sorted(Comparator.comparing(WorkFact::on).thenComparing(WorkFact::programmeId))
                .forEach(entry -> {
                    LocalDate dueBefore = today.minus(query.assessmentIntervalOf(entry.programmeId()));
                    int intervalDays = (int) ChronoUnit.DAYS.between(dueBefore, today);
                    Map<String, LocalDate> instruments = readings.isEmpty() ? new HashMap<>() : readings;
                    if (readings.isEmpty()) {
                        if (!entry.on().isBefore(dueBefore)) {
                            return;
                        }
                        instruments.put("", null);
                    }
                    instruments.forEach((instrument, lastRead) -> {
                        if (lastRead != null && !lastRead.isBefore(dueBefore)) {
                            return;
                        }
                        LocalDate deciding = decidingDueBefore.get(instrument);
                        if (deciding != null && !dueBefore.isAfter(deciding)) {
                            return; // a programme that asks as often or more often, entered earlier, decides
                        }
                        decidingDueBefore.put(instrument, dueBefore);
                        byInstrument.put(
                                instrument,
                                new WorkForToday.AssessmentDue(
                                        participant,
                                        null,
                                        entry.programmeId(),
                                        entry.on(),
                                        instrument.isEmpty() ? null : instrument,
                                        lastRead,
                                        ChronoUnit.DAYS.between(lastRead == null ? entry.on() : lastRead, today),
                                        intervalDays));
                    });
                });
        return byInstrument.values().stream()
                .map(due -> new Row(participant, due))
                .toList();
    }

    /**
     * Names the rows' participants (leaving out the erased, and any the directory does not know) and programmes, finds
     * the last contact of those who left, and sorts each list, most pressing first.
     */
    private WorkForToday named(WorkForTodayQuery query, List<Row> rows, Set<String> leavers) {
        LocalDate today = query.today();
        Map<String, String> names = new HashMap<>();
        Map<String, LocalDate> lastContact = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql(LISTED)
                    .param(
                            "listed",
                            rows.stream().map(Row::participantId).distinct().toArray(String[]::new))
                    .param("leavers", leavers.toArray(String[]::new))
                    .param("today", Date.valueOf(today))
                    .query((rs, row) -> {
                        if (!rs.getBoolean("erased")) {
                            names.put(rs.getString("participant_id"), rs.getString("chosen_name"));
                            LocalDate contact = rs.getObject("last_contact", LocalDate.class);
                            if (contact != null) {
                                lastContact.put(rs.getString("participant_id"), contact);
                            }
                        }
                        return null;
                    })
                    .list();
        }
        Map<String, String> programmes = new HashMap<>();
        String[] programmeIds = rows.stream()
                .map(row -> row.unnamed() instanceof WorkFact exit
                        ? exit.programmeId()
                        : row.unnamed() instanceof WorkForToday.AssessmentDue due ? due.programmeName() : null)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        if (programmeIds.length > 0) {
            jdbc.sql("SELECT programme_id, name FROM programme WHERE programme_id = ANY (:programmes)")
                    .param("programmes", programmeIds)
                    .query((rs, row) -> programmes.put(rs.getString(1), rs.getString(2)))
                    .list();
        }

        List<WorkForToday.RecentlyLeft> left = new ArrayList<>();
        List<WorkForToday.AssessmentDue> due = new ArrayList<>();
        List<WorkForToday.ConsentExpiring> consents = new ArrayList<>();
        List<WorkForToday.StalledPlan> plans = new ArrayList<>();
        for (Row row : rows) {
            String name = names.get(row.participantId());
            if (name == null) {
                continue;
            }
            if (row.unnamed() instanceof WorkFact exit) {
                LocalDate contact = lastContact.getOrDefault(row.participantId(), exit.on());
                left.add(new WorkForToday.RecentlyLeft(
                        row.participantId(),
                        name,
                        programmes.get(exit.programmeId()),
                        exit.on(),
                        exit.reason(),
                        contact,
                        ChronoUnit.DAYS.between(contact, today)));
            } else if (row.unnamed() instanceof WorkForToday.AssessmentDue a) {
                due.add(new WorkForToday.AssessmentDue(
                        a.participantId(),
                        name,
                        programmes.get(a.programmeName()),
                        a.since(),
                        a.instrument(),
                        a.lastReadOn(),
                        a.daysSinceLastReading(),
                        a.intervalDays()));
            } else if (row.unnamed() instanceof WorkForToday.ConsentExpiring c) {
                consents.add(new WorkForToday.ConsentExpiring(
                        c.participantId(), name, c.consentId(), c.kind(), c.scope(), c.expiresOn(), c.daysLeft()));
            } else if (row.unnamed() instanceof WorkForToday.StalledPlan p) {
                plans.add(new WorkForToday.StalledPlan(
                        p.participantId(),
                        name,
                        p.planId(),
                        p.childPseudonym(),
                        p.step(),
                        p.lastStepOn(),
                        p.daysSinceLastStep()));
            }
        }
        // most pressing first: the longest without contact, the longest without a reading, the soonest to expire,
        // the longest without a step; then by id, for a stable order
        left.sort(Comparator.comparing(WorkForToday.RecentlyLeft::lastContactOn)
                .thenComparing(WorkForToday.RecentlyLeft::exitedOn)
                .thenComparing(WorkForToday.RecentlyLeft::participantId));
        due.sort(Comparator.comparing(
                        (WorkForToday.AssessmentDue a) -> a.lastReadOn() == null ? a.since() : a.lastReadOn())
                .thenComparing(WorkForToday.AssessmentDue::participantId)
                .thenComparing(a -> a.instrument() == null ? "" : a.instrument()));
        consents.sort(Comparator.comparing(WorkForToday.ConsentExpiring::expiresOn)
                .thenComparing(WorkForToday.ConsentExpiring::participantId)
                .thenComparing(WorkForToday.ConsentExpiring::consentId));
        plans.sort(Comparator.comparing(WorkForToday.StalledPlan::lastStepOn)
                .thenComparing(WorkForToday.StalledPlan::participantId)
                .thenComparing(WorkForToday.StalledPlan::planId));
        return new WorkForToday(today, List.copyOf(left), List.copyOf(due), List.copyOf(consents), List.copyOf(plans));
    }
}
