package org.journeyplatform.api.input;

import java.util.Optional;

/**
 * What text the platform accepts from outside, in a body, a path, a query or a header: any Unicode text but control
 * characters (C0 and C1, and DEL) and unpaired surrogates. PostgreSQL cannot store a NUL, and a control character in a
 * name is never what someone meant. Free text (notes, descriptions, reasons, safety-plan contents) may also hold tabs
 * and line breaks, and the direction overrides U+202D and U+202E, which one-line text may not: in a name they can
 * make it read as another. One-line text must also close every direction embedding (U+202A, U+202B) and isolate
 * (U+2066 to U+2068) it opens: one left open turns around whatever is shown after the name.
 */
public final class Text {

    private Text() {}

    /** Why this text is refused, or empty when it is acceptable. Never repeats the text itself. */
    public static Optional<String> problem(String text, boolean multiLine) {
        // the positions of the embeddings and isolates one-line text opens, until each is closed
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("holds an unpaired surrogate (not valid Unicode text)");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("holds an unpaired surrogate (not valid Unicode text)");
            }
            if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            if (!multiLine && (c == 0x2028 || c == 0x2029)) {
                return Optional.of("holds a line or paragraph separator (" + String.format("U+%04X", (int) c)
                        + ") at position " + (i + 1) + "; it must be one line of text");
            }
            if (!multiLine && (c == 0x202D || c == 0x202E)) {
                // a direction override turns the letters that follow around where the name is shown: "Robin" can be
                // made to read as another name in a list. Free text may hold one; embeddings and isolates, which
                // right-to-left text pasted from other programs carries and which reorder no letters, are fine.
                return Optional.of("holds a direction override (" + String.format("U+%04X", (int) c) + ") at position "
                        + (i + 1) + "; a name or other one-line text is shown as typed, in its own direction");
            }
            if (!multiLine) {
                if (c == 0x202A || c == 0x202B || (c >= 0x2066 && c <= 0x2068)) {
                    open.push(i);
                } else if (c == 0x202C) {
                    // as the bidirectional algorithm closes them (UAX #9, X6a and X7): U+202C closes the latest
                    // embedding, but not across an isolate; U+2069 closes the latest isolate and every embedding
                    // opened inside it; a closer with nothing of its kind open changes nothing
                    if (!open.isEmpty() && isEmbedding(text.charAt(open.peek()))) {
                        open.pop();
                    }
                } else if (c == 0x2069 && open.stream().anyMatch(at -> !isEmbedding(text.charAt(at)))) {
                    while (isEmbedding(text.charAt(open.pop()))) {
                        // the embeddings inside the isolate close with it
                    }
                }
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return Optional.of("holds a control character (" + String.format("U+%04X", (int) c)
                        + ") at position " + (i + 1)
                        + (multiLine ? "; only tabs and line breaks are allowed" : "; it must be one line of text"));
            }
        }
        if (!open.isEmpty()) {
            // left open, it turns the text shown after the name around (on a page, in a list, in a sentence)
            int at = open.peekLast();
            return Optional.of(
                    "holds a direction embedding or isolate (" + String.format("U+%04X", (int) text.charAt(at))
                            + ") at position " + (at + 1)
                            + " that is not closed (by U+202C or U+2069); a name or other one-line "
                            + "text must close every direction it opens");
        }
        return Optional.empty();
    }

    private static boolean isEmbedding(char c) {
        return c == 0x202A || c == 0x202B;
    }

    /** Free-text fields, by JSON name: these may hold tabs and line breaks. */
    public static boolean isFreeText(String fieldName) {
        return fieldName != null
                && switch (fieldName) {
                    case "note", "description", "contents", "reason", "comment", "correctedValues" -> true;
                    default -> false;
                };
    }
}
