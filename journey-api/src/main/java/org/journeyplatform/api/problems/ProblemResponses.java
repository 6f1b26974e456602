package org.journeyplatform.api.problems;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one place problem details (RFC 9457) are made: as a {@link ProblemDetail} for the answers Spring MVC writes
 * ({@link ProblemDetailsAdvice}, the error controller), and as the whole response where no converter runs (the
 * security filters' entry points, the idempotency and audit filters, the firewall's handler, a draining instance,
 * Tomcat's error valve). Both give the same members in the same order: {@code type}, {@code title}, {@code status},
 * {@code detail}, then the {@code instance} (the path the client asked for: Spring MVC fills it in, and a response
 * {@link #addressed} by the first filter carries it to the others), then the problem's own properties; the media type
 * is {@code application/problem+json}.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    /**
     * The response, carrying the path its request asked for, so that a problem written as the whole response names its
     * {@code instance} as Spring MVC's do. Wrapped once, by the first filter ({@code GracefulDrain}).
     */
    public static HttpServletResponse addressed(HttpServletRequest request, HttpServletResponse response) {
        return new Addressed(response, request.getRequestURI());
    }

    /** A response that knows the path of its request. */
    private static final class Addressed extends HttpServletResponseWrapper {
        private final String instance;

        Addressed(HttpServletResponse response, String instance) {
            super(response);
            this.instance = instance;
        }
    }

    /** The path of the response's request, when the first filter gave it one; null otherwise. */
    private static String instanceOf(ServletResponse response) {
        ServletResponse at = response;
        while (at instanceof ServletResponseWrapper wrapper) {
            if (at instanceof Addressed addressed) {
                return addressed.instance;
            }
            at = wrapper.getResponse();
        }
        return null;
    }

    /** The problem as Spring MVC answers it. */
    public static ProblemDetail detail(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** A problem with a type of its own (a journey rule: {@code /problems/<rule>}), as Spring MVC answers it. */
    public static ProblemDetail detail(HttpStatusCode status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A problem of no {@link ProblemType} (an HTTP status the platform has no type for), as Spring MVC answers it. */
    public static ProblemDetail detail(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** Writes the problem, with its type's own description, as the whole response. */
    public static void write(HttpServletResponse response, ProblemType type) throws IOException {
        write(response, type, type.description(), Map.of());
    }

    /** Writes the problem as the whole response. */
    public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        write(response, type, detail, Map.of());
    }

    /** Writes the problem, with properties of its own (numbers or text), as the whole response. */
    public static void write(HttpServletResponse response, ProblemType type, String detail, Map<String, ?> properties)
            throws IOException {
        write(
                response,
                type.status().value(),
                json(type.uri(), type.title(), type.status().value(), detail, instanceOf(response), properties));
    }

    /**
     * Writes a problem of the edge (a refusal before any handler runs), named by its code ({@code malformed-request}),
     * as the whole response.
     */
    public static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        write(response, status, json(ProblemType.uri(code), title, status, detail, instanceOf(response), Map.of()));
    }

    /**
     * Anything buffered is dropped; headers already set (Retry-After) stay. Nothing is written once the response is
     * committed: the client has its answer, or is gone.
     */
    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The problem's JSON without an {@code instance}, written without a serialiser. */
    public static String json(URI type, String title, int status, String detail, Map<String, ?> properties) {
        return json(type, title, status, detail, null, properties);
    }

    /**
     * The problem's JSON, written without a serialiser, so that it can be made where none is at hand; {@code instance}
     * (the path asked for) is left out when null.
     */
    public static String json(
            URI type, String title, int status, String detail, String instance, Map<String, ?> properties) {
        StringBuilder json = new StringBuilder(160)
                .append("{\"type\":\"")
                .append(escape(type.toString()))
                .append("\",\"title\":\"")
                .append(escape(title))
                .append("\",\"status\":")
                .append(status)
                .append(",\"detail\":\"")
                .append(escape(detail))
                .append('"');
        if (instance != null) {
            json.append(",\"instance\":\"").append(escape(instance)).append('"');
        }
        properties.forEach((name, value) -> {
            json.append(",\"").append(escape(name)).append("\":");
            if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                json.append('"').append(escape(String.valueOf(value))).append('"');
            }
        });
        return json.append('}').toString();
    }

    /** Escaped as Jackson escapes JSON text. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c)); // as Jackson writes it
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
