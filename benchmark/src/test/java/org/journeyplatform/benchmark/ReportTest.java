package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void markdownTable() {
        String md =
                new Report.Table("figure", "value").row("a|b", "1").row("", "2").markdown();
        assertThat(md).isEqualTo("""
                | figure | value |
                | --- | --- |
                | a\\|b | 1 |
                | – | 2 |
                """);
    }

    @Test
    void rowsMustFitTheHeader() {
        assertThatThrownBy(() -> new Report.Table("a", "b").row("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersRatiosAndPercentages() {
        assertThat(Report.number(1234.5)).isEqualTo("1,235");
        assertThat(Report.number(12.34)).isEqualTo("12.3");
        assertThat(Report.number(1.234)).isEqualTo("1.23");
        assertThat(Report.number(0.1234)).isEqualTo("0.123");
        assertThat(Report.number(Double.NaN)).isEqualTo("–");
        assertThat(Report.ratio(150, 1500)).isEqualTo("0.10");
        assertThat(Report.ratio(15, 1500)).isEqualTo("0.010");
        assertThat(Report.ratio(1500, 100)).isEqualTo("15.0");
        assertThat(Report.ratio(1, 0)).isEqualTo("–");
        assertThat(Report.ratio(Double.NaN, 3)).isEqualTo("–");
        assertThat(Report.percent(0.0312)).isEqualTo("3.1 %");
    }

    @Test
    void oneRunHasNoRunHeadings() {
        String md = Report.compose("# head\n", List.of(new ScenarioResult("## x\n\nbody\n", Map.of("k", "1"))));
        assertThat(md).isEqualTo("# head\n\n## x\n\nbody\n");
    }

    @Test
    void severalRunsAreNumberedAndSummarised() {
        String md = Report.compose(
                "# head\n",
                List.of(
                        new ScenarioResult("## x\n\n```\n# not a heading\n```\n", Map.of("ratio", "0.10")),
                        new ScenarioResult("## x\n", Map.of("ratio", "0.12"))));
        assertThat(md)
                .contains("## Run 1\n\n### x\n", "## Run 2\n\n### x\n", "```\n# not a heading\n```")
                .contains("## Summary of the 2 runs", "| figure | run 1 | run 2 |", "| ratio | 0.10 | 0.12 |");
    }

    @Test
    void resultsFileIsNamedByDateAndScenario() {
        assertThat(Report.resultsFile(Path.of("docs/benchmarks/results"), LocalDate.of(2026, 12, 4), "append"))
                .isEqualTo(Path.of("docs/benchmarks/results/2026-12-04-append.md"));
    }

    @Test
    void aLaterRunOfTheSameDayGetsAFileOfItsOwn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("2026-12-05-append.md"), "first run");
        java.nio.file.Files.writeString(dir.resolve("2026-12-05-append-2.md"), "second run");

        assertThat(Report.resultsFile(dir, LocalDate.of(2026, 12, 5), "append"))
                .isEqualTo(dir.resolve("2026-12-05-append-3.md"));
    }
}
