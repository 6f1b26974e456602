package org.journeyplatform.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.flywaydb.core.Flyway;
import org.journeyplatform.infra.axon.AxonConfiguration;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The event store schema, as Flyway creates it on PostgreSQL")
class EventStoreSchemaTest {

    private static TestDatabase.Coordinates database;

    private Connection connection;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.get();
        Flyway flyway = Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .load();
        flyway.migrate();
        flyway.migrate(); // a second run finds nothing to do
    }

    @BeforeEach
    void connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", database.username());
        if (!database.password().isEmpty()) {
            props.setProperty("password", database.password());
        }
        connection = DriverManager.getConnection(database.url(), props);
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.close();
    }

    @Nested
    @DisplayName("when events are appended without a global index")
    class AppendingEvents {

        @Test
        @DisplayName("each gets the next value of the dedicated sequence, one apart")
        void getConsecutiveGlobalIndexes() throws SQLException {
            // given
            String aggregate = "participant-" + UUID.randomUUID();

            // when
            long first = appendEvent(aggregate, 0);
            long second = appendEvent(aggregate, 1);

            // then
            assertThat(second).isEqualTo(first + 1);
            assertThat(scalar("SELECT currval('domain_event_global_index_seq')"))
                    .isEqualTo(String.valueOf(second));
        }

        @Test
        @DisplayName("the sequence counts up by one and the column takes its default from it")
        void sequenceIncrementsByOne() throws SQLException {
            assertThat(
                            scalar(
                                    "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_global_index_seq'"))
                    .isEqualTo("1");
            assertThat(scalar("SELECT column_default FROM information_schema.columns "
                            + "WHERE table_name = 'domain_event_entry' AND column_name = 'global_index'"))
                    .contains("domain_event_global_index_seq");
        }
    }

    @Nested
    @DisplayName("when someone tries to rewrite history")
    class RewritingHistory {

        private String aggregate;
        private long globalIndex;

        @BeforeEach
        void storeAnEvent() throws SQLException {
            aggregate = "participant-" + UUID.randomUUID();
            globalIndex = appendEvent(aggregate, 0);
        }

        @Test
        @DisplayName("an UPDATE of a stored event is refused and the event stays as it was")
        void updateIsRefused() throws SQLException {
            // when / then
            assertThatThrownBy(() -> execute("UPDATE domain_event_entry SET payload_type = 'Rewritten' "
                            + "WHERE global_index = " + globalIndex))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThat(scalar("SELECT payload_type FROM domain_event_entry WHERE global_index = " + globalIndex))
                    .isEqualTo("org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent");
        }

        @Test
        @DisplayName("a DELETE of a stored event is refused and the event stays")
        void deleteIsRefused() throws SQLException {
            // when / then
            assertThatThrownBy(() -> execute("DELETE FROM domain_event_entry WHERE global_index = " + globalIndex))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThat(scalar("SELECT count(*) FROM domain_event_entry WHERE global_index = " + globalIndex))
                    .isEqualTo("1");
        }

        @Test
        @DisplayName("a TRUNCATE of the event table is refused and the events stay")
        void truncateIsRefused() throws SQLException {
            // when / then
            assertThatThrownBy(() -> execute("TRUNCATE domain_event_entry"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThat(scalar(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + aggregate + "'"))
                    .isEqualTo("1");
        }
    }

    @Nested
    @DisplayName("the tables Axon needs besides the events")
    class OtherAxonTables {

        @Test
        @DisplayName("token_entry and snapshot_event_entry exist")
        void exist() throws SQLException {
            assertThat(scalar("SELECT to_regclass('public.token_entry')::text")).isEqualTo("token_entry");
            assertThat(scalar("SELECT to_regclass('public.snapshot_event_entry')::text"))
                    .isEqualTo("snapshot_event_entry");
        }

        @Test
        @DisplayName("have every column the configured event and token schemas name")
        void haveTheConfiguredColumns() throws SQLException {
            // given
            AxonConfiguration configuration = new AxonConfiguration(100);
            EventSchema events = configuration.eventSchema();
            TokenSchema tokens = configuration.tokenSchema();
            List<String> eventColumns = List.of(
                    events.globalIndexColumn(),
                    events.timestampColumn(),
                    events.eventIdentifierColumn(),
                    events.aggregateIdentifierColumn(),
                    events.sequenceNumberColumn(),
                    events.typeColumn(),
                    events.payloadTypeColumn(),
                    events.payloadRevisionColumn(),
                    events.payloadColumn(),
                    events.metaDataColumn());

            // then
            assertThat(columnsOf(events.domainEventTable())).containsAll(eventColumns);
            assertThat(columnsOf(events.snapshotTable())).containsAll(eventColumns.subList(1, eventColumns.size()));
            assertThat(columnsOf(tokens.tokenTable()))
                    .containsAll(List.of(
                            tokens.processorNameColumn(),
                            tokens.segmentColumn(),
                            tokens.tokenColumn(),
                            tokens.tokenTypeColumn(),
                            tokens.timestampColumn(),
                            tokens.ownerColumn()));
        }
    }

    // ---- plain JDBC helpers

    /** Appends one synthetic event row the way Axon would, leaving global_index to its default. */
    private long appendEvent(String aggregate, long sequenceNumber) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, ?, 'Journey', ?, ?, ?, '1', ?, '2024-03-01T14:30:00Z')
                RETURNING global_index""")) {
            insert.setString(1, aggregate);
            insert.setLong(2, sequenceNumber);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, "{\"chosenName\":\"Wren\"}".getBytes(StandardCharsets.UTF_8));
            insert.setString(6, "org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent");
            try (ResultSet rs = insert.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from: %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private List<String> columnsOf(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
