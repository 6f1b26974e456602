package org.journeyplatform.projections.programmes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The tables this projection owns: it writes no others, and a rebuild builds these anew beside the live ones. */
    public static final java.util.List<String> TABLES = java.util.List.of("programme");

    private static final TypeReference<List<ProgrammeView.Module>> MODULES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public ProgrammeCatalogueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProgrammeRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO programme (programme_id, name, type, registered_at, curriculum)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT (programme_id) DO NOTHING""")
                .params(
                        event.programmeId().toString(),
                        event.name(),
                        event.type().name(),
                        Timestamp.from(recordedAt),
                        write(event.curriculum().stream()
                                .map(m -> new ProgrammeView.Module(m.moduleId().value(), m.title(), m.week()))
                                .toList()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM programme").update();
    }

    /** The names of these programmes by id, in name order; a programme not in the catalogue is left out. */
    public Map<String, String> namesOf(Collection<String> programmeIds) {
        Map<String, String> names = new LinkedHashMap<>();
        if (!programmeIds.isEmpty()) {
            jdbc.sql(
                            "SELECT programme_id, name FROM programme WHERE programme_id = ANY (?) ORDER BY name, programme_id")
                    .param(programmeIds.toArray(String[]::new))
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    @QueryHandler
    public List<ProgrammeView> handle(FindProgrammesQuery query) {
        return jdbc.sql("SELECT * FROM programme ORDER BY name, programme_id")
                .query(this::map)
                .list();
    }

    @QueryHandler
    public ProgrammeView handle(FindProgrammeQuery query) {
        return jdbc.sql("SELECT * FROM programme WHERE programme_id = ?")
                .param(query.programmeId())
                .query(this::map)
                .optional()
                .orElse(null);
    }

    private ProgrammeView map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        try {
            return new ProgrammeView(
                    rs.getString("programme_id"),
                    rs.getString("name"),
                    ProgrammeType.valueOf(rs.getString("type")),
                    rs.getTimestamp("registered_at").toInstant(),
                    json.readValue(rs.getString("curriculum"), MODULES));
        } catch (JsonProcessingException e) {
            throw new java.sql.SQLException("Unreadable curriculum of programme " + rs.getString("programme_id"), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a curriculum", e);
        }
    }
}
