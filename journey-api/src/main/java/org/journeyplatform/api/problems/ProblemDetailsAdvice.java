package org.journeyplatform.api.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem detail with a stable {@code type}, a clear {@code detail} and, for
 * broken journey rules, the {@code rule} that was broken. Details never echo submitted values: a rejected value may be
 * someone's name.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(JourneyRuleException.class)
    ResponseEntity<ProblemDetail> ruleBroken(JourneyRuleException e) {
        HttpStatus status = ProblemType.statusOf(e.rule());
        ProblemDetail problem = ProblemResponses.detail(
                status,
                ProblemType.uri(e.rule().code()),
                "Journey rule broken: " + e.rule().code(),
                e.rule().description() + " " + e.getMessage());
        problem.setProperty("rule", e.rule().code());
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
        return problem(e.type(), e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return problem(ProblemType.PARTICIPANT_NOT_FOUND, "No participant with id " + e.getAggregateIdentifier() + ".");
    }

    /** Two changes to one journey at the same moment (e.g. from two instances): the later append lost. */
    @ExceptionHandler(org.axonframework.modelling.command.ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(Exception e) {
        return problem(ProblemType.CONCURRENT_CHANGE, ProblemType.CONCURRENT_CHANGE.description());
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problemDetail(
                ProblemType.STALE_VERSION,
                "You sent If-Match \"" + e.getExpectedVersion() + "\" but the record is at version \""
                        + e.getActualVersion() + "\"; read it again and retry.");
        problem.setProperty("currentVersion", e.getActualVersion());
        return ResponseEntity.status(ProblemType.STALE_VERSION.status())
                .eTag("\"" + e.getActualVersion() + "\"")
                .body(problem);
    }

    /** Domain commands refuse structurally impossible input (a blank name) with IllegalArgumentException. */
    @ExceptionHandler({IllegalArgumentException.class, NullPointerException.class})
    ResponseEntity<ProblemDetail> invalidCommand(RuntimeException e) {
        if (!thrownByDomain(e)) {
            return internalError(e);
        }
        return problem(ProblemType.INVALID_COMMAND, e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<?> commandFailed(CommandExecutionException e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof JourneyRuleException rule) {
            return ruleBroken(rule);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return aggregateNotFound(notFound);
        }
        if (cause instanceof ConflictingAggregateVersionException stale) {
            return staleVersion(stale);
        }
        if (cause instanceof org.axonframework.modelling.command.ConcurrencyException) {
            return concurrentChange(e);
        }
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return invalidCommand((RuntimeException) cause);
        }
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof InterruptedException) {
            return unavailable(e);
        }
        return internalError(e);
    }

    @ExceptionHandler({
        java.util.concurrent.TimeoutException.class,
        NoHandlerForCommandException.class,
        org.springframework.dao.TransientDataAccessException.class,
        org.springframework.jdbc.CannotGetJdbcConnectionException.class
    })
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Request could not be completed: {}", e.getClass().getName());
        org.springframework.web.context.request.RequestAttributes request =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        String method = request instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                ? servlet.getRequest().getMethod()
                : null;
        return problem(ProblemType.UNAVAILABLE, DatabaseFailures.unavailableDetail(method));
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(jakarta.validation.ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                        String.valueOf(
                                                result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.status(ProblemType.VALIDATION_FAILED.status())
                .body(validationFailed(errors).getBody());
    }

    private static ResponseEntity<ProblemDetail> validationFailed(List<Map<String, String>> errors) {
        String summary = errors.stream()
                .map(e -> e.get("field") + " " + e.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problemDetail(
                ProblemType.VALIDATION_FAILED,
                errors.isEmpty() ? ProblemType.VALIDATION_FAILED.description() : "Invalid request: " + summary + ".");
        problem.setProperty("errors", errors);
        return ResponseEntity.status(ProblemType.VALIDATION_FAILED.status()).body(problem);
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        if (expected.equals("a whole number")
                && e.getValue() instanceof String text
                && text.matches("[-+]?\\d{1,1000}")) {
            // digits only, and yet not taken: too many of them (the value is not echoed)
            return problem(
                    ProblemType.MALFORMED_REQUEST,
                    "Parameter '" + e.getName() + "' is out of range for a whole number.");
        }
        return problem(ProblemType.MALFORMED_REQUEST, "Parameter '" + e.getName() + "' must be " + expected + ".");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> internalError(Exception e) {
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e);
        }
        if (DatabaseFailures.conflictingAppend(e)) {
            return concurrentChange(e);
        }
        // Log the type and where it came from, not the message: messages can carry submitted (personal) values.
        log.error(
                "Unhandled {} at {}; causes: {}",
                e.getClass().getName(),
                e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?",
                DatabaseFailures.causes(e));
        return problem(ProblemType.INTERNAL_ERROR, ProblemType.INTERNAL_ERROR.description());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        return ResponseEntity.status(ProblemType.VALIDATION_FAILED.status())
                .body(validationFailed(errors).getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problemDetail(ProblemType.MALFORMED_REQUEST, unreadableDetail(ex.getCause()));
        return ResponseEntity.status(ProblemType.MALFORMED_REQUEST.status()).body(problem);
    }

    /** Spring MVC's own problems (404, 405, 415...) get a type of ours instead of about:blank. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            ProblemType type = switch (statusCode.value()) {
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case 400 -> ProblemType.MALFORMED_REQUEST;
                default -> null;
            };
            if (type != null) {
                problem.setType(type.uri());
                problem.setTitle(type.title());
            }
            if (ex instanceof org.springframework.web.servlet.resource.NoResourceFoundException) {
                problem.setDetail(ProblemType.NOT_FOUND.description()); // not Spring's "No static resource ..."
            }
        }
        return response;
    }

    /**
     * Spring Security's firewall found a header or a query parameter it does not let in (both are read lazily, inside
     * the application); its message says which, and quotes the value, which is not repeated.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> requestRejected(Exception e) {
        if (String.valueOf(e.getMessage()).contains("parameter")) {
            return problem(
                    ProblemType.MALFORMED_REQUEST,
                    "A query parameter of the request holds characters that are "
                            + "not allowed: parameter names and values must be text without control characters.");
        }
        return problem(
                ProblemType.MALFORMED_REQUEST,
                "A header of the request holds characters that are not allowed: "
                        + "header values must be UTF-8 text without control characters.");
    }

    private static String unreadableDetail(Throwable cause) {
        if (cause instanceof org.journeyplatform.api.input.RefusedInputException refused) {
            return refused.getPath().isEmpty()
                    ? "The request body " + refused.reason() + "."
                    : "Field '" + path(refused) + "' " + refused.reason() + ".";
        }
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
                // Jackson's own limits: its message names the limit and the value reached, never the input
                return String.valueOf(limit.getOriginalMessage()).startsWith("Document nesting depth")
                        ? "The request body is nested too deeply to be read (no request of this API needs more than"
                                + " a few levels)."
                        : "The request body holds a number or a text longer than this API reads.";
            }
        }
        if (cause instanceof JsonProcessingException read
                && read.getOriginalMessage() != null
                && read.getOriginalMessage().startsWith("Duplicate field")) {
            return "The request body names a field twice" + location(read) + "; send each field once.";
        }
        if (cause instanceof MismatchedInputException trailing
                && trailing.getMessage() != null
                && trailing.getMessage().startsWith("Trailing token")) {
            return "The request body holds more after its JSON object" + location(trailing)
                    + "; send exactly one JSON value.";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + path(unknown) + "'. Known fields: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ".";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field '" + path(invalid) + "' must be " + describe(invalid.getTargetType()) + ".";
        }
        if (cause instanceof MismatchedInputException mismatched
                && mismatched.getTargetType() != null
                && !mismatched.getPath().isEmpty()) {
            return "Field '" + path(mismatched) + "' must be " + describe(mismatched.getTargetType()) + ".";
        }
        if (cause instanceof JsonMappingException mapping
                && mapping.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException range
                && !mapping.getPath().isEmpty()) {
            return "Field '" + path(mapping) + "' is out of range"
                    + (range.getTargetType() == null ? "" : " for " + describe(range.getTargetType())) + ".";
        }
        if (cause instanceof com.fasterxml.jackson.core.exc.InputCoercionException range) {
            return "A number in the request body is out of range" + location(range) + ".";
        }
        if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
            return "The request body is not valid JSON (line "
                    + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ").";
        }
        return "The request needs a JSON body; see the OpenAPI description at /v3/api-docs.";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        }
        // never a Java class's name (HashSet, a request record): the client knows JSON, not this code
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list in square brackets, like [\"A\", \"B\"]";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object in braces";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date like 2025-03-31";
            case "LocalTime" -> "a time like 14:30";
            case "UUID" -> "an id like 3f2b8a8e-5b7c-4d8e-9b1a-2c3d4e5f6a7b";
            case "Instant" -> "an instant in UTC like 2026-11-21T23:59:11Z";
            case "Integer", "int", "Long", "long", "Short", "short" -> "a whole number";
            case "Double", "double", "Float", "float", "BigDecimal" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "text";
            default -> "a value of the form the OpenAPI description at /v3/api-docs gives";
        };
    }

    private static boolean thrownByDomain(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .limit(3)
                .anyMatch(frame -> frame.getClassName().startsWith("org.journeyplatform.domain"));
    }

    static ProblemDetail problemDetail(ProblemType type, String detail) {
        return ProblemResponses.detail(type, detail);
    }

    static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail) {
        return ResponseEntity.status(type.status()).body(problemDetail(type, detail));
    }
}
