package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.Optional;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;

/**
 * One journey event as the dashboard figures see it: who, what kind, when, and the few non-personal fields a figure
 * uses. Free text, names and children's pseudonyms never get here.
 *
 * @param programmeId the programme of an entry or exit
 * @param label       the exit reason, milestone type, relapse kind, peer-session kind, reunification step or closure
 *                    reason, or instrument code
 * @param ref         the reunification plan or the peer mentor
 * @param direction   a reunification step's direction
 * @param score       an assessment's total
 */
public record DashboardFact(
        String participantId,
        long sequence,
        Kind kind,
        LocalDate on,
        LocalTime time,
        String programmeId,
        String label,
        String ref,
        String direction,
        Double score)
        implements org.journeyplatform.domain.journey.LifeOrder.Placed {

    /** Life order, the journey's own ({@link org.journeyplatform.domain.journey.LifeOrder}). */
    static final Comparator<DashboardFact> LIFE_ORDER = org.journeyplatform.domain.journey.LifeOrder.comparator();

    @Override
    public LocalDate lifeDay() {
        return on;
    }

    @Override
    public LocalTime lifeTime() {
        return time;
    }

    /** The dashboard counts no enrolments. */
    @Override
    public boolean enrolment() {
        return false;
    }

    @Override
    public long recordingOrder() {
        return sequence;
    }

    /**
     * The kinds of event the dashboard counts, each with the names of the event's fields that fill the row's columns
     * (a correction of one of those fields updates the column).
     */
    public enum Kind {
        ENTERED(ProgrammeEnteredEvent.class, "programmeId", null, null, null, null),
        EXITED(ProgrammeExitedEvent.class, "programmeId", "reason", null, null, null),
        MILESTONE(MilestoneReachedEvent.class, null, "type", null, null, null),
        RELAPSE(RelapseRecordedEvent.class, null, "kind", null, null, null),
        PEER_SESSION(PeerSessionAttendedEvent.class, null, "kind", "peerId", null, null),
        MENTOR_ASSIGNED(PeerMentorAssignedEvent.class, null, null, "peerId", null, null),
        MENTOR_ENDED(PeerMentorAssignmentEndedEvent.class, null, null, "peerId", null, null),
        PLAN_OPENED(ReunificationPlanOpenedEvent.class, null, null, "planId", null, null),
        PLAN_STEP(ReunificationStepRecordedEvent.class, null, "step", "planId", "direction", null),
        PLAN_CLOSED(ReunificationPlanClosedEvent.class, null, "reason", "planId", null, null),
        ASSESSMENT(AssessmentRecordedEvent.class, null, "instrument", null, null, "total");

        final Class<? extends JourneyEvent> eventType;
        final String programmeField;
        final String labelField;
        final String refField;
        final String directionField;
        final String scoreField;

        Kind(
                Class<? extends JourneyEvent> eventType,
                String programmeField,
                String labelField,
                String refField,
                String directionField,
                String scoreField) {
            this.eventType = eventType;
            this.programmeField = programmeField;
            this.labelField = labelField;
            this.refField = refField;
            this.directionField = directionField;
            this.scoreField = scoreField;
        }

        static Optional<Kind> of(JourneyEvent event) {
            for (Kind kind : values()) {
                if (kind.eventType.isInstance(event)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        /** The kind counted for events of this class, if any. */
        public static Optional<Kind> ofType(Class<?> eventType) {
            for (Kind kind : values()) {
                if (kind.eventType == eventType) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        /** The column a corrected field of this kind's event goes to, if the dashboard keeps it. */
        Optional<String> columnOf(String field) {
            if (field.equals("occurredOn")) {
                return Optional.of("occurred_on");
            }
            if (field.equals("occurredAt")) {
                return Optional.of("occurred_time");
            }
            if (field.equals(programmeField)) {
                return Optional.of("programme_id");
            }
            if (field.equals(labelField)) {
                return Optional.of("label");
            }
            if (field.equals(refField)) {
                return Optional.of("ref");
            }
            if (field.equals(directionField)) {
                return Optional.of("direction");
            }
            return Optional.empty();
        }
    }
}
