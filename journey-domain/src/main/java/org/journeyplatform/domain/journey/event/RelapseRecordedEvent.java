package org.journeyplatform.domain.journey.event;

import java.util.Set;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;

/**
 * A relapse or return (to drug or alcohol use, to the sex trade, or to contact with an abusive partner or exploiter)
 * happened. It is a fact of the journey, never a failure: it closes nothing and ends no programme stay.
 *
 * @param severity        how serious it was judged to be, if assessed
 * @param supportFollowed the support offered or given afterwards (may be empty)
 * @param note            a free-text note by staff, if any
 */
@Revision("1")
public record RelapseRecordedEvent(
        ParticipantId participantId,
        OccurredOn occurredOn,
        RelapseKind kind,
        RelapseSeverity severity,
        Set<SupportKind> supportFollowed,
        @PersonalData String note)
        implements JourneyEvent {

    /**
     * Its public name: the timeline's {@code type}, the integration stream's CloudEvents type and research's event
     * type (see {@link EventNames}). Never change it: clients and exports rely on it.
     */
    public static final String NAME = "relapse-recorded";

    public RelapseRecordedEvent {
        supportFollowed = supportFollowed == null ? Set.of() : Set.copyOf(supportFollowed);
    }
}
