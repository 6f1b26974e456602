package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.JourneyState.Consent;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.RuleViolation;

/** Her consent ledger: consents given, with their scope and expiry, and withdrawn. */
final class Consents extends Concern<Consents> {

    private final Map<ConsentId, Consent> consents = new LinkedHashMap<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(ConsentGivenEvent.class, ConsentWithdrawnEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof ConsentGivenEvent e && e.scope() == null) {
            throw new IllegalArgumentException("A consent says what it covers (its scope).");
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof ConsentGivenEvent e) {
            if (consents.containsKey(e.consentId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Consent " + e.consentId() + " exists already.");
            }
            if (e.expiresOn().isBefore(on)) {
                throw rule(
                        RuleViolation.CONSENT_EXPIRES_BEFORE_GIVEN,
                        "Given on " + on + " but expiring on " + e.expiresOn() + ".");
            }
        } else if (event instanceof ConsentWithdrawnEvent e) {
            Consent consent = consents.get(e.consentId());
            if (consent == null) {
                throw rule(RuleViolation.UNKNOWN_CONSENT, "No consent " + e.consentId() + " on " + on + ".");
            }
            if (consent.withdrawnOn() != null) {
                throw rule(
                        RuleViolation.CONSENT_ALREADY_WITHDRAWN,
                        "Consent " + e.consentId() + " was withdrawn on " + consent.withdrawnOn() + ".");
            }
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof ConsentGivenEvent e) {
            consents.put(e.consentId(), new Consent(e.kind(), e.scope(), on, e.expiresOn(), null));
        } else if (event instanceof ConsentWithdrawnEvent e) {
            Consent c = consents.get(e.consentId());
            if (c != null && c.withdrawnOn() == null) {
                consents.put(e.consentId(), new Consent(c.kind(), c.scope(), c.givenOn(), c.expiresOn(), on));
            }
        }
    }

    @Override
    Consents copy() {
        Consents copy = new Consents();
        copy.consents.putAll(consents);
        return copy;
    }

    Map<ConsentId, Consent> consents() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(consents));
    }
}
