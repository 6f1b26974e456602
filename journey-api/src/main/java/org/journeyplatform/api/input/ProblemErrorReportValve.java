package org.journeyplatform.api.input;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.journeyplatform.api.problems.ProblemResponses;
import org.journeyplatform.api.problems.ProblemType;

/**
 * Tomcat's report of an error it met before the application could answer (a malformed URI, a header too large, a
 * request line it cannot read): an RFC 9457 problem detail instead of Tomcat's HTML page. Never names the server or
 * repeats the request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String json = switch (status) {
            case 400 ->
                problemJson(
                        400,
                        "malformed-request",
                        "Malformed request",
                        "The request could not be read: its address, a header or its size is not acceptable (headers may "
                                + "be at most 8 KiB; paths must not hold encoded slashes or backslashes).");
            case 404 -> problemJson(404, "not-found", "Not found", "There is nothing at this address.");
            case 413 -> problemJson(413, "payload-too-large", "Payload too large", "The request is too large.");
            // Tomcat's answer to a transfer coding it does not implement (gzip, compress...): the client's doing
            case 501 -> problemJson(ProblemType.NOT_IMPLEMENTED);
            default ->
                problemJson(
                        status,
                        status >= 500 ? "internal-error" : "malformed-request",
                        status >= 500 ? "Internal error" : "Request refused",
                        status >= 500
                                ? "Something went wrong on our side; the error was logged."
                                : "The request was refused (HTTP " + status + ").");
        };
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing more to say
        }
    }

    private static String problemJson(ProblemType type) {
        return ProblemResponses.json(type.uri(), type.title(), type.status().value(), type.description(), Map.of());
    }

    private static String problemJson(int status, String code, String title, String detail) {
        return ProblemResponses.json(ProblemType.uri(code), title, status, detail, Map.of());
    }
}
