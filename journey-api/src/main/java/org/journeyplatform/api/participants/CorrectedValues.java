package org.journeyplatform.api.participants;

import java.util.Map;
import org.journeyplatform.api.input.Text;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;

/**
 * The text a correction may give a field: what the command that records that field accepts. The journey checks the
 * corrected event's own rules (forms of dates, names of codes, whole numbers, what may be emptied), but the limits of
 * text are the API's (one line, a length): a correction must not store a name of 300,000 characters or of several
 * lines that the enrolment would refuse. A field is held to the largest limit any command gives a field of that name.
 */
final class CorrectedValues {

    /** Free text, by field name: tabs and line breaks allowed, up to this many characters. */
    private static final Map<String, Integer> FREE_TEXT =
            Map.of("note", 4000, "description", 2000, "contents", 20_000, "reason", 2000, "comment", 2000);
    /** One-line text with a limit of its own; any other field is one line of at most 200 characters. */
    private static final Map<String, Integer> ONE_LINE = Map.of("childPseudonym", 100, "label", 300, "code", 64);

    private static final int ONE_LINE_DEFAULT = 200;

    private CorrectedValues() {}

    /** Refuses a corrected value that the field's own command would refuse as text; never repeats the value. */
    static void check(Map<String, String> correctedValues) {
        correctedValues.forEach((field, value) -> {
            if (value == null) {
                return;
            }
            boolean freeText = FREE_TEXT.containsKey(field);
            Text.problem(value, freeText).ifPresent(problem -> {
                throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "correctedValues." + field + " " + problem + ".");
            });
            int limit = freeText ? FREE_TEXT.get(field) : ONE_LINE.getOrDefault(field, ONE_LINE_DEFAULT);
            if (value.length() > limit) {
                throw new ApiProblem(
                        ProblemType.VALIDATION_FAILED,
                        "correctedValues." + field + " must be at most " + limit + " characters.");
            }
        });
    }
}
