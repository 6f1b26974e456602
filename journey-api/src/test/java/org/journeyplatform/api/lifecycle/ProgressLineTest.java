package org.journeyplatform.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An operator command's progress line")
class ProgressLineTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(written, true, StandardCharsets.UTF_8);

    private String shown() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("on a terminal")
    class OnATerminal {

        @Test
        @DisplayName("is redrawn in place and ended with a line break")
        void redrawnInPlace() {
            // given
            ProgressLine progress = new ProgressLine(stream, true);

            // when
            progress.show(0.01, "1 %");
            progress.show(0.02, "2 %");
            progress.finish();

            // then
            assertThat(shown()).isEqualTo("\r1 %\r2 %" + System.lineSeparator());
        }
    }

    @Test
    @DisplayName("takes stderr for a terminal only when it is one: a pseudo-terminal or a console, not a file or pipe")
    void whatIsATerminal() {
        assertThat(ProgressLine.isTerminal("/dev/pts/3")).isTrue();
        assertThat(ProgressLine.isTerminal("/dev/tty1")).isTrue();
        assertThat(ProgressLine.isTerminal("/tmp/export.log")).isFalse();
        assertThat(ProgressLine.isTerminal("pipe:[123456]")).isFalse();
        assertThat(ProgressLine.isTerminal("/dev/null")).isFalse();
        assertThat(ProgressLine.standardErrorIsATerminal())
                .as("the test's stderr is the build's pipe or file")
                .isFalse();
    }

    @Nested
    @DisplayName("off a terminal (a log file, a pipe)")
    class OffATerminal {

        @Test
        @DisplayName("writes a line at each new tenth of the way, without carriage returns or trailing blanks")
        void aLinePerTenth() {
            // given
            ProgressLine progress = new ProgressLine(stream, false);

            // when
            for (int percent = 0; percent <= 100; percent++) {
                progress.show(percent / 100.0, percent + " %   ");
            }
            progress.finish();

            // then
            assertThat(shown()).doesNotContain("\r");
            assertThat(shown().lines().toList())
                    .containsExactly(
                            "0 %", "10 %", "20 %", "30 %", "40 %", "50 %", "60 %", "70 %", "80 %", "90 %", "100 %");
        }
    }
}
