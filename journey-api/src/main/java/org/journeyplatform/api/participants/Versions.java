package org.journeyplatform.api.participants;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;

/** ETag and If-Match for a journey's version: the ETag is the version in quotes, e.g. {@code "3"}. */
final class Versions {

    /**
     * {@code 3}, {@code "3"} or {@code W/"3"}; a quote without its pair ({@code "3}) is not a version, and neither is
     * {@code "04"}: no ETag was ever written so, and entity tags compare as text.
     */
    private static final Pattern IF_MATCH =
            Pattern.compile("^\\s*(?:(?:W/)?\"(0|[1-9]\\d{0,17})\"|(0|[1-9]\\d{0,17}))\\s*$");

    private Versions() {}

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match header asks for, or null when there is none ({@code *} means any). A header sent empty is
     * refused, not read as none: a client that meant to send a version and sent nothing would otherwise overwrite
     * changes it never saw.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return null;
        }
        if (ifMatch.replace(",", "").isBlank()) {
            throw new ApiProblem(
                    ProblemType.INVALID_IF_MATCH,
                    "If-Match is empty: send the version as the ETag gave it, e.g. \"3\", or leave the header out.");
        }
        Matcher m = IF_MATCH.matcher(ifMatch);
        if (!m.matches()) {
            throw new ApiProblem(
                    ProblemType.INVALID_IF_MATCH, "If-Match must be one version as the ETag gave it, e.g. \"3\".");
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }
}
