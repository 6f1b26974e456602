package org.journeyplatform.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code generate}: how fast the platform's bulk generator ({@code --generate-journeys}) makes a store of synthetic
 * journeys, against PostgreSQL's own bulk insert rate of the same number of event-shaped rows into the same table.
 * See docs/benchmarks/README.md.
 */
public final class GenerateScenario implements Scenario {

    static final String PG_DB = "bench_pg";
    static final String STORE_DB = "bench_generate";

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String description() {
        return "events per second the bulk generator stores (a million by default) vs PostgreSQL's bulk insert of as "
                + "many event-shaped rows, with wall time, CPU and memory";
    }

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Path runDir = ctx.runDir(name());
        int rows = (int) Math.min(Integer.MAX_VALUE, (long) o.journeys * o.eventsPerJourney);
        ctx.log("PostgreSQL: bulk insert of %,d event-shaped rows in one statement", rows);
        ProcessStats.Sample a = ProcessStats.sample(-1);
        double insertRate = GeneratedStore.bulkInsertRate(ctx, PG_DB, rows);
        ProcessStats.CpuUse pgCpu = ProcessStats.between(a, ProcessStats.sample(-1));
        ctx.log("  %,.0f rows/s", insertRate);
        ctx.databases().drop(PG_DB);

        GeneratedStore.Generation g = GeneratedStore.generate(ctx, STORE_DB, runDir.resolve("generator.log"));
        ctx.databases().drop(STORE_DB);

        double share = g.generatorRate() / insertRate;
        Report.Table table = new Report.Table("figure", "platform's generator", "PostgreSQL alone", "ratio");
        table.row("events stored", Report.number(g.events()), Report.number(rows), "");
        table.row("events/s", Report.number(g.generatorRate()), Report.number(insertRate), Report.percent(share));
        table.row(
                "seconds, generating",
                String.format("%.1f", g.generatorSeconds()),
                String.format("%.1f", rows / insertRate),
                "");
        table.row("seconds, the whole command (JVM start to exit)", String.format("%.1f", g.wallSeconds()), "", "");
        table.row("peak RSS (MiB, sampled every 500 ms)", Report.number(g.peakRssKiB() / 1024.0), "", "");
        Report.Table cpu =
                new Report.Table("CPU, share of the machine", "generator JVM", "PostgreSQL", "other", "idle");
        ProcessStats.CpuUse c = g.cpu();
        cpu.row(
                "while generating (the whole command)",
                Report.percent(c.share(c.endedChildrenMs())),
                Report.percent(c.share(c.postgresMs())),
                Report.percent(c.share(Math.max(0, c.machineBusyMs() - c.endedChildrenMs() - c.postgresMs()))),
                Report.percent(c.share(c.idleMs())));
        cpu.row(
                "PostgreSQL's bulk insert",
                "",
                Report.percent(pgCpu.share(pgCpu.postgresMs())),
                Report.percent(pgCpu.share(pgCpu.otherMs())),
                Report.percent(pgCpu.share(pgCpu.idleMs())));
        String markdown = "Generator: `java " + String.join(" ", Bench.jvmOptions(o.jvmOptionsFile))
                + " -jar journey-api.jar --generate-journeys=" + o.journeys + " --generate-events-per-journey="
                + o.eventsPerJourney + "` on a fresh database. PostgreSQL alone: one `INSERT ... SELECT` of as many "
                + "event-shaped rows (~400-byte payload) into a copy of the event table, fsync on.\n\n"
                + table.markdown() + "\n" + cpu.markdown() + "\nTargets (issue 14): at least 20,000 events/s; a "
                + "million-event store in under a minute.\n";
        Map<String, String> key = new LinkedHashMap<>();
        key.put("generator events/s", Report.number(g.generatorRate()));
        key.put("share of PostgreSQL's bulk insert", Report.percent(share));
        key.put("whole command, s", String.format("%.1f", g.wallSeconds()));
        key.put("peak RSS MiB", Report.number(g.peakRssKiB() / 1024.0));
        return new ScenarioResult(markdown, key);
    }
}
