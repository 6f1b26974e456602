package org.journeyplatform.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every command endpoint safe to retry. A POST to {@code /api/**} with an {@code Idempotency-Key} header is
 * recorded with a fingerprint of the request (method, path, If-Match and body) before it runs. A retry with the same
 * key and the same request records nothing new and gets the first response again (with
 * {@code Idempotent-Replayed: true}); the same key with a different request is a 422; a retry while the first is still
 * running is a 409. Keys belong to the authenticated user. A response of 5xx is not kept, so the retry runs again;
 * any other response, a refusal (4xx) included, is the answer to every retry. Records are kept for
 * {@code journey.idempotency.retention} (24 hours by default), then forgotten.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;

    private final Duration retention;

    public IdempotencyFilter(JdbcClient jdbc, ObjectMapper objectMapper,
                             @Value("${journey.idempotency.retention:PT24H}") Duration retention) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.retention = retention;
    }

    /** Forgets answers older than the retention period: after it, a key may be used again. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOldRecords() {
        jdbc.sql("DELETE FROM idempotency_record WHERE created_at < now() - CAST(? AS interval)")
                .param(retention.toSeconds() + " seconds").update();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/") || request.getUserPrincipal() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, ProblemType.INVALID_IDEMPOTENCY_KEY, ProblemType.INVALID_IDEMPOTENCY_KEY.description());
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            problem(response, ProblemType.PAYLOAD_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE.description());
            return;
        }
        String principal = request.getUserPrincipal().getName();
        String fingerprint = fingerprint(request, body);

        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idempotency_key, request_fingerprint)
                        VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(principal, key, fingerprint).update();
        if (claimed == 0) {
            answerFromRecord(response, principal, key, fingerprint);
            return;
        }

        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            if (captured.getStatus() < 500) {
                jdbc.sql("""
                                UPDATE idempotency_record
                                   SET status = ?, content_type = ?, location = ?, etag = ?, body = ?, completed_at = now()
                                 WHERE principal = ? AND idempotency_key = ?""")
                        .params(captured.getStatus(), captured.getContentType(),
                                captured.getHeader(HttpHeaders.LOCATION), captured.getHeader(HttpHeaders.ETAG),
                                captured.getContentAsByteArray(), principal, key)
                        .update();
                kept = true;
            }
        } finally {
            if (!kept) {
                jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ?")
                        .params(principal, key).update();
            }
            captured.copyBodyToResponse();
        }
    }

    private void answerFromRecord(HttpServletResponse response, String principal, String key, String fingerprint)
            throws IOException {
        Optional<StoredResponse> stored = jdbc.sql("""
                        SELECT request_fingerprint, status, content_type, location, etag, body
                          FROM idempotency_record WHERE principal = ? AND idempotency_key = ?""")
                .params(principal, key)
                .query((rs, row) -> new StoredResponse(rs.getString("request_fingerprint"),
                        (Integer) rs.getObject("status"), rs.getString("content_type"), rs.getString("location"),
                        rs.getString("etag"), rs.getBytes("body")))
                .optional();
        if (stored.isEmpty()) { // the first attempt failed and was forgotten just now
            problem(response, ProblemType.REQUEST_IN_PROGRESS, ProblemType.REQUEST_IN_PROGRESS.description());
            return;
        }
        StoredResponse first = stored.get();
        if (!first.fingerprint().equals(fingerprint)) {
            problem(response, ProblemType.IDEMPOTENCY_KEY_REUSED, ProblemType.IDEMPOTENCY_KEY_REUSED.description());
        } else if (first.status() == null) {
            problem(response, ProblemType.REQUEST_IN_PROGRESS, ProblemType.REQUEST_IN_PROGRESS.description());
        } else {
            response.setStatus(first.status());
            response.setHeader(REPLAYED, "true");
            if (first.contentType() != null) {
                response.setContentType(first.contentType());
            }
            if (first.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, first.location());
            }
            if (first.etag() != null) {
                response.setHeader(HttpHeaders.ETAG, first.etag());
            }
            if (first.body() != null) {
                response.getOutputStream().write(first.body());
            }
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n"
                    + String.valueOf(request.getHeader(HttpHeaders.IF_MATCH)) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private void problem(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private record StoredResponse(String fingerprint, Integer status, String contentType, String location,
                                  String etag, byte[] body) {
    }

    /** Lets the controller read the body the filter already read. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
