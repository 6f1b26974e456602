package org.journeyplatform.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators query and verify the audit log, and produce an accounting of disclosures per participant. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(
        name = "Administration: audit log",
        description = "The audit log, its verification and the accounting of disclosures")
public class AuditController {

    private final AuditLog auditLog;
    private final org.journeyplatform.api.participants.JourneyCommandSender participants;

    public AuditController(AuditLog auditLog, org.journeyplatform.api.participants.JourneyCommandSender participants) {
        this.auditLog = auditLog;
        this.participants = participants;
    }

    @GetMapping("/audit")
    @Operation(summary = "Audit entries, oldest first; page with afterPosition")
    public List<AuditLog.Entry> entries(
            @RequestParam(required = false) String participantId,
            @RequestParam(defaultValue = "0") @Min(0) long afterPosition,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return auditLog.entries(participantId == null ? null : uuid(participantId), limit, afterPosition);
    }

    @GetMapping("/audit/verification")
    @Operation(
            summary = "Recompute the keyed chain and hold it against its checkpoints: is every entry as it was "
                    + "written, in order, none missing, the newest included?")
    public AuditLog.Verification verify() {
        return auditLog.verify();
    }

    @GetMapping("/participants/{participantId}/disclosures")
    @Operation(
            summary = "Accounting of disclosures: what of one participant's data was disclosed (allowed reads and "
                    + "research exports), to whom, when, why")
    public List<AuditLog.Entry> disclosures(
            @PathVariable String participantId,
            @RequestParam(defaultValue = "0") @Min(0) long afterPosition,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int limit) {
        String id = uuid(participantId);
        List<AuditLog.Entry> disclosed = auditLog.disclosures(id, limit, afterPosition);
        if (disclosed.isEmpty() && afterPosition == 0) {
            // nothing disclosed under this id: a 404 when nobody was enrolled under it (a mistyped id, or a programme's
            // or a peer's), not an empty accounting
            participants.enrolledParticipant(id);
        }
        return disclosed;
    }

    private static String uuid(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant has this id.");
        }
    }
}
