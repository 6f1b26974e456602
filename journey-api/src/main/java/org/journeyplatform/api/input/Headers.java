package org.journeyplatform.api.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Header values as sent. HTTP carries header values as bytes; Tomcat hands them over one character per byte
 * (ISO-8859-1), so "révision" sent in UTF-8 arrives as "rÃ©vision". A header the platform reads as text is decoded
 * back to what the client sent, and refused when its bytes are not UTF-8 or hold control characters.
 */
public final class Headers {

    private Headers() {}

    /** The text the client sent, or empty when its bytes are not UTF-8 text without control characters. */
    public static Optional<String> utf8(String raw) {
        return decode(raw).filter(text -> Text.problem(text, false).isEmpty());
    }

    /** Whether a header value may enter the application at all (Spring Security's firewall asks): tabs may. */
    public static boolean acceptable(String raw) {
        return decode(raw)
                .filter(text -> Text.problem(text.replace('\t', ' '), false).isEmpty())
                .isPresent();
    }

    private static Optional<String> decode(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        boolean ascii = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0xff) {
                return Optional.empty(); // not one character per byte: not from the wire
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return Optional.of(raw);
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
