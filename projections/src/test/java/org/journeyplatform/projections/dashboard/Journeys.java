package org.journeyplatform.projections.dashboard;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;

/**
 * Dashboard facts written by hand, one participant at a time, in the order they were recorded: {@code
 * journeys.of("p-01").entered("prog-a", "2024-01-10").exited("prog-a", "2024-03-01", COMPLETED)}. A day may carry a
 * time of day, {@code "2024-01-10T09:30"}. Every fact gets the next recording sequence number.
 */
final class Journeys {

    private final List<DashboardFact> facts = new ArrayList<>();
    private long sequence;

    Participant of(String participantId) {
        return new Participant(participantId);
    }

    List<DashboardFact> facts() {
        return List.copyOf(facts);
    }

    /** The figures of the given programmes over [from, to], as of the period's last day. */
    DashboardCalculator.Figures figures(Set<String> programmes, String from, String to) {
        return figures(programmes, from, to, to);
    }

    DashboardCalculator.Figures figures(Set<String> programmes, String from, String to, String asOf) {
        // every hand-worked figure holds the ready figures to the reference too
        return ReadyFiguresCheck.checked(
                facts(), programmes, LocalDate.parse(from), LocalDate.parse(to), LocalDate.parse(asOf), Interval.MONTH);
    }

    static LocalDate day(String text) {
        return LocalDate.parse(text.contains("T") ? text.substring(0, text.indexOf('T')) : text);
    }

    static LocalTime time(String text) {
        return text.contains("T") ? LocalTime.parse(text.substring(text.indexOf('T') + 1)) : null;
    }

    final class Participant {

        private final String id;

        private Participant(String id) {
            this.id = id;
        }

        private Participant add(
                Kind kind, String on, String programme, String label, String ref, String direction, Double score) {
            facts.add(new DashboardFact(
                    id, ++sequence, kind, day(on), time(on), programme, label, ref, direction, score));
            return this;
        }

        Participant entered(String programme, String on) {
            return add(Kind.ENTERED, on, programme, null, null, null, null);
        }

        Participant exited(String programme, String on, ExitReason reason) {
            return add(Kind.EXITED, on, programme, reason.name(), null, null, null);
        }

        Participant milestone(String on, MilestoneType type) {
            return add(Kind.MILESTONE, on, null, type.name(), null, null, null);
        }

        Participant relapse(String on) {
            return relapse(on, RelapseKind.DRUG_OR_ALCOHOL_USE);
        }

        Participant relapse(String on, RelapseKind kind) {
            return add(Kind.RELAPSE, on, null, kind.name(), null, null, null);
        }

        Participant peerSession(String on, String peer) {
            return add(Kind.PEER_SESSION, on, null, "ONE_TO_ONE", peer, null, null);
        }

        Participant mentorAssigned(String on, String peer) {
            return add(Kind.MENTOR_ASSIGNED, on, null, null, peer, null, null);
        }

        Participant mentorEnded(String on, String peer) {
            return add(Kind.MENTOR_ENDED, on, null, null, peer, null, null);
        }

        Participant planOpened(String on, String plan) {
            return add(Kind.PLAN_OPENED, on, null, null, plan, null, null);
        }

        Participant step(String on, String plan, ReunificationStep step, StepDirection direction) {
            return add(Kind.PLAN_STEP, on, null, step.name(), plan, direction.name(), null);
        }

        Participant planClosed(String on, String plan, ReunificationPlanClosureReason reason) {
            return add(Kind.PLAN_CLOSED, on, null, reason.name(), plan, null, null);
        }

        Participant assessment(String on, String instrument, Double total) {
            return add(Kind.ASSESSMENT, on, null, instrument, null, null, total);
        }
    }
}
