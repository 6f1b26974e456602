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

    /** On stderr, redrawn in place when the process runs on a terminal. */
    public static ProgressLine onStandardError() {
        return new ProgressLine(System.err, System.console() != null);
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
