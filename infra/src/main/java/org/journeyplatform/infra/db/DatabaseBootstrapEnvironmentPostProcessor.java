package org.journeyplatform.infra.db;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link DatabaseBootstrap} as soon as the configuration is known, before the connection pool, Flyway or Axon
 * start, so a missing database is created and an unreachable server is reported in one line within seconds.
 * Switch off with {@code journey.database.bootstrap=false} (e.g. when the database is managed elsewhere). With
 * {@code journey.database.exit-when-unreachable=true} (the application's configuration) an unreachable server ends
 * the process with exit code 1 and exactly one line on standard error.
 */
public class DatabaseBootstrapEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("journey.database.bootstrap", Boolean.class, true)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return;
        }
        try {
            DatabaseBootstrap.ensureDatabaseExists(
                    url,
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
        } catch (DatabaseUnreachableException e) {
            if (environment.getProperty("journey.database.exit-when-unreachable", Boolean.class, false)) {
                // the application's own start: one line that says where it looked and what to do, then stop
                System.err.println(e.getMessage());
                System.exit(1);
            }
            throw e; // embedded (tests): Spring Boot reports it through DatabaseUnreachableFailureAnalyzer
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after all property sources (files, env, test properties) are in
    }
}
