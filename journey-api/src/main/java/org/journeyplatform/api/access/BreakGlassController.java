package org.journeyplatform.api.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.participants.JourneyCommandSender;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-glass: a staff member may open a record outside her scope only by giving a reason. Access is granted for 60
 * minutes, recorded in the audit log with the reason, and listed for review by a manager. The reason is free text
 * that may name her: it is stored sealed with her data key (in the grant and in the audit entry), so her erasure
 * makes it unreadable; it then reads {@code (erased)}.
 */
@RestController
@Tag(name = "Break-glass", description = "Reasoned, time-limited access outside one's programmes")
public class BreakGlassController {

    static final Duration GRANT = Duration.ofMinutes(60);

    private final BreakGlassGrants grants;
    private final JourneyCommandSender participants;
    private final AuditLog auditLog;

    public BreakGlassController(BreakGlassGrants grants, JourneyCommandSender participants, AuditLog auditLog) {
        this.grants = grants;
        this.participants = participants;
        this.auditLog = auditLog;
    }

    /** Why the record must be opened. */
    public record Request(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(min = 10, max = 1000)
            String reason) {}

    /** A grant: who, whom, why, until when. */
    public record Grant(
            String grantId,
            String username,
            String participantId,
            String reason,
            Instant grantedAt,
            Instant expiresAt) {}

    @PostMapping("/api/v1/participants/{participantId}/break-glass")
    @Operation(summary = "Open a record outside your programmes for 60 minutes, giving the reason")
    public ResponseEntity<Grant> breakGlass(
            @PathVariable String participantId,
            @Valid @RequestBody Request request,
            Principal user,
            HttpServletRequest http) {
        if (org.journeyplatform.domain.shared.VisibleText.strip(request.reason())
                        .length()
                < 10) { // spaces around a short reason do not make it one
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "The reason must say why in at least 10 characters (spaces around it do not count).");
        }
        ParticipantId id = participants.enrolledParticipant(participantId);
        Instant now = Instant.now();
        Grant grant = new Grant(
                UUID.randomUUID().toString(),
                user.getName(),
                id.toString(),
                org.journeyplatform.domain.shared.VisibleText.strip(request.reason()),
                now,
                now.plus(GRANT));
        String roles = String.join(
                ",",
                SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .sorted()
                        .toList());
        auditLog.record(
                new AuditLog.Access(
                        user.getName(),
                        roles,
                        AuditLog.Action.READ,
                        List.of(id.toString()),
                        "POST /api/v1/participants/{participantId}/break-glass",
                        "break-glass",
                        grant.reason(),
                        true),
                AuditLog.Outcome.ALLOWED);
        grants.record(grant);
        // answered without the reason: the caller knows it, and an answer kept for retries of its Idempotency-Key
        // (idempotency_record, 24 hours) would hold her free text in plain text, outside her data key's reach
        return ResponseEntity.status(201)
                .body(new Grant(
                        grant.grantId(),
                        grant.username(),
                        grant.participantId(),
                        null,
                        grant.grantedAt(),
                        grant.expiresAt()));
    }

    @GetMapping("/api/v1/break-glass-grants")
    @Operation(summary = "Every break-glass grant, newest first, for managers to review")
    public List<Grant> grants() {
        return grants.newestFirst();
    }
}
