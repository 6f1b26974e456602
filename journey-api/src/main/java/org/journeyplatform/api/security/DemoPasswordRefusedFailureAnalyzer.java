package org.journeyplatform.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused demo password as Spring Boot's short start-up failure report, not a stack trace. */
public class DemoPasswordRefusedFailureAnalyzer extends AbstractFailureAnalyzer<DemoPasswordRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoPasswordRefusedException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Give every built-in account its own password (JOURNEY_CASEWORKER_PASSWORD, "
                        + "JOURNEY_OUTREACH_WORKER_PASSWORD, JOURNEY_PEER_WORKER_PASSWORD, JOURNEY_RESEARCHER_PASSWORD, "
                        + "JOURNEY_MANAGER_PASSWORD, JOURNEY_ADMIN_PASSWORD).",
                cause);
    }
}
