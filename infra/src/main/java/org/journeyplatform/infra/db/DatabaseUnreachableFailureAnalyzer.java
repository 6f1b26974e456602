package org.journeyplatform.infra.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database into Spring Boot's short start-up failure report instead of a stack trace. */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Start PostgreSQL or set JOURNEY_DB_URL / JOURNEY_DB_USER / JOURNEY_DB_PASSWORD (see README.md).",
                cause);
    }
}
