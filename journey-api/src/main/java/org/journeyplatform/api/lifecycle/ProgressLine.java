package org.journeyplatform.api.lifecycle;

import java.io.PrintStream;

/**
 * The progress of an operator command on stderr: on a terminal, one line redrawn in place; anywhere else (a log file,
 * a pipe, a CI job), a new line at each tenth of the way and at the end, with no carriage returns to garble the file.
 */
public final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private int shownTenth = -1;
    private boolean drawn;

    public ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On stderr, redrawn in place when stderr is a terminal. */
    public static ProgressLine onStandardError() {
        return new ProgressLine(System.err, standardErrorIsATerminal());
    }

    /**
     * Whether stderr is a terminal: on Linux, what its file descriptor links to ({@code /dev/pts/3}, {@code /dev/tty1});
     * elsewhere, whether the process has a console at all (Java 17 tells only of stdin and stdout together).
     */
    static boolean standardErrorIsATerminal() {
        java.nio.file.Path stderr = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            return isTerminal(java.nio.file.Files.readSymbolicLink(stderr).toString());
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static boolean isTerminal(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }

    /** Shows the line for this share of the work (0 to 1); off a terminal only when it reaches a new tenth. */
    public synchronized void show(double fraction, String line) {
        if (terminal) {
            out.print("\r" + line);
            drawn = true;
        } else {
            int tenth = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 10);
            if (tenth == shownTenth) {
                return;
            }
            shownTenth = tenth;
            out.println(line.stripTrailing());
        }
        out.flush();
    }

    /** Ends the redrawn line, so that what follows starts on a line of its own. */
    public synchronized void finish() {
        if (terminal && drawn) {
            out.println();
            drawn = false;
        }
        out.flush();
    }
}
