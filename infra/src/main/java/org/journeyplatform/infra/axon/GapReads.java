package org.journeyplatform.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The projections' read of the events after their token <em>and</em> of the gaps their token still waits for (global
 * indexes taken by transactions that had not committed when the token passed them), written so that PostgreSQL answers
 * it from the primary key at any size of store.
 * <p>
 * Axon's own statement asks {@code (global_index > ? AND global_index <= ?) OR global_index IN (?, ...)}, one
 * parameter per gap, so its text changes with the number of gaps and each text is prepared and planned anew; and a
 * disjunction can only use the index as a bitmap of both parts or not at all. Under the append benchmark one run spent
 * 15.8 ms on each of 2,661 such reads (a quarter of the database's time, on a store of about 140,000 events), where
 * the same read by the primary key takes a tenth of a millisecond; other runs never met it. Here the range and the
 * gaps are two index conditions of their own, joined by {@code UNION ALL}, and the gaps travel as one array, so there
 * is one statement, planned on the primary key whatever the store's size and the gaps' number ({@code GapReadsTest}
 * checks its generic plan). The gaps always lie below the token's index, so the two parts never return the same
 * event.
 */
public final class GapReads {

    private GapReads() {}

    /** Axon's {@code ReadEventDataWithGapsStatementBuilder}: the events in (globalIndex, globalIndex + batchSize] and the gaps. */
    public static PreparedStatement build(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema));
        try {
            statement.setLong(1, globalIndex);
            statement.setLong(2, globalIndex + batchSize);
            statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray(Long[]::new)));
            statement.setLong(4, globalIndex);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The statement: the range's bounds, the gaps as an array of {@code bigint}, then the token's index again. */
    static String sql(EventSchema schema) {
        String fields = schema.trackedEventFields();
        String table = schema.domainEventTable();
        String index = schema.globalIndexColumn();
        return "SELECT " + fields + " FROM " + table + " WHERE " + index + " > ? AND " + index + " <= ?"
                + " UNION ALL SELECT " + fields + " FROM " + table + " WHERE " + index + " = ANY (?) AND " + index
                + " <= ? ORDER BY " + index + " ASC";
    }
}
