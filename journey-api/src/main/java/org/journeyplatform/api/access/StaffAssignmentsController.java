package org.journeyplatform.api.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.http.ResponseEntity;
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
@Tag(name = "Administration: staff assignments", description = "Which staff work in which programmes")
public class StaffAssignmentsController {

    private final StaffAssignments assignments;

    public StaffAssignmentsController(StaffAssignments assignments) {
        this.assignments = assignments;
    }

    @GetMapping
    @Operation(summary = "The programmes a staff member is assigned to")
    public List<StaffAssignments.Assignment> list(@PathVariable String username) {
        assignments.requireAccount(username);
        return assignments.ofStaffMember(username);
    }

    @PutMapping("/{programmeId}")
    @Operation(summary = "Assign a staff member to a programme (again: no change)")
    public ResponseEntity<Void> assign(
            @PathVariable String username, @PathVariable String programmeId, Principal admin) {
        assignments.requireProgrammeStaff(username);
        assignments.assign(username, programme(programmeId), admin.getName());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{programmeId}")
    @Operation(summary = "End a staff member's assignment to a programme")
    public ResponseEntity<Void> unassign(@PathVariable String username, @PathVariable String programmeId) {
        assignments.requireAccount(username);
        assignments.unassign(username, programme(programmeId));
        return ResponseEntity.noContent().build();
    }

    private String programme(String raw) {
        return assignments
                .registeredProgramme(raw)
                .orElseThrow(() -> new ApiProblem(ProblemType.PROGRAMME_NOT_FOUND, "No programme has this id."));
    }
}
