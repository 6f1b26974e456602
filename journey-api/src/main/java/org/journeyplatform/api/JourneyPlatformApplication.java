package org.journeyplatform.api;

import org.journeyplatform.api.research.ResearchExportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The journey platform: REST API, security and demo data over the domain, projections and infrastructure. */
@SpringBootApplication(scanBasePackages = "org.journeyplatform")
@ConfigurationPropertiesScan("org.journeyplatform")
@EnableScheduling
public class JourneyPlatformApplication {

    public static void main(String[] args) {
        // Machines running this platform need not reach the internet: Axon's update checker stays off unless asked for.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(
                    "axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        }
        warnWithoutHeapLimit();
        if (java.util.Arrays.stream(args)
                .anyMatch(a -> isOption(a, ResearchExportCommand.OPTION) || a.startsWith("--generate-"))) {
            quietCommandLine();
        }
        SpringApplication.run(JourneyPlatformApplication.class, args);
    }

    private static boolean isOption(String argument, String option) {
        return argument.equals("--" + option) || argument.startsWith("--" + option + "=");
    }

    /**
     * An operator command (the research export, the generator of synthetic journeys) prints its progress bar and its result, not the application's
     * start-up log: only warnings and errors are logged. It serves on a free port of its own, so that it never
     * competes with a running platform for its port, and exits without the serving platform's drain (five seconds in
     * which no client of its port waits for anything). Each can still be set otherwise on the command line.
     */
    static void quietCommandLine() {
        for (String[] setting : new String[][] {
            {"logging.level.root", "WARN"},
            {"spring.main.log-startup-info", "false"},
            {"server.port", "0"},
            {"journey.shutdown.drain", "PT0S"}
        }) {
            if (System.getProperty(setting[0]) == null) {
                System.setProperty(setting[0], setting[1]);
            }
        }
    }

    /**
     * Without -Xmx the JVM may take a quarter of the machine's memory and keeps garbage until it does: say so once. The
     * README's commands set the limit (-Xmx512m); docs/operations.md says how to raise it.
     */
    private static void warnWithoutHeapLimit() {
        boolean limited = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM"));
        long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
        if (!limited && maxMiB > 2048) {
            System.err.println("journey platform: no heap limit set, the JVM may grow to " + maxMiB
                    + " MiB; start it with -Xmx512m (README.md, docs/operations.md)");
        }
    }
}
