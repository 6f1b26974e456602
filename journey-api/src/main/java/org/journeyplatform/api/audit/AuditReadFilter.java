package org.journeyplatform.api.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records reads of participants' data with their outcome: the answer is held back until the read is recorded as
 * allowed (2xx, 3xx), refused (4xx: out of scope, not found; nothing was disclosed) or failed (5xx), and only then
 * sent. If the entry cannot be written, the answer is {@code 503} and nothing is disclosed. Only an allowed read is a
 * disclosure in her accounting of disclosures.
 */
@Component
public class AuditReadFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditReadFilter.class);
    private static final String PENDING = AuditReadFilter.class.getName() + ".pending";

    private final AuditLog auditLog;

    public AuditReadFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Holds the read to be recorded once answered; false when this request is not under this filter. */
    @SuppressWarnings("unchecked")
    static boolean defer(HttpServletRequest request, AuditLog.Access access) {
        if (request.getAttribute(PENDING) instanceof List<?> pending) {
            ((List<AuditLog.Access>) pending).add(access);
            return true;
        }
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method))
                || !request.getRequestURI().startsWith("/api/v1/participants");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<AuditLog.Access> pending = new ArrayList<>();
        request.setAttribute(PENDING, pending);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException e) {
            try {
                record(pending, AuditLog.Outcome.FAILED);
            } catch (RuntimeException auditFailure) {
                log.warn(
                        "Could not record a failed read in the audit log ({})",
                        auditFailure.getClass().getName());
            }
            throw e;
        }
        int status = captured.getStatus();
        try {
            record(
                    pending,
                    status >= 500
                            ? AuditLog.Outcome.FAILED
                            : status >= 400 ? AuditLog.Outcome.REFUSED : AuditLog.Outcome.ALLOWED);
        } catch (RuntimeException e) {
            log.warn(
                    "A read could not be recorded in the audit log ({}); nothing of it is sent",
                    e.getClass().getName());
            response.reset();
            ProblemResponses.write(
                    response,
                    ProblemType.UNAVAILABLE,
                    org.journeyplatform.api.problems.DatabaseFailures.unavailableDetail(request.getMethod()));
            return;
        }
        captured.copyBodyToResponse();
    }

    private void record(List<AuditLog.Access> pending, AuditLog.Outcome outcome) {
        for (AuditLog.Access access : pending) {
            auditLog.record(access, outcome);
        }
    }
}
