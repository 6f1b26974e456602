package org.journeyplatform.api.input;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A request body is read as UTF-8 exactly as RFC 3629 defines it. Jackson's own decoder accepts overlong forms (the
 * two bytes {@code C0 AF} read as {@code /}), so a value could pass every check in one spelling and be stored in
 * another; this checks the bytes as Jackson reads them and refuses, with the position, any sequence that is not
 * well-formed UTF-8: an overlong form, a surrogate, a value above U+10FFFF, a stray or missing continuation byte.
 */
final class StrictUtf8 extends InputDecorator {

    private static final long serialVersionUID = 1L;

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        return new Checked(in);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] source, int offset, int length) {
        return new Checked(new ByteArrayInputStream(source, offset, length));
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return reader; // already characters: decoded by someone else
    }

    /** Checks each byte read against the well-formed UTF-8 byte sequences (RFC 3629, section 4). */
    static final class Checked extends FilterInputStream {

        private int pending;
        private int low = 0x80;
        private int high = 0xBF;
        private long position;

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[offset + i] & 0xff);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        private void check(int b) throws IOException {
            position++;
            if (pending > 0) {
                if (b < low || b > high) {
                    refuse();
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return;
            }
            if (b < 0x80) {
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b == 0xE0) {
                pending = 2;
                low = 0xA0; // shorter forms are overlong
            } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
                pending = 2;
            } else if (b == 0xED) {
                pending = 2;
                high = 0x9F; // U+D800 to U+DFFF are surrogates, not characters
            } else if (b == 0xF0) {
                pending = 3;
                low = 0x90; // shorter forms are overlong
            } else if (b >= 0xF1 && b <= 0xF3) {
                pending = 3;
            } else if (b == 0xF4) {
                pending = 3;
                high = 0x8F; // nothing above U+10FFFF
            } else {
                refuse(); // 80 to C1 (a continuation alone, or an overlong lead) and F5 to FF are never a lead
            }
        }

        private void end() throws IOException {
            if (pending > 0) {
                pending = 0;
                refuse();
            }
        }

        private void refuse() throws IOException {
            throw new RefusedInputException(
                    null,
                    String.class,
                    "is not valid UTF-8 (an overlong, incomplete or impossible byte sequence " + "ending at byte "
                            + position + ")");
        }
    }
}
