package org.journeyplatform.api.problems;

import jakarta.servlet.http.HttpServletResponse;
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
 * {@code detail}, then (from Spring MVC) the {@code instance} it fills in, then the problem's own properties; the media
 * type is {@code application/problem+json}.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

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
                json(type.uri(), type.title(), type.status().value(), detail, properties));
    }

    /**
     * Writes a problem of the edge (a refusal before any handler runs), named by its code ({@code malformed-request}),
     * as the whole response.
     */
    public static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        write(response, status, json(ProblemType.uri(code), title, status, detail, Map.of()));
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

    /** The problem's JSON, written without a serialiser, so that it can be made where none is at hand. */
    public static String json(URI type, String title, int status, String detail, Map<String, ?> properties) {
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
