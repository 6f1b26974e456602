package org.journeyplatform.api.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators assign staff to programmes. A caseworker or manager sees the participants who are, or were, in her
 * programmes (and those she enrolled); nobody else's.
 */
@RestController
@RequestMapping("/api/v1/admin/staff/{username}/programmes")
@Tag(name = "Administration", description = "Projections, replays, the audit log, staff assignments")
public class StaffAssignmentsController {

    private final JdbcClient jdbc;
    private final EventStoreDirectory directory;
    private final UserDetailsService users;

    public StaffAssignmentsController(JdbcClient jdbc, EventStoreDirectory directory, UserDetailsService users) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.users = users;
    }

    /** One assignment. */
    public record Assignment(String username, String programmeId, Instant assignedAt, String assignedBy) {
    }

    @GetMapping
    @Operation(summary = "The programmes a staff member is assigned to")
    public List<Assignment> list(@PathVariable String username) {
        requireUser(username);
        return jdbc.sql("SELECT * FROM staff_assignment WHERE username = ? ORDER BY assigned_at, programme_id")
                .param(username)
                .query((rs, row) -> new Assignment(rs.getString("username"), rs.getString("programme_id"),
                        rs.getTimestamp("assigned_at").toInstant(), rs.getString("assigned_by")))
                .list();
    }

    @PutMapping("/{programmeId}")
    @Operation(summary = "Assign a staff member to a programme (again: no change)")
    public ResponseEntity<Void> assign(@PathVariable String username, @PathVariable String programmeId,
                                       Principal admin) {
        requireUser(username);
        String programme = programme(programmeId);
        jdbc.sql("""
                        INSERT INTO staff_assignment (username, programme_id, assigned_at, assigned_by)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(username, programme, Timestamp.from(Instant.now()), admin.getName())
                .update();
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{programmeId}")
    @Operation(summary = "End a staff member's assignment to a programme")
    public ResponseEntity<Void> unassign(@PathVariable String username, @PathVariable String programmeId) {
        requireUser(username);
        jdbc.sql("DELETE FROM staff_assignment WHERE username = ? AND programme_id = ?")
                .params(username, programme(programmeId)).update();
        return ResponseEntity.noContent().build();
    }

    private void requireUser(String username) {
        try {
            users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "There is no staff member '" + username + "'.");
        }
    }

    private String programme(String raw) {
        try {
            ProgrammeId id = ProgrammeId.of(UUID.fromString(raw));
            if (directory.isRegistered(id)) {
                return id.toString();
            }
        } catch (IllegalArgumentException e) {
            // not an id
        }
        throw new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme has this id.");
    }
}
