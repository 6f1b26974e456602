package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.RuleViolation;

/**
 * One concern of her journey (her stays, her reunification plans, her goals, ...): the kinds of journey event it owns
 * and, for each, its field rules (what its own values must be), whether it fits after what has been folded so far
 * (life-order rules), and how it is folded. {@link JourneyState} hands every event to the one concern that owns its
 * type, and refuses to load when a kind of journey event has no owner or two: a new event type cannot be forgotten.
 * <p>
 * Plain Java: no framework, no I/O.
 *
 * @param <C> the concern itself, for {@link #copy}
 */
abstract class Concern<C extends Concern<C>> {

    /** The kinds of journey event this concern owns. */
    abstract Set<Class<? extends JourneyEvent>> events();

    /**
     * Throws when the event's own values break a rule, whatever came before it (also for what a correction would
     * make of a recorded event). Never reads this concern's state.
     */
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {}

    /** Throws when the event, dated {@code on}, does not fit after everything folded so far. */
    void check(JourneyEvent event, LocalDate on) {}

    /** Folds the event in. Never throws: history that was accepted once always loads. */
    void apply(JourneyEvent event, LocalDate on) {}

    /** An independent copy of what has been folded so far. */
    abstract C copy();

    static JourneyRuleException rule(RuleViolation violation, String detail) {
        return new JourneyRuleException(violation, detail);
    }
}
