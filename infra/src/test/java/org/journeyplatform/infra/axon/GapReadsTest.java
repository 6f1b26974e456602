package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The projections' read of new events and of the gaps they wait for")
class GapReadsTest {

    private static final EventSchema SCHEMA = new AxonConfiguration(100).eventSchema();
    /** Events stored at global indexes 1 to 20,000, but for the gaps left by transactions that never committed. */
    private static final long STORED = 20_000;

    private static final List<Long> NEVER_COMMITTED = List.of(7L, 12L, 19_990L);

    private static Connection connection;

    @BeforeAll
    static void storeEvents() throws SQLException {
        TestDatabase.Coordinates database = TestDatabase.freshSchema();
        connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                                    event_identifier, payload, payload_type, time_stamp)
                    SELECT i, 'journey-' || mod(i, 100), i / 100, 'Journey', 'event-' || i, convert_to('{}', 'UTF8'),
                           'SomethingHappenedEvent', '2026-12-05T00:00:00Z'
                      FROM generate_series(1, %d) AS i WHERE i NOT IN (7, 12, 19990)""".formatted(STORED));
            statement.execute("ANALYZE domain_event_entry");
        }
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @Test
    @DisplayName(
            "answers the events after the token, then up to the batch size, and the gaps that have since been stored, in order")
    void answersTheRangeAndTheStoredGaps() throws SQLException {
        // gap 3 was stored late; 7 and 12 never were
        assertThat(read(100, 5, List.of(3L, 7L, 12L))).containsExactly(3L, 101L, 102L, 103L, 104L, 105L);
    }

    @Test
    @DisplayName("skips the range's own gaps and answers nothing twice")
    void skipsTheRangesGaps() throws SQLException {
        assertThat(read(5, 10, List.of(2L, 5L))).containsExactly(2L, 5L, 6L, 8L, 9L, 10L, 11L, 13L, 14L, 15L);
    }

    @Test
    @DisplayName("takes any number of gaps, as one parameter")
    void takesManyGaps() throws SQLException {
        List<Long> gaps = LongStream.rangeClosed(1, 300).boxed().toList();
        List<Long> expected = new ArrayList<>(
                gaps.stream().filter(g -> !NEVER_COMMITTED.contains(g)).toList());
        expected.addAll(List.of(301L, 302L));
        assertThat(read(300, 2, gaps)).containsExactlyElementsOf(expected);
        assertThat(GapReads.sql(SCHEMA)).doesNotContain(" IN (");
    }

    @Test
    @DisplayName("is planned on the primary key, never as a scan of the whole store, also once its plan is generic")
    void isPlannedOnThePrimaryKey() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            String sql = GapReads.sql(SCHEMA);
            for (int parameter = 1; sql.contains("?"); parameter++) {
                sql = sql.replaceFirst("\\?", "\\$" + parameter);
            }
            statement.execute("PREPARE gap_read (bigint, bigint, bigint[], bigint) AS " + sql);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery(
                    "EXPLAIN EXECUTE gap_read (19000, 19100, ARRAY[7, 18000]::bigint[], 19000)")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            statement.execute("DEALLOCATE gap_read");
            statement.execute("RESET plan_cache_mode");
            assertThat(plan.toString()).contains("domain_event_entry_pk").doesNotContain("Seq Scan");
        }
    }

    private static List<Long> read(long globalIndex, int batchSize, List<Long> gaps) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (PreparedStatement statement = GapReads.build(connection, SCHEMA, globalIndex, batchSize, gaps);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return indexes;
    }
}
