package org.journeyplatform.api.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Which staff work in which programmes ({@code staff_assignment}): the one place that reads and changes it. */
@Component
public class StaffAssignments {

    private final JdbcClient jdbc;
    private final EventStoreDirectory directory;
    private final UserDetailsService users;

    public StaffAssignments(JdbcClient jdbc, EventStoreDirectory directory, UserDetailsService users) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.users = users;
    }

    /** One assignment. */
    public record Assignment(String username, String programmeId, Instant assignedAt, String assignedBy) {}

    /**
     * The roles whose holders work in programmes. An assignment lets its staff member see the programme's participants
     * only while her account has one of them and is not an administrator's: an administrator's account is never
     * assigned (she reads a journey under break-glass, even if she gave herself a programme role too), and one whose
     * roles were changed since keeps no access through an assignment of before.
     */
    public static final List<String> PROGRAMME_ROLES = List.of("CASEWORKER", "MANAGER", "PEER_WORKER");

    /** Every assignment of hers, whatever her roles (what an administrator manages). */
    public List<Assignment> ofStaffMember(String username) {
        return query("username = ? ORDER BY assigned_at, programme_id", username);
    }

    /**
     * The programmes whose participants the signed-in staff member may see through her assignments: none unless she
     * holds a programme role now.
     */
    public List<String> programmesServedBy(Authentication user) {
        if (!holdsProgrammeRole(user)) {
            return List.of();
        }
        return ofStaffMember(user.getName()).stream()
                .map(Assignment::programmeId)
                .toList();
    }

    /**
     * Whom the signed-in staff member may list: those she enrolled and those of her programmes, while she holds a
     * programme role and is no administrator; and those of her unexpired break-glass grants ({@code granted}).
     */
    public org.journeyplatform.projections.participants.FindParticipantsQuery.Visible visibleTo(
            Authentication user, List<String> granted) {
        return new org.journeyplatform.projections.participants.FindParticipantsQuery.Visible(
                holdsProgrammeRole(user) ? user.getName() : null, programmesServedBy(user), granted);
    }

    /** Whether the signed-in staff member holds a programme role ({@link #PROGRAMME_ROLES}). */
    public static boolean holdsProgrammeRole(Authentication user) {
        if (user == null) {
            return false;
        }
        List<String> roles = user.getAuthorities().stream()
                .map(role -> role.getAuthority().replaceFirst("^ROLE_", ""))
                .toList();
        // an administrator (who may also hold a programme role: she sets roles, her own included) reads a journey
        // under break-glass only, whatever else she holds
        return !roles.contains("ADMIN") && roles.stream().anyMatch(PROGRAMME_ROLES::contains);
    }

    public List<Assignment> ofProgramme(String programmeId) {
        return query("programme_id = ? ORDER BY username", programmeId);
    }

    public boolean isAssigned(String username, String programmeId) {
        return jdbc.sql("SELECT count(*) FROM staff_assignment WHERE programme_id = ? AND username = ?")
                        .params(programmeId, username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Assigns her to the programme; assigning again changes nothing. */
    public void assign(String username, String programmeId, String assignedBy) {
        jdbc.sql("""
                        INSERT INTO staff_assignment (username, programme_id, assigned_at, assigned_by)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(username, programmeId, Timestamp.from(Instant.now()), assignedBy)
                .update();
    }

    public void unassign(String username, String programmeId) {
        jdbc.sql("DELETE FROM staff_assignment WHERE username = ? AND programme_id = ?")
                .params(username, programmeId)
                .update();
    }

    /**
     * @throws ApiProblem 404 when there is no such staff account, 422 when it has no programme role (an administrator,
     *     a researcher): only programme staff are assigned to programmes
     */
    public void requireProgrammeStaff(String username) {
        UserDetails account;
        try {
            account = users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "There is no staff member '" + username + "'.");
        }
        if (!holdsProgrammeRole(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                username, null, account.getAuthorities()))) {
            throw new ApiProblem(
                    ProblemType.INVALID_COMMAND,
                    "'" + username + "' has no programme role (caseworker, manager or peer worker), or is an "
                            + "administrator, so is not assigned to programmes; nothing was changed. An administrator "
                            + "reads a journey under break-glass, with a reason.");
        }
    }

    /** @throws ApiProblem 404 when there is no such staff account */
    public void requireAccount(String username) {
        try {
            users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "There is no staff member '" + username + "'.");
        }
    }

    /** The id of a registered programme, when the text names one. */
    public Optional<String> registeredProgramme(String raw) {
        try {
            ProgrammeId id = ProgrammeId.of(UUID.fromString(raw));
            return directory.isRegistered(id) ? Optional.of(id.toString()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<Assignment> query(String where, String value) {
        return jdbc.sql("SELECT * FROM staff_assignment WHERE " + where)
                .param(value)
                .query((rs, row) -> new Assignment(
                        rs.getString("username"),
                        rs.getString("programme_id"),
                        rs.getTimestamp("assigned_at").toInstant(),
                        rs.getString("assigned_by")))
                .list();
    }
}
