package org.journeyplatform.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The fields that correction rules name are checked against the events")
class CorrectionFieldsTest {

    @Test
    @DisplayName("a field an event does not have is refused when the rule is written, not left never to match")
    void unknownFieldRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Corrections.Field.of(PeerSessionAttendedEvent.class, "expiresOn"))
                .withMessage("No journey event PeerSessionAttendedEvent has a field 'expiresOn'.");
        assertThatIllegalStateException()
                .isThrownBy(() -> Corrections.Field.any("chosenName.ProfileDetailsUpdatedEvent"))
                .withMessage("No journey event has a field 'chosenName.ProfileDetailsUpdatedEvent'.");
    }

    @Test
    @DisplayName("a field of one event matches that event's component only; a field of any event matches each")
    void matchesItsComponents() {
        Corrections.Field peer = Corrections.Field.of(PeerSessionAttendedEvent.class, "peerId");
        assertThat(peer.is(component(PeerSessionAttendedEvent.class, "peerId"))).isTrue();
        assertThat(peer.is(component(RelapseRecordedEvent.class, "participantId")))
                .isFalse();
        Corrections.Field year = Corrections.Field.any("yearOfBirth");
        assertThat(year.is(component(ProfileDetailsUpdatedEvent.class, "yearOfBirth")))
                .isTrue();
    }

    @Test
    @DisplayName(
            "a stored correction to a time finer than a microsecond, made before the API refused one, still applies "
                    + "when her history is loaded")
    void storedFineTimeStillApplies() {
        var milestone = new org.journeyplatform.domain.journey.event.MilestoneReachedEvent(
                JourneyTestSupport.WREN,
                org.journeyplatform.domain.shared.OccurredOn.on(JourneyTestSupport.ENROLLED_ON),
                MilestoneType.HEALTH,
                null);

        var replayed = Corrections.replay(milestone, java.util.Map.of("occurredAt", "10:00:00.123456789"));

        assertThat(replayed.occurredOn().time()).isEqualTo(java.time.LocalTime.parse("10:00:00.123456789"));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        Corrections.requireTimesToTheMicrosecond(java.util.Map.of("occurredAt", "10:00:00.123456789")))
                .withMessage("'occurredAt' must be a time to the microsecond at most.");
    }

    private static java.lang.reflect.RecordComponent component(Class<?> type, String name) {
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no " + name);
    }
}
