package org.journeyplatform.api.security;

import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Need-to-know: a staff member may see and record a participant's journey only while she is, or was, in a programme
 * the staff member is assigned to, when the staff member enrolled her, or under an unexpired break-glass grant. Her id
 * is no authorisation. Judged from the event store itself (her programme entries, her enrolment's actor), so it holds
 * the moment she enters a programme; a participant out of scope is answered as if she did not exist.
 */
@Component
public class ParticipantAccess {

    private final JdbcClient jdbc;

    public ParticipantAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean mayAccess(String username, ParticipantId participant) {
        String id = participant.toString();
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM break_glass_grant
                                        WHERE username = ? AND participant_id = ? AND expires_at > now())
                            OR EXISTS (SELECT 1 FROM domain_event_entry
                                        WHERE aggregate_identifier = ? AND sequence_number = 0
                                          AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = ?)
                            OR EXISTS (SELECT 1 FROM domain_event_entry e
                                         JOIN staff_assignment a
                                           ON a.programme_id = convert_from(e.payload, 'UTF8')::jsonb ->> 'programmeId'
                                        WHERE e.aggregate_identifier = ? AND e.payload_type = ? AND a.username = ?)""")
                .params(username, id, id, username, id, ProgrammeEnteredEvent.class.getName(), username)
                .query(Boolean.class).single();
    }
}
