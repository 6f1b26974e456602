package org.journeyplatform.domain.shared;

/**
 * Whether text shows anything when written out. A name made only of spaces of any kind (a no-break space, an
 * ideographic space), zero-width or direction marks, or fillers reads as nothing in a list, yet differs from every other
 * such name: staff could neither see her nor tell her from another. Such text counts as blank.
 */
public final class VisibleText {

    private VisibleText() {}

    /** Whether the text holds at least one character that is not a space, a control, a format mark or a filler. */
    public static boolean hasVisible(String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(VisibleText::visible);
    }

    /**
     * The text without the spaces at either end: spaces of any kind (a no-break or ideographic space too, which
     * {@link String#strip()} keeps), controls, the zero-width space, joiner and non-joiner, the word joiner, the
     * byte-order mark, the soft hyphen and the Hangul fillers. Direction marks and the controls that end an embedding,
     * override or isolate stay: taking one off the end would let a direction the text opened run on into whatever is
     * written after it. Combining marks stay too: at the end they belong to the letter before them.
     */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && padding(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && padding(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean padding(int c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || Character.isISOControl(c)
                || c == 0x200B // zero-width space
                || c == 0x200C // zero-width non-joiner: joins nothing at an end
                || c == 0x200D // zero-width joiner: likewise
                || c == 0x2060 // word joiner
                || c == 0xFEFF // byte-order mark, zero-width no-break space
                || c == 0x00AD // soft hyphen
                || c == 0x180E // Mongolian vowel separator
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0; // Hangul fillers
    }

    private static boolean visible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            return false;
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            // zero-width spaces and joiners, direction marks, byte-order marks; a combining mark alone shows on
            // nothing. A character this Java does not know yet (a newer emoji) counts as visible.
            return false;
        }
        return switch (c) {
            case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F ->
                false; // Hangul fillers, blank Braille, grapheme joiner
            default -> true;
        };
    }
}
