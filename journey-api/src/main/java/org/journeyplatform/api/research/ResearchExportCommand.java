package org.journeyplatform.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.journeyplatform.projections.research.OwnerOnly;
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
 * into the directory, shows a progress bar on stderr (redrawn in place on a terminal, a line per tenth elsewhere), writes
 * the outcome and the files' checksums on stdout and exits: 0 when done, 1 when the export failed or was refused (over the study's risk limits), 2 when the
 * arguments are wrong (also when the directory holds anything but an earlier export of the same study: it is never
 * emptied). Its folders and files are created owner-only (0700, 0600). The disclosure is recorded in the audit log as made by {@code command-line:<OS user>}. Without
 * {@code --research-export} the platform starts as usual.
 */
@Component
@Order(100)
public class ResearchExportCommand implements ApplicationRunner {

    public static final String OPTION = "research-export";
    public static final String OUT = "research-export-out";

    /** The files of an export; an output folder may hold these (of an earlier export of the same study) and no other. */
    static final Set<String> FILES = Set.copyOf(ResearchExportBuilder.FILES);

    private static final Logger log = LoggerFactory.getLogger(ResearchExportCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR = 30;

    private final ResearchStudies studies;
    private final ResearchExports exports;
    private final ConfigurableApplicationContext context;
    private final Clock clock;

    private final org.axonframework.config.EventProcessingConfiguration processing;

    public ResearchExportCommand(
            ResearchStudies studies,
            ResearchExports exports,
            ConfigurableApplicationContext context,
            Clock clock,
            org.axonframework.config.EventProcessingConfiguration processing) {
        this.processing = processing;
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
        org.journeyplatform.api.lifecycle.OperatorCommands.stopProjections(processing);
        int code = export(
                single(args.getOptionValues(OPTION)),
                single(args.getOptionValues(OUT)),
                org.journeyplatform.api.lifecycle.OperatorCommands.report(),
                org.journeyplatform.api.lifecycle.ProgressLine.onStandardError(),
                System.err);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private static String single(List<String> values) {
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** Runs the export; answers the exit code. Progress, the outcome and any refusal go to {@code err}, as one stream. */
    public int export(String studyId, String out, PrintStream err) {
        return export(studyId, out, err, new org.journeyplatform.api.lifecycle.ProgressLine(err, true), err);
    }

    /**
     * Runs the export; answers the exit code. The outcome of a finished export (what was included, the files and their
     * checksums) goes to {@code report}, for a script to keep; the progress to {@code progress}; refusals and failures
     * to {@code err}.
     */
    public int export(
            String studyId,
            String out,
            PrintStream report,
            org.journeyplatform.api.lifecycle.ProgressLine progress,
            PrintStream err) {
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
        Path directory = Path.of(out).toAbsolutePath().normalize();
        String refused = refusal(directory, study.study().studyId());
        if (refused != null) {
            err.println(refused);
            return 2;
        }
        String exportId = UUID.randomUUID().toString();
        String actor = "command-line:" + System.getProperty("user.name", "unknown");
        err.println("Exporting study " + studyId + " (" + study.study().title() + ") into " + directory);
        boolean created = !Files.exists(directory);
        // the files are written into a folder of this export's own inside hers, then moved into place: a failed export
        // leaves an earlier one as it was, and nothing else in her folder is ever touched
        Path staging = directory.resolve(".export-" + exportId + ".partial");
        int[] shown = {-1};
        boolean[] progressed = {false};
        try {
            if (created) {
                OwnerOnly.folders(directory);
            } else {
                warnIfShared(directory, err);
            }
            ResearchExportBuilder.Result result = exports.export(
                    study, exportId, staging, Instant.now(clock), actor, "COMMAND_LINE", (fraction, stage) -> {
                        int percent = (int) Math.floor(fraction * 100);
                        if (percent != shown[0]) {
                            shown[0] = percent;
                            progressed[0] = true;
                            progress.show(
                                    fraction,
                                    bar(fraction) + " " + String.format("%3d%%", percent) + "  "
                                            + String.format("%-50s", stage));
                        }
                    });
            // manifest.json last: until it is replaced, the folder's manifest describes none of the new files
            for (ResearchExportBuilder.FileInfo file : result.files()) {
                Files.move(
                        staging.resolve(file.name()),
                        directory.resolve(file.name()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(staging);
            progress.finish();
            report.println("Done: export " + exportId + ", " + result.included() + " participants included of "
                    + result.candidates() + " (excluded: " + excluded(result.excluded()) + "), k achieved "
                    + (result.kAchieved() == null ? "-" : result.kAchieved()) + ", " + result.events() + " events, "
                    + result.spells() + " spells.");
            result.files()
                    .forEach(f -> report.println("  " + f.name() + "  " + f.bytes() + " bytes  sha256 " + f.sha256()));
            return 0;
        } catch (RuntimeException | IOException e) {
            if (progressed[0]) {
                progress.finish();
            }
            if (e instanceof ResearchExportBuilder.Refused refusedByRisk) {
                err.println(refusedByRisk.refusal().detail() + " Measured: "
                        + refusedByRisk.refusal().measure() + " "
                        + refusedByRisk.refusal().value() + ", limit "
                        + refusedByRisk.refusal().limit() + ".");
            } else if (e instanceof ResearchExportBuilder.ErasedMeanwhile erasedMeanwhile) {
                err.println(erasedMeanwhile.getMessage());
                log.warn("Command-line research export of study {} released nothing: {}", studyId, e.getMessage());
            } else {
                err.println("The export failed; nothing was released. The log says where it failed.");
            }
            if (!(e instanceof ResearchExportBuilder.Refused || e instanceof ResearchExportBuilder.ErasedMeanwhile)) {
                log.error(
                        "Command-line research export of study {} failed: {} at {}",
                        studyId,
                        e.getClass().getName(),
                        e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            }
            ResearchExports.deleteQuietly(staging);
            if (created) {
                try {
                    Files.deleteIfExists(directory);
                } catch (IOException notEmpty) {
                    // someone else put something in it meanwhile: it stays
                }
            }
            return 1;
        }
    }

    /**
     * Why the export may not be written into this folder, in one line; null when it may: the folder does not exist,
     * is empty, or holds an earlier export of the same study and nothing else (whose files are then replaced).
     */
    static String refusal(Path directory, String studyId) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(directory)) {
            return "Refused: " + directory + " is not a folder; nothing was written. Give a new or empty folder.";
        }
        List<String> foreign = new ArrayList<>();
        boolean manifest = false;
        try (Stream<Path> listed = Files.list(directory)) {
            List<Path> entries = listed.sorted().toList();
            if (entries.isEmpty()) {
                return null;
            }
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (FILES.contains(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    manifest |= name.equals("manifest.json");
                } else {
                    foreign.add(name);
                }
            }
        } catch (IOException e) {
            return "Refused: " + directory + " cannot be read (" + e.getClass().getSimpleName()
                    + "); nothing was written.";
        }
        if (!foreign.isEmpty()) {
            return "Refused: " + directory + " holds files that are not a research export (" + shortList(foreign)
                    + "); nothing was written or deleted. Give a new or empty folder, or one with an earlier export "
                    + "of this study.";
        }
        if (!manifest) {
            return "Refused: " + directory + " holds export files without a manifest.json; nothing was written or "
                    + "deleted. Give a new or empty folder, or one with an earlier export of this study.";
        }
        String earlierStudy = studyOf(directory.resolve("manifest.json"));
        if (!studyId.equals(earlierStudy)) {
            return "Refused: " + directory + " holds an export of "
                    + (earlierStudy == null ? "an unknown study" : "another study (" + earlierStudy + ")")
                    + "; nothing was written or deleted. Give a new or "
                    + "empty folder, or one with an earlier export of this study.";
        }
        return null;
    }

    private static String studyOf(Path manifest) {
        try {
            JsonNode json = JSON.readTree(manifest.toFile());
            return json.path("format").asText("").startsWith("journey-research-export/")
                    ? json.path("study").path("studyId").asText(null)
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String shortList(List<String> names) {
        return names.size() <= 5
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    /** An existing folder that other users may read keeps its permissions, but the operator is told. */
    private static void warnIfShared(Path directory, PrintStream err) {
        try {
            if (Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null
                    && !Files.getPosixFilePermissions(directory).stream()
                            .allMatch(p -> p.name().startsWith("OWNER_"))) {
                err.println("Note: other users may open " + directory + " ("
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))
                        + "); the files themselves are owner-only.");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions to look at
        }
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    private static String excluded(Map<String, Integer> excluded) {
        StringBuilder text = new StringBuilder();
        excluded.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(reason)
                .append(' ')
                .append(count));
        return text.toString();
    }
}
