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

    /**
     * Fields with a limit of their own, by name; any other is at most 200 characters. Which fields may hold tabs and
     * line breaks is {@link Text#isFreeText}'s rule, as for every request.
     */
    private static final Map<String, Integer> LIMITS = Map.of(
            "note", 4000,
            "description", 2000,
            "contents", 20_000,
            "reason", 2000,
            "comment", 2000,
            "childPseudonym", 100,
            "label", 300,
            "code", 64);

    private static final int DEFAULT_LIMIT = 200;

    private CorrectedValues() {}

    /** Refuses a corrected value that the field's own command would refuse as text; never repeats the value. */
    static void check(Map<String, String> correctedValues) {
        correctedValues.forEach((field, value) -> { // never null: the request's validation refused it
            Text.problem(value, Text.isFreeText(field)).ifPresent(problem -> {
                throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "correctedValues." + field + " " + problem + ".");
            });
            int limit = LIMITS.getOrDefault(field, DEFAULT_LIMIT);
            if (value.length() > limit) {
                throw new ApiProblem(
                        ProblemType.VALIDATION_FAILED,
                        "correctedValues." + field + " must be at most " + limit + " characters.");
            }
        });
    }
}
