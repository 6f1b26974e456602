package org.journeyplatform.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A journey's state is made of concerns that own every kind of journey event between them")
class JourneyConcernsTest {

    @Test
    @DisplayName("every kind of journey event has exactly one concern, or is about her record rather than her life")
    void everyEventOwnedOnce() {
        Map<String, Set<Class<? extends JourneyEvent>>> concerns = JourneyState.concernsAndEvents();
        assertThat(concerns)
                .hasSize(10)
                .allSatisfy((name, events) -> assertThat(events).as(name).isNotEmpty());
        List<Class<?>> owned = new ArrayList<>();
        concerns.values().forEach(owned::addAll);
        owned.addAll(JourneyState.RECORD_EVENTS);
        assertThat(owned)
                .as("no kind of event owned twice")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(JourneyEvent.class.getPermittedSubclasses());
    }

    @Test
    @DisplayName("a kind of event without a concern, or with two, stops the state from loading and is named")
    void incompleteConcernsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> JourneyState.owners(new Concern<?>[] {new Stays()}, true))
                .withMessageContaining("GoalSetEvent has no owner")
                .withMessageNotContaining("ProgrammeEnteredEvent");
        assertThatIllegalStateException()
                .isThrownBy(() -> JourneyState.owners(new Concern<?>[] {new Stays(), new Stays()}, true))
                .withMessageContaining("ProgrammeEnteredEvent has two owners");
        Set<Class<?>> lenient = new HashSet<>(
                JourneyState.owners(new Concern<?>[] {new Goals()}, false).keySet());
        assertThat(lenient).contains(GoalSetEvent.class).doesNotContain(ProgrammeEnteredEvent.class);
    }

    @Test
    @DisplayName("what a state holds comes in the order it happened in her life, the same on every run")
    void inLifeOrder() {
        JourneyState state = new JourneyState();
        state.apply(JourneyTestSupport.WREN_ENROLLED);
        java.util.List<org.journeyplatform.domain.shared.ConsentId> given = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            org.journeyplatform.domain.shared.ConsentId id =
                    org.journeyplatform.domain.shared.ConsentId.of(java.util.UUID.randomUUID());
            given.add(id);
            state.apply(new org.journeyplatform.domain.journey.event.ConsentGivenEvent(
                    JourneyTestSupport.WREN,
                    id,
                    i % 2 == 0 ? ConsentKind.SERVICE : ConsentKind.RESEARCH,
                    "scope " + i,
                    JourneyTestSupport.ENTERED_ON.plusYears(3),
                    JourneyTestSupport.on(JourneyTestSupport.ENTERED_ON)));
        }
        assertThat(state.consents().keySet()).containsExactlyElementsOf(given);
        assertThat(state.copy().consents().keySet()).containsExactlyElementsOf(given);
    }

    @Test
    @DisplayName("the concerns of a state are its own: a copy changes independently")
    void copiesAreIndependent() {
        JourneyState state = new JourneyState();
        state.apply(JourneyTestSupport.WREN_ENROLLED);
        JourneyState copy = state.copy();
        copy.apply(JourneyTestSupport.WREN_ENTERED_HARBOUR_HOUSE);
        assertThat(state.currentStays()).isEmpty();
        assertThat(copy.currentStays()).containsOnlyKeys(JourneyTestSupport.HARBOUR_HOUSE);
        assertThat(Arrays.asList(JourneyEvent.class.getPermittedSubclasses())).isNotEmpty();
    }
}
