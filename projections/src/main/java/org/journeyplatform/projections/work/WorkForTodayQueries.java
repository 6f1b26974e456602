package org.journeyplatform.projections.work;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers {@link WorkForTodayQuery} from the participant-timeline read model: four indexed scans of the timeline rows
 * of her programmes' participants, with retracted entries left out and corrected dates applied (a correction of a
 * date, the latest one, counts; corrections of other fields do not change what is listed). Erased participants are
 * never listed.
 */
@Component
public class WorkForTodayQueries {

    /**
     * One statement, one pass over her programmes' participants' timeline rows as they count (not retracted, with a
     * corrected date applied; the rows of the kinds the lists need and nothing else), answering the four lists as rows
     * of one result, told apart by {@code list}.
     */
    private static final String WORK = """
            WITH scope AS (
                SELECT sp.participant_id FROM participant_scope_programme sp
                 WHERE sp.programme_id = ANY (:programmes)),
            live AS MATERIALIZED (
                SELECT t.participant_id, t.event_id, t.event_type, t.programme_id, t.sequence_number,
                       coalesce(d.occurred_on, t.occurred_on) AS occurred_on,
                       t.details ->> 'reason' AS reason, t.details ->> 'instrument' AS instrument,
                       t.details ->> 'consentId' AS consent_id, t.details ->> 'kind' AS kind,
                       t.details ->> 'scope' AS scope, (t.details ->> 'expiresOn')::date AS expires_on,
                       t.details ->> 'planId' AS plan_id, t.details ->> 'childPseudonym' AS child_pseudonym,
                       t.details ->> 'step' AS step
                  FROM timeline_entry t
                  LEFT JOIN (SELECT DISTINCT ON (c.details ->> 'correctedEventId')
                                    c.details ->> 'correctedEventId' AS event_id,
                                    (c.details -> 'correctedValues' ->> 'occurredOn')::date AS occurred_on
                               FROM timeline_entry c
                              WHERE c.event_type = 'event-corrected'
                                AND c.details -> 'correctedValues' ->> 'occurredOn' IS NOT NULL
                              ORDER BY c.details ->> 'correctedEventId', c.sequence_number DESC) d
                         ON d.event_id = t.event_id
                  LEFT JOIN (SELECT DISTINCT x.details ->> 'retractedEventId' AS event_id FROM timeline_entry x
                              WHERE x.event_type = 'event-retracted') r ON r.event_id = t.event_id
                 WHERE r.event_id IS NULL AND t.event_type IN (
                       'programme-entered', 'programme-exited', 'assessment-recorded', 'consent-given',
                       'consent-withdrawn', 'reunification-plan-opened', 'reunification-step-recorded',
                       'reunification-plan-closed')
                   AND t.participant_id IN (SELECT participant_id FROM scope)
                   AND coalesce(d.occurred_on, t.occurred_on) <= :today),
            stays AS MATERIALIZED (
                SELECT DISTINCT ON (participant_id, programme_id) participant_id, programme_id, event_type,
                       occurred_on, reason
                  FROM live WHERE event_type IN ('programme-entered', 'programme-exited')
                 ORDER BY participant_id, programme_id, occurred_on DESC, sequence_number DESC),
            inside_now AS MATERIALIZED (
                SELECT participant_id, bool_or(event_type = 'programme-entered') AS inside
                  FROM stays GROUP BY participant_id),
            withdrawn AS MATERIALIZED (
                SELECT DISTINCT participant_id, consent_id FROM live WHERE event_type = 'consent-withdrawn'),
            last_exit AS (
                SELECT DISTINCT ON (participant_id) participant_id, programme_id, occurred_on, reason
                  FROM stays WHERE event_type = 'programme-exited'
                 ORDER BY participant_id, occurred_on DESC),
            inside AS (
                SELECT DISTINCT ON (participant_id) participant_id, programme_id, occurred_on
                  FROM stays
                 WHERE event_type = 'programme-entered' AND programme_id = ANY (:programmes)
                 ORDER BY participant_id, occurred_on),
            readings AS MATERIALIZED (
                SELECT participant_id, instrument, max(occurred_on) AS last_read_on
                  FROM live WHERE event_type = 'assessment-recorded'
                 GROUP BY participant_id, instrument),
            plans AS (
                SELECT participant_id, plan_id, max(child_pseudonym) AS child_pseudonym,
                       max(occurred_on) AS last_step_on,
                       bool_or(event_type = 'reunification-plan-closed') AS closed,
                       (array_agg(step ORDER BY occurred_on DESC, sequence_number DESC)
                          FILTER (WHERE event_type = 'reunification-step-recorded'))[1] AS step
                  FROM live
                 WHERE event_type IN ('reunification-plan-opened', 'reunification-step-recorded',
                                      'reunification-plan-closed')
                 GROUP BY participant_id, plan_id)
            , work AS (
            SELECT 'left' AS list, x.participant_id, g.name AS programme_name, x.occurred_on AS d1,
                   (SELECT max(c.occurred_on) FROM timeline_entry c
                     WHERE c.participant_id = x.participant_id AND c.occurred_on <= :today
                       AND c.event_type NOT IN ('event-corrected', 'event-retracted')
                       AND NOT EXISTS (SELECT 1 FROM timeline_entry r WHERE r.participant_id = c.participant_id
                                          AND r.event_type = 'event-retracted'
                                          AND r.details ->> 'retractedEventId' = c.event_id)) AS d2,
                   x.reason AS t1, NULL AS t2, NULL AS t3
              FROM last_exit x
              JOIN inside_now n ON n.participant_id = x.participant_id AND NOT n.inside
              LEFT JOIN programme g ON g.programme_id = x.programme_id
             WHERE x.occurred_on >= :recentSince
            UNION ALL
            SELECT 'assessment', i.participant_id, g.name, i.occurred_on, r.last_read_on, r.instrument, NULL, NULL
              FROM inside i
              LEFT JOIN programme g ON g.programme_id = i.programme_id
              LEFT JOIN readings r ON r.participant_id = i.participant_id
             WHERE (r.instrument IS NULL AND i.occurred_on < :dueBefore) OR r.last_read_on < :dueBefore
            UNION ALL
            SELECT 'consent', c.participant_id, NULL, c.expires_on, NULL, c.consent_id, c.kind, c.scope
              FROM live c
              LEFT JOIN withdrawn w ON w.participant_id = c.participant_id AND w.consent_id = c.consent_id
             WHERE c.event_type = 'consent-given' AND c.expires_on BETWEEN :today AND :consentsUntil
               AND w.consent_id IS NULL
            UNION ALL
            SELECT 'plan', l.participant_id, NULL, l.last_step_on, NULL, l.plan_id, l.child_pseudonym,
                   coalesce(l.step, 'PLAN_OPENED')
              FROM plans l
             WHERE NOT l.closed AND l.last_step_on < :stalledBefore)
            SELECT w.*, p.chosen_name FROM work w
              JOIN participant p ON p.participant_id = w.participant_id
             WHERE NOT EXISTS (SELECT 1 FROM timeline_entry e WHERE e.participant_id = w.participant_id
                                  AND e.event_type = 'participant-erased')
            """;

    private final JdbcClient jdbc;

    public WorkForTodayQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public WorkForToday handle(WorkForTodayQuery query) {
        LocalDate today = query.today();
        List<WorkForToday.RecentlyLeft> left = new ArrayList<>();
        List<WorkForToday.AssessmentDue> due = new ArrayList<>();
        List<WorkForToday.ConsentExpiring> consents = new ArrayList<>();
        List<WorkForToday.StalledPlan> plans = new ArrayList<>();
        if (!query.programmeIds().isEmpty()) {
            jdbc.sql(WORK)
                    .param("programmes", query.programmeIds().toArray(String[]::new))
                    .param("today", Date.valueOf(today))
                    .param("recentSince", Date.valueOf(today.minusMonths(WorkForToday.RECENT_EXIT_MONTHS)))
                    .param("dueBefore", Date.valueOf(today.minus(query.assessmentInterval())))
                    .param("consentsUntil", Date.valueOf(today.plusDays(WorkForToday.CONSENT_NOTICE_DAYS)))
                    .param("stalledBefore", Date.valueOf(today.minusDays(WorkForToday.STALLED_PLAN_DAYS)))
                    .query((rs, row) -> {
                        String participant = rs.getString("participant_id");
                        String name = rs.getString("chosen_name");
                        LocalDate d1 = date(rs.getDate("d1"));
                        LocalDate d2 = date(rs.getDate("d2"));
                        String programme = rs.getString("programme_name");
                        String t1 = rs.getString("t1");
                        String t2 = rs.getString("t2");
                        String t3 = rs.getString("t3");
                        switch (rs.getString("list")) {
                            case "left" ->
                                left.add(new WorkForToday.RecentlyLeft(
                                        participant, name, programme, d1, t1, d2, ChronoUnit.DAYS.between(d2, today)));
                            case "assessment" ->
                                due.add(new WorkForToday.AssessmentDue(
                                        participant,
                                        name,
                                        programme,
                                        d1,
                                        t1,
                                        d2,
                                        ChronoUnit.DAYS.between(d2 == null ? d1 : d2, today)));
                            case "consent" ->
                                consents.add(new WorkForToday.ConsentExpiring(
                                        participant, name, t1, t2, t3, d1, ChronoUnit.DAYS.between(today, d1)));
                            default ->
                                plans.add(new WorkForToday.StalledPlan(
                                        participant, name, t1, t2, t3, d1, ChronoUnit.DAYS.between(d1, today)));
                        }
                        return participant;
                    })
                    .list();
        }
        // most pressing first: the longest without contact, the longest without a reading, the soonest to expire,
        // the longest without a step; then by name, for a stable order
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

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
