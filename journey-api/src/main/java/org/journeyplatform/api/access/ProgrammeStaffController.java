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
 * A programme manager runs her programme's staff: she sees who works in it and assigns or removes staff, for the
 * programmes she is assigned to herself (administrators for any programme).
 */
@RestController
@RequestMapping("/api/v1/programmes/{programmeId}/staff")
@Tag(name = "Programmes", description = "Register and list programmes; their staff")
public class ProgrammeStaffController {

    private final JdbcClient jdbc;
    private final EventStoreDirectory directory;
    private final UserDetailsService users;

    public ProgrammeStaffController(JdbcClient jdbc, EventStoreDirectory directory, UserDetailsService users) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Who works in the programme")
    public List<StaffAssignmentsController.Assignment> staff(@PathVariable String programmeId, Principal user) {
        String programme = programmeOf(programmeId, user);
        return jdbc.sql("SELECT * FROM staff_assignment WHERE programme_id = ? ORDER BY username").param(programme)
                .query((rs, row) -> new StaffAssignmentsController.Assignment(rs.getString("username"),
                        rs.getString("programme_id"), rs.getTimestamp("assigned_at").toInstant(),
                        rs.getString("assigned_by")))
                .list();
    }

    @PutMapping("/{username}")
    @Operation(summary = "Assign a staff member to the programme")
    public ResponseEntity<Void> assign(@PathVariable String programmeId, @PathVariable String username,
                                       Principal user) {
        String programme = programmeOf(programmeId, user);
        requireAccount(username);
        jdbc.sql("""
                        INSERT INTO staff_assignment (username, programme_id, assigned_at, assigned_by)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(username, programme, Timestamp.from(Instant.now()), user.getName()).update();
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{username}")
    @Operation(summary = "Remove a staff member from the programme")
    public ResponseEntity<Void> remove(@PathVariable String programmeId, @PathVariable String username,
                                       Principal user) {
        String programme = programmeOf(programmeId, user);
        jdbc.sql("DELETE FROM staff_assignment WHERE programme_id = ? AND username = ?")
                .params(programme, username).update();
        return ResponseEntity.noContent().build();
    }

    /** A registered programme the signed-in manager works in (any, for an administrator); else 404. */
    private String programmeOf(String raw, Principal user) {
        String programme = null;
        try {
            ProgrammeId id = ProgrammeId.of(UUID.fromString(raw));
            programme = directory.isRegistered(id) ? id.toString() : null;
        } catch (IllegalArgumentException e) {
            // not an id
        }
        boolean admin = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication().getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        if (programme != null && (admin || jdbc.sql(
                "SELECT count(*) FROM staff_assignment WHERE programme_id = ? AND username = ?")
                .params(programme, user.getName()).query(Long.class).single() > 0)) {
            return programme;
        }
        throw new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme of yours has this id.");
    }

    private void requireAccount(String username) {
        try {
            users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "There is no staff member '" + username + "'.");
        }
    }
}
