package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.RecordedHistories;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.shared.PersonalData;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("The histories of a batch of journeys, read with one statement (what a research export reads)")
class StoredHistoriesTest extends ApiTest {

    @Autowired
    private RecordedHistories histories;

    @Autowired
    private EventStore eventStore;

    private String programme;
    private String ash;
    private String bryn;
    private String cato;

    @BeforeEach
    void journeys() {
        programme = registerProgramme("Willow Lane", "COMMUNITY");
        ash = enrol("Ash", daysAgo(300));
        bryn = enrol("Bryn", daysAgo(200));
        cato = enrol("Cato", daysAgo(100));
        for (String participant : List.of(ash, bryn, cato)) {
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + participant + "/programme-entries",
                                    json(
                                            "programmeId",
                                            programme,
                                            "occurredOn",
                                            daysAgo(90).toString()))
                            .status())
                    .isEqualTo(201);
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + participant + "/milestones",
                                    json("occurredOn", daysAgo(30).toString(), "type", "HEALTH"))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(admin.post(
                                "/api/v1/admin/participants/" + cato + "/erasure",
                                json("reason", "She asked for her record to be erased (synthetic test)"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "gives each journey exactly what the event store gives for it alone, and nothing for one never enrolled")
    void asTheEventStoreReadsEach() {
        String nobody = UUID.randomUUID().toString();

        Map<String, List<RecordedEvent>> read = read(List.of(bryn, nobody, cato, ash), Instant.now());

        assertThat(read).containsOnlyKeys(bryn, cato, ash);
        for (String participant : List.of(ash, bryn, cato)) {
            assertThat(read.get(participant)).isEqualTo(oneByOne(participant, Instant.now()));
        }
        assertThat(read.get(ash)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("reads a repeated id once, and gives nothing for another aggregate's id (a programme)")
    void repeatedAndOtherAggregates() {
        Map<String, List<RecordedEvent>> read = read(List.of(ash, programme, ash), Instant.now());

        assertThat(read).containsOnlyKeys(ash);
        assertThat(read.get(ash)).isEqualTo(oneByOne(ash, Instant.now()));
    }

    @Test
    @DisplayName("opens each one's personal details with her own key, and an erased one's not at all")
    void personalDetails() {
        Map<String, List<RecordedEvent>> read = read(List.of(ash, cato), Instant.now());

        assertThat(((ParticipantEnrolledEvent) read.get(ash).get(0).event()).chosenName())
                .isEqualTo("Ash");
        assertThat(((ParticipantEnrolledEvent) read.get(cato).get(0).event()).chosenName())
                .isEqualTo(PersonalData.ERASED);
    }

    @Test
    @DisplayName(
            "opens only the personal details asked for, and only the events asked for: the other details read as after"
                    + " her erasure, and a correction's value for one of them is left out")
    void onlyTheDetailsAskedFor() {
        ApiClient.Response enrolled = caseworker.post(
                "/api/v1/participants",
                json(
                        "chosenName",
                        "Dana",
                        "yearOfBirth",
                        "1991",
                        "enrolledOn",
                        daysAgo(60).toString()));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String dana = enrolled.json().get("participantId").asText();
        String path = "/api/v1/participants/" + dana;
        assertThat(caseworker
                        .post(
                                path + "/programme-entries",
                                json(
                                        "programmeId",
                                        programme,
                                        "occurredOn",
                                        daysAgo(50).toString(),
                                        "note",
                                        "Walked in"))
                        .status())
                .isEqualTo(201);
        String entry = awaitTimeline(dana, 2).get(1).get("eventId").asText();
        assertThat(caseworker
                        .post(
                                path + "/events/" + entry + "/corrections",
                                json(
                                        "correctedValues",
                                        "{\"occurredOn\":\"" + daysAgo(49) + "\",\"note\":\"Came with a friend\"}",
                                        "reason",
                                        "Entered a day later"))
                        .status())
                .isEqualTo(201);

        List<RecordedEvent> all = read(List.of(dana), Instant.now()).get(dana);
        RecordedHistories.RecordedHistory unopened = histories
                .recordedUpTo(List.of(dana), Instant.now(), java.util.Set.of("yearOfBirth"), null)
                .get(dana);
        RecordedHistories.RecordedHistory entriesOnly = histories
                .recordedUpTo(
                        List.of(dana, ash),
                        Instant.now(),
                        java.util.Set.of(),
                        java.util.Set.of(ProgrammeEnteredEvent.class))
                .get(dana);
        List<RecordedEvent> enrolmentOnly = unopened.only(java.util.Set.of(ParticipantEnrolledEvent.class));
        List<RecordedEvent> some = unopened.all();

        assertThat(all).isEqualTo(oneByOne(dana, Instant.now()));
        assertThat(some)
                .extracting(RecordedEvent::eventId)
                .isEqualTo(all.stream().map(RecordedEvent::eventId).toList());
        assertThat(unopened.firstKind()).isEqualTo(ParticipantEnrolledEvent.class);
        assertThat(enrolmentOnly).containsExactly(some.get(0));
        ParticipantEnrolledEvent enrolment =
                (ParticipantEnrolledEvent) some.get(0).event();
        assertThat(enrolment.yearOfBirth()).isEqualTo(1991);
        assertThat(enrolment.chosenName()).isEqualTo(PersonalData.ERASED);
        assertThat(((ProgrammeEnteredEvent) some.get(1).event()).note()).isEqualTo(PersonalData.ERASED);
        assertThat(((ProgrammeEnteredEvent) all.get(1).event()).note()).isEqualTo("Walked in");
        EventCorrectedEvent correction = (EventCorrectedEvent) some.get(2).event();
        assertThat(correction.correctedValues()).containsOnlyKeys("occurredOn");
        assertThat(correction.reason()).isEqualTo(PersonalData.ERASED);
        assertThat(((EventCorrectedEvent) all.get(2).event()).correctedValues())
                .containsEntry("note", "Came with a friend")
                .containsKey("occurredOn");
        // a read of some kinds holds those and her first event, whatever its kind
        assertThat(entriesOnly.firstKind()).isEqualTo(ParticipantEnrolledEvent.class);
        assertThat(entriesOnly.all())
                .extracting(RecordedEvent::eventId)
                .containsExactly(all.get(0).eventId(), all.get(1).eventId());
        assertThat(entriesOnly.only(java.util.Set.of(ProgrammeEnteredEvent.class)))
                .extracting(RecordedEvent::eventId)
                .containsExactly(all.get(1).eventId());
        // and the next read opens everything again
        assertThat(read(List.of(dana), Instant.now()).get(dana)).isEqualTo(all);
    }

    @Test
    @DisplayName("leaves out what was recorded after the moment asked for")
    void asOfAMoment() {
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        eventStore.readEvents(ash, 0).forEachRemaining(stored::add);
        DomainEventMessage<?> milestone = stored.get(stored.size() - 1);
        Instant justBefore = milestone.getTimestamp().minusMillis(1);

        List<RecordedEvent> read = read(List.of(ash), justBefore).get(ash);

        assertThat(read).isEqualTo(oneByOne(ash, justBefore)).isNotEmpty();
        assertThat(read).extracting(RecordedEvent::eventId).doesNotContain(milestone.getIdentifier());
    }

    /** Each one's history read with every personal field and every kind of event opened. */
    private Map<String, List<RecordedEvent>> read(List<String> participantIds, Instant asOf) {
        Map<String, List<RecordedEvent>> read = new java.util.LinkedHashMap<>();
        histories
                .recordedUpTo(participantIds, asOf, PersonalDataFields.names(), null)
                .forEach((participant, history) -> read.put(participant, history.all()));
        return read;
    }

    /** What the event store gives for her alone, as the export read it before. */
    private List<RecordedEvent> oneByOne(String participant, Instant asOf) {
        List<RecordedEvent> history = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(participant, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getTimestamp().isAfter(asOf)) {
                break;
            }
            if (message.getPayload() instanceof JourneyEvent event) {
                history.add(new RecordedEvent(message.getIdentifier(), message.getSequenceNumber(), event));
            }
        }
        return history;
    }
}
