package org.journeyplatform.api.planted;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A planted violation, never registered (no annotation, so component scanning leaves it alone): a controller that
 * runs SQL itself. ArchitectureTest must find it.
 */
public class PlantedSqlController {

    private final JdbcClient jdbc;

    public PlantedSqlController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("SELECT 1").query(Long.class).single();
    }
}
