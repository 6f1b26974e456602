package org.journeyplatform.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store of synthetic journeys made by the platform's own bulk generator ({@code --generate-journeys}), and what
 * PostgreSQL alone does with the same rows: insert them in bulk, read them in order. Shared by the {@code generate}
 * and {@code replay} scenarios.
 */
final class GeneratedStore {

    private static final Pattern GENERATED =
            Pattern.compile("Generated ([0-9,]+) journeys with ([0-9,]+) events .* in ([0-9.]+) s: ([0-9,]+) events/s");

    /** One run of the generator: its own figures, the whole process's wall time and CPU, and its memory. */
    record Generation(
            long journeys,
            long events,
            double generatorSeconds,
            double generatorRate,
            double wallSeconds,
            ProcessStats.CpuUse cpu,
            long peakRssKiB) {}

    private GeneratedStore() {}

    /** Runs the packaged platform's generator on a fresh {@code database}; fails with the log's end when it fails. */
    static Generation generate(BenchContext ctx, String database, Path log) throws Exception {
        Options o = ctx.options();
        return generate(ctx, database, log, true, o.journeys, o.eventsPerJourney, 1, 10);
    }

    /**
     * Runs the generator with these sizes; on a fresh {@code database} when {@code fresh}, else adding to the store
     * (another seed tells other journeys).
     */
    static Generation generate(
            BenchContext ctx,
            String database,
            Path log,
            boolean fresh,
            int journeys,
            int eventsPerJourney,
            long seed,
            int programmes)
            throws Exception {
        Options o = ctx.options();
        if (fresh) {
            ctx.databases().recreate(database);
        }
        List<String> jvmOptions = Bench.jvmOptions(o.jvmOptionsFile);
        ctx.log(
                "generator: %,d journeys of about %d events in %d programmes (seed %d), with %s (log %s)",
                journeys, eventsPerJourney, programmes, seed, String.join(" ", jvmOptions), log);
        ProcessStats.Sample before = ProcessStats.sample(-1);
        Processes.Child generator = ctx.processes()
                .startJava(
                        "generator",
                        jvmOptions,
                        o.platformJar,
                        List.of(
                                "--generate-journeys=" + journeys, "--generate-events-per-journey=" + eventsPerJourney,
                                "--generate-seed=" + seed, "--generate-programmes=" + programmes),
                        Map.of(
                                "JOURNEY_DB_URL",
                                Databases.url(database),
                                "AXONIQ_UPDATE_CHECKER_DISABLED",
                                "true",
                                "JOURNEY_AUDIT_CHECKPOINT_FILE",
                                log.resolveSibling(database + "-audit-checkpoint.json")
                                        .toAbsolutePath()
                                        .toString()),
                        log);
        long peak;
        try (ProcessStats.RssSampler rss = new ProcessStats.RssSampler(generator.pid())) {
            if (!generator.process().waitFor(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the generator did not finish within 30 minutes; the end of " + log
                        + ":\n" + Processes.tail(log, 20));
            }
            peak = rss.maxKiB(generator.pid());
        }
        ProcessStats.CpuUse cpu = ProcessStats.between(before, ProcessStats.sample(-1));
        if (generator.process().exitValue() != 0) {
            throw new IllegalStateException("the generator exited with status "
                    + generator.process().exitValue() + "; the end of " + log + ":\n" + Processes.tail(log, 20));
        }
        Matcher m = GENERATED.matcher(Files.readString(log).replace('\r', '\n'));
        if (!m.find()) {
            throw new IllegalStateException(
                    "the generator did not say what it generated; the end of " + log + ":\n" + Processes.tail(log, 20));
        }
        long events = count(database);
        Generation g = new Generation(
                number(m.group(1)),
                events,
                Double.parseDouble(m.group(3)),
                number(m.group(4)),
                cpu.wallSeconds(),
                cpu,
                peak);
        ctx.log(
                "  %,d events in the store; the generator: %.1f s, %,.0f events/s; the whole process %.1f s, peak RSS "
                        + "%,d MiB",
                events, g.generatorSeconds(), g.generatorRate(), g.wallSeconds(), peak / 1024);
        return g;
    }

    private static long number(String formatted) {
        return Long.parseLong(formatted.replace(",", ""));
    }

    static long count(String database) throws SQLException {
        try (Connection c = Databases.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long head(String database) throws SQLException {
        try (Connection c = Databases.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** PostgreSQL's ordered read of every event of a store over JDBC (fetch size 1,000, every column), in rows/s. */
    /** PostgreSQL's ordered read of the store, the median of three reads, logged. */
    static double medianOrderedReadRate(BenchContext ctx, String database, long events) throws SQLException {
        ctx.log("PostgreSQL: ordered read of the store's %,d events", events);
        double[] reads = {orderedReadRate(database), orderedReadRate(database), orderedReadRate(database)};
        java.util.Arrays.sort(reads);
        ctx.log("  %,.0f rows/s (median of three)", reads[1]);
        return reads[1];
    }

    static double orderedReadRate(String database) throws SQLException {
        try (Connection c = Databases.connect(database)) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long rows = 0;
            long sink = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("SELECT * FROM domain_event_entry ORDER BY global_index")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            sink += value == null ? 0 : value.hashCode() & 1;
                        }
                        rows++;
                    }
                }
            }
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return sink == Long.MIN_VALUE ? 0 : rows / seconds;
        }
    }

    /**
     * PostgreSQL's bulk insert rate for event-shaped rows: {@code rows} rows into a copy of the platform's event table
     * (its indexes and constraints) in one INSERT ... SELECT, fsync on. Returns rows/s and the CPU it took.
     */
    static double bulkInsertRate(BenchContext ctx, String database, int rows) throws SQLException, IOException {
        ctx.databases().recreate(database);
        String ddl;
        try (var in = GeneratedStore.class.getResourceAsStream("/append-event-table.sql")) {
            ddl = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (Connection c = Databases.connect(database);
                Statement s = c.createStatement()) {
            s.execute(ddl);
            try (var insert = c.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT CAST(CAST(md5(CAST(g / 50 AS text)) AS uuid) AS text), g % 50, 'Journey',
                        CAST(gen_random_uuid() AS text), convert_to(?, 'UTF8'), convert_to(?, 'UTF8'), '1', ?,
                        CAST(clock_timestamp() AS text)
                    FROM generate_series(0, ? - 1) AS g""")) {
                insert.setString(1, AppendScenario.META_DATA);
                insert.setString(2, AppendScenario.PAYLOAD);
                insert.setString(3, AppendScenario.PAYLOAD_TYPE);
                insert.setInt(4, rows);
                long t0 = System.nanoTime();
                insert.executeUpdate();
                return rows / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
