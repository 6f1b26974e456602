package org.journeyplatform.infra.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.infra.testsupport.SampleEvents.sampleOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.journeyplatform.domain.assessment.event.InstrumentDefinedEvent;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.peer.event.PeerRegisteredEvent;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.AxonConfiguration;
import org.journeyplatform.infra.testsupport.SampleEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Stored events")
class EventSerializationTest {

    private static final LocalDate SAMPLE_DATE = SampleEvents.DATE;
    private static final LocalTime SAMPLE_TIME = SampleEvents.TIME;

    /** The serializer exactly as the application configures it for the event store. */
    private final Serializer serializer =
            new AxonConfiguration(100).serializer(org.journeyplatform.infra.testsupport.TestCrypto.cipher());

    /** Only for reading the stored JSON in assertions and for editing it in the forward-compatibility test. */
    private final ObjectMapper json = new ObjectMapper();

    /** Every event the platform stores: all journey events (new ones appear here automatically) and the programme's. */
    static Stream<Class<?>> eventTypes() {
        List<Class<?>> types = new ArrayList<>(Arrays.asList(JourneyEvent.class.getPermittedSubclasses()));
        types.add(ProgrammeRegisteredEvent.class);
        types.add(PeerRegisteredEvent.class);
        types.add(InstrumentDefinedEvent.class);
        return types.stream();
    }

    @Nested
    @DisplayName("every event type, filled with sample values")
    class EveryEventType {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("is read back equal to what was written")
        void roundTripsToAnEqualEvent(Class<?> type) {
            // given
            Object event = sampleOf(type);

            // when
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            Object readBack = serializer.deserialize(stored);

            // then
            assertThat(readBack).isInstanceOf(type).isEqualTo(event);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("is stored under its class name with the revision its @Revision declares")
        void isStoredWithItsDeclaredRevision(Class<?> type) {
            // given
            Object event = sampleOf(type);

            // when
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

            // then
            assertThat(stored.getType().getName()).isEqualTo(type.getName());
            assertThat(stored.getType().getRevision())
                    .isNotNull()
                    .isEqualTo(type.getAnnotation(Revision.class).value());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("stores typed ids as plain JSON strings, not as objects")
        void storesTypedIdsAsPlainStrings(Class<?> type) throws Exception {
            // given
            Object event = sampleOf(type);

            // when
            String stored = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
            JsonNode tree = json.readTree(stored);

            // then
            int typedIds = 0;
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> componentType = component.getType();
                boolean typedId = componentType.isRecord()
                        && componentType.getRecordComponents().length == 1
                        && componentType.getRecordComponents()[0].getType() == String.class;
                if (typedId) {
                    typedIds++;
                    String id = component.getAccessor().invoke(event).toString();
                    assertThat(tree.get(component.getName()).isTextual())
                            .as("%s.%s is stored as a JSON string", type.getSimpleName(), component.getName())
                            .isTrue();
                    assertThat(stored).contains("\"" + component.getName() + "\":\"" + id + "\"");
                }
            }
            assertThat(typedIds)
                    .as("every event names whose it is by a typed id")
                    .isPositive();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("stores dates and times as ISO strings")
        void storesDatesAsIsoStrings(Class<?> type) throws Exception {
            // given
            Object event = sampleOf(type);

            // when
            String stored = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
            JsonNode tree = json.readTree(stored);

            // then
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() == OccurredOn.class) {
                    JsonNode occurredOn = tree.get(component.getName());
                    assertThat(occurredOn.get("date").isTextual()).isTrue();
                    assertThat(occurredOn.get("date").asText()).isEqualTo("2024-03-01");
                    assertThat(occurredOn.get("time").isTextual()).isTrue();
                    assertThat(occurredOn.get("time").asText()).startsWith("14:30");
                    assertThat(stored).contains("\"2024-03-01\"");
                }
            }
        }
    }

    @Nested
    @DisplayName("an event whose optional values are missing")
    class OptionalValuesMissing {

        @Test
        @DisplayName("is read back equal, with a programme entry that has no note and no time of day")
        void programmeEntryWithoutNoteOrTime() {
            // given
            ProgrammeEnteredEvent event = new ProgrammeEnteredEvent(
                    ParticipantId.of(UUID.randomUUID()),
                    ProgrammeId.of(UUID.randomUUID()),
                    OccurredOn.on(SAMPLE_DATE),
                    false,
                    null);

            // when
            Object readBack = serializer.deserialize(serializer.serialize(event, byte[].class));

            // then
            assertThat(readBack).isEqualTo(event);
            ProgrammeEnteredEvent entered = (ProgrammeEnteredEvent) readBack;
            assertThat(entered.note()).isNull();
            assertThat(entered.occurredOn().time()).isNull();
        }

        @Test
        @DisplayName("is read back equal, with an enrolment where she gave no year of birth and no referral source")
        void enrolmentWithoutYearOfBirthOrReferralSource() {
            // given
            ParticipantEnrolledEvent event = new ParticipantEnrolledEvent(
                    ParticipantId.of(UUID.randomUUID()),
                    "Wren",
                    null,
                    null,
                    OccurredOn.on(SAMPLE_DATE),
                    null,
                    null,
                    null);

            // when
            Object readBack = serializer.deserialize(serializer.serialize(event, byte[].class));

            // then
            assertThat(readBack).isEqualTo(event);
        }

        @Test
        @DisplayName("is read back equal, with a relapse that has no severity, no note and no support yet")
        void relapseWithoutSeverityNoteOrSupport() {
            // given
            RelapseRecordedEvent event = new RelapseRecordedEvent(
                    ParticipantId.of(UUID.randomUUID()),
                    OccurredOn.on(SAMPLE_DATE),
                    RelapseKind.DRUG_OR_ALCOHOL_USE,
                    null,
                    Set.of(),
                    null);

            // when
            Object readBack = serializer.deserialize(serializer.serialize(event, byte[].class));

            // then
            assertThat(readBack).isEqualTo(event);
            assertThat(((RelapseRecordedEvent) readBack).supportFollowed()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a stored event written by a newer version of the platform")
    class WrittenByANewerVersion {

        @Test
        @DisplayName("is read even though its payload has fields this version does not know")
        void ignoresUnknownFields() throws Exception {
            // given a stored enrolment with an extra field at the top and inside occurredOn
            ParticipantEnrolledEvent event = new ParticipantEnrolledEvent(
                    ParticipantId.of(UUID.randomUUID()),
                    "Wren",
                    1987,
                    ReferralSource.values()[0],
                    OccurredOn.at(SAMPLE_DATE, SAMPLE_TIME),
                    null,
                    null,
                    null);
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            ObjectNode payload = (ObjectNode) json.readTree(stored.getData());
            payload.put("preferredContactTime", "mornings");
            ((ObjectNode) payload.get("occurredOn")).put("timeZone", "Europe/London");
            SerializedObject<byte[]> newerPayload =
                    new SimpleSerializedObject<>(json.writeValueAsBytes(payload), byte[].class, stored.getType());

            // when
            Object readBack = serializer.deserialize(newerPayload);

            // then
            assertThat(readBack).isEqualTo(event);
        }

        @Test
        @DisplayName(
                "stored before the enrolment had an age band, gender identity and age at first entry, reads them as absent")
        void olderEnrolment() throws Exception {
            // given an enrolment as revision 1 stored it before those fields were added
            String participant = UUID.randomUUID().toString();
            byte[] older = ("{\"participantId\":\"" + participant + "\",\"chosenName\":\"Wren\",\"yearOfBirth\":1987,"
                            + "\"referralSource\":\"OUTREACH\",\"occurredOn\":{\"date\":\"2024-03-01\",\"time\":null}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SerializedObject<byte[]> stored =
                    new SimpleSerializedObject<>(older, byte[].class, ParticipantEnrolledEvent.class.getName(), "1");

            // when
            ParticipantEnrolledEvent readBack = serializer.deserialize(stored);

            // then
            assertThat(readBack)
                    .isEqualTo(new ParticipantEnrolledEvent(
                            new ParticipantId(participant),
                            "Wren",
                            1987,
                            ReferralSource.OUTREACH,
                            OccurredOn.on(SAMPLE_DATE),
                            null,
                            null,
                            null));
        }
    }

    @Nested
    @DisplayName("the event classes themselves")
    class EventClasses {

        @Test
        @DisplayName("include every journey event and the programme event")
        void areAllFound() {
            assertThat(eventTypes())
                    .contains(
                            ParticipantEnrolledEvent.class,
                            ProgrammeEnteredEvent.class,
                            RelapseRecordedEvent.class,
                            ProgrammeRegisteredEvent.class);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("are records with a @Revision and a name ending in \"Event\"")
        void areRevisionedRecordsNamedEvent(Class<?> type) {
            assertThat(type.isRecord()).as("%s is a record", type.getName()).isTrue();
            assertThat(type.getAnnotation(Revision.class))
                    .as("%s has @Revision", type.getName())
                    .isNotNull();
            assertThat(type.getAnnotation(Revision.class).value()).isNotBlank();
            assertThat(type.getSimpleName()).endsWith("Event");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.json.EventSerializationTest#eventTypes")
        @DisplayName("mark personal data only on plain values: text, numbers, enums, maps of text")
        void markPersonalDataOnlyOnPlainValues(Class<?> type) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(PersonalData.class)) {
                    assertThat(component.getType().isEnum()
                                    || component.getType() == String.class
                                    || component.getType() == Integer.class
                                    || component.getType() == Map.class)
                            .as(
                                    "@PersonalData %s.%s is text, a number, an enum or a map of text",
                                    type.getSimpleName(), component.getName())
                            .isTrue();
                }
            }
        }

        @Test
        @DisplayName("mark some personal data at all, so the check above is not empty")
        void markSomePersonalData() {
            long marked = eventTypes()
                    .flatMap(type -> Arrays.stream(type.getRecordComponents()))
                    .filter(component -> component.isAnnotationPresent(PersonalData.class))
                    .count();
            assertThat(marked).isPositive();
        }
    }
}
