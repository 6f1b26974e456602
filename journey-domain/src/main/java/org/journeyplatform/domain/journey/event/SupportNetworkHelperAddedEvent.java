package org.journeyplatform.domain.journey.event;

import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * Someone joined her support network: a peer, a sponsor, family, a probation officer, police, a judge, a faith
 * community, a health worker...
 *
 * @param kind who the helper is to her
 * @param description how she or staff describe the helper, if at all
 * @param occurredOn when it happened in her life
 */
@Revision("1")
public record SupportNetworkHelperAddedEvent(
        ParticipantId participantId,
        HelperId helperId,
        HelperKind kind,
        @PersonalData String description,
        OccurredOn occurredOn)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "support-network-helper-added";
}
