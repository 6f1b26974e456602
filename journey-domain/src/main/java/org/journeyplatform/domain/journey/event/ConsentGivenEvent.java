package org.journeyplatform.domain.journey.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.ConsentKind;
import org.journeyplatform.domain.shared.ConsentId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * She gave consent, with a scope and an expiry date. Consent is a ledger of these events, never a flag.
 *
 * @param kind service or research
 * @param scope what it covers, e.g. "all-research" or a study's reference; free text, so personal data (sealed,
 *              erased with her)
 * @param expiresOn the last day it is valid
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record ConsentGivenEvent(
        ParticipantId participantId,
        ConsentId consentId,
        ConsentKind kind,
        @PersonalData String scope,
        LocalDate expiresOn,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "consent-given";
}
