package org.journeyplatform.projections.programmes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The programmes staff can pick from. Idempotent and replayable: one row per programme, upserted. */
@Component
@ProcessingGroup(ProgrammeCatalogueProjection.PROCESSING_GROUP)
public class ProgrammeCatalogueProjection {

    public static final String PROCESSING_GROUP = "programme-catalogue";

    private final JdbcClient jdbc;

    public ProgrammeCatalogueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProgrammeRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO programme (programme_id, name, type, registered_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (programme_id) DO UPDATE SET name = excluded.name, type = excluded.type""")
                .params(event.programmeId().toString(), event.name(), event.type().name(), Timestamp.from(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM programme").update();
    }

    @QueryHandler
    public List<ProgrammeView> handle(FindProgrammesQuery query) {
        return jdbc.sql("SELECT * FROM programme ORDER BY name, programme_id").query(this::map).list();
    }

    @QueryHandler
    public ProgrammeView handle(FindProgrammeQuery query) {
        return jdbc.sql("SELECT * FROM programme WHERE programme_id = ?").param(query.programmeId())
                .query(this::map).optional().orElse(null);
    }

    private ProgrammeView map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ProgrammeView(rs.getString("programme_id"), rs.getString("name"),
                ProgrammeType.valueOf(rs.getString("type")), rs.getTimestamp("registered_at").toInstant());
    }
}
