package org.journeyplatform.api.input;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container's error dispatch answers (replacing Spring Boot's {@code BasicErrorController}): a problem
 * detail for the status the failed request ended with. {@code /error} asked for directly is just an address with
 * nothing at it.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping(
            path = "${server.error.path:/error}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE
            })
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ResponseEntity<ProblemDetail> answer = problemFor(request);
        // the address the client asked for, not the error dispatch's own
        if (answer.getBody() != null
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                answer.getBody().setInstance(java.net.URI.create(uri));
            } catch (IllegalArgumentException unparseable) {
                answer.getBody()
                        .setInstance(java.net.URI.create(org.springframework.web.util.UriUtils.encodePath(
                                uri, java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return answer;
    }

    private static ResponseEntity<ProblemDetail> problemFor(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof RequestRejectedException) {
            return answer(
                    ProblemType.MALFORMED_REQUEST,
                    "The request was refused before it reached the API: its "
                            + "address or a header holds characters that are not allowed.");
        }
        if (exception instanceof Exception failure
                && org.journeyplatform.api.problems.DatabaseFailures.unavailable(failure)) {
            // a filter (the session check, the audit) could not reach the database: as in a controller, a 503
            return answer(
                    ProblemType.UNAVAILABLE,
                    org.journeyplatform.api.problems.DatabaseFailures.unavailableDetail(request.getMethod()));
        }
        if (!(code instanceof Integer status)) {
            return answer(ProblemType.NOT_FOUND, ProblemType.NOT_FOUND.description());
        }
        for (ProblemType type : new ProblemType[] {
            ProblemType.MALFORMED_REQUEST,
            ProblemType.UNAUTHENTICATED,
            ProblemType.FORBIDDEN,
            ProblemType.NOT_FOUND,
            ProblemType.METHOD_NOT_ALLOWED,
            ProblemType.NOT_ACCEPTABLE,
            ProblemType.UNSUPPORTED_MEDIA_TYPE,
            ProblemType.PAYLOAD_TOO_LARGE,
            ProblemType.UNAVAILABLE,
            ProblemType.INTERNAL_ERROR
        }) {
            if (type.status().value() == status) {
                return answer(type, type.description());
            }
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemResponses.detail(
                known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
                known == null ? "The request failed." : known.getReasonPhrase() + ".");
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemType type, String detail) {
        ProblemDetail problem = ProblemResponses.detail(type, detail);
        return ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
