package org.journeyplatform.api.support;

import org.journeyplatform.infra.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of most API tests: the application on the database created for this test run ({@link TestDatabase#get()}),
 * shared by every test class that extends this (they see each other's participants and programmes).
 */
public abstract class ApiTest extends ApiTestBase {

    /** The audit log's checkpoint file of this test run: its own, as the database is. */
    protected static final java.nio.file.Path AUDIT_CHECKPOINT_FILE = auditCheckpointFile();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database(registry, TestDatabase.get(), AUDIT_CHECKPOINT_FILE);
    }
}
