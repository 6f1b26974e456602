package org.journeyplatform.api;

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
            System.setProperty("axoniq.update-checker.disabled",
                    System.getProperty("axoniq.update-checker.disabled", "true"));
        }
        SpringApplication.run(JourneyPlatformApplication.class, args);
    }
}
