package org.journeyplatform.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.flywaydb.core.Flyway;
import org.journeyplatform.domain.journey.Journey;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.shared.OccurredOn;
import org.journeyplatform.domain.shared.ParticipantId;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.infra.axon.AxonConfiguration;
import org.journeyplatform.infra.json.EventObjectMappers;
import org.journeyplatform.infra.testsupport.SampleEvents;
import org.journeyplatform.infra.testsupport.TestCrypto;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Crypto-shredding without the application: the event serializer and the snapshot serializer exactly as
 * {@link AxonConfiguration} configures them, on this run's PostgreSQL key store ({@link TestCrypto}). Every test works
 * on participants of its own (fresh UUIDs), because the key store is shared by every test of the run.
 */
@DisplayName("Crypto-shredding: her personal data is stored sealed with a key of her own, and erased with it")
class CryptoShreddingTest {

    private static final LocalDate SAMPLE_DATE = SampleEvents.DATE;
    private static final LocalTime SAMPLE_TIME = SampleEvents.TIME;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Journey events with at least one personal field; new ones are covered as soon as they are permitted. */
    static Stream<Class<?>> eventTypesWithPersonalData() {
        return Arrays.stream(JourneyEvent.class.getPermittedSubclasses())
                .filter(type -> !PersonalDataFields.of(journeyEventType(type)).isEmpty())
                .map(type -> (Class<?>) type);
    }

    static Stream<Class<?>> everyEventType() {
        return Arrays.stream(JourneyEvent.class.getPermittedSubclasses());
    }

    private ParticipantKeys keys;
    private PersonalDataCipher cipher;
    private Serializer serializer;
    private ObjectMapper snapshots;

    @BeforeEach
    void asConfigured() {
        keys = TestCrypto.keys(TestCrypto.TEST_MASTER_KEYS);
        cipher = new PersonalDataCipher(keys);
        serializer = new AxonConfiguration(100).serializer(cipher);
        snapshots = EventObjectMappers.createForSnapshots(new PersonalDataModule(cipher));
    }

    @Nested
    @DisplayName("when an event is stored")
    class Stored {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.crypto.CryptoShreddingTest#eventTypesWithPersonalData")
        @DisplayName("every personal field is sealed (no canary in the bytes), every other field stays readable JSON")
        void personalFieldsSealedOthersReadable(Class<?> type) throws Exception {
            // given
            Sample sample = sample(type, newParticipant());

            // when
            byte[] stored = serializer.serialize(sample.event(), byte[].class).getData();

            // then
            String text = new String(stored, StandardCharsets.UTF_8);
            assertThat(sample.canaries()).isNotEmpty();
            for (String canary : sample.canaries()) {
                assertThat(text).as("stored %s", type.getSimpleName()).doesNotContain(canary);
                assertThat(contains(stored, canary.getBytes(StandardCharsets.UTF_8)))
                        .isFalse();
            }
            JsonNode tree = JSON.readTree(stored);
            for (RecordComponent component : type.getRecordComponents()) {
                JsonNode node = tree.get(component.getName());
                Object value = component.getAccessor().invoke(sample.event());
                assertThat(node)
                        .as("%s.%s is stored", type.getSimpleName(), component.getName())
                        .isNotNull();
                if (component.isAnnotationPresent(PersonalData.class) && !(value instanceof Map)) {
                    assertThat(node.isTextual() && node.asText().startsWith(PersonalDataCipher.PREFIX))
                            .as("personal %s.%s is sealed: %s", type.getSimpleName(), component.getName(), node)
                            .isTrue();
                } else if (value instanceof Map<?, ?> map) {
                    map.forEach((key, entry) -> {
                        String storedEntry = node.get(String.valueOf(key)).asText();
                        if (PersonalDataFields.correctableNames().contains(String.valueOf(key))) {
                            assertThat(storedEntry).as("personal entry %s", key).startsWith(PersonalDataCipher.PREFIX);
                        } else {
                            assertThat(storedEntry).as("plain entry %s", key).isEqualTo(String.valueOf(entry));
                        }
                    });
                } else {
                    assertThat(node.isTextual() && node.asText().startsWith(PersonalDataCipher.PREFIX))
                            .as(
                                    "%s.%s is not personal and not sealed: %s",
                                    type.getSimpleName(), component.getName(), node)
                            .isFalse();
                }
            }
            assertThat(tree.get("participantId").asText())
                    .isEqualTo(sample.event().participantId().toString());
            assertThat(tree.get("occurredOn").get("date").asText()).isEqualTo("2024-03-01");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.crypto.CryptoShreddingTest#everyEventType")
        @DisplayName("is read back equal to what was written")
        void roundTrip(Class<?> type) {
            // given
            Sample sample = sample(type, newParticipant());

            // when
            Object readBack = serializer.deserialize(serializer.serialize(sample.event(), byte[].class));

            // then
            assertThat(readBack).isEqualTo(sample.event());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.journeyplatform.infra.crypto.CryptoShreddingTest#eventTypesWithPersonalData")
        @DisplayName("is read back equal to what was written with its fields in reverse order, her id last")
        void roundTripInAnyOrder(Class<?> type) throws Exception {
            // given: the stored JSON with its fields reversed, so that her sealed values come before her id
            Sample sample = sample(type, newParticipant());
            JsonNode stored = JSON.readTree(
                    serializer.serialize(sample.event(), byte[].class).getData());
            List<String> names = new ArrayList<>();
            stored.fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            ObjectNode reversed = JSON.createObjectNode();
            names.forEach(name -> reversed.set(name, stored.get(name)));

            // when
            Object readBack = serializer.deserialize(stored(reversed, type));

            // then
            assertThat(names.get(names.size() - 1)).isEqualTo("participantId");
            assertThat(readBack).isEqualTo(sample.event());
        }

        @Test
        @DisplayName("the same value sealed twice gives two different ciphertexts: no value is recognised by its seal")
        void sealsAreRandomised() throws Exception {
            // given
            ParticipantId wren = newParticipant();
            ParticipantEnrolledEvent event = enrolment(wren, "Wren " + UUID.randomUUID());

            // when
            JsonNode first =
                    JSON.readTree(serializer.serialize(event, byte[].class).getData());
            JsonNode second =
                    JSON.readTree(serializer.serialize(event, byte[].class).getData());

            // then
            assertThat(first.get("chosenName").asText())
                    .isNotEqualTo(second.get("chosenName").asText());
            assertThat(serializer.<byte[], Object>deserialize(
                            stored((ObjectNode) second, ParticipantEnrolledEvent.class)))
                    .isEqualTo(event);
        }

        @Test
        @DisplayName("a snapshot of her journey holds her events sealed too, and reads back to the same events")
        void snapshot() throws Exception {
            // given
            ParticipantId wren = newParticipant();
            String nameCanary = canary("snapshot-name");
            String noteCanary = canary("snapshot-note");
            Journey journey = journeyOf(
                    wren,
                    enrolment(wren, nameCanary),
                    new RelapseRecordedEvent(
                            wren, OccurredOn.on(SAMPLE_DATE), RelapseKind.OTHER, null, Set.of(), noteCanary));

            // when
            byte[] stored = snapshots.writeValueAsBytes(journey);
            Journey readBack = snapshots.readValue(stored, Journey.class);

            // then
            String text = new String(stored, StandardCharsets.UTF_8);
            assertThat(text)
                    .doesNotContain(nameCanary)
                    .doesNotContain(noteCanary)
                    .contains(wren.toString())
                    .contains(PersonalDataCipher.PREFIX);
            assertThat(events(readBack)).containsExactlyElementsOf(events(journey));
        }
    }

    @Nested
    @DisplayName("a sealed value is bound to her and to its field")
    class Bound {

        @Test
        @DisplayName("moved into another participant's event, it fails loudly when read, rather than reading as hers")
        void anotherParticipant() throws Exception {
            // given two participants with keys, and her sealed name moved into the other's enrolment
            ParticipantId wren = newParticipant();
            ParticipantId juniper = newParticipant();
            String wrensName = canary("name");
            ObjectNode wrens = storedTree(enrolment(wren, wrensName));
            ObjectNode junipers = storedTree(enrolment(juniper, "Juniper"));
            junipers.set("chosenName", wrens.get("chosenName"));

            // when
            Throwable thrown =
                    catchThrowable(() -> serializer.deserialize(stored(junipers, ParticipantEnrolledEvent.class)));

            // then
            assertThat(thrown).isNotNull();
            assertThat(messages(thrown)).anyMatch(m -> m.contains("sealed for another participant or field"));
            assertThat(messages(thrown)).noneMatch(m -> m.contains(wrensName));
        }

        @Test
        @DisplayName("moved into a participant who has no key at all, it fails loudly too")
        void participantWithoutKey() throws Exception {
            // given
            ObjectNode wrens = storedTree(enrolment(newParticipant(), canary("name")));
            wrens.put("participantId", newParticipant().toString());

            // when
            Throwable thrown =
                    catchThrowable(() -> serializer.deserialize(stored(wrens, ParticipantEnrolledEvent.class)));

            // then
            assertThat(messages(thrown)).anyMatch(m -> m.contains("data key is missing"));
        }

        @Test
        @DisplayName("moved into another of her own fields, it fails loudly")
        void anotherField() throws Exception {
            // given her relapse note sealed, then moved into the description of her milestone
            ParticipantId wren = newParticipant();
            ObjectNode relapse = storedTree(new RelapseRecordedEvent(
                    wren, OccurredOn.on(SAMPLE_DATE), RelapseKind.OTHER, null, Set.of(), canary("note")));
            ObjectNode milestone = storedTree(new MilestoneReachedEvent(
                    wren,
                    OccurredOn.on(SAMPLE_DATE),
                    org.journeyplatform.domain.journey.MilestoneType.values()[0],
                    "First week in her own flat"));
            milestone.set("description", relapse.get("note"));

            // when
            Throwable thrown =
                    catchThrowable(() -> serializer.deserialize(stored(milestone, MilestoneReachedEvent.class)));

            // then
            assertThat(messages(thrown)).anyMatch(m -> m.contains("sealed for another participant or field"));
        }

        @Test
        @DisplayName("damaged, it fails loudly")
        void damaged() throws Exception {
            // given
            ObjectNode wrens = storedTree(enrolment(newParticipant(), canary("name")));
            String sealed = wrens.get("chosenName").asText();
            byte[] raw = Base64.getDecoder().decode(sealed.substring(PersonalDataCipher.PREFIX.length()));
            raw[raw.length - 1] ^= 1;
            wrens.put(
                    "chosenName",
                    PersonalDataCipher.PREFIX + Base64.getEncoder().encodeToString(raw));

            // when
            Throwable thrown =
                    catchThrowable(() -> serializer.deserialize(stored(wrens, ParticipantEnrolledEvent.class)));

            // then
            assertThat(messages(thrown)).anyMatch(m -> m.contains("cannot be decrypted"));
        }
    }

    @Nested
    @DisplayName("when the keys of a batch are read together")
    class Warmed {

        @Test
        @DisplayName("each one's sealed fields open with her own key, as when each key is read by itself")
        void eachOpensHers() {
            Sample first = sample(ParticipantEnrolledEvent.class, newParticipant());
            Sample second = sample(ParticipantEnrolledEvent.class, newParticipant());
            SerializedObject<byte[]> storedFirst = serializer.serialize(first.event(), byte[].class);
            SerializedObject<byte[]> storedSecond = serializer.serialize(second.event(), byte[].class);
            ParticipantKeys fresh = TestCrypto.keys(TestCrypto.TEST_MASTER_KEYS);

            fresh.warm(List.of(
                    ((ParticipantEnrolledEvent) first.event()).participantId().toString(),
                    ((ParticipantEnrolledEvent) second.event()).participantId().toString(),
                    UUID.randomUUID().toString()));

            // the keys were read once, by the warming: destroyed in the store (by another instance) since, they
            // still open in this one until they are forgotten, as any key it read would
            keys.destroy(
                    ((ParticipantEnrolledEvent) first.event()).participantId().toString());
            keys.destroy(
                    ((ParticipantEnrolledEvent) second.event()).participantId().toString());
            Serializer reading = new AxonConfiguration(100).serializer(new PersonalDataCipher(fresh));
            assertThat(reading.<byte[], Object>deserialize(storedFirst)).isEqualTo(first.event());
            assertThat(reading.<byte[], Object>deserialize(storedSecond)).isEqualTo(second.event());
        }
    }

    @Nested
    @DisplayName("when her key is destroyed")
    class KeyDestroyed {

        private ParticipantId wren;
        private Sample enrolment;
        private SerializedObject<byte[]> storedEnrolment;
        private EventCorrectedEvent correction;
        private SerializedObject<byte[]> storedCorrection;
        private SerializedObject<byte[]> storedRelapse;
        private byte[] storedSnapshot;

        @BeforeEach
        void storeThenDestroy() throws Exception {
            // given her events and a snapshot, stored while her key existed
            wren = newParticipant();
            enrolment = sample(ParticipantEnrolledEvent.class, wren);
            storedEnrolment = serializer.serialize(enrolment.event(), byte[].class);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("occurredOn", "2024-02-20");
            values.put("kind", "CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER");
            values.put("note", canary("corrected-note"));
            values.put("occurredAt", "09:15");
            values.put("reason", "LEFT_BY_CHOICE"); // as if an exit were corrected: its reason is a code
            correction = new EventCorrectedEvent(
                    wren, UUID.randomUUID().toString(), values, canary("reason"), OccurredOn.on(SAMPLE_DATE));
            storedCorrection = serializer.serialize(correction, byte[].class);
            RelapseRecordedEvent relapse = new RelapseRecordedEvent(
                    wren,
                    OccurredOn.at(SAMPLE_DATE, SAMPLE_TIME),
                    RelapseKind.OTHER,
                    null,
                    Set.of(),
                    canary("relapse-note"));
            storedRelapse = serializer.serialize(relapse, byte[].class);
            storedSnapshot = snapshots.writeValueAsBytes(journeyOf(wren, (JourneyEvent) enrolment.event(), relapse));
            assertThat(serializer.<byte[], Object>deserialize(storedEnrolment)).isEqualTo(enrolment.event());

            // when
            keys.destroy(wren.toString());
        }

        @Test
        @DisplayName("her text fields read \"erased\", her other personal fields null, everything else as it was")
        void readsErased() {
            ParticipantEnrolledEvent original = (ParticipantEnrolledEvent) enrolment.event();

            ParticipantEnrolledEvent readBack = serializer.deserialize(storedEnrolment);

            assertThat(readBack)
                    .isEqualTo(new ParticipantEnrolledEvent(
                            wren,
                            PersonalData.ERASED,
                            null,
                            original.referralSource(),
                            original.occurredOn(),
                            original.ageBand(),
                            null,
                            null));
        }

        @Test
        @DisplayName("read by a fresh key store and cipher (nothing cached), it reads \"erased\" just the same")
        void readsErasedWithoutCache() {
            Serializer fresh = new AxonConfiguration(100).serializer(TestCrypto.cipher());

            ParticipantEnrolledEvent readBack = fresh.deserialize(storedEnrolment);
            RelapseRecordedEvent relapse = fresh.deserialize(storedRelapse);

            assertThat(readBack.chosenName()).isEqualTo(PersonalData.ERASED);
            assertThat(readBack.yearOfBirth()).isNull();
            assertThat(readBack.genderIdentity()).isNull();
            assertThat(readBack.ageAtFirstEntry()).isNull();
            assertThat(relapse.note()).isEqualTo(PersonalData.ERASED);
            assertThat(relapse.kind()).isEqualTo(RelapseKind.OTHER);
            assertThat(relapse.occurredOn()).isEqualTo(OccurredOn.at(SAMPLE_DATE, SAMPLE_TIME));
        }

        @Test
        @DisplayName("a correction loses its personal values and its own reason, and keeps its other values (a "
                + "corrected exit reason among them)")
        void correctionKeepsOnlyNonPersonalValues() {
            EventCorrectedEvent readBack =
                    new AxonConfiguration(100).serializer(TestCrypto.cipher()).deserialize(storedCorrection);

            assertThat(readBack.correctedValues())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "occurredOn",
                            "2024-02-20",
                            "kind",
                            "CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER",
                            "occurredAt",
                            "09:15",
                            "reason",
                            "LEFT_BY_CHOICE"));
            assertThat(readBack.reason()).isEqualTo(PersonalData.ERASED);
            assertThat(readBack.correctedEventId()).isEqualTo(correction.correctedEventId());
            assertThat(readBack.participantId()).isEqualTo(wren);
        }

        @Test
        @DisplayName("a snapshot of her journey reads with her events erased")
        void snapshotReadsErased() throws Exception {
            ObjectMapper fresh = EventObjectMappers.createForSnapshots(new PersonalDataModule(TestCrypto.cipher()));

            Journey readBack = fresh.readValue(storedSnapshot, Journey.class);

            assertThat(events(readBack)).hasSize(2);
            assertThat(((ParticipantEnrolledEvent) events(readBack).get(0)).chosenName())
                    .isEqualTo(PersonalData.ERASED);
            assertThat(((RelapseRecordedEvent) events(readBack).get(1)).note()).isEqualTo(PersonalData.ERASED);
        }

        @Test
        @DisplayName("nothing more can be written for her: no new key is made, the write is refused")
        void writingRefused() {
            // when
            Throwable thrown = catchThrowable(() -> serializer.serialize(
                    new RelapseRecordedEvent(
                            wren, OccurredOn.on(SAMPLE_DATE), RelapseKind.OTHER, null, Set.of(), "after her erasure"),
                    byte[].class));

            // then
            assertThat(thrown).isNotNull();
            assertThat(causes(thrown)).anyMatch(ParticipantKeys.ErasedParticipantException.class::isInstance);
            assertThatThrownBy(() -> keys.forWriting(wren.toString()))
                    .isInstanceOf(ParticipantKeys.ErasedParticipantException.class);
            assertThatThrownBy(() -> TestCrypto.cipher().seal(wren.toString(), "note", new byte[] {1}))
                    .isInstanceOf(ParticipantKeys.ErasedParticipantException.class);
            assertThat(keys.lookup(wren.toString())).isInstanceOf(ParticipantKeys.Destroyed.class);
            assertThat(keys.destroyedAt(wren.toString())).isPresent();
        }

        @Test
        @DisplayName("warming the keys of a batch she is in (a research export's read) does not bring hers back")
        void warmingLeavesItDestroyed() {
            ParticipantKeys fresh = TestCrypto.keys(TestCrypto.TEST_MASTER_KEYS);
            ParticipantId other = newParticipant();
            fresh.forWriting(other.toString());

            fresh.warm(List.of(wren.toString(), other.toString()));

            assertThat(fresh.lookup(wren.toString())).isInstanceOf(ParticipantKeys.Destroyed.class);
            assertThat(fresh.lookup(other.toString())).isInstanceOf(ParticipantKeys.Found.class);
            ParticipantEnrolledEvent readBack = new AxonConfiguration(100)
                    .serializer(new PersonalDataCipher(fresh))
                    .deserialize(storedEnrolment);
            assertThat(readBack.chosenName()).isEqualTo(PersonalData.ERASED);
        }

        @Test
        @DisplayName("destroying it again changes nothing: still destroyed, destroyed when it first was")
        void destroyAgain() {
            var first = keys.destroyedAt(wren.toString()).orElseThrow();

            keys.destroy(wren.toString());

            assertThat(keys.destroyedAt(wren.toString())).contains(first);
            assertThat(TestCrypto.keys(TestCrypto.TEST_MASTER_KEYS).lookup(wren.toString()))
                    .isInstanceOf(ParticipantKeys.Destroyed.class);
        }

        @Test
        @DisplayName("the key store keeps no trace of her key, only when it was destroyed")
        void nothingLeft() {
            JdbcClient jdbc = JdbcClient.create(TestCrypto.dataSource());

            Map<String, Object> row = jdbc.sql("SELECT * FROM keystore.participant_data_key WHERE participant_id = ?")
                    .param(wren.toString())
                    .query()
                    .singleRow();

            assertThat(row.get("wrapped_key")).isNull();
            assertThat(row.get("master_key_id")).isNull();
            assertThat(row.get("destroyed_at")).isNotNull();
        }
    }

    @Nested
    @DisplayName("a participant erased before anything was written for her")
    class ErasedBeforeAnyKey {

        @Test
        @DisplayName("gets no key afterwards: writing is refused")
        void refused() {
            ParticipantId wren = newParticipant();
            keys.destroy(wren.toString());

            assertThat(catchThrowable(() -> serializer.serialize(enrolment(wren, "Wren"), byte[].class)))
                    .satisfies(thrown -> assertThat(causes(thrown))
                            .anyMatch(ParticipantKeys.ErasedParticipantException.class::isInstance));
            assertThat(keys.lookup(wren.toString())).isInstanceOf(ParticipantKeys.Destroyed.class);
        }
    }

    @Nested
    @DisplayName("values stored before encryption existed (plain JSON)")
    class StoredBeforeEncryption {

        @Test
        @DisplayName("are read as they are, for a participant without a key")
        void plainValuesRead() {
            // given an enrolment and a correction as stored before personal data was sealed
            String participant = UUID.randomUUID().toString();
            byte[] enrolment = ("{\"participantId\":\"" + participant + "\",\"chosenName\":\"Wren\","
                            + "\"yearOfBirth\":1987,\"referralSource\":\"OUTREACH\",\"occurredOn\":{\"date\":\"2024-03-01\","
                            + "\"time\":null},\"genderIdentity\":null,\"ageAtFirstEntry\":19}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] correction = ("{\"participantId\":\"" + participant + "\",\"correctedEventId\":\"e-1\","
                            + "\"correctedValues\":{\"note\":\"Came with her sister\",\"occurredOn\":\"2024-02-01\"},"
                            + "\"reason\":\"Typed the wrong day\",\"occurredOn\":{\"date\":\"2024-03-01\",\"time\":null}}")
                    .getBytes(StandardCharsets.UTF_8);

            // when
            ParticipantEnrolledEvent enrolled = serializer.deserialize(new SimpleSerializedObject<>(
                    enrolment, byte[].class, ParticipantEnrolledEvent.class.getName(), "1"));
            EventCorrectedEvent corrected = serializer.deserialize(
                    new SimpleSerializedObject<>(correction, byte[].class, EventCorrectedEvent.class.getName(), "1"));

            // then
            assertThat(enrolled)
                    .isEqualTo(new ParticipantEnrolledEvent(
                            new ParticipantId(participant),
                            "Wren",
                            1987,
                            ReferralSource.OUTREACH,
                            OccurredOn.on(SAMPLE_DATE),
                            null,
                            null,
                            19));
            assertThat(corrected.correctedValues())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("note", "Came with her sister", "occurredOn", "2024-02-01"));
            assertThat(corrected.reason()).isEqualTo("Typed the wrong day");
            assertThat(keys.lookup(participant)).isInstanceOf(ParticipantKeys.Missing.class);
        }

        @Test
        @DisplayName("are read as they are next to sealed values of the same participant")
        void mixed() throws Exception {
            // given
            ParticipantId wren = newParticipant();
            ObjectNode stored = storedTree(enrolment(wren, canary("name")));
            stored.put("chosenName", "Wren, as first recorded");

            // when
            ParticipantEnrolledEvent readBack = serializer.deserialize(stored(stored, ParticipantEnrolledEvent.class));

            // then
            assertThat(readBack.chosenName()).isEqualTo("Wren, as first recorded");
            assertThat(readBack.yearOfBirth()).isEqualTo(1987);
        }
    }

    @Nested
    @DisplayName("a wrong master key")
    class WrongMasterKey {

        @Test
        @DisplayName("with the same id but other bytes: reading fails with a clear exception, never as \"erased\"")
        void sameIdOtherBytes() {
            // given
            ParticipantId wren = newParticipant();
            SerializedObject<byte[]> stored = serializer.serialize(enrolment(wren, canary("name")), byte[].class);
            String impostor = "test-1:" + key(99);
            Serializer wrong = new AxonConfiguration(100).serializer(new PersonalDataCipher(TestCrypto.keys(impostor)));

            // when
            Throwable thrown = catchThrowable(() -> wrong.deserialize(stored));

            // then
            assertThat(thrown).isNotNull();
            assertThat(messages(thrown)).anyMatch(m -> m.contains("wrong or damaged master key"));
            assertThatThrownBy(() -> TestCrypto.keys(impostor).lookup(wren.toString()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("wrong or damaged master key");
        }

        @Test
        @DisplayName("missing from the configuration: reading fails with a clear exception naming the key")
        void notConfigured() {
            // given
            SerializedObject<byte[]> stored =
                    serializer.serialize(enrolment(newParticipant(), canary("name")), byte[].class);
            Serializer other =
                    new AxonConfiguration(100).serializer(new PersonalDataCipher(TestCrypto.keys("other:" + key(42))));

            // when
            Throwable thrown = catchThrowable(() -> other.deserialize(stored));

            // then
            assertThat(messages(thrown)).anyMatch(m -> m.contains("'test-1' is not configured"));
        }
    }

    /**
     * Rotation works on the whole key store ({@code rewrapAll}, {@code missingMasterKeys}), so it runs on a key store
     * of its own: the shared one holds keys wrapped by the other tests' master key.
     */
    @Nested
    @DisplayName("rotating the master key")
    class Rotation {

        private final String keyA = "a:" + key(1);
        private final String keyB = "b:" + key(2);
        private DataSource store;

        @BeforeEach
        void ownKeyStore() {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            store = new DriverManagerDataSource(db.url(), db.username(), db.password());
            Flyway.configure()
                    .dataSource(store)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }

        @Test
        @DisplayName("given data written under key a, when b becomes primary and everything is re-wrapped, then a can "
                + "be retired: b alone reads it all")
        void rewrapThenRetire() {
            // given data of two participants under a, and a third erased
            ParticipantKeys underA = keysOn(keyA);
            Serializer writer = new AxonConfiguration(100).serializer(new PersonalDataCipher(underA));
            ParticipantId wren = newParticipant();
            ParticipantId juniper = newParticipant();
            ParticipantId erased = newParticipant();
            ParticipantEnrolledEvent wrens = enrolment(wren, canary("wren"));
            ParticipantEnrolledEvent junipers = enrolment(juniper, canary("juniper"));
            SerializedObject<byte[]> storedWren = writer.serialize(wrens, byte[].class);
            SerializedObject<byte[]> storedJuniper = writer.serialize(junipers, byte[].class);
            SerializedObject<byte[]> storedErased = writer.serialize(enrolment(erased, canary("erased")), byte[].class);
            underA.destroy(erased.toString());
            assertThat(underA.countByMasterKey()).isEqualTo(Map.of("a", 2L));

            // before the re-wrap, b alone cannot open them, and says so
            ParticipantKeys onlyBTooEarly = keysOn(keyB);
            assertThat(onlyBTooEarly.missingMasterKeys()).containsExactly("a");
            assertThat(messages(catchThrowable(() -> new AxonConfiguration(100)
                            .serializer(new PersonalDataCipher(onlyBTooEarly))
                            .deserialize(storedWren))))
                    .anyMatch(m -> m.contains("'a' is not configured"));

            // when
            ParticipantKeys bThenA = keysOn(keyB + "," + keyA);
            int rewrapped = bThenA.rewrapAll();

            // then
            assertThat(rewrapped).isEqualTo(2);
            assertThat(bThenA.countByMasterKey()).isEqualTo(Map.of("b", 2L));
            assertThat(bThenA.rewrapAll()).isZero();
            ParticipantKeys onlyB = keysOn(keyB);
            assertThat(onlyB.missingMasterKeys()).isEmpty();
            Serializer reader = new AxonConfiguration(100).serializer(new PersonalDataCipher(onlyB));
            assertThat(reader.<byte[], Object>deserialize(storedWren)).isEqualTo(wrens);
            assertThat(reader.<byte[], Object>deserialize(storedJuniper)).isEqualTo(junipers);
            assertThat(reader.<byte[], ParticipantEnrolledEvent>deserialize(storedErased)
                            .chosenName())
                    .isEqualTo(PersonalData.ERASED);
            assertThat(onlyB.lookup(erased.toString())).isInstanceOf(ParticipantKeys.Destroyed.class);
            // and a, on its own, can no longer open them
            assertThat(keysOn(keyA).missingMasterKeys()).containsExactly("b");
        }

        @Test
        @DisplayName("new keys are wrapped by the primary, the first key configured")
        void newKeysUnderPrimary() {
            ParticipantKeys bThenA = keysOn(keyB + "," + keyA);
            Serializer writer = new AxonConfiguration(100).serializer(new PersonalDataCipher(bThenA));

            writer.serialize(enrolment(newParticipant(), "Wren"), byte[].class);

            assertThat(bThenA.countByMasterKey()).isEqualTo(Map.of("b", 1L));
            assertThat(bThenA.primaryMasterKeyId()).isEqualTo("b");
        }

        private ParticipantKeys keysOn(String masterKeys) {
            return new ParticipantKeys(
                    JdbcClient.create(store),
                    new DataSourceTransactionManager(store),
                    MasterKeys.parse(masterKeys),
                    Clock.systemUTC(),
                    Duration.ofMinutes(5));
        }
    }

    @Nested
    @DisplayName("the master key configuration")
    class MasterKeyConfiguration {

        @Test
        @DisplayName("is read as id:base64 entries, the first the primary")
        void parsed() {
            MasterKeys keys = MasterKeys.parse(" b:" + key(2) + " , a:" + key(1) + " ");

            assertThat(keys.primaryId()).isEqualTo("b");
            assertThat(keys.has("a")).isTrue();
            assertThat(keys.has("c")).isFalse();
            assertThatThrownBy(() -> keys.get("c"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'c' is not configured");
        }

        @Test
        @DisplayName("refuses a key that is not 32 bytes, without repeating the key")
        void wrongLength() {
            String shortKey = Base64.getEncoder().encodeToString(fixedBytes(16, 7));
            String longKey = Base64.getEncoder().encodeToString(fixedBytes(33, 7));

            assertThatThrownBy(() -> MasterKeys.parse("k:" + shortKey))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("32 bytes")
                    .hasMessageNotContaining(shortKey);
            assertThatThrownBy(() -> MasterKeys.parse("k:" + longKey))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("32 bytes")
                    .hasMessageNotContaining(longKey);
        }

        @Test
        @DisplayName("refuses a key that is not base64, without repeating it")
        void badBase64() {
            assertThatThrownBy(() -> MasterKeys.parse("k:not*base64*at*all!"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("base64")
                    .hasMessageNotContaining("not*base64");
        }

        @Test
        @DisplayName("refuses the same id twice")
        void duplicateId() {
            assertThatThrownBy(() -> MasterKeys.parse("k:" + key(1) + ",k:" + key(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("twice");
        }

        @Test
        @DisplayName("refuses nothing at all, and entries without an id")
        void emptyOrMalformed() {
            for (String configured : new String[] {null, "", "   "}) {
                assertThatThrownBy(() -> MasterKeys.parse(configured))
                        .as("'%s'", configured)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("No master key");
            }
            for (String configured : new String[] {
                key(1), ":" + key(1), ",k:" + key(1), "bad id:" + key(1), "k:" + key(1) + ",,j:" + key(2)
            }) {
                assertThatThrownBy(() -> MasterKeys.parse(configured))
                        .as("'%s'", configured)
                        .isInstanceOf(IllegalStateException.class);
            }
        }
    }

    // ---- samples: every field filled, personal text with a canary of its own

    record Sample(JourneyEvent event, List<String> canaries) {}

    private static ParticipantId newParticipant() {
        return ParticipantId.of(UUID.randomUUID());
    }

    private static String canary(String what) {
        return "CANARY-" + what + "-" + UUID.randomUUID();
    }

    private static ParticipantEnrolledEvent enrolment(ParticipantId participant, String chosenName) {
        return new ParticipantEnrolledEvent(
                participant,
                chosenName,
                1987,
                ReferralSource.values()[0],
                OccurredOn.at(SAMPLE_DATE, SAMPLE_TIME),
                null,
                null,
                19);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends JourneyEvent> journeyEventType(Class<?> type) {
        return (Class<? extends JourneyEvent>) type;
    }

    static Sample sample(Class<?> type, ParticipantId participant) {
        List<String> canaries = new ArrayList<>();
        Object event = SampleEvents.sampleOf(type, (owner, component) -> {
            boolean personal = component.isAnnotationPresent(PersonalData.class);
            if (component.getType() == ParticipantId.class) {
                return participant;
            }
            if (personal && component.getType() == String.class) {
                String canary = canary(owner.getSimpleName() + "." + component.getName());
                canaries.add(canary);
                return canary;
            }
            if (personal && component.getType() == Map.class) {
                Map<String, String> corrected = new LinkedHashMap<>();
                corrected.put("occurredOn", "2024-02-01");
                corrected.put("kind", "OTHER");
                corrected.put("reason", "LEFT_BY_CHOICE"); // an exit reason: a code, not personal
                for (String field : List.of("note", "description", "chosenName")) {
                    String canary = canary(owner.getSimpleName() + ".correctedValues." + field);
                    canaries.add(canary);
                    corrected.put(field, canary);
                }
                return corrected;
            }
            return null; // the shared default
        });
        return new Sample((JourneyEvent) event, canaries);
    }
    // ---- helpers

    /** 32 fixed bytes, base64: a master key for tests only. */
    private static String key(int seed) {
        return Base64.getEncoder().encodeToString(fixedBytes(32, seed));
    }

    private static byte[] fixedBytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }

    private ObjectNode storedTree(JourneyEvent event) throws Exception {
        return (ObjectNode)
                JSON.readTree(serializer.serialize(event, byte[].class).getData());
    }

    private static SerializedObject<byte[]> stored(ObjectNode tree, Class<?> type) throws Exception {
        return new SimpleSerializedObject<>(JSON.writeValueAsBytes(tree), byte[].class, type.getName(), "1");
    }

    /** A journey as Axon's snapshotter finds it: her id and her effective events. */
    private static Journey journeyOf(ParticipantId participant, JourneyEvent... events) throws Exception {
        Constructor<Journey> constructor = Journey.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        Journey journey = constructor.newInstance();
        Field id = Journey.class.getDeclaredField("participantId");
        id.setAccessible(true);
        id.set(journey, participant);
        List<RecordedEvent> effective = effective(journey);
        for (int i = 0; i < events.length; i++) {
            effective.add(new RecordedEvent(UUID.randomUUID().toString(), i, events[i]));
        }
        return journey;
    }

    @SuppressWarnings("unchecked")
    private static List<RecordedEvent> effective(Journey journey) throws Exception {
        Field effective = Journey.class.getDeclaredField("effective");
        effective.setAccessible(true);
        return (List<RecordedEvent>) effective.get(journey);
    }

    private static List<JourneyEvent> events(Journey journey) throws Exception {
        return effective(journey).stream().map(RecordedEvent::event).toList();
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = thrown; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }

    private static List<String> messages(Throwable thrown) {
        assertThat(thrown).as("an exception").isNotNull();
        return causes(thrown).stream().map(t -> String.valueOf(t.getMessage())).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
