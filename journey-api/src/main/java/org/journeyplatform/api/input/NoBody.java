package org.journeyplatform.api.input;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;

/**
 * Refuses a body sent to an endpoint that takes none. Such an endpoint's options are query parameters; a body would be
 * ignored without a word, so that {@code {"dryRun": true}} sent to the retention rule's run would erase for real.
 */
public final class NoBody {

    private NoBody() {}

    /** Throws a 400 naming what to send instead when the request carries a body. */
    public static void require(HttpServletRequest request, String instead) {
        boolean body;
        try {
            long length = request.getContentLengthLong();
            body = length > 0 || (length < 0 && request.getInputStream().read() != -1);
        } catch (IOException e) {
            body = true;
        }
        if (body) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "This endpoint takes no body: " + instead);
        }
    }

    /**
     * As {@link #require}, but an empty JSON object ({@code {}}, as clients of a JSON API send for "no options") is
     * taken as no body: anything else is refused.
     */
    public static void requireNoneOrEmptyObject(HttpServletRequest request, String instead) {
        String text;
        try {
            byte[] read = request.getInputStream().readNBytes(4_097);
            text = read.length > 4_096 ? "?" : new String(read, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "?";
        }
        String bare = text.replaceAll("[ \\t\\r\\n]", "");
        if (!bare.isEmpty() && !bare.equals("{}")) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED, "This endpoint takes no body (or an empty JSON object): " + instead);
        }
    }
}
