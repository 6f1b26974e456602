package org.journeyplatform.api.audit;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.journeyplatform.api.input.Headers;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;

/**
 * The purpose a caller gives in {@code X-Access-Purpose}, as sent: UTF-8.
 * <p>
 * Tomcat decodes header bytes as ISO-8859-1, so {@code révision} arrives as {@code rÃ©vision} and a check mark
 * ({@code E2 9C 93}) as three characters two of which are C1 control characters; Spring Security's firewall rejects
 * those when the header is read through it ({@code RequestRejectedException}, which was answered 500). The header is
 * therefore read from the container's own request, its bytes decoded again, strictly, as UTF-8 ({@link Headers}, as
 * the firewall does for every header), and refused with {@code 400 invalid-access-purpose} when they are not UTF-8 or
 * hold a control character. Nothing of the refused
 * value is echoed or logged.
 */
final class AccessPurpose {

    static final String HEADER = "X-Access-Purpose";
    static final int MAX_LENGTH = 500;

    private AccessPurpose() {}

    /** The purpose, stripped, at most {@value #MAX_LENGTH} characters; null when none was given. */
    static String of(HttpServletRequest request) {
        HttpServletRequest container = containerRequest(request);
        String raw = container.getHeader(HEADER);
        if (raw == null) {
            return null;
        }
        java.util.Enumeration<String> sent = container.getHeaders(HEADER);
        sent.nextElement();
        if (sent.hasMoreElements()) {
            // two purposes are no purpose: keeping the first would lose what else the caller said
            throw refused("X-Access-Purpose was sent more than once: send one purpose.");
        }
        String purpose = org.journeyplatform.domain.shared.VisibleText.strip(decode(raw));
        if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(purpose)) {
            return null;
        }
        if (purpose.codePointCount(0, purpose.length()) > MAX_LENGTH) {
            purpose = purpose.substring(0, purpose.offsetByCodePoints(0, MAX_LENGTH)); // never half a character
        }
        return purpose;
    }

    /**
     * The purpose as sent ({@link Headers#utf8}), or a 400 when it is not UTF-8 text without control characters or
     * direction overrides.
     */
    static String decode(String raw) {
        return Headers.utf8(raw)
                .orElseThrow(() -> refused(
                        "X-Access-Purpose must be UTF-8 text without control characters or direction overrides."));
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(ProblemType.INVALID_ACCESS_PURPOSE, detail);
    }

    /** The container's request under every wrapper (the security firewall's included). */
    private static HttpServletRequest containerRequest(HttpServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper
                && wrapper.getRequest() instanceof HttpServletRequest inner) {
            current = inner;
        }
        return (HttpServletRequest) current;
    }
}
