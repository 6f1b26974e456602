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
    @DisplayName("keeps what the operator set on the command line")
    void keepsOperatorsSettings() {
        System.setProperty("journey.shutdown.drain", "PT2S");
        System.setProperty("server.port", "9999");

        JourneyPlatformApplication.quietCommandLine();

        assertThat(System.getProperty("journey.shutdown.drain")).isEqualTo("PT2S");
        assertThat(System.getProperty("server.port")).isEqualTo("9999");
    }
}
