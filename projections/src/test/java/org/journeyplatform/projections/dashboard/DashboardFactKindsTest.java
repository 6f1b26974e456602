package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.projections.dashboard.DashboardFact.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dashboard projection handles exactly the kinds of event it counts")
class DashboardFactKindsTest {

    private static Set<Class<?>> handled() {
        return Arrays.stream(ProgrammeDashboardProjection.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes)
                .map(types -> types[0])
                .collect(Collectors.toSet());
    }

    @Test
    @DisplayName("every kind of fact has a handler for its event, and corrections and retractions have theirs")
    void everyKindHasAHandler() {
        Set<Class<?>> counted =
                Arrays.stream(Kind.values()).map(kind -> kind.eventType).collect(Collectors.toSet());
        assertThat(counted).isNotEmpty();
        assertThat(handled()).containsAll(counted).contains(EventCorrectedEvent.class, EventRetractedEvent.class);
    }

    @Test
    @DisplayName("no handler takes events it does not count, so their payloads are never read")
    void noOtherHandler() {
        Set<Class<?>> expected = Arrays.stream(Kind.values())
                .map(kind -> (Class<?>) kind.eventType)
                .collect(Collectors.toSet());
        expected.add(EventCorrectedEvent.class);
        expected.add(EventRetractedEvent.class);
        assertThat(handled()).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(JourneyEvent.class);
    }

    @Test
    @DisplayName("each kind is found for its own event type and no other")
    void kindsByType() {
        for (Kind kind : Kind.values()) {
            assertThat(Kind.ofType(kind.eventType)).contains(kind);
        }
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            assertThat(Kind.ofType(type).isPresent())
                    .as(type.getSimpleName())
                    .isEqualTo(Arrays.stream(Kind.values()).anyMatch(kind -> kind.eventType == type));
        }
    }
}
