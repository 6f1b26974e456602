package org.journeyplatform.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A value in a JSON body that is well-formed but not acceptable (a control character, a date out of range). */
public class RefusedInputException extends MismatchedInputException {

    private final String reason;

    RefusedInputException(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    /** What is wrong with the value, without the value: e.g. "holds a control character (U+0000) at position 4". */
    public String reason() {
        return reason;
    }
}
