package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.testsupport.SampleEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a study receives of each kind of journey event is decided for every kind: a new event type cannot be exported
 * silently wrong or silently dropped.
 */
@DisplayName("A research export decides what it releases of every kind of journey event")
class ExportedEventKindsTest {

    private static final ProgrammeId PROGRAMME =
            ProgrammeId.of(UUID.fromString("11111111-2222-3333-4444-555555555555"));
    private static final Study STUDY = new Study(
            "s",
            "Every kind of event",
            "REC-2025-017",
            Set.of(PROGRAMME.toString()),
            LocalDate.parse("2020-01-01"),
            LocalDate.parse("2030-12-31"),
            List.of(QuasiIdentifier.values()),
            DateMode.DAYS_SINCE_ENROLMENT,
            5,
            "scope",
            LocalDate.parse("2031-01-01"));
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(new byte[32]);

    private static JourneyEvent sample(Class<?> type) {
        return (JourneyEvent) SampleEvents.sampleOf(
                type, (owner, component) -> component.getType() == ProgrammeId.class ? PROGRAMME : null);
    }

    private static String publicName(Class<?> type) throws ReflectiveOperationException {
        Field name = type.getField("NAME");
        return (String) name.get(null);
    }

    @Test
    @DisplayName("every kind is either exported under its public name, described in the codebook, or never exported")
    void everyKind() throws ReflectiveOperationException {
        Set<String> described = new Codebook(STUDY)
                .eventTypes().stream().map(Codebook.EventType::type).collect(Collectors.toSet());
        Class<?>[] kinds = JourneyEvent.class.getPermittedSubclasses();
        assertThat(kinds).hasSizeGreaterThan(AnonymisedHistory.NOT_EXPORTED.size());
        int exported = 0;
        for (Class<?> kind : kinds) {
            ExportedEvent event = AnonymisedHistory.exported(sample(kind), STUDY, PSEUDONYMS);
            if (AnonymisedHistory.NOT_EXPORTED.contains(kind)) {
                assertThat(event).as(kind.getSimpleName()).isNull();
            } else {
                assertThat(event).as(kind.getSimpleName()).isNotNull();
                assertThat(event.type()).isEqualTo(publicName(kind));
                assertThat(described)
                        .as("the codebook describes " + event.type())
                        .contains(event.type());
                exported++;
            }
        }
        assertThat(exported).isEqualTo(kinds.length - AnonymisedHistory.NOT_EXPORTED.size());
        assertThat(Arrays.asList(kinds)).containsAll(AnonymisedHistory.NOT_EXPORTED);
    }
}
