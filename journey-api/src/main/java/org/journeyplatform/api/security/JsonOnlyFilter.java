package org.journeyplatform.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every POST under {@code /api} must say it sends JSON, even with an empty body. A page on another site can only send
 * a POST without a CORS preflight (which this API never allows) as a form or plain text, never as
 * {@code application/json}; PUT, PATCH and DELETE always need a preflight. Together with the SameSite=Strict session
 * cookie this is the protection against cross-site request forgery, so the API needs no CSRF tokens.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class JsonOnlyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean json;
        try {
            json = contentType != null
                    && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            json = false;
        }
        if (!json) {
            ProblemResponses.write(response, ProblemType.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        chain.doFilter(request, response);
    }
}
