package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.shared.ReunificationPlanId;
import org.journeyplatform.domain.shared.RuleViolation;

/** Her reunification plans with her children: opened, moved a step forwards or back, closed. */
final class ReunificationPlans extends Concern<ReunificationPlans> {

    private final Map<ReunificationPlanId, JourneyState.Plan> plans = new LinkedHashMap<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(
                ReunificationPlanOpenedEvent.class,
                ReunificationStepRecordedEvent.class,
                ReunificationPlanClosedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof ReunificationPlanOpenedEvent e && e.childPseudonym() == null) {
            throw new IllegalArgumentException("A reunification plan names the child by a pseudonym.");
        }
        if (event instanceof ReunificationStepRecordedEvent e && e.step() == ReunificationStep.PLAN_OPENED) {
            throw new IllegalArgumentException("PLAN_OPENED is where a plan starts; open a plan instead.");
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof ReunificationPlanOpenedEvent e) {
            if (plans.containsKey(e.planId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Reunification plan " + e.planId() + " exists already.");
            }
        } else if (event instanceof ReunificationStepRecordedEvent e) {
            JourneyState.Plan plan = openPlan(e.planId());
            if (plan.step() == e.step()) {
                throw rule(RuleViolation.SAME_STEP, "Plan " + e.planId() + " is at " + e.step() + " already.");
            }
        } else if (event instanceof ReunificationPlanClosedEvent e) {
            openPlan(e.planId());
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof ReunificationPlanOpenedEvent e) {
            plans.put(e.planId(), new JourneyState.Plan(e.childPseudonym(), ReunificationStep.PLAN_OPENED, true));
        } else if (event instanceof ReunificationStepRecordedEvent e) {
            JourneyState.Plan plan = plans.get(e.planId());
            if (plan != null) {
                plans.put(e.planId(), new JourneyState.Plan(plan.childPseudonym(), e.step(), true));
            }
        } else if (event instanceof ReunificationPlanClosedEvent e) {
            JourneyState.Plan plan = plans.get(e.planId());
            if (plan != null) {
                plans.put(e.planId(), new JourneyState.Plan(plan.childPseudonym(), plan.step(), false));
            }
        }
    }

    @Override
    ReunificationPlans copy() {
        ReunificationPlans copy = new ReunificationPlans();
        copy.plans.putAll(plans);
        return copy;
    }

    Map<ReunificationPlanId, JourneyState.Plan> plans() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    }

    private JourneyState.Plan openPlan(ReunificationPlanId id) {
        JourneyState.Plan plan = plans.get(id);
        if (plan == null) {
            throw rule(RuleViolation.UNKNOWN_PLAN, "No reunification plan " + id + ".");
        }
        if (!plan.open()) {
            throw rule(RuleViolation.PLAN_CLOSED, "Reunification plan " + id + " is closed.");
        }
        return plan;
    }
}
