package org.journeyplatform.api.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.journeyplatform.api.audit.AuditInterceptor;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.problems.DatabaseFailures;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every command endpoint safe to retry, and runs each journey command in one database transaction.
 * <p>
 * <b>Journey commands</b> ({@code POST /api/v1/participants} and {@code POST /api/v1/participants/{id}/...}, break-glass
 * aside) and the registration of programmes and peers run in <em>one</em> transaction, opened here: the claim of the
 * {@code Idempotency-Key} (if one is sent), the audit entry of the call, the scope check, the command's events (Axon
 * joins the transaction) and the stored answer commit together or not at all, and the answer is sent only after the
 * commit. A retry with the same key waits for the first attempt's transaction and then gets its stored answer; after a
 * crash, a rolled-back attempt leaves no claim behind, so the retry runs once. A request answered 4xx or 5xx is rolled
 * back; its audit entries are then recorded again in a transaction of their own with their outcome (refused, failed),
 * and a 4xx answer is kept for retries of its key. See ADR 0012.
 * <p>
 * <b>Other POSTs</b> under {@code /api/} with an {@code Idempotency-Key} (administration, research, break-glass) are
 * claimed before they run and answered after, as before: a claim left by an attempt that never finished (a crash) is
 * taken over by a retry after {@link #ABANDONED_AFTER}.
 * <p>
 * For every request with a key: the key is recorded with a fingerprint of the request (method, path, If-Match and
 * body); a retry with the same key and the same request records nothing new and gets the first response again (with
 * {@code Idempotent-Replayed: true}); the same key with a different request is a 422. Keys belong to the authenticated
 * user. A response of 5xx is not kept, so the retry runs again; any other response, a refusal (4xx) included, is the
 * answer to every retry. Records are kept for {@code journey.idempotency.retention} (24 hours by default), then
 * forgotten.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** How long a claim with no answer stays in force outside a command transaction (a crashed attempt's claim). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final Pattern TRANSACTIONAL_PATH =
            Pattern.compile("^/api/v1/(participants(/[^/]+/(?!break-glass/?$)[^/]+(/[^/]+)*)?|programmes|peers)/?$");
    /** The participant a journey command is for: the path segment after {@code /participants/}. */
    private static final Pattern JOURNEY_ID = Pattern.compile("^/api/v1/participants/([^/]+)/");

    private static final int MAX_BODY_BYTES = org.journeyplatform.api.input.BodyLimitFilter.MAX_BODY_BYTES;
    /** The answer when a command's commit was not confirmed and the database could not be asked in time. */
    static final String OUTCOME_UNKNOWN = "The database did not confirm the commit and could not be asked in time "
            + "whether it was made: the change may have been recorded. Retry with the same Idempotency-Key: if it "
            + "was recorded you get its answer, if not it runs once.";
    /** The same, for a request sent without an Idempotency-Key: a blind retry could record it twice. */
    static final String OUTCOME_UNKNOWN_WITHOUT_KEY = "The database did not confirm the commit and could not be asked "
            + "in time whether it was made: the change may have been recorded. Read her record (its version or "
            + "timeline) before sending it again; send commands with an Idempotency-Key to retry them safely.";
    /** How long a command waits for its journey or a free transaction slot before it is answered 503. */
    private static final long WAIT_SECONDS = 15;

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactionManager;
    private final AuditLog auditLog;
    private final CommitOutcomes commitOutcomes;

    private final Duration retention;
    /**
     * Command transactions at once: fewer than the connection pool holds, so that a command that needs a second
     * connection (a new participant's data key is written in a transaction of its own), reads, the audit sealing and
     * the projections always find one; and by default no more than twice the machine's cores, because beyond that
     * they only contend for the same CPU in the database and the JVM: on two cores, ten at once appended 17 % fewer
     * commands a second than four, with a p99 half as long again (docs/operations.md, "Sizing").
     */
    private final java.util.concurrent.Semaphore transactionSlots;

    public IdempotencyFilter(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            AuditLog auditLog,
            CommitOutcomes commitOutcomes,
            @Value("${journey.idempotency.retention:PT24H}") Duration retention,
            @Value("${spring.datasource.hikari.maximum-pool-size:12}") int poolSize,
            @Value("${journey.commands.concurrent-transactions:0}") int concurrentTransactions) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.auditLog = auditLog;
        this.commitOutcomes = commitOutcomes;
        this.retention = retention;
        this.transactionSlots = new java.util.concurrent.Semaphore(
                commandSlots(
                        poolSize, concurrentTransactions, Runtime.getRuntime().availableProcessors()),
                true);
    }

    /**
     * How many command transactions run at once: as configured ({@code journey.commands.concurrent-transactions}), else
     * twice the cores (at least two); never more than the pool less two, never fewer than one.
     */
    static int commandSlots(int poolSize, int configured, int cores) {
        int wanted = configured > 0 ? configured : Math.max(2, 2 * cores);
        return Math.max(1, Math.min(wanted, poolSize - 2));
    }

    /** Forgets answers older than the retention period: after it, a key may be used again. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOldRecords() {
        jdbc.sql("DELETE FROM idempotency_record WHERE created_at < now() - CAST(? AS interval)")
                .param(retention.toSeconds() + " seconds")
                .update();
    }

    /** Whether this request is a command that runs in one transaction with its claim, audit entry and answer. */
    static boolean transactional(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && TRANSACTIONAL_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || request.getUserPrincipal() == null) {
            return true;
        }
        return request.getHeader(HEADER) == null && !transactional(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null
                && java.util.Collections.list(request.getHeaders(HEADER)).size() > 1) {
            // two keys are no key: taking the first would answer a retry that sent them in the other order anew
            ProblemResponses.write(response, ProblemType.INVALID_IDEMPOTENCY_KEY);
            return;
        }
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            ProblemResponses.write(response, ProblemType.INVALID_IDEMPOTENCY_KEY);
            return;
        }
        HttpServletRequest forward = request;
        String fingerprint = null;
        if (key != null) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE);
                return;
            }
            fingerprint = fingerprint(request, body);
            forward = new org.journeyplatform.api.input.CachedBody(request, body);
        }
        String principal = request.getUserPrincipal().getName();
        if (transactional(request)) {
            java.util.regex.Matcher journey = JOURNEY_ID.matcher(request.getRequestURI());
            java.util.concurrent.locks.ReentrantLock lock =
                    journey.find() ? org.journeyplatform.api.participants.JourneyLocks.of(journey.group(1)) : null;
            boolean locked = false;
            boolean slot = false;
            try {
                locked = lock == null || lock.tryLock(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                slot = locked && transactionSlots.tryAcquire(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                if (!slot) {
                    ProblemResponses.write(response, ProblemType.UNAVAILABLE);
                    return;
                }
                inOneTransaction(forward, response, chain, principal, key, fingerprint);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ProblemResponses.write(response, ProblemType.UNAVAILABLE);
            } finally {
                if (slot) {
                    transactionSlots.release();
                }
                if (locked && lock != null) {
                    lock.unlock();
                }
            }
        } else {
            claimedSeparately(forward, response, chain, principal, key, fingerprint);
        }
    }

    /**
     * The claim, the audit entries, the command and the answer in one transaction, committed before the answer is
     * sent. Anything but a 2xx or 3xx rolls back.
     */
    private void inOneTransaction(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            String principal,
            String key,
            String fingerprint)
            throws IOException, ServletException {
        List<AuditLog.Access> recorded = new ArrayList<>();
        request.setAttribute(AuditInterceptor.RECORDED_ATTRIBUTE, recorded);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        TransactionStatus tx;
        try {
            tx = transactionManager.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            unavailable(response, e);
            return;
        }
        boolean open = true;
        try {
            if (key != null && !claim(principal, key, fingerprint)) {
                transactionManager.rollback(tx);
                open = false;
                answerFromRecord(response, principal, key, fingerprint);
                return;
            }
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if (status < 400 && tx.isRollbackOnly()) {
                throw new IllegalStateException(
                        "A command answered " + status + " in a transaction marked rollback-only");
            }
            if (status < 400) {
                long transactionId = key != null
                        ? keep(principal, key, captured)
                        : AuditLog.currentTransactionId().orElseGet(commitOutcomes::currentTransactionId);
                open = false;
                CommitOutcomes.Outcome outcome = commit(tx, transactionId);
                if (outcome != CommitOutcomes.Outcome.COMMITTED) {
                    boolean rolledBack = outcome == CommitOutcomes.Outcome.ROLLED_BACK;
                    recordAttempt(recorded, rolledBack ? AuditLog.Outcome.FAILED : AuditLog.Outcome.UNCONFIRMED);
                    captured.resetBuffer();
                    response.reset(); // no Location or ETag of an event that was not stored
                    ProblemResponses.write(
                            response,
                            ProblemType.UNAVAILABLE,
                            rolledBack
                                    ? ProblemType.UNAVAILABLE.description()
                                    : key != null ? OUTCOME_UNKNOWN : OUTCOME_UNKNOWN_WITHOUT_KEY);
                    return;
                }
            } else {
                open = false;
                transactionManager.rollback(tx);
                afterRollback(recorded, status, principal, key, fingerprint, captured);
            }
            captured.copyBodyToResponse();
        } catch (RuntimeException | IOException | ServletException | Error e) {
            if (open) {
                try {
                    transactionManager.rollback(tx);
                } catch (RuntimeException rollbackFailure) {
                    log.debug("Rollback after a failed command request failed too", rollbackFailure);
                }
            }
            // nothing was committed: say so, once
            boolean databaseDown = DatabaseFailures.unavailable(e);
            if (!databaseDown) {
                log.error("Command request failed: {}", e.getClass().getName());
            }
            recordAttempt(recorded, AuditLog.Outcome.FAILED);
            if (response.isCommitted() || e instanceof Error) {
                throw e;
            }
            captured.resetBuffer();
            response.reset(); // no Location or ETag of an event that was not stored
            if (databaseDown || e instanceof org.springframework.transaction.TransactionException) {
                unavailable(response, e);
            } else {
                ProblemResponses.write(response, ProblemType.INTERNAL_ERROR);
            }
        }
    }

    /**
     * The audit entries of an attempt that failed (5xx) or whose commit could not be confirmed, again with that outcome,
     * in a transaction of their own, if the database answers.
     */
    private void recordAttempt(List<AuditLog.Access> recorded, AuditLog.Outcome outcome) {
        try {
            for (AuditLog.Access access : recorded) {
                auditLog.record(access, outcome);
            }
        } catch (RuntimeException auditFailure) {
            log.warn(
                    "Could not record the failed attempt in the audit log ({})",
                    auditFailure.getClass().getName());
        }
    }

    /**
     * After a rolled-back command request: its audit entries again, with their outcome, in a transaction of their
     * own; a refusal's answer kept for retries of its key.
     */
    private void afterRollback(
            List<AuditLog.Access> recorded,
            int status,
            String principal,
            String key,
            String fingerprint,
            ContentCachingResponseWrapper captured) {
        AuditLog.Outcome outcome = status >= 500 ? AuditLog.Outcome.FAILED : AuditLog.Outcome.REFUSED;
        for (AuditLog.Access access : recorded) {
            auditLog.record(access, outcome);
        }
        if (key != null && status < 500) {
            jdbc.sql("""
                            INSERT INTO idempotency_record (principal, idempotency_key, request_fingerprint, status,
                                                            content_type, location, etag, body, completed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING""")
                    .params(
                            principal,
                            key,
                            fingerprint,
                            captured.getStatus(),
                            captured.getContentType(),
                            captured.getHeader(HttpHeaders.LOCATION),
                            captured.getHeader(HttpHeaders.ETAG),
                            captured.getContentAsByteArray())
                    .update();
        }
    }

    /**
     * Claims the key: true when this request is the first with it. Within a command transaction, a concurrent first
     * attempt's claim makes this wait for its commit (then false: its answer is there) or its rollback (then true).
     * Outside one, a claim left without an answer for longer than {@link #ABANDONED_AFTER} is taken over.
     */
    private boolean claim(String principal, String key, String fingerprint) {
        return jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idempotency_key, request_fingerprint)
                        VALUES (?, ?, ?)
                        ON CONFLICT (principal, idempotency_key) DO UPDATE
                           SET request_fingerprint = EXCLUDED.request_fingerprint, created_at = now()
                         WHERE idempotency_record.status IS NULL
                           AND idempotency_record.created_at < now() - CAST(? AS interval)""")
                        .params(principal, key, fingerprint, ABANDONED_AFTER.toSeconds() + " seconds")
                        .update()
                == 1;
    }

    /**
     * Commits; when PostgreSQL does not confirm the commit (the connection was lost on the way), asks it what became
     * of the transaction.
     */
    private CommitOutcomes.Outcome commit(TransactionStatus tx, long transactionId) {
        try {
            transactionManager.commit(tx);
            return CommitOutcomes.Outcome.COMMITTED;
        } catch (RuntimeException commitFailure) {
            CommitOutcomes.Outcome outcome = commitOutcomes.of(transactionId);
            log.warn(
                    "The database did not confirm a command's commit ({}); it {}",
                    commitFailure.getClass().getName(),
                    switch (outcome) {
                        case COMMITTED -> "had committed: answered as stored";
                        case ROLLED_BACK -> "had rolled back: answered 503";
                        case UNKNOWN -> "could not be asked in time: answered 503, outcome unknown";
                    });
            return outcome;
        }
    }

    /** Keeps the answer with the claim; returns the id of the transaction it is kept in. */
    private long keep(String principal, String key, ContentCachingResponseWrapper captured) {
        return Long.parseLong(jdbc.sql("""
                        UPDATE idempotency_record
                           SET status = ?, content_type = ?, location = ?, etag = ?, body = ?, completed_at = now()
                         WHERE principal = ? AND idempotency_key = ?
                        RETURNING pg_current_xact_id()::text""")
                .params(
                        captured.getStatus(),
                        captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION),
                        captured.getHeader(HttpHeaders.ETAG),
                        captured.getContentAsByteArray(),
                        principal,
                        key)
                .query(String.class)
                .single());
    }

    /** Claim, run and keep the answer in separate steps (endpoints that manage their own transactions). */
    private void claimedSeparately(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            String principal,
            String key,
            String fingerprint)
            throws ServletException, IOException {
        if (!claim(principal, key, fingerprint)) {
            answerFromRecord(response, principal, key, fingerprint);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean ran = false;
        try {
            chain.doFilter(request, captured);
            ran = true;
            if (captured.getStatus() < 500) {
                keep(principal, key, captured);
            } else {
                forget(principal, key);
            }
        } catch (RuntimeException | IOException | ServletException e) {
            if (!ran) {
                forget(principal, key); // it did not run to an answer: let a retry run it
            }
            // when the answer could not be kept, the claim stays: retries are told it is in progress until it is
            // abandoned, never run a second time at once
            throw e;
        } finally {
            captured.copyBodyToResponse();
        }
    }

    private void forget(String principal, String key) {
        try {
            jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ? AND status IS NULL")
                    .params(principal, key)
                    .update();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release an idempotency claim ({}); it is abandoned after {}",
                    e.getClass().getName(),
                    ABANDONED_AFTER);
        }
    }

    private void unavailable(HttpServletResponse response, Throwable e) throws IOException {
        log.warn("Command request could not be completed: {}", e.getClass().getName());
        ProblemResponses.write(response, ProblemType.UNAVAILABLE);
    }

    private void answerFromRecord(HttpServletResponse response, String principal, String key, String fingerprint)
            throws IOException {
        Optional<StoredResponse> stored = jdbc.sql("""
                        SELECT request_fingerprint, status, content_type, location, etag, body
                          FROM idempotency_record WHERE principal = ? AND idempotency_key = ?""")
                .params(principal, key)
                .query((rs, row) -> new StoredResponse(
                        rs.getString("request_fingerprint"),
                        (Integer) rs.getObject("status"),
                        rs.getString("content_type"),
                        rs.getString("location"),
                        rs.getString("etag"),
                        rs.getBytes("body")))
                .optional();
        if (stored.isEmpty()) { // the first attempt failed and was forgotten just now
            ProblemResponses.write(response, ProblemType.REQUEST_IN_PROGRESS);
            return;
        }
        StoredResponse first = stored.get();
        if (!first.fingerprint().equals(fingerprint)) {
            ProblemResponses.write(response, ProblemType.IDEMPOTENCY_KEY_REUSED);
        } else if (first.status() == null) {
            ProblemResponses.write(response, ProblemType.REQUEST_IN_PROGRESS);
        } else {
            response.setStatus(first.status());
            response.setHeader(REPLAYED, "true");
            if (first.contentType() != null && first.body() != null) {
                // a body dropped since (an erasure's) leaves an answer without one, not an empty JSON document
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
                            + String.valueOf(request.getHeader(HttpHeaders.IF_MATCH)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private record StoredResponse(
            String fingerprint, Integer status, String contentType, String location, String etag, byte[] body) {}
}
