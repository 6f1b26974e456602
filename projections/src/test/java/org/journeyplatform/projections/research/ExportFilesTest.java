package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An export's CSV rows")
class ExportFilesTest {

    @TempDir
    Path folder;

    private String row(String... cells) throws Exception {
        Path file = folder.resolve("table.csv");
        try (ExportFiles.Digesting table = new ExportFiles.Digesting(file)) {
            table.csv(Arrays.asList(cells));
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("leave plain cells as they are, and write a missing value as an empty cell")
    void plain() throws Exception {
        assertThat(row("p-abc", "12", "", null, "a b;c", "ünïcode")).isEqualTo("p-abc,12,,,a b;c,ünïcode\n");
    }

    @Test
    @DisplayName("quote a cell holding a comma, a quote, a carriage return or a line feed, doubling its quotes")
    void quoted() throws Exception {
        assertThat(row("a,b", "say \"no\"", "one\rtwo", "one\ntwo", "\""))
                .isEqualTo("\"a,b\",\"say \"\"no\"\"\",\"one\rtwo\",\"one\ntwo\",\"\"\"\"\n");
    }
}
