package org.journeyplatform.projections.work;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.eventhandling.DomainEventMessage;
import org.journeyplatform.domain.shared.OccurredOn;

/**
 * One row of {@code work_fact}: what the work for today keeps of one entry of her journey (ADR 0018), written by
 * {@link WorkForTodayProjection} and read by {@link WorkForTodayQueries}. Holds personal data (consent scopes, child
 * pseudonyms).
 *
 * @param type the entry's public name ({@code programme-exited}, ...)
 * @param on   the day in her life, {@code at} the time of day if given: her life order, with {@code sequence}
 */
record WorkFact(
        String participantId,
        String type,
        LocalDate on,
        LocalTime at,
        long sequence,
        String programmeId,
        String reason,
        String instrument,
        String consentId,
        String consentKind,
        String scope,
        LocalDate expiresOn,
        String planId,
        String childPseudonym,
        String step) {

    /** The columns, in the record's order (after {@code event_id} when written). */
    static final String COLUMNS =
            "participant_id, event_type, occurred_on, occurred_time, sequence_number, programme_id,"
                    + " reason, instrument, consent_id, consent_kind, scope, expires_on, plan_id, child_pseudonym, step";

    /** An entry into or exit from a programme. */
    static WorkFact stay(DomainEventMessage<?> message, String type, OccurredOn on, Object programmeId, Object reason) {
        return of(message, type, on, text(programmeId), text(reason), null, null, null, null, null, null, null);
    }

    /** A consent given or withdrawn. */
    static WorkFact consent(
            DomainEventMessage<?> message,
            String type,
            OccurredOn on,
            Object consentId,
            Object kind,
            String scope,
            LocalDate expiresOn) {
        return of(message, type, on, null, null, text(consentId), text(kind), scope, expiresOn, null, null, null);
    }

    /** A reunification plan opened, stepped or closed. */
    static WorkFact plan(
            DomainEventMessage<?> message,
            String type,
            OccurredOn on,
            Object planId,
            String childPseudonym,
            Object step,
            Object reason) {
        return of(
                message,
                type,
                on,
                null,
                text(reason),
                null,
                null,
                null,
                null,
                text(planId),
                childPseudonym,
                text(step));
    }

    private static WorkFact of(
            DomainEventMessage<?> message,
            String type,
            OccurredOn on,
            String programmeId,
            String reason,
            String consentId,
            String consentKind,
            String scope,
            LocalDate expiresOn,
            String planId,
            String childPseudonym,
            String step) {
        return new WorkFact(
                message.getAggregateIdentifier(),
                type,
                on.date(),
                on.time(),
                message.getSequenceNumber(),
                programmeId,
                reason,
                null,
                consentId,
                consentKind,
                scope,
                expiresOn,
                planId,
                childPseudonym,
                step);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Its values as JDBC parameters, in the order of {@link #COLUMNS}. */
    Object[] parameters() {
        return new Object[] {
            participantId,
            type,
            Date.valueOf(on),
            org.journeyplatform.projections.shared.KeptTimes.of(at), // java.sql.Time would drop the fraction
            sequence,
            programmeId,
            reason,
            instrument,
            consentId,
            consentKind,
            scope,
            expiresOn == null ? null : Date.valueOf(expiresOn),
            planId,
            childPseudonym,
            step
        };
    }

    /** A row read with {@code SELECT } {@link #COLUMNS}. */
    static WorkFact read(ResultSet rs, int row) throws SQLException {
        return new WorkFact(
                rs.getString(1),
                rs.getString(2),
                rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalTime.class),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getObject(12, LocalDate.class),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15));
    }

    /**
     * Later in her life, as the journey judges it: by day, then time of day (an entry without one first), then of two
     * at the same moment the one recorded later.
     */
    boolean after(WorkFact other) {
        int byDay = on.compareTo(other.on);
        if (byDay != 0) {
            return byDay > 0;
        }
        if (at != null || other.at != null) {
            if (at == null || other.at == null) {
                return at != null;
            }
            int byTime = at.compareTo(other.at);
            if (byTime != 0) {
                return byTime > 0;
            }
        }
        return sequence > other.sequence;
    }
}
