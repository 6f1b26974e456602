package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeyplatform.api.ErrorsAsProblemDetailsTest.assertProblem;

import org.axonframework.common.caching.Cache;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@org.junit.jupiter.api.extension.ExtendWith(org.journeyplatform.api.support.StopsProjectionsAfterwards.class)
@DisplayName("The journey cache keeps hot journeys in memory, and decides exactly as the event store does")
@TestPropertySource(properties = {"journey.aggregate-cache=true", "journey.aggregate-cache-size=100"})
class JourneyCacheTest extends ApiTest {

    @Autowired
    private Cache journeyCache;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    private String wren;
    private String programme;

    @BeforeEach
    void participant() {
        programme = registerProgramme("Harbour House", "RESIDENTIAL");
        wren = enrol("Wren", daysAgo(100));
    }

    private double metric(String result) {
        Response response = admin.get("/actuator/metrics/cache.gets?tag=cache:journeys&tag=result:" + result);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("measurements").get(0).get("value").asDouble();
    }

    private Response milestone(int daysAgo) {
        return caseworker.post(
                "/api/v1/participants/" + wren + "/milestones",
                json("occurredOn", daysAgo(daysAgo).toString(), "type", "HEALTH"));
    }

    @Nested
    @DisplayName("a journey worked on again and again")
    class Hot {

        @Test
        @DisplayName("is loaded from the event store once, then found in the cache (hits and misses in the metrics)")
        void loadedOnce() {
            assertThat(milestone(50).status()).isEqualTo(201);
            double missesBefore = metric("miss");
            double hitsBefore = metric("hit");

            for (int i = 0; i < 10; i++) {
                assertThat(milestone(40 - i).status()).isEqualTo(201);
            }

            assertThat(metric("miss") - missesBefore).as("store loads").isZero();
            assertThat(metric("hit") - hitsBefore).isEqualTo(10);
        }
    }

    @Nested
    @DisplayName("a journey evicted from the cache")
    class Evicted {

        @Test
        @DisplayName("is loaded from the event store again and gives the same decisions and versions")
        void sameDecisions() {
            caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", programme, "occurredOn", daysAgo(60).toString()));
            Response cachedRefusal = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", programme, "occurredOn", daysAgo(30).toString()));
            double missesBefore = metric("miss");

            journeyCache.remove(wren);
            Response loadedRefusal = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-entries",
                    json("programmeId", programme, "occurredOn", daysAgo(30).toString()));
            journeyCache.remove(wren);
            Response accepted = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-exits",
                    json("programmeId", programme, "occurredOn", daysAgo(20).toString(), "reason", "COMPLETED"));
            Response stale = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(10).toString(), "type", "HEALTH"),
                    "If-Match",
                    "\"1\"");

            assertProblem(cachedRefusal, 409, "/problems/already-in-programme");
            assertThat(loadedRefusal.body())
                    .isEqualTo(cachedRefusal
                            .body()
                            .replace(
                                    cachedRefusal.json().get("instance").asText(),
                                    loadedRefusal.json().get("instance").asText()));
            assertThat(accepted.status()).isEqualTo(201);
            assertThat(accepted.header("ETag")).isEqualTo("\"2\"");
            assertProblem(stale, 412, "/problems/stale-version");
            assertThat(metric("miss") - missesBefore)
                    .as("loaded from the store after each eviction")
                    .isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("a journey cached here while another instance appends to it")
    class ChangedElsewhere {

        @Test
        @DisplayName(
                "has the command tried again on the fresh journey: stored once, after the other event, with no error")
        void triedAgain() {
            assertThat(milestone(50).status()).isEqualTo(201); // cached at version 1
            appendedElsewhere();
            double missesBefore = metric("miss");

            Response accepted = milestone(40);

            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            assertThat(accepted.header("ETag")).isEqualTo("\"3\"");
            assertThat(jdbc.queryForList("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                     ORDER BY sequence_number""", Long.class, wren)).containsExactly(0L, 1L, 2L, 3L);
            assertThat(metric("miss") - missesBefore)
                    .as("loaded again from the store")
                    .isEqualTo(1);
            assertThat(milestone(30).header("ETag")).as("and cached again").isEqualTo("\"4\"");
        }

        @Test
        @DisplayName("judges an If-Match of the version as stored on the journey as stored: accepted, not a 412 naming "
                + "the version this instance held")
        void ifMatchOfTheStoredVersion() {
            // given
            assertThat(milestone(50).status()).isEqualTo(201); // cached at version 1
            appendedElsewhere();
            String stored = caseworker.get("/api/v1/participants/" + wren).header("ETag");
            assertThat(stored).isEqualTo("\"2\"");

            // when
            Response accepted = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(45).toString(), "type", "HEALTH"),
                    "If-Match",
                    stored);

            // then
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            assertThat(accepted.header("ETag")).isEqualTo("\"3\"");
            Response stale = caseworker.post(
                    "/api/v1/participants/" + wren + "/milestones",
                    json("occurredOn", daysAgo(44).toString(), "type", "HEALTH"),
                    "If-Match",
                    "\"9\"");
            assertThat(stale.status())
                    .as("a version the journey never had is still stale")
                    .isEqualTo(412);
            assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(3);
        }

        /** Another instance records a milestone of hers at the next version, behind this instance's cache. */
        private void appendedElsewhere() {
            jdbc.update("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT aggregate_identifier, sequence_number + 1, type, CAST(gen_random_uuid() AS text),
                           time_stamp, payload_type, payload_revision, payload, meta_data
                      FROM domain_event_entry WHERE aggregate_identifier = ?
                     ORDER BY sequence_number DESC LIMIT 1""", wren);
        }

        @Test
        @DisplayName("has a command of two events stored whole after the other event, never half")
        void twoEventsTriedAgain() {
            assertThat(milestone(50).status()).isEqualTo(201); // cached at version 1
            appendedElsewhere(); // version 2: the first of the stay's two events meets it, the second would not
            double missesBefore = metric("miss");

            Response stay = caseworker.post(
                    "/api/v1/participants/" + wren + "/programme-stays",
                    json(
                            "programmeId",
                            programme,
                            "enteredOn",
                            daysAgo(90).toString(),
                            "exitedOn",
                            daysAgo(70).toString(),
                            "reason",
                            "COMPLETED"));

            assertThat(stay.status()).as(stay.toString()).isEqualTo(201);
            assertThat(stay.header("ETag")).isEqualTo("\"4\"");
            assertThat(jdbc.queryForList("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                     ORDER BY sequence_number""", Long.class, wren)).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(jdbc.queryForList("""
                    SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number > 2
                     ORDER BY sequence_number""", String.class, wren))
                    .containsExactly(
                            "org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent",
                            "org.journeyplatform.domain.journey.event.ProgrammeExitedEvent");
            assertThat(metric("miss") - missesBefore)
                    .as("loaded again from the store")
                    .isEqualTo(1);
        }
    }
}
