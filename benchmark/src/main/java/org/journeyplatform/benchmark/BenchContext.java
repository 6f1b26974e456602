package org.journeyplatform.benchmark;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** What a scenario gets: the options, the process supervisor, the databases, and a progress log on stderr. */
public final class BenchContext {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Options options;
    private final Processes processes;
    private final Databases databases;
    private final PrintStream progress;

    BenchContext(Options options, Processes processes, Databases databases, PrintStream progress) {
        this.options = options;
        this.processes = processes;
        this.databases = databases;
        this.progress = progress;
    }

    public Options options() {
        return options;
    }

    public Processes processes() {
        return processes;
    }

    public Databases databases() {
        return databases;
    }

    /** A new folder for one run's logs: {@code <logs>/<scenario>-<yyyyMMdd-HHmmss>}. */
    public java.nio.file.Path runDir(String scenario) throws java.io.IOException {
        java.nio.file.Path dir = options.logsDir.resolve(scenario + "-"
                + java.time.LocalDateTime.now()
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    /** A line of progress on stderr (the report goes to stdout). */
    public void log(String format, Object... args) {
        progress.println("[bench " + LocalTime.now().format(CLOCK) + "] " + String.format(format, args));
        progress.flush();
    }
}
