package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanReviewedEvent;
import org.journeyplatform.domain.shared.RuleViolation;
import org.journeyplatform.domain.shared.SafetyPlanId;

/** Her safety: her safety plans, created and reviewed, and the protection orders noted. */
final class Safety extends Concern<Safety> {

    private final Set<SafetyPlanId> safetyPlans = new HashSet<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(SafetyPlanCreatedEvent.class, SafetyPlanReviewedEvent.class, ProtectionOrderNotedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof SafetyPlanCreatedEvent e && e.contents() == null) {
            throw new IllegalArgumentException("A safety plan has contents.");
        }
        if (event instanceof ProtectionOrderNotedEvent e
                && e.expiresOn() != null
                && e.expiresOn().isBefore(e.occurredOn().date())) {
            throw new IllegalArgumentException("A protection order cannot expire before it is noted.");
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof SafetyPlanCreatedEvent e) {
            if (safetyPlans.contains(e.safetyPlanId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Safety plan " + e.safetyPlanId() + " exists already.");
            }
        } else if (event instanceof SafetyPlanReviewedEvent e) {
            if (!safetyPlans.contains(e.safetyPlanId())) {
                throw rule(RuleViolation.UNKNOWN_SAFETY_PLAN, "No safety plan " + e.safetyPlanId() + " on " + on + ".");
            }
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof SafetyPlanCreatedEvent e) {
            safetyPlans.add(e.safetyPlanId());
        }
        // reviews and protection orders change nothing a rule depends on
    }

    @Override
    Safety copy() {
        Safety copy = new Safety();
        copy.safetyPlans.addAll(safetyPlans);
        return copy;
    }
}
