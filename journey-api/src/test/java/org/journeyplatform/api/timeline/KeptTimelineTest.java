package org.journeyplatform.api.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("A timeline read again is served from memory only while her rows are exactly as they were")
class KeptTimelineTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    private String her;

    @BeforeEach
    void aShortJourney() {
        her = enrol("Sedge", daysAgo(200));
        assertThat(caseworker
                        .post(
                                "/api/v1/participants/" + her + "/milestones",
                                json("occurredOn", daysAgo(100).toString(), "type", "HEALTH"))
                        .status())
                .isEqualTo(201);
        awaitTimeline(her, 2);
    }

    private JsonNode timeline() {
        return caseworker.get("/api/v1/participants/" + her + "/timeline").json();
    }

    @Nested
    @DisplayName("given her timeline was read once")
    class ReadOnce {

        private JsonNode first;

        @BeforeEach
        void readIt() {
            first = timeline();
        }

        @Test
        @DisplayName("reading it again gives the same timeline")
        void same() {
            assertThat(timeline()).isEqualTo(first);
        }

        @Test
        @DisplayName("a row changed in the table by anyone else (another instance, her erasure) shows at once")
        void changedElsewhere() {
            jdbc.sql("""
                            UPDATE timeline_entry SET details = details || '{"note": "changed elsewhere"}'::jsonb
                             WHERE participant_id = ? AND event_type = 'milestone-reached'""").param(her).update();
            assertThat(timeline().toString()).contains("changed elsewhere");
        }

        @Test
        @DisplayName("a new event shows as soon as its row is written")
        void newEvent() {
            assertThat(caseworker
                            .post(
                                    "/api/v1/participants/" + her + "/milestones",
                                    json("occurredOn", daysAgo(50).toString(), "type", "EMPLOYMENT"))
                            .status())
                    .isEqualTo(201);
            assertThat(awaitTimeline(her, 3)).hasSize(3);
        }
    }
}
