package org.journeyplatform.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The markdown report of a scenario: a header (date, commit, machine, JVM options, command line), each run under
 * "Run k", and with several runs a summary of the key figures per run. Printed to stdout and written to
 * {@code <results>/<yyyy-mm-dd>-<scenario>.md}.
 */
public final class Report {

    private Report() {}

    /** A markdown table. */
    public static final class Table {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        public Table(String... header) {
            this.header = List.of(header);
        }

        public Table row(String... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size()
                        + " columns: " + Arrays.toString(cells));
            }
            rows.add(List.of(cells));
            return this;
        }

        public int size() {
            return rows.size();
        }

        public String markdown() {
            StringBuilder sb = new StringBuilder();
            line(sb, header);
            sb.append('|');
            for (int i = 0; i < header.size(); i++) {
                sb.append(" --- |");
            }
            sb.append('\n');
            for (List<String> r : rows) {
                line(sb, r);
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, List<String> cells) {
            sb.append('|');
            for (String c : cells) {
                sb.append(' ').append(escape(c)).append(" |");
            }
            sb.append('\n');
        }

        static String escape(String cell) {
            if (cell == null || cell.isEmpty()) {
                return "–";
            }
            return cell.replace("\r", "").replace("\n", " ").replace("|", "\\|");
        }
    }

    /** A number with a sensible precision: 1,234 / 123 / 12.3 / 1.23 / 0.123. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** {@code a / b} to two significant figures or so; "–" when either is missing or b is 0. */
    public static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        double r = a / b;
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
        if (r >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", r);
        }
        return String.format(Locale.ROOT, "%.3f", r);
    }

    /** A share of 1 as a percentage: 0.0312 → "3.1 %". */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /**
     * Where a scenario's results go: {@code <dir>/<date>-<scenario>.md}, or {@code <date>-<scenario>-2.md} (and so on)
     * when that day's file exists already: an earlier run of the same day is never overwritten.
     */
    public static Path resultsFile(Path dir, LocalDate date, String scenario) {
        Path file = dir.resolve(date + "-" + scenario + ".md");
        for (int n = 2; java.nio.file.Files.exists(file); n++) {
            file = dir.resolve(date + "-" + scenario + "-" + n + ".md");
        }
        return file;
    }

    /** The whole report of one scenario: header, "Run k" sections, and a summary table when there are several. */
    public static String compose(String header, List<ScenarioResult> runs) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        if (runs.size() == 1) {
            sb.append(runs.get(0).markdown());
        } else {
            for (int k = 0; k < runs.size(); k++) {
                sb.append("## Run ")
                        .append(k + 1)
                        .append("\n\n")
                        .append(demote(runs.get(k).markdown()))
                        .append('\n');
            }
            sb.append(summary(runs));
        }
        return sb.toString();
    }

    /** One row per key figure, one column per run. */
    static String summary(List<ScenarioResult> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.keyFigures().keySet()));
        String[] header = new String[runs.size() + 1];
        header[0] = "figure";
        for (int k = 0; k < runs.size(); k++) {
            header[k + 1] = "run " + (k + 1);
        }
        Table t = new Table(header);
        for (String key : keys) {
            String[] row = new String[runs.size() + 1];
            row[0] = key;
            for (int k = 0; k < runs.size(); k++) {
                row[k + 1] = runs.get(k).keyFigures().getOrDefault(key, "–");
            }
            t.row(row);
        }
        return "## Summary of the " + runs.size() + " runs\n\n" + t.markdown();
    }

    /** Moves every markdown heading one level down, so a run's "## x" sits under "## Run k" as "### x". */
    static String demote(String markdown) {
        StringBuilder sb = new StringBuilder();
        boolean fence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            sb.append(!fence && line.startsWith("#") ? "#" + line : line).append('\n');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    public static void write(Path file, String markdown) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
    }
}
