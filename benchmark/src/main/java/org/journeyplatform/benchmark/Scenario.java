package org.journeyplatform.benchmark;

/**
 * One benchmark scenario. To add one: implement this, register it in {@link Bench#SCENARIOS}, document it in
 * docs/benchmarks/README.md. A scenario creates and drops its own databases, starts and stops its own processes
 * through {@link BenchContext#processes()} (which stops them on every exit path), and returns markdown.
 */
public interface Scenario {

    /** The name on the command line and in the results file name. */
    String name();

    /** One sentence for the usage text and the report header. */
    String description();

    /** Runs the scenario once; the context's options carry the durations, jars and sizes. */
    ScenarioResult run(BenchContext context) throws Exception;
}
