package org.journeyplatform.api.erasure;

import jakarta.annotation.PostConstruct;
import java.util.List;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stops start-up when the master keys cannot do their job: in production while the published development key is
 * configured, and anywhere while data keys are wrapped by a master key that is not configured (their participants'
 * personal data could not be read, and would look erased).
 */
@Component
public class MasterKeyChecks {

    private final MasterKeys masterKeys;
    private final ParticipantKeys keys;
    private final boolean refuseDevelopmentKey;

    public MasterKeyChecks(
            MasterKeys masterKeys,
            ParticipantKeys keys,
            @Value("${journey.crypto.refuse-development-key:false}") boolean refuseDevelopmentKey) {
        this.masterKeys = masterKeys;
        this.keys = keys;
        this.refuseDevelopmentKey = refuseDevelopmentKey;
    }

    @PostConstruct
    void check() {
        if (refuseDevelopmentKey && masterKeys.has(MasterKeys.DEVELOPMENT_KEY_ID)) {
            throw new MasterKeyRefusedException(
                    "The published development master key is configured; production " + "start-up refuses it.");
        }
        List<String> missing = keys.missingMasterKeys();
        if (!missing.isEmpty()) {
            throw new MasterKeyRefusedException("Data keys are wrapped by master keys that are not configured: "
                    + String.join(", ", missing) + ".");
        }
    }
}
