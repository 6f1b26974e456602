package org.journeyplatform.api.support;

import org.journeyplatform.infra.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the demo data set: the application with the {@code demo} profile on a database of its
 * own (the demo data only loads into an empty event store). Subclasses share one application and one data set.
 */
@ActiveProfiles("demo")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "journey.database.exit-when-unreachable=false",
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.idle-timeout=10000"
        })
public abstract class DemoDataSetTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void emptyDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.Coordinates db = TestDatabase.fresh();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }
}
