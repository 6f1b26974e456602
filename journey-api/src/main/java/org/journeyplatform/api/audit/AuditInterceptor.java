package org.journeyplatform.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.journeyplatform.api.security.ParticipantAccess;
import org.journeyplatform.domain.shared.ParticipantId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request to one participant's data ({@code /api/v1/participants/{participantId}/...}) in the
 * {@link AuditLog}: GET and HEAD as a read, POST, PUT, PATCH and DELETE as a write, with the endpoint pattern, the
 * purpose the caller gave in {@code X-Access-Purpose} (decoded as UTF-8, {@link AccessPurpose}) and whether only a
 * break-glass grant let the caller in. A write is recorded before the handler runs, in the command's transaction; a
 * read once its answer is known ({@link AuditReadFilter}), with its outcome, before the answer is sent. Lists and
 * enrolments, which name participants only in their answers or create them, are recorded by their controller.
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {

    public static final String PURPOSE_HEADER = AccessPurpose.HEADER;

    private final AuditLog auditLog;
    private final ParticipantAccess participantAccess;

    public AuditInterceptor(AuditLog auditLog, ParticipantAccess participantAccess) {
        this.auditLog = auditLog;
        this.participantAccess = participantAccess;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (variables == null
                || pattern == null
                || !variables.containsKey("participantId")
                || !pattern.startsWith("/api/v1/participants/")
                || pattern.endsWith("/break-glass")) {
            return true; // break-glass records itself, with its reason
        }
        AuditLog.Action action = switch (request.getMethod()) {
            case "GET", "HEAD" -> AuditLog.Action.READ;
            case "POST", "PUT", "PATCH", "DELETE" -> AuditLog.Action.WRITE;
            default -> null; // OPTIONS and the like touch no data
        };
        if (action != null) {
            record(action, uuidOrNull(variables.get("participantId")), request.getMethod() + " " + pattern, request);
        }
        return true;
    }

    /** Records an access the controller knows of (an enrolment). */
    public void record(AuditLog.Action action, String participantId, String endpoint, HttpServletRequest request) {
        record(action, Collections.singletonList(participantId), endpoint, request);
    }

    /** Records accesses the controller knows of (participants named in a list answer). */
    public void record(
            AuditLog.Action action, List<String> participantIds, String endpoint, HttpServletRequest request) {
        record(action, participantIds, endpoint, request, AccessPurpose.of(request));
    }

    /**
     * Records an access of a web page, with the purpose she gave for the session (pages send no
     * {@code X-Access-Purpose} header).
     */
    public void record(
            AuditLog.Action action, String participantId, String endpoint, HttpServletRequest request, String purpose) {
        record(action, Collections.singletonList(participantId), endpoint, request, purpose);
    }

    /**
     * Records a web page's refused read of one participant (outside her scope, or not enrolled: the page answers the
     * same 404 either way), as the API records its refusals: probing addresses through the pages leaves a trace.
     */
    public void refused(String participantId, String endpoint, String purpose) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        auditLog.record(
                new AuditLog.Access(
                        actor(authentication),
                        roles(authentication),
                        AuditLog.Action.READ,
                        Collections.singletonList(participantId),
                        endpoint,
                        null,
                        purpose,
                        false),
                AuditLog.Outcome.REFUSED);
    }

    /** Records a web page's read of the participants it names, with the purpose she gave for the session. */
    public void record(
            AuditLog.Action action,
            List<String> participantIds,
            String endpoint,
            HttpServletRequest request,
            String purpose) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = actor(authentication);
        String roles = roles(authentication);
        boolean breakGlass = authentication != null
                && participantIds.size() == 1
                && participantIds.get(0) != null
                && participantAccess.onlyUnderBreakGlass(
                        actor, ParticipantId.of(UUID.fromString(participantIds.get(0))));
        AuditLog.Access access =
                new AuditLog.Access(actor, roles, action, participantIds, endpoint, null, purpose, breakGlass);
        if (action == AuditLog.Action.READ && AuditReadFilter.defer(request, access)) {
            return; // recorded with its outcome once answered, before the answer is sent
        }
        auditLog.record(access, AuditLog.Outcome.ALLOWED);
        remember(request, access);
    }

    private static String actor(Authentication authentication) {
        return authentication == null ? "anonymous" : authentication.getName();
    }

    private static String roles(Authentication authentication) {
        return authentication == null
                ? ""
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .sorted()
                        .collect(Collectors.joining(","));
    }

    /**
     * Keeps what was recorded in the request, for a command request whose transaction may yet roll back: the
     * {@link org.journeyplatform.api.idempotency.IdempotencyFilter} records it again, with its outcome, if it does.
     */
    @SuppressWarnings("unchecked")
    private static void remember(HttpServletRequest request, AuditLog.Access access) {
        Object recorded = request.getAttribute(RECORDED_ATTRIBUTE);
        if (recorded instanceof List<?> list) {
            ((List<AuditLog.Access>) list).add(access);
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
