package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.journey.JourneyState;

/**
 * Why a participant of the study's programmes and period is not in an export. Each is counted in the manifest; none
 * says who.
 */
public enum Exclusion {

    /** No research consent with the study's consent scope was ever given (or only consents of another scope). */
    NO_CONSENT("no-consent"),
    /** Her research consent for the scope was withdrawn, and she has given no new one since. */
    WITHDRAWN("withdrawn"),
    /** Her research consent for the scope had expired by the export date, and she has given no new one. */
    EXPIRED("expired"),
    /** She was erased (her right to erasure): an erasure in her record or in the erasure ledger. */
    ERASED("erased"),
    /**
     * No days of hers are left to observe once her follow-up is cut ({@link AnonymisedHistory#window}): she was enrolled
     * only in the last days before the export or the end of the study period.
     */
    NO_FOLLOW_UP("no-follow-up"),
    /** She was in a group of fewer than k participants on the quasi-identifiers after every generalisation. */
    K_ANONYMITY("k-anonymity"),
    /**
     * Her history was still unique among the study's after every reduction of its detail, and the share of unique
     * histories was above the study's limit ({@link DisclosureRisk}).
     */
    DISCLOSURE_RISK("disclosure-risk");

    private final String code;

    Exclusion(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Whether her consents cover the study on the export date: a research consent whose scope is exactly the study's
     * consent scope, given on or before that day, expiring on or after it, and not withdrawn on or before it. Without
     * one, the reason: a withdrawn consent of that scope wins over an expired one, and either over no consent.
     */
    public static Optional<Exclusion> byConsent(
            Collection<JourneyState.Consent> consents, String scope, LocalDate exportDate) {
        boolean withdrawn = false;
        boolean expired = false;
        for (JourneyState.Consent consent : consents) {
            if (consent.kind() != ConsentKind.RESEARCH
                    || consent.scope() == null
                    // compared as both are stored now: without spaces of any kind around them (a consent given
                    // before scopes were stripped so may still end with a no-break space)
                    || !org.journeyplatform.domain.shared.VisibleText.strip(consent.scope())
                            .equals(org.journeyplatform.domain.shared.VisibleText.strip(scope))
                    || consent.expiresOn() == null) {
                continue;
            }
            if (consent.withdrawnOn() != null && !consent.withdrawnOn().isAfter(exportDate)) {
                withdrawn = true;
            } else if (consent.expiresOn().isBefore(exportDate)) {
                expired = true;
            } else if (!consent.givenOn().isAfter(exportDate)) {
                return Optional.empty();
            }
        }
        return Optional.of(withdrawn ? WITHDRAWN : expired ? EXPIRED : NO_CONSENT);
    }
}
