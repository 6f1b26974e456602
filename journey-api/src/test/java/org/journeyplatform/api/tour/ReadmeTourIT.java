package org.journeyplatform.api.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.journeyplatform.api.support.PackagedApp;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's tour, as a new user runs it: every {@code bash} block of its "A five-minute tour" section, in order, in
 * one shell, against the packaged platform started with the demo profile on a fresh database (as the README's start
 * command does), with only the address changed. So the tour cannot drift from the code: a renamed field, a new rule or
 * a changed answer fails this test.
 */
@DisplayName("The README's tour")
class ReadmeTourIT {

    private static final Path README = Path.of("..", "README.md");

    @Test
    @DisplayName("runs from start to end against a freshly started demo platform, every answer what the tour says")
    void runsAsWritten() throws Exception {
        String script = tour();
        Files.deleteIfExists(Path.of("target", "it-logs", "readme-tour.log")); // the log of this run only
        TestDatabase.Coordinates db = TestDatabase.fresh();
        try (PackagedApp app = PackagedApp.start("readme-tour", db.url(), Map.of("SPRING_PROFILES_ACTIVE", "demo"))) {
            Path exports = Files.createTempDirectory("tour-exports");
            String run = script.replace("http://localhost:8080", app.baseUrl())
                    .replace("/tmp/study-export-", exports + "/study-export-");

            ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -u -o pipefail\n" + run)
                    .directory(Path.of("..").toFile())
                    .redirectErrorStream(true);
            bash.environment().put("JOURNEY_DB_URL", db.url());
            bash.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            Process process = bash.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the tour ends").isTrue();
            String out = new String(output, StandardCharsets.UTF_8);
            Path log = Path.of("target", "it-logs", "readme-tour-output.txt");
            Files.createDirectories(log.getParent());
            Files.writeString(log, out);

            assertThat(process.exitValue())
                    .as("exit status of the tour; output in " + log)
                    .isZero();
            assertThat(out)
                    .as("output in " + log)
                    .doesNotContain("internal-error", "unbound variable", "command not found")
                    .doesNotContainPattern("\"status\": ?500")
                    // the ids it captures are shown
                    .containsPattern("programme: [0-9a-f-]{36}")
                    .containsPattern("participant: [0-9a-f-]{36}")
                    .containsPattern("the exit's event: [0-9a-f-]{36}")
                    .containsPattern("study: [0-9a-f-]{36}")
                    .containsPattern("export: [0-9a-f-]{36}")
                    // answers as JSON (indented where python3 is there)
                    .containsPattern("\"chosenName\": ?\"Linnet\"")
                    // what each step says it shows
                    .contains("not-in-programme", "stale-version", "participant-erased")
                    .contains("Idempotent-Replayed: true")
                    .containsPattern("\"status\": ?\"DONE\"")
                    // the profile right after her erasure
                    .containsPattern("\"chosenName\": ?\"erased\"")
                    // the command-line export: its result, not the application's start-up log
                    .contains("Exporting study")
                    .doesNotContain("Started JourneyPlatformApplication", "Tomcat initialized");
            assertThat(out.lines().filter(line -> line.contains(" INFO ")).count())
                    .as("INFO log lines in the tour's output")
                    .isZero();
            // the refusals the tour provokes (409, 412, 404) are answers, not incidents: no stack trace in the log
            String platformLog = Files.readString(Path.of("target", "it-logs", "readme-tour.log"));
            assertThat(platformLog)
                    .as("the platform's log, target/it-logs/readme-tour.log")
                    .doesNotContain("\n\tat ")
                    .doesNotContain(" ERROR ")
                    .contains("Journey platform ready at");
        }
    }

    /** The bash blocks of the README's tour section, in order. */
    static String tour() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## A five-minute tour");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README.md has the tour").isNotNegative();
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("bash blocks in the tour").hasSizeGreaterThanOrEqualTo(4);
        return String.join("\n", blocks);
    }
}
