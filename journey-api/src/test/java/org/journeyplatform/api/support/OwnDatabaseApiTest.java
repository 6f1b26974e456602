package org.journeyplatform.api.support;

import org.journeyplatform.infra.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the API tests that plant rows other tests must not meet (a poison event in the event store): the application
 * on a database of its own ({@link TestDatabase#fresh()}), so that no other test's application instance, which runs
 * its own projections on the shared database, handles them, and no other test sees them.
 */
public abstract class OwnDatabaseApiTest extends ApiTestBase {

    private static final TestDatabase.Coordinates DATABASE = TestDatabase.fresh();
    private static final java.nio.file.Path AUDIT_CHECKPOINT_FILE = auditCheckpointFile();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        database(registry, DATABASE, AUDIT_CHECKPOINT_FILE);
    }
}
