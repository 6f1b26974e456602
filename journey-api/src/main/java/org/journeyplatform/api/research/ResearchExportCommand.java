package org.journeyplatform.api.research;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.journeyplatform.projections.research.ResearchExportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The research export from the command line, for operators (docs/research.md):
 * {@code java -jar journey-api.jar --research-export=<studyId> --research-export-out=<dir>} writes the export's files
 * into the directory, shows a progress bar on stderr and exits: 0 when done, 1 when the export failed, 2 when the
 * arguments are wrong. The disclosure is recorded in the audit log as made by {@code command-line:<OS user>}. Without
 * {@code --research-export} the platform starts as usual.
 */
@Component
@Order(100)
public class ResearchExportCommand implements ApplicationRunner {

    public static final String OPTION = "research-export";
    public static final String OUT = "research-export-out";

    private static final Logger log = LoggerFactory.getLogger(ResearchExportCommand.class);
    private static final int BAR = 30;

    private final ResearchStudies studies;
    private final ResearchExports exports;
    private final ConfigurableApplicationContext context;
    private final Clock clock;

    public ResearchExportCommand(ResearchStudies studies, ResearchExports exports,
                                 ConfigurableApplicationContext context, Clock clock) {
        this.studies = studies;
        this.exports = exports;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int code = export(single(args.getOptionValues(OPTION)), single(args.getOptionValues(OUT)), System.err);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private static String single(List<String> values) {
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** Runs the export; answers the exit code. Progress and the outcome go to {@code err}. */
    public int export(String studyId, String out, PrintStream err) {
        if (studyId == null || studyId.isBlank() || out == null || out.isBlank()) {
            err.println("Usage: --research-export=<studyId> --research-export-out=<directory>");
            return 2;
        }
        var study = ResearchController.uuid(studyId).flatMap(studies::find).orElse(null);
        if (study == null) {
            err.println("No study has the id " + studyId + ".");
            return 2;
        }
        if (study.study().expiredOn(LocalDate.now(clock))) {
            err.println("The study's approval ended on " + study.study().expiresOn() + ": nothing can be exported.");
            return 1;
        }
        Path directory = Path.of(out).toAbsolutePath();
        String exportId = UUID.randomUUID().toString();
        String actor = "command-line:" + System.getProperty("user.name", "unknown");
        err.println("Exporting study " + studyId + " (" + study.study().title() + ") into " + directory);
        int[] shown = {-1};
        try {
            ResearchExportBuilder.Result result = exports.export(study, exportId, directory, Instant.now(clock), actor,
                    "COMMAND_LINE", (fraction, stage) -> {
                        int percent = (int) Math.floor(fraction * 100);
                        if (percent != shown[0]) {
                            shown[0] = percent;
                            err.print("\r" + bar(fraction) + " " + String.format("%3d%%", percent) + "  "
                                    + String.format("%-50s", stage));
                            err.flush();
                        }
                    });
            err.println();
            err.println("Done: export " + exportId + ", " + result.included() + " participants included of "
                    + result.candidates() + " (excluded: " + excluded(result.excluded()) + "), k achieved "
                    + (result.kAchieved() == null ? "-" : result.kAchieved()) + ", " + result.events() + " events, "
                    + result.spells() + " spells.");
            result.files().forEach(f -> err.println("  " + f.name() + "  " + f.bytes() + " bytes  sha256 "
                    + f.sha256()));
            return 0;
        } catch (RuntimeException e) {
            err.println();
            err.println("The export failed (" + e.getClass().getSimpleName() + "); nothing was released. See the log.");
            log.error("Command-line research export of study {} failed: {} at {}", studyId, e.getClass().getName(),
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            ResearchExports.deleteQuietly(directory);
            return 1;
        }
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    private static String excluded(Map<String, Integer> excluded) {
        StringBuilder text = new StringBuilder();
        excluded.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(reason).append(' ')
                .append(count));
        return text.toString();
    }
}
