package org.journeyplatform.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request to one participant's data ({@code /api/v1/participants/{participantId}/...}) in the
 * {@link AuditLog} before the handler runs: GET as a read, anything else as a write, with the endpoint pattern and the
 * purpose the caller gave in {@code X-Access-Purpose} (decoded as UTF-8, {@link AccessPurpose}). Lists and enrolments, which name participants only in their
 * answers or create them, are recorded by their controller.
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {

    public static final String PURPOSE_HEADER = AccessPurpose.HEADER;

    private final AuditLog auditLog;

    public AuditInterceptor(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (variables == null || pattern == null || !variables.containsKey("participantId")
                || !pattern.startsWith("/api/v1/participants/") || pattern.endsWith("/break-glass")) {
            return true; // break-glass records itself, with its reason
        }
        record(request.getMethod().equals("GET") ? AuditLog.Action.READ : AuditLog.Action.WRITE,
                uuidOrNull(variables.get("participantId")), request.getMethod() + " " + pattern, request);
        return true;
    }

    /** Records an access the controller knows of (an enrolment). */
    public void record(AuditLog.Action action, String participantId, String endpoint, HttpServletRequest request) {
        record(action, java.util.Collections.singletonList(participantId), endpoint, request);
    }

    /** Records accesses the controller knows of (participants named in a list answer). */
    public void record(AuditLog.Action action, java.util.List<String> participantIds, String endpoint,
                       HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication == null ? "anonymous" : authentication.getName();
        String roles = authentication == null ? "" : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).sorted().collect(Collectors.joining(","));
        String purpose = AccessPurpose.of(request);
        AuditLog.Access access = new AuditLog.Access(actor, roles, action, participantIds, endpoint, purpose);
        auditLog.record(access, AuditLog.Outcome.ALLOWED);
        remember(request, access);
    }

    /**
     * Keeps what was recorded in the request, for a command request whose transaction may yet roll back: the
     * {@link org.journeyplatform.api.idempotency.IdempotencyFilter} records it again, with its outcome, if it does.
     */
    @SuppressWarnings("unchecked")
    private static void remember(HttpServletRequest request, AuditLog.Access access) {
        Object recorded = request.getAttribute(RECORDED_ATTRIBUTE);
        if (recorded instanceof java.util.List<?> list) {
            ((java.util.List<AuditLog.Access>) list).add(access);
        }
    }

    /** The request attribute holding a list of the accesses recorded in a command request's transaction. */
    public static final String RECORDED_ATTRIBUTE = AuditInterceptor.class.getName() + ".recorded";

    private static String uuidOrNull(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
