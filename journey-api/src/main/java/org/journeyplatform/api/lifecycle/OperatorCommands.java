package org.journeyplatform.api.lifecycle;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;

/**
 * What the operator commands of the packaged jar ({@code --research-export}, {@code --generate-journeys}) share. They
 * start the whole application to use its services, often beside a serving platform on the same database, and exit.
 */
public final class OperatorCommands {

    private OperatorCommands() {}

    /** Where an operator command writes its outcome: the process's stdout as it was before the logs were moved off it. */
    private static volatile java.io.PrintStream report = System.out;

    /**
     * Keeps stdout for the command's outcome alone (a script can keep it: {@code > outcome.txt}): from here on, what
     * anything else writes to {@code System.out} (the console log's warnings and errors) goes to stderr, beside the
     * progress bar.
     */
    public static void keepStandardOutputForTheOutcome() {
        report = System.out;
        System.setOut(System.err);
    }

    /** The stream an operator command's outcome goes to. */
    public static java.io.PrintStream report() {
        return report;
    }

    /**
     * Stops the projections' processors in this process: they would take their segments from the serving platform
     * (or from the next start) and compete for both cores with the command's own work. The subscribing
     * {@code participant-scope}, which runs in the command's own transactions, stays.
     */
    public static void stopProjections(EventProcessingConfiguration processing) {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof SubscribingEventProcessor)) {
                processor.shutDown();
            }
        }
    }
}
