package org.journeyplatform.api.input;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request to the API whose body is over 1 MiB with {@code 413 payload-too-large}, whatever its method,
 * endpoint or key: no body of the API comes near that size. A body that says its length ({@code Content-Length}) is
 * refused before it is read or signed in; one sent without it ({@code Transfer-Encoding: chunked}) is read here, at
 * most one byte past the limit, and refused once it passes it, or handed on from memory. A body sent with a
 * {@code Content-Encoding} other than {@code identity} is refused with {@code 415}: none is decoded, so a compressed
 * body would otherwise be read as its compressed bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
public class BodyLimitFilter extends OncePerRequestFilter {

    /** The largest body the API reads: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String coding = request.getHeader("Content-Encoding");
        if (coding != null && !coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip())) {
            // no body of the API is read decoded: a compressed one would be taken for its compressed bytes
            ProblemResponses.write(
                    response,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The API reads request bodies as sent: send it without a Content-Encoding (no gzip, deflate or br).");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE);
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE);
                return;
            }
            chain.doFilter(new CachedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }
}
