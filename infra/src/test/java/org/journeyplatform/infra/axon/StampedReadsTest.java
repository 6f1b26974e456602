package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Events read back with their time stamps parsed once")
class StampedReadsTest {

    private static final EventSchema SCHEMA = new AxonConfiguration(100).eventSchema();

    private static JdbcEventStorageEngine axons;
    private static JourneyEventStorageEngine ours;

    @BeforeAll
    static void storeEvents() throws SQLException {
        TestDatabase.Coordinates database = TestDatabase.freshSchema();
        ConnectionProvider connections = database::connect;
        // old events with gaps between them, then recent ones (whose gaps a token keeps) with gaps too
        Instant old = Instant.parse("2020-03-01T10:15:30.250Z");
        Instant recent = Instant.now().minus(5, ChronoUnit.SECONDS);
        try (Connection connection = connections.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                                        event_identifier, payload, payload_type, time_stamp, meta_data)
                        VALUES (?, ?, ?, 'Journey', ?, convert_to('{}', 'UTF8'), 'SomethingHappenedEvent', ?,
                                convert_to('{}', 'UTF8'))""")) {
            long[] indexes = {3, 4, 6, 10, 11, 40, 41, 45, 50, 51};
            for (int i = 0; i < indexes.length; i++) {
                insert.setLong(1, indexes[i]);
                insert.setString(2, "journey-" + (i % 3));
                insert.setLong(3, i / 3);
                insert.setString(4, "event-" + indexes[i]);
                insert.setString(
                        5,
                        i < 5
                                ? DateTimeUtils.formatInstant(old.plus(i, ChronoUnit.HOURS))
                                : i == 7
                                        ? "2020-03-01T11:15:30.250+01:00" // written by other software: an offset
                                        : DateTimeUtils.formatInstant(recent.plusMillis(i)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        axons = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .schema(SCHEMA)
                .build();
        ours = new JourneyEventStorageEngine(
                JourneyEventStorageEngine.configure(JdbcEventStorageEngine.builder())
                        .connectionProvider(connections)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(JacksonSerializer.defaultSerializer())
                        .snapshotSerializer(JacksonSerializer.defaultSerializer())
                        .schema(SCHEMA),
                NoTransactionManager.INSTANCE,
                SCHEMA);
    }

    @Test
    @DisplayName("gives a tracking processor the events, tokens (gaps included) and time stamps Axon's engine gives")
    void trackedReadsAreAxons() {
        assertThat(tracked(ours)).isEqualTo(tracked(axons)).hasSize(10);
    }

    @Test
    @DisplayName("gives a journey's events with the time stamps Axon's engine gives")
    void journeyReadsAreAxons() {
        for (String journey : List.of("journey-0", "journey-1", "journey-2")) {
            assertThat(journey(ours, journey))
                    .isEqualTo(journey(axons, journey))
                    .isNotEmpty();
        }
    }

    private static List<String> tracked(JdbcEventStorageEngine engine) {
        try (var events = engine.readEvents(null, false)) {
            return events.map(StampedReadsTest::describe).collect(Collectors.toList());
        }
    }

    private static List<String> journey(JdbcEventStorageEngine engine, String id) {
        return engine.readEvents(id)
                .asStream()
                .map(e -> e.getIdentifier() + " " + e.getSequenceNumber() + " " + e.getTimestamp())
                .toList();
    }

    private static String describe(TrackedEventMessage<?> event) {
        String journey = event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() + "#" + domain.getSequenceNumber()
                : "-";
        return event.getIdentifier() + " " + journey + " " + event.getTimestamp() + " " + event.trackingToken();
    }
}
