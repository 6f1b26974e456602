package org.journeyplatform.projections.peers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.peer.PeerRole;
import org.journeyplatform.domain.peer.event.PeerRegisteredEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The peers participants can be matched with. Idempotent and replayable: one row per peer. */
@Component
@ProcessingGroup(PeerDirectoryProjection.PROCESSING_GROUP)
public class PeerDirectoryProjection {

    public static final String PROCESSING_GROUP = "peer-directory";

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of("peer");

    private final JdbcClient jdbc;

    public PeerDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PeerRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO peer (peer_id, display_name, role, training_hours, registered_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (peer_id) DO NOTHING""")
                .params(
                        event.peerId().toString(),
                        event.displayName(),
                        event.role().name(),
                        event.trainingHours(),
                        Timestamp.from(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM peer").update();
    }

    @QueryHandler
    public List<PeerView> handle(FindPeersQuery query) {
        return jdbc.sql("SELECT * FROM peer ORDER BY display_name, peer_id")
                .query(PeerDirectoryProjection::map)
                .list();
    }

    private static PeerView map(ResultSet rs, int row) throws SQLException {
        return new PeerView(
                rs.getString("peer_id"),
                rs.getString("display_name"),
                PeerRole.valueOf(rs.getString("role")),
                rs.getInt("training_hours"),
                rs.getTimestamp("registered_at").toInstant());
    }
}
