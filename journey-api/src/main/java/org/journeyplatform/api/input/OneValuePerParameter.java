package org.journeyplatform.api.input;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request to the API that gives one query parameter more than once ({@code ?asOfRecorded=...&asOfRecorded=...})
 * with {@code 400 malformed-request} naming it: every parameter of the API takes one value, and answering for the first
 * (or the last) of two would answer a question the client may not have meant. Only the query string is read, never a
 * body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class OneValuePerParameter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || request.getQueryString() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String repeated = repeated(request.getQueryString());
        if (repeated != null) {
            ProblemResponses.write(
                    response,
                    ProblemType.MALFORMED_REQUEST,
                    "Parameter '" + repeated + "' is given more than once; give each parameter once.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first parameter name the query string gives twice, or null; a name that cannot be decoded is left alone. */
    static String repeated(String query) {
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException undecodable) {
                continue; // the firewall and the parameter's own reading answer it
            }
            if (!seen.add(name)) {
                return plainName(name) ? name : "(a parameter)";
            }
        }
        return null;
    }

    /** A name safe to quote back: 1 to 64 ASCII letters, digits, dashes and underscores. */
    private static boolean plainName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
