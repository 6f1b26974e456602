package org.journeyplatform.domain.shared;

import java.util.regex.Pattern;

/**
 * A whole number given as text, as a correction's values give them: ASCII digits with an optional minus sign, at most
 * nine of them. {@code Integer.valueOf} also takes "+1990" and other scripts' digits ("１９９２"), which no read model
 * can cast; the domain refuses them and every reader of stored corrections skips them alike.
 */
public final class WholeNumbers {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private WholeNumbers() {}

    /** Whether the text (already stripped) is a whole number of this form. */
    public static boolean readable(String text) {
        return WHOLE_NUMBER.matcher(text).matches();
    }
}
