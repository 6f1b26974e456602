package org.journeyplatform.api.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For a test class whose application shares the module's database with the others but has a configuration of its own
 * (so no other class reuses it): once the class is done, its application's projections stop. Spring keeps every
 * application of the run open, and all of them, being one JVM, claim the projections' tokens as the same node: left
 * running, this one's processors would go on taking the shared tokens, and a replay asked of another application
 * would be overwritten by their positions (the table emptied, never filled again).
 */
public class StopsProjectionsAfterwards implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return; // the enclosing class is not done yet
        }
        EventProcessingConfiguration processing =
                SpringExtension.getApplicationContext(context).getBean(EventProcessingConfiguration.class);
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof SubscribingEventProcessor)) {
                processor.shutDown();
            }
        }
    }
}
