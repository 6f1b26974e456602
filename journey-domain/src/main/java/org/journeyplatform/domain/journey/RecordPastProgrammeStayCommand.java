package org.journeyplatform.domain.journey;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Record a whole stay in a programme that ended before it was recorded: the entry and the exit together, so
 * that the record is never left with a half stay.
 *
 * @param enteredOn the day she entered
 * @param exitedOn the day she left
 * @param reason why the stay ended
 * @param expectedVersion the journey version the caller last saw, or null to not check
 */
public record RecordPastProgrammeStayCommand(
        @TargetAggregateIdentifier ParticipantId participantId,
        ProgrammeId programmeId,
        OccurredOn enteredOn,
        OccurredOn exitedOn,
        ExitReason reason,
        @PersonalData String note,
        @TargetAggregateVersion Long expectedVersion) {

    public RecordPastProgrammeStayCommand {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(enteredOn, "enteredOn");
        Objects.requireNonNull(exitedOn, "exitedOn");
        Objects.requireNonNull(reason, "reason");
    }
}
