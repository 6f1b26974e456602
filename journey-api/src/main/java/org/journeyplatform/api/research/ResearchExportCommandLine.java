package org.journeyplatform.api.research;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When the platform is started for a command-line research export ({@code --research-export=<studyId>}), it serves
 * HTTP on a random free port unless {@code --server.port} is given, so that the export can run beside a running
 * platform on the same machine.
 */
public class ResearchExportCommandLine implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(ResearchExportCommand.OPTION) == null) {
            return;
        }
        MapPropertySource source = new MapPropertySource("researchExportCommandLine", Map.of("server.port", "0"));
        if (environment.getPropertySources().contains("commandLineArgs")) {
            environment.getPropertySources().addAfter("commandLineArgs", source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }
}
