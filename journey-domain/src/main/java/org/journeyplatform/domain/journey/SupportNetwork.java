package org.journeyplatform.domain.journey;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.shared.HelperId;
import org.journeyplatform.domain.shared.RuleViolation;

/** The people in her support network: helpers added and removed (an id is never used twice). */
final class SupportNetwork extends Concern<SupportNetwork> {

    private final Map<HelperId, HelperKind> helpers = new LinkedHashMap<>();
    private final Set<HelperId> everHelpers = new HashSet<>();

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(SupportNetworkHelperAddedEvent.class, SupportNetworkHelperRemovedEvent.class);
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof SupportNetworkHelperAddedEvent e) {
            if (everHelpers.contains(e.helperId())) {
                throw rule(RuleViolation.DUPLICATE_ID, "Helper " + e.helperId() + " exists already.");
            }
        } else if (event instanceof SupportNetworkHelperRemovedEvent e) {
            if (!helpers.containsKey(e.helperId())) {
                throw rule(
                        RuleViolation.UNKNOWN_HELPER,
                        "Helper " + e.helperId() + " is not in her network on " + on + ".");
            }
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof SupportNetworkHelperAddedEvent e) {
            helpers.put(e.helperId(), e.kind());
            everHelpers.add(e.helperId());
        } else if (event instanceof SupportNetworkHelperRemovedEvent e) {
            helpers.remove(e.helperId());
        }
    }

    @Override
    SupportNetwork copy() {
        SupportNetwork copy = new SupportNetwork();
        copy.helpers.putAll(helpers);
        copy.everHelpers.addAll(everHelpers);
        return copy;
    }

    Map<HelperId, HelperKind> helpers() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(helpers));
    }
}
