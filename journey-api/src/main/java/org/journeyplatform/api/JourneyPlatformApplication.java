package org.journeyplatform.api;

import org.journeyplatform.api.demo.JourneyGenerator;
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
        String refused = refusedCommandLine(args);
        if (refused != null) {
            System.err.println("journey platform: " + refused);
            System.exit(2);
        }
        warnWithoutHeapLimit();
        if (java.util.Arrays.stream(args)
                .anyMatch(a -> isOption(a, ResearchExportCommand.OPTION) || a.startsWith("--generate-"))) {
            quietCommandLine();
            org.journeyplatform.api.lifecycle.OperatorCommands.keepStandardOutputForTheOutcome();
        }
        SpringApplication.run(JourneyPlatformApplication.class, args);
    }

    /**
     * Why the operator commands asked for cannot run as given, before anything starts (no start-up, no database
     * touched): two commands at once, an option of one that does not exist (a misspelt command would otherwise start
     * a serving platform), a generator number out of range (every one that is), an export without its directory. Null
     * when the arguments are fine or ask for no operator command.
     */
    static String refusedCommandLine(String[] args) {
        org.springframework.boot.ApplicationArguments arguments;
        try {
            arguments = new org.springframework.boot.DefaultApplicationArguments(args);
        } catch (IllegalArgumentException e) { // "--" or "--=x": Spring would refuse them too, with a stack trace
            return "the arguments cannot be read (" + e.getMessage() + "); options are given as --name=value.";
        }
        if (!arguments.getNonOptionArgs().isEmpty()) {
            // the platform takes options only: a word on its own is a slip ("-research-export=x", "--generate-seed 7")
            return "'"
                    + org.journeyplatform.infra.axon.ShadowRebuilds.shortened(
                            arguments.getNonOptionArgs().get(0))
                    + "' is not an option: the platform takes options only, each as --name=value (docs/operations.md).";
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        arguments.getOptionNames().forEach(name -> names.add(name.toLowerCase(java.util.Locale.ROOT)));
        if (!names.equals(arguments.getOptionNames())
                && names.stream().anyMatch(name -> name.contains("export") || name.contains("generat"))) {
            return "operator commands are written in lower case: --" + ResearchExportCommand.OPTION + ", --"
                    + JourneyGenerator.OPTION + " (docs/operations.md).";
        }
        boolean generate = names.stream().anyMatch(name -> name.startsWith("generate-"));
        boolean export = names.stream().anyMatch(name -> name.startsWith("research-"));
        if (generate && export) {
            return "--" + JourneyGenerator.OPTION + " and --" + ResearchExportCommand.OPTION
                    + " are two commands: give one at a time.";
        }
        for (String name : names) {
            boolean operatorLike = (!name.contains(".") || name.startsWith("research.") || name.startsWith("generate."))
                    && (name.contains("export") || name.contains("generat") || name.contains("journeys"));
            boolean known = name.equals(ResearchExportCommand.OPTION)
                    || name.equals(ResearchExportCommand.OUT)
                    || name.startsWith("generate-");
            if ((operatorLike || name.startsWith("research-")) && !known) {
                return "there is no option --" + org.journeyplatform.infra.axon.ShadowRebuilds.shortened(name)
                        + "; the operator commands are --" + ResearchExportCommand.OPTION + "=<studyId> --"
                        + ResearchExportCommand.OUT + "=<directory>, and --" + JourneyGenerator.OPTION
                        + "=<participants> with --" + JourneyGenerator.EVENTS + ", --" + JourneyGenerator.SEED
                        + " and --"
                        + JourneyGenerator.PROGRAMMES + " (docs/operations.md).";
            }
        }
        if (generate) {
            try {
                JourneyGenerator.parse(arguments);
            } catch (JourneyGenerator.BadArguments e) {
                return e.getMessage() + ".";
            }
        }
        if (export) {
            for (String option : java.util.List.of(ResearchExportCommand.OPTION, ResearchExportCommand.OUT)) {
                java.util.List<String> values = arguments.getOptionValues(option);
                if (values == null || values.size() != 1 || values.get(0).isBlank()) {
                    return "Usage: --" + ResearchExportCommand.OPTION + "=<studyId> --" + ResearchExportCommand.OUT
                            + "=<directory> (each once).";
                }
            }
        }
        return null;
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
