package org.journeyplatform.api.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
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

    private final StaffAssignments assignments;

    public ProgrammeStaffController(StaffAssignments assignments) {
        this.assignments = assignments;
    }

    @GetMapping
    @Operation(summary = "Who works in the programme")
    public List<StaffAssignments.Assignment> staff(@PathVariable String programmeId, Principal user) {
        return assignments.ofProgramme(programmeOf(programmeId, user));
    }

    @PutMapping("/{username}")
    @Operation(summary = "Assign a staff member to the programme")
    public ResponseEntity<Void> assign(
            @PathVariable String programmeId, @PathVariable String username, Principal user) {
        String programme = programmeOf(programmeId, user);
        assignments.requireProgrammeStaff(username);
        assignments.assign(username, programme, user.getName());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{username}")
    @Operation(summary = "Remove a staff member from the programme")
    public ResponseEntity<Void> remove(
            @PathVariable String programmeId, @PathVariable String username, Principal user) {
        assignments.unassign(username, programmeOf(programmeId, user));
        return ResponseEntity.noContent().build();
    }

    /** A registered programme the signed-in manager works in (any, for an administrator); else 404. */
    private String programmeOf(String raw, Principal user) {
        boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        return assignments
                .registeredProgramme(raw)
                .filter(programme -> admin || assignments.isAssigned(user.getName(), programme))
                .orElseThrow(
                        () -> new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme of yours has this id."));
    }
}
