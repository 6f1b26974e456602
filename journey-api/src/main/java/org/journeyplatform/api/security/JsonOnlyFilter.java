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
 * Every POST under {@code /api} must say it sends JSON, even with an empty body, and a PUT or PATCH that says what it
 * sends must say JSON ({@code application/json}, not a wildcard or another {@code +json} type): else a {@code 415}.
 * Each of them must also accept an answer in JSON (an {@code Accept} that rules it out gets a {@code 406} before
 * anything is done).
 * A page on another site can only send a POST without a CORS preflight (which this API never allows) as a form or
 * plain text, never as {@code application/json}; PUT, PATCH and DELETE always need a preflight. Together with the
 * SameSite=Strict session cookie this is the protection against cross-site request forgery, so the API needs no CSRF
 * tokens.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class JsonOnlyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BODY_METHODS.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    /**
     * The methods whose body the API reads: a POST must say JSON; a PUT or PATCH may say nothing, else JSON too (not a
     * wildcard, nor another type Spring would read as JSON, such as {@code application/problem+json}).
     */
    private static final java.util.Set<String> BODY_METHODS = java.util.Set.of("POST", "PUT", "PATCH");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean json;
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            if (type != null
                    && type.getParameter("charset") != null
                    && !java.nio.charset.StandardCharsets.UTF_8.equals(type.getCharset())) {
                // JSON is UTF-8 (RFC 8259): a body said to be in another charset would be decoded from it, past the
                // check that refuses bytes that are not UTF-8
                ProblemResponses.write(
                        response,
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Send JSON in UTF-8, with no charset or with charset=utf-8 (Content-Type: application/json).");
                return;
            }
            // a wildcard (*/*, application/*) is no content type: Spring's converters refuse it with a 500
            boolean concrete = type != null && !type.isWildcardType() && !type.isWildcardSubtype();
            boolean isJson = concrete && MediaType.APPLICATION_JSON.isCompatibleWith(type);
            json = "POST".equals(request.getMethod()) ? isJson : type == null || isJson;
        } catch (IllegalArgumentException e) {
            json = false;
        }
        if (!json) {
            ProblemResponses.write(response, ProblemType.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        if (!acceptsJson(request)) {
            // refused here, before anything is done: Spring would refuse such an Accept only when it writes the
            // answer, after the command, rebuild or export had been carried out
            ProblemResponses.write(
                    response,
                    ProblemType.NOT_ACCEPTABLE,
                    "This API answers in JSON only (application/json, or application/problem+json for a problem);"
                            + " send Accept: application/json, or no Accept. Nothing was done.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the request's {@code Accept} (none means any) admits an answer in JSON or a problem in JSON. */
    static boolean acceptsJson(HttpServletRequest request) {
        java.util.List<String> values = java.util.Collections.list(request.getHeaders("Accept"));
        if (values.isEmpty()) {
            return true;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(values)) {
                if (type.getQualityValue() > 0
                        && (type.includes(MediaType.APPLICATION_JSON)
                                || type.includes(MediaType.APPLICATION_PROBLEM_JSON))) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException unreadable) {
            return true; // an Accept that cannot be read is Spring's to answer, as before
        }
    }
}
