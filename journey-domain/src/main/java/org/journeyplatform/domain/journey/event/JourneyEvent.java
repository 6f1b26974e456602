package org.journeyplatform.domain.journey.event;

import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;

/**
 * Something that happened in one participant's journey. Every journey event says whose journey it belongs to and when
 * it happened in her life; when it was recorded is the event message's timestamp, and who recorded it is the
 * {@code actor} in its metadata.
 * <p>
 * The package of these classes is stored with every event: do not move or rename them without an upcaster.
 */
public sealed interface JourneyEvent
        permits ParticipantEnrolledEvent,
                ProfileDetailsUpdatedEvent,
                ProgrammeEnteredEvent,
                ProgrammeExitedEvent,
                ModuleAttendedEvent,
                ModuleCompletedEvent,
                RelapseRecordedEvent,
                MilestoneReachedEvent,
                ReunificationPlanOpenedEvent,
                ReunificationStepRecordedEvent,
                ReunificationPlanClosedEvent,
                PeerMentorAssignedEvent,
                PeerMentorAssignmentEndedEvent,
                PeerSessionAttendedEvent,
                AssessmentRecordedEvent,
                GoalSetEvent,
                GoalProgressNotedEvent,
                GoalAchievedEvent,
                GoalDroppedEvent,
                SafetyPlanCreatedEvent,
                SafetyPlanReviewedEvent,
                ProtectionOrderNotedEvent,
                SupportNetworkHelperAddedEvent,
                SupportNetworkHelperRemovedEvent,
                ConsentGivenEvent,
                ConsentWithdrawnEvent,
                EventCorrectedEvent,
                EventRetractedEvent,
                ParticipantErasedEvent {

    ParticipantId participantId();

    OccurredOn occurredOn();
}
