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
