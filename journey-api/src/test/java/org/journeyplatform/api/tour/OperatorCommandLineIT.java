package org.journeyplatform.api.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.journeyplatform.api.support.PackagedApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The packaged jar given a misspelt operator command")
class OperatorCommandLineIT {

    @Test
    @DisplayName("says so and exits 2 at once, without starting a platform or touching a database")
    void refusedAtOnce() throws Exception {
        Process jar = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx128m",
                        "-jar",
                        PackagedApp.JAR.toString(),
                        "--research-exprot=abc"))
                .redirectErrorStream(true)
                .start();
        jar.getOutputStream().close();
        boolean ended = jar.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            jar.destroyForcibly();
        }
        String output = new String(jar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as(output).isTrue();
        assertThat(jar.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("journey platform: there is no option --research-exprot;");
        assertThat(output).doesNotContain("Tomcat", "HikariPool", "Started");
    }
}
