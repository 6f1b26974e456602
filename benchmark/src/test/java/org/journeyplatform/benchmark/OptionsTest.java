package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaults() {
        Options o = Options.parse("append");
        assertThat(o.scenario).isEqualTo("append");
        assertThat(o.runs).isEqualTo(1);
        assertThat(o.measure).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.jvmWarmup).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.platformJar).isEqualTo(Path.of("journey-api/target/journey-api.jar"));
    }

    @Test
    void options() {
        Options o = Options.parse(
                "--runs",
                "3",
                "all",
                "--seconds",
                "8",
                "--warmup",
                "0",
                "--platform-jar",
                "/x.jar",
                "--jvm-warmup",
                "0");
        assertThat(o.scenario).isEqualTo("all");
        assertThat(o.runs).isEqualTo(3);
        assertThat(o.measure).isEqualTo(Duration.ofSeconds(8));
        assertThat(o.warmup).isZero();
        assertThat(o.jvmWarmup).isZero();
        assertThat(o.platformJar).isEqualTo(Path.of("/x.jar"));
    }

    @Test
    void mistakes() {
        assertThatThrownBy(() -> Options.parse()).hasMessageContaining("scenario");
        assertThatThrownBy(() -> Options.parse("append", "--runs", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse("append", "--seconds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("append", "--bogus", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse("append", "all")).hasMessageContaining("one scenario");
    }

    @Test
    void jvmOptionsFile() {
        assertThat(Bench.parseJvmOptions(List.of("# the platform's options", "", "  -Xmx512m   -XX:+UseG1GC ")))
                .containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(Bench.parseJvmOptions(List.of())).isEmpty();
    }

    @Test
    void everyScenarioIsRegistered() {
        assertThat(Bench.SCENARIOS).containsKey("append");
        Bench.SCENARIOS.forEach((name, s) -> assertThat(s.name()).isEqualTo(name));
    }

    @Test
    void milestoneBodiesAreValid() {
        var random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            String body = PlatformClient.milestoneBody(random);
            assertThat(body)
                    .matches("\\{\"occurredOn\":\"20(2[0-4])-\\d\\d-\\d\\d\","
                            + "\"type\":\"(HEALTH|EMPLOYMENT|STABLE_HOUSING)\"}");
        }
    }
}
