package org.journeyplatform.api.problems;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.journeyplatform.domain.shared.RuleViolation;
import org.springframework.http.HttpStatus;

/**
 * The problem types this API answers with (RFC 9457). Each has a stable {@code type} URI, {@code /problems/<code>},
 * which also serves its description. Broken journey rules add one type each (see {@link RuleViolation}).
 */
public enum ProblemType {
    MALFORMED_REQUEST(
            "malformed-request",
            HttpStatus.BAD_REQUEST,
            "Malformed request",
            "The request body is not valid JSON, or a value has the wrong type or an unknown name."),
    VALIDATION_FAILED(
            "validation-failed",
            HttpStatus.BAD_REQUEST,
            "Validation failed",
            "One or more fields are missing or invalid; see the errors member."),
    INVALID_COMMAND(
            "invalid-command",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Invalid request",
            "The request is well-formed but cannot be recorded as given."),
    PARTICIPANT_NOT_FOUND(
            "participant-not-found",
            HttpStatus.NOT_FOUND,
            "Participant not found",
            "No participant with this id is known."),
    PROGRAMME_NOT_FOUND(
            "programme-not-found", HttpStatus.NOT_FOUND, "Programme not found", "No programme with this id is known."),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address."),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            "Method not allowed",
            "This address does not accept this HTTP method."),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "Send JSON (Content-Type: application/json), also when the body is empty."),
    NOT_ACCEPTABLE(
            "not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable", "This resource is only available as JSON."),
    STALE_VERSION(
            "stale-version",
            HttpStatus.PRECONDITION_FAILED,
            "Stale version",
            "The record changed since the version given in If-Match; read it again and retry."),
    ACCOUNT_EXISTS(
            "account-exists",
            HttpStatus.CONFLICT,
            "Account exists",
            "There is already a staff account with this username."),
    CONCURRENT_CHANGE(
            "concurrent-change",
            HttpStatus.CONFLICT,
            "Changed at the same moment",
            "Someone else changed this record at the same moment; nothing of yours was recorded. Read it again and retry."),
    INVALID_IF_MATCH(
            "invalid-if-match",
            HttpStatus.BAD_REQUEST,
            "Invalid If-Match",
            "If-Match must be one version as the ETag gave it, e.g. \"3\"."),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Idempotency key reused",
            "This Idempotency-Key was already used for a different request; use a new key for a new request."),
    INVALID_ACCESS_PURPOSE(
            "invalid-access-purpose",
            HttpStatus.BAD_REQUEST,
            "Invalid X-Access-Purpose",
            "X-Access-Purpose must be text in UTF-8 without control characters; nothing was read or recorded."),
    INVALID_IDEMPOTENCY_KEY(
            "invalid-idempotency-key",
            HttpStatus.BAD_REQUEST,
            "Invalid Idempotency-Key",
            "An Idempotency-Key is one header of 1 to 255 visible ASCII characters."),
    PAYLOAD_TOO_LARGE(
            "payload-too-large",
            HttpStatus.PAYLOAD_TOO_LARGE,
            "Payload too large",
            "A request body may be at most 1 MiB."),
    REQUEST_IN_PROGRESS(
            "request-in-progress",
            HttpStatus.CONFLICT,
            "Request in progress",
            "A request with this Idempotency-Key is still being processed; retry in a moment."),
    REBUILD_IN_PROGRESS(
            "rebuild-in-progress",
            HttpStatus.CONFLICT,
            "Rebuild in progress",
            "A rebuild of this projection is already under way: follow it, or cancel it, at the same address."),
    LAST_ADMINISTRATOR(
            "last-administrator",
            HttpStatus.CONFLICT,
            "Last administrator",
            "This is the last enabled administrator account: disabling it, or taking its ADMIN role, would leave no one "
                    + "to administer the platform; nothing was changed. Give another account ADMIN first."),
    PROJECTION_HELD_ELSEWHERE(
            "projection-held-elsewhere",
            HttpStatus.CONFLICT,
            "Projection held by another instance",
            "Another instance is running this projection, so this one cannot replay it; nothing was replayed. Send the "
                    + "replay to that instance, or rebuild the projection beside its tables, which any instance can."),
    STUDY_NOT_FOUND(
            "study-not-found",
            HttpStatus.NOT_FOUND,
            "Study not found",
            "No study with this id is known, or you are not one of its approved researchers."),
    STUDY_EXPIRED(
            "study-expired",
            HttpStatus.FORBIDDEN,
            "Study expired",
            "The study's approval has expired: nothing more can be exported or downloaded for it."),
    EXPORT_NOT_FOUND(
            "export-not-found",
            HttpStatus.NOT_FOUND,
            "Export not found",
            "No export with this id is known for this study."),
    EXPORT_NOT_READY(
            "export-not-ready",
            HttpStatus.CONFLICT,
            "Export not ready",
            "The export has not finished (or it failed); its files are available once its status is DONE."),
    EXPORT_EXPIRED(
            "export-expired",
            HttpStatus.GONE,
            "Export expired",
            "The export's files were deleted (after the retention period); run a new export."),
    EXPORT_REFUSED(
            "export-refused",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Export refused: re-identification risk above the study's limits",
            "What the export would release is above the re-identification risk its study accepts (the measure, its "
                    + "value and the limit are named); nothing was released or recorded as disclosed."),
    EXPORT_WITHDRAWN(
            "export-withdrawn",
            HttpStatus.GONE,
            "Export withdrawn",
            "Someone the export released has since withdrawn her research consent or been erased: its files are no "
                    + "longer served. Delete every copy of them you hold and run a new export."),
    UNAUTHENTICATED(
            "unauthenticated",
            HttpStatus.UNAUTHORIZED,
            "Unauthenticated",
            "Sign in: this API needs HTTP Basic credentials of a staff account."),
    SESSION_ENDED(
            "session-ended",
            HttpStatus.UNAUTHORIZED,
            "Session ended",
            "Sign in again: the account was disabled, or its password or roles changed, after this session signed in."),
    LOGIN_THROTTLED(
            "too-many-sign-in-attempts",
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many sign-in attempts",
            "Too many failed sign-ins for this account or from this address: sign-ins are refused, without checking "
                    + "the password, until the time in Retry-After has passed."),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden", "Your account may not use this endpoint."),
    UNAVAILABLE(
            "unavailable",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Temporarily unavailable",
            "The platform could not complete the request in time; nothing was recorded. Retry with the same Idempotency-Key."),
    NOT_IMPLEMENTED(
            "not-implemented",
            HttpStatus.NOT_IMPLEMENTED,
            "Not implemented",
            "The request uses a part of HTTP this server does not implement: a body may be sent as it is, with "
                    + "Content-Length, or with Transfer-Encoding: chunked, and no other transfer coding. Nothing was read "
                    + "or recorded."),
    INTERNAL_ERROR(
            "internal-error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error",
            "Something went wrong on our side; the error was logged. Nothing half-done was recorded.");

    private final String code;
    private final HttpStatus status;
    private final String title;
    private final String description;

    ProblemType(String code, HttpStatus status, String title, String description) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public URI uri() {
        return uri(code);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public static URI uri(String code) {
        return URI.create("/problems/" + code);
    }

    public static HttpStatus statusOf(RuleViolation rule) {
        return rule.kind() == RuleViolation.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
    }

    /** Every problem type by code, rules included, for {@code GET /problems/{code}} and the docs. */
    public static Map<String, Map<String, Object>> catalogue() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        Arrays.stream(values())
                .forEach(t -> all.put(
                        t.code,
                        Map.of(
                                "type",
                                t.uri().toString(),
                                "status",
                                t.status.value(),
                                "title",
                                t.title,
                                "description",
                                t.description)));
        Arrays.stream(RuleViolation.values())
                .forEach(r -> all.put(
                        r.code(),
                        Map.of(
                                "type",
                                uri(r.code()).toString(),
                                "status",
                                statusOf(r).value(),
                                "title",
                                "Journey rule broken: " + r.code(),
                                "description",
                                r.description())));
        return all;
    }

    public static Optional<Map<String, Object>> describe(String code) {
        return Optional.ofNullable(catalogue().get(code));
    }
}
