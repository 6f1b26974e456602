package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An operator command of the packaged jar (the research export, the generator)")
class OperatorCommandLineTest {

    private static final List<String> SETTINGS =
            List.of("logging.level.root", "spring.main.log-startup-info", "server.port", "journey.shutdown.drain");
    private final Map<String, String> before = new HashMap<>();

    @BeforeEach
    void rememberSettings() {
        for (String setting : SETTINGS) {
            before.put(setting, System.getProperty(setting));
            System.clearProperty(setting);
        }
    }

    @AfterEach
    void restoreSettings() {
        before.forEach((setting, value) -> {
            if (value == null) {
                System.clearProperty(setting);
            } else {
                System.setProperty(setting, value);
            }
        });
    }

    @Test
    @DisplayName("logs only warnings, serves on a free port of its own and exits without the serving platform's drain")
    void quietFreePortNoDrain() {
        JourneyPlatformApplication.quietCommandLine();

        assertThat(System.getProperty("logging.level.root")).isEqualTo("WARN");
        assertThat(System.getProperty("server.port")).isEqualTo("0");
        assertThat(System.getProperty("journey.shutdown.drain")).isEqualTo("PT0S");
    }

    @Test
    @DisplayName("is refused before anything starts when misspelt, so that it never starts a serving platform instead")
    void misspelt() {
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--research-exprot=abc"}))
                .startsWith("there is no option --research-exprot;")
                .contains("--research-export=<studyId>", "--generate-journeys=<participants>");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--reserch-export=abc"}))
                .startsWith("there is no option --reserch-export;");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--generate-jouneys=5"}))
                .contains("there is no option --generate-jouneys");
    }

    @Test
    @DisplayName("is refused when written in capitals, with one dash, or with a value after a space")
    void otherSlips() {
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--Research-Export=abc"}))
                .startsWith("operator commands are written in lower case");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"-research-export=abc"}))
                .startsWith("'-research-export=abc' is not an option");
        assertThat(JourneyPlatformApplication.refusedCommandLine(
                        new String[] {"--generate-journeys=5", "--generate-seed", "7"}))
                .startsWith("'7' is not an option");
        assertThat(JourneyPlatformApplication.refusedCommandLine(
                        new String[] {"--generate-journeys=5", "--generate-seed"}))
                .isEqualTo("--generate-seed needs a number, given as --generate-seed=<number>.");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--research.export=abc"}))
                .startsWith("there is no option --research.export;");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--=x"}))
                .startsWith("the arguments cannot be read");
    }

    @Test
    @DisplayName("is refused when two commands are asked for at once")
    void twoCommands() {
        assertThat(JourneyPlatformApplication.refusedCommandLine(
                        new String[] {"--generate-journeys=5", "--research-export=abc", "--research-export-out=/tmp/x"
                        }))
                .isEqualTo("--generate-journeys and --research-export are two commands: give one at a time.");
    }

    @Test
    @DisplayName("names every generator number out of range, and an export without its directory")
    void badValues() {
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {
                    "--generate-journeys=-5", "--generate-programmes=0", "--generate-events-per-journey=abc"
                }))
                .contains(
                        "--generate-journeys must be a whole number from 1 to 10000000, not '-5'",
                        "--generate-events-per-journey must be a whole number from 1 to 5000, not 'abc'",
                        "--generate-programmes must be a whole number from 2 to 1000, not '0'");
        assertThat(JourneyPlatformApplication.refusedCommandLine(new String[] {"--research-export=abc"}))
                .startsWith("Usage: --research-export=<studyId> --research-export-out=<directory>");
        assertThat(JourneyPlatformApplication.refusedCommandLine(
                        new String[] {"--research-export-out=/tmp/x", "--research-export=a", "--research-export=b"}))
                .startsWith("Usage:");
    }

    @Test
    @DisplayName("lets the serving platform's own options and well-formed commands through")
    void fineArguments() {
        for (String[] args : new String[][] {
            {},
            {"--spring.profiles.active=demo"},
            {"--journey.research.export-dir=/tmp/exports", "--server.port=9000", "--debug"},
            {"--generate-journeys=10"},
            {"--generate-journeys=10", "--generate-seed=-3", "--generate-programmes=2"},
            {"--research-export=abc", "--research-export-out=/tmp/x"}
        }) {
            assertThat(JourneyPlatformApplication.refusedCommandLine(args))
                    .as(String.join(" ", args))
                    .isNull();
        }
    }

    @Test
    @DisplayName("keeps what the operator set on the command line")
    void keepsOperatorsSettings() {
        System.setProperty("journey.shutdown.drain", "PT2S");
        System.setProperty("server.port", "9999");

        JourneyPlatformApplication.quietCommandLine();

        assertThat(System.getProperty("journey.shutdown.drain")).isEqualTo("PT2S");
        assertThat(System.getProperty("server.port")).isEqualTo("9999");
    }
}
