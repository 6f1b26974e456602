package org.journeyplatform.api.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.input.NoBody;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Erasure, the retention rule and the data keys, for administrators. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Erasure", description = "Erase participants (crypto-shredding), the retention rule, data keys")
public class ErasureController {

    /** Why she is erased: a request under GDPR article 17, the end of a retention period... never her name. */
    public record ErasureRequest(String reason) {}

    private final ParticipantErasure erasure;
    private final RetentionRule retention;
    private final ParticipantKeys keys;
    private final AuditLog audit;

    public ErasureController(
            ParticipantErasure erasure, RetentionRule retention, ParticipantKeys keys, AuditLog audit) {
        this.erasure = erasure;
        this.retention = retention;
        this.keys = keys;
        this.audit = audit;
    }

    @PostMapping("/participants/{participantId}/erasure")
    @Operation(summary = "Erase a participant: her data key is destroyed and her personal data reads as 'erased'")
    public ResponseEntity<ParticipantErasure.Erasure> erase(
            @PathVariable ParticipantId participantId, @RequestBody ErasureRequest request, Authentication user) {
        ParticipantErasure.Erasure done =
                erasure.erase(participantId, request == null ? null : request.reason(), user.getName());
        audit.record(
                user.getName(),
                roles(user),
                AuditLog.Action.WRITE,
                participantId.toString(),
                "POST /api/v1/admin/participants/{participantId}/erasure",
                "erasure");
        return ResponseEntity.ok(done);
    }

    @GetMapping("/erasures")
    @Operation(summary = "The erasure ledger: who was erased, when, by whom and why")
    public List<ParticipantErasure.Erasure> ledger(
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return erasure.ledger(Math.max(1, Math.min(limit, 1000)), Math.max(0, offset));
    }

    @GetMapping("/retention")
    @Operation(summary = "Dry run of the retention rule: who would be erased now (eraseAfter overrides the rule)")
    public RetentionRule.Outcome dryRun(@RequestParam(required = false) String eraseAfter) {
        return retention.run(eraseAfter, true, null);
    }

    @PostMapping("/retention/run")
    @Operation(summary = "Run the retention rule now: erase everyone it names")
    public RetentionRule.Outcome run(
            @RequestParam(required = false) String eraseAfter, Principal user, HttpServletRequest http) {
        NoBody.require(
                http,
                "give eraseAfter as a query parameter; a dry run is GET /api/v1/admin/retention (nobody was erased).");
        return retention.run(eraseAfter, false, user.getName());
    }

    @GetMapping("/data-keys")
    @Operation(summary = "Data keys by the master key that wraps them")
    public Map<String, Object> dataKeys() {
        return Map.of("primaryMasterKey", keys.primaryMasterKeyId(), "wrappedBy", keys.countByMasterKey());
    }

    @PostMapping("/data-keys/rewrap")
    @Operation(summary = "Re-wrap every data key with the primary master key (rotation: docs/operations.md)")
    public Map<String, Object> rewrap(HttpServletRequest http) {
        NoBody.require(http, "send the request without one (no data key was re-wrapped).");
        return Map.of(
                "rewrapped",
                keys.rewrapAll(),
                "primaryMasterKey",
                keys.primaryMasterKeyId(),
                "wrappedBy",
                keys.countByMasterKey());
    }

    private static String roles(Authentication user) {
        return String.join(
                ",",
                user.getAuthorities().stream().map(Object::toString).sorted().toList());
    }
}
