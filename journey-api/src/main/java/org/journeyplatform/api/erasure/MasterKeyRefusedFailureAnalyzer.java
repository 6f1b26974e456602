package org.journeyplatform.api.erasure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused master key configuration as Spring Boot's short start-up failure report. */
public class MasterKeyRefusedFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyRefusedException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set JOURNEY_MASTER_KEYS to id:base64 keys of your own "
                        + "(openssl rand -base64 32), the primary first, every key that still wraps data keys after it; "
                        + "see docs/operations.md.",
                cause);
    }
}
