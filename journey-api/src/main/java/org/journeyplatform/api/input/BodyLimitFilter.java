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
 * Refuses a request to the API whose body says it is over 1 MiB ({@code Content-Length}) with {@code 413
 * payload-too-large}, before it is read or signed in: no body of the API comes near that size, and reading one only to
 * refuse it as malformed JSON costs memory and time. A body sent without a length is bounded where it is read whole:
 * with an {@code Idempotency-Key} ({@code IdempotencyFilter}, the same limit).
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
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
