package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.JourneyState.GoalStatus;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalDroppedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.GoalId;
import org.journeyplatform.domain.shared.RuleViolation;

/** Her goals: set, progress noted, achieved or dropped. */
final class Goals extends Concern<Goals> {

    private final Map<GoalId, GoalStatus> goals = new LinkedHashMap<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(
                GoalSetEvent.class, GoalProgressNotedEvent.class, GoalAchievedEvent.class, GoalDroppedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof GoalSetEvent e && e.description() == null) {
            throw new IllegalArgumentException("A goal is described in her words; the description must not be blank.");
        }
        if (event instanceof GoalProgressNotedEvent e && e.note() == null) {
            throw new IllegalArgumentException("Progress is noted in words; the note must not be blank.");
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof GoalSetEvent e) {
            if (goals.containsKey(e.goalId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Goal " + e.goalId() + " exists already.");
            }
        } else if (event instanceof GoalProgressNotedEvent e) {
            requireActive(e.goalId());
        } else if (event instanceof GoalAchievedEvent e) {
            requireActive(e.goalId());
        } else if (event instanceof GoalDroppedEvent e) {
            requireActive(e.goalId());
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof GoalSetEvent e) {
            goals.put(e.goalId(), GoalStatus.ACTIVE);
        } else if (event instanceof GoalAchievedEvent e) {
            goals.put(e.goalId(), GoalStatus.ACHIEVED);
        } else if (event instanceof GoalDroppedEvent e) {
            goals.put(e.goalId(), GoalStatus.DROPPED);
        }
        // progress notes change nothing a rule depends on
    }

    @Override
    Goals copy() {
        Goals copy = new Goals();
        copy.goals.putAll(goals);
        return copy;
    }

    Map<GoalId, GoalStatus> goals() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(goals));
    }

    private void requireActive(GoalId id) {
        GoalStatus status = goals.get(id);
        if (status == null) {
            throw rule(RuleViolation.UNKNOWN_GOAL, "No goal " + id + ".");
        }
        if (status != GoalStatus.ACTIVE) {
            throw rule(
                    RuleViolation.GOAL_NOT_ACTIVE,
                    "Goal " + id + " is " + status.name().toLowerCase() + ".");
        }
    }
}
