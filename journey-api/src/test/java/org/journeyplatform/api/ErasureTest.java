package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.assertProblem;
import static org.journeyplatform.api.support.Journeys.assertRule;
import static org.journeyplatform.api.support.Journeys.awaitProgramme;
import static org.journeyplatform.api.support.Journeys.ors;
import static org.journeyplatform.api.support.Journeys.rows;
import static org.journeyplatform.api.support.Journeys.rowsOfType;
import static org.journeyplatform.api.support.Journeys.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.journeyplatform.api.erasure.ErasureLedger;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Her right to erasure, over HTTP and in the database: once an administrator erases a participant, her personal data
 * (her chosen name, every free text about her) can no longer be read from anything the platform keeps, while the
 * non-personal facts of her journey (programme stays, dates, codes) still count. Personal data is only ever stored
 * sealed with a data key of her own (crypto-shredding); erasing her destroys that key.
 * <p>
 * Every participant here carries canaries: unique strings in her name and in each free text recorded about her, so
 * that any copy of them, anywhere, can be found. The test database is shared with every other API test: each test
 * works on participants of its own, and searches only for its own canaries.
 */
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("A participant is erased: her personal data can no longer be read anywhere, her other facts still count")
class ErasureTest extends ApiTest {

    private static final String REASON = "Her own request to be forgotten (GDPR article 17), made to her caseworker";
    private static final String ERASED = "erased";
    private static final String JOURNEY_EVENTS = "org.journeyplatform.domain.journey.event.";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ErasureLedger ledger;

    @Autowired
    private org.journeyplatform.api.research.ResearchProperties research;

    @Nested
    @DisplayName("given a participant whose name and every free text carry canaries, on a journey long enough to be "
            + "snapshotted")
    class ACanaryJourney {

        private Her her;

        @BeforeEach
        void recorded() {
            her = recordHer();
        }

        private String herPath(String resource) {
            return pathOf(her, resource);
        }

        @Test
        @DisplayName("before her erasure, staff read all her words back, yet the event store and the snapshots hold "
                + "none of them in plain text")
        void beforeErasure() {
            // given the read models rebuilt from the event store
            replay("participant-timeline", "participant-directory");

            // when
            String timeline = caseworker.get(herPath("timeline")).body();
            JsonNode summary = caseworker.get(herPath("summary")).json();
            JsonNode profile = caseworker.get(herPath("")).json();

            // then the platform works: what staff recorded reads back
            for (String canary : her.canaries.values()) {
                assertThat(timeline).as("her timeline").contains(canary);
            }
            assertThat(profile.get("chosenName").asText()).isEqualTo(her.canaries.get("profile chosen name"));
            assertThat(summary.get("activeGoals").findValuesAsText("description"))
                    .containsExactly(her.canaries.get("goal description"));
            assertThat(summary.get("openReunificationPlans").findValuesAsText("childPseudonym"))
                    .containsExactly(her.canaries.get("child pseudonym"));
            // and her journey was snapshotted
            assertThat(snapshots(her.id)).isPositive();
            // but the event store and the snapshots hold every canary only sealed
            assertThat(hitsInEventStore(her.canaries.values()))
                    .as("canaries in plain text in the event store or snapshots")
                    .isEmpty();
            // while the search does find them where the read models keep them for staff to read
            assertThat(hitsAnywhere(her.canaries.values()))
                    .contains("public.participant.chosen_name: " + her.canaries.get("profile chosen name"))
                    .contains("public.timeline_entry.details: " + her.canaries.get("exit note"))
                    .contains("public.timeline_entry.details: " + her.canaries.get("retraction reason"))
                    .contains("public.work_fact.child_pseudonym: " + her.canaries.get("child pseudonym"));
            // what staff wrote about reading her record reads back to administrators, and is nowhere in plain text
            assertThat(auditPurposes(her.id))
                    .contains(
                            her.accessCanaries.get("access purpose"),
                            "break-glass: " + her.accessCanaries.get("break-glass reason"),
                            her.accessCanaries.get("break-glass purpose"));
            assertThat(grantReasons(her.id)).containsExactly(her.accessCanaries.get("break-glass reason"));
            assertThat(hitsAnywhere(her.accessCanaries.values()))
                    .as("purposes and break-glass reasons in plain text in any column (the break-glass answer kept for "
                            + "retries of its Idempotency-Key included)")
                    .isEmpty();
        }

        @Test
        @DisplayName("after her erasure, no canary is left in any column of any table, in large objects, or in the "
                + "application's log")
        void noCanaryLeftAnywhere(CapturedOutput output) {
            // given read models rebuilt from the event store while she was not erased yet
            replay("participant-timeline", "participant-directory");
            LoggerFactory.getLogger(ErasureTest.class).info("Erasure canary test: erasing participant {}", her.id);

            // when
            Response erased = erase(her.id, REASON);

            // then
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            awaitErasureSeen(her.id);
            assertThat(hitsAnywhere(her.canaries.values()))
                    .as("canaries in any column of any table of the public and keystore schemas")
                    .isEmpty();
            assertThat(hitsAnywhere(her.accessCanaries.values()))
                    .as("purposes and break-glass reasons in any column of any table")
                    .isEmpty();
            assertThat(isSuperuser())
                    .as("the test database user reads pg_largeobject only as a superuser")
                    .isTrue();
            for (String canary : her.canaries.values()) {
                assertThat(jdbc.sql("""
                                SELECT count(*) FROM pg_largeobject
                                 WHERE position(convert_to(?, 'UTF8') in data) > 0""").param(canary).query(Long.class).single())
                        .as("large objects holding %s", canary)
                        .isZero();
            }
            // the log is captured (this test's own line is in it), and none of her words are in it
            assertThat(output.getAll()).contains("Erasure canary test: erasing participant " + her.id);
            for (String canary : her.canaries.values()) {
                assertThat(output.getAll()).as("the application's log").doesNotContain(canary);
            }
            for (String canary : her.accessCanaries.values()) {
                assertThat(output.getAll()).as("the application's log").doesNotContain(canary);
            }
            // nor in any file of the research export folder (exports never carry free text; this holds them to it)
            java.nio.file.Path exports = research.exportDir();
            if (java.nio.file.Files.isDirectory(exports)) {
                try (var files = java.nio.file.Files.walk(exports)) {
                    for (java.nio.file.Path file :
                            files.filter(java.nio.file.Files::isRegularFile).toList()) {
                        String content;
                        try {
                            content = new String(
                                    java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
                        } catch (java.io.IOException gone) {
                            continue; // another test's export expired meanwhile
                        }
                        for (String canary : her.canaries.values()) {
                            assertThat(content).as("export file %s", file).doesNotContain(canary);
                        }
                    }
                } catch (java.io.IOException | java.io.UncheckedIOException walking) {
                    // a folder removed while walking it: another test's export expired
                }
            }
            // PostgreSQL, the log and the export folder are all there is to search: no copy of events outside the
            // database (Kafka or any other broker) existed when this test was written. Once one does, search it too.
        }

        @Test
        @DisplayName("the moment her erasure has answered, before any projection has caught up, no read serves her "
                + "words: profile, list, timeline and summary")
        void erasedForEveryReadAtOnce() {
            // when
            Response erased = erase(her.id, REASON);

            // then, at once: no waiting for the projections
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            JsonNode profile = caseworker.get(herPath("")).json();
            assertThat(profile.get("chosenName").asText()).isEqualTo(ERASED);
            assertThat(profile.get("erased").asBoolean()).isTrue();
            for (JsonNode listed :
                    caseworker.get("/api/v1/participants?limit=500").json()) {
                if (listed.get("participantId").asText().equals(her.id)) {
                    assertNoCanary(listed.toString(), "her row in the list");
                }
            }
            assertNoCanary(caseworker.get(herPath("timeline")).body(), "her timeline");
            assertNoCanary(caseworker.get(herPath("summary")).body(), "her summary");
        }

        @Test
        @DisplayName("after her erasure, her timeline, summary and profile read \"erased\" where her words were, and "
                + "her programme stays, dates and codes are all still there")
        void readsAfterErasure() {
            // given
            JsonNode timelineBefore = caseworker.get(herPath("timeline")).json();
            JsonNode summaryBefore = caseworker.get(herPath("summary")).json();
            JsonNode profileBefore = caseworker.get(herPath("")).json();

            // when
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);
            awaitErasureSeen(her.id);

            // then her timeline: the same events on the same days, her words replaced
            JsonNode timeline = caseworker.get(herPath("timeline")).json();
            assertNoCanary(timeline.toString(), "her timeline");
            List<String> typesAfter = new ArrayList<>(types(timelineBefore));
            typesAfter.add("participant-erased");
            assertThat(types(timeline)).containsExactlyElementsOf(typesAfter);
            for (JsonNode before : timelineBefore) {
                JsonNode after = row(timeline, before.get("eventId").asText());
                for (String field : List.of(
                        "occurredOn",
                        "recordedAt",
                        "recordedBy",
                        "status",
                        "programmeId",
                        "programmeName",
                        "late",
                        "sequenceNumber")) {
                    assertThat(after.get(field))
                            .as("%s of %s", field, before.get("type"))
                            .isEqualTo(before.get(field));
                }
            }
            JsonNode enrolment =
                    rowsOfType(timeline, "participant-enrolled").get(0).get("details");
            assertThat(enrolment.get("chosenName").asText()).isEqualTo(ERASED);
            assertThat(enrolment.has("yearOfBirth")).isFalse();
            assertThat(enrolment.has("genderIdentity")).isFalse();
            assertThat(enrolment.has("ageAtFirstEntry")).isFalse();
            assertThat(enrolment.get("referralSource").asText()).isEqualTo("OUTREACH");
            assertThat(enrolment.get("ageBand").asText()).isEqualTo("AGE_25_TO_34");
            List<JsonNode> entries = rowsOfType(timeline, "programme-entered");
            assertThat(entries)
                    .extracting(row -> row.get("details").get("reentry").asBoolean())
                    .containsExactly(false, true);
            assertThat(entries)
                    .extracting(row -> row.get("details").get("note").asText())
                    .containsOnly(ERASED);
            assertThat(entries)
                    .extracting(row -> row.get("programmeId").asText())
                    .containsOnly(her.programme);
            assertThat(rowsOfType(timeline, "programme-exited")
                            .get(0)
                            .get("details")
                            .get("note")
                            .asText())
                    .isEqualTo(ERASED);
            JsonNode relapse = row(timeline, her.correctedRelapse);
            assertThat(relapse.get("status").asText()).isEqualTo("corrected");
            assertThat(relapse.get("details").get("kind").asText()).isEqualTo("DRUG_OR_ALCOHOL_USE");
            assertThat(relapse.get("details").get("severity").asText())
                    .as("corrected, not personal")
                    .isEqualTo("MODERATE");
            assertThat(relapse.get("details").get("note").asText()).isEqualTo(ERASED);
            assertThat(relapse.get("corrections")).singleElement().satisfies(correction -> {
                assertThat(correction.get("reason").asText()).isEqualTo(ERASED);
                assertThat(correction.get("correctedValues").get("severity").asText())
                        .isEqualTo("MODERATE");
                assertThat(correction.get("correctedValues").has("note")).isFalse();
            });
            JsonNode retracted = row(timeline, her.retractedRelapse);
            assertThat(retracted.get("status").asText()).isEqualTo("retracted");
            assertThat(retracted.get("retraction").get("reason").asText()).isEqualTo(ERASED);
            assertThat(rowsOfType(timeline, "milestone-reached"))
                    .extracting(row -> row.get("details").get("type").asText() + ":"
                            + row.get("details").get("description").asText())
                    .containsExactly("STABLE_HOUSING:erased", "HEALTH:erased");
            assertThat(rowsOfType(timeline, "support-network-helper-added"))
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("details").get("kind").asText()).isEqualTo("PROBATION_OFFICER");
                        assertThat(row.get("details").get("description").asText())
                                .isEqualTo(ERASED);
                    });
            assertThat(rowsOfType(timeline, "reunification-plan-opened"))
                    .singleElement()
                    .satisfies(row -> assertThat(
                                    row.get("details").get("childPseudonym").asText())
                            .isEqualTo(ERASED));
            assertThat(rowsOfType(timeline, "consent-given")).singleElement().satisfies(row -> {
                assertThat(row.get("details").get("kind").asText()).isEqualTo("RESEARCH");
                assertThat(row.get("details").get("scope").asText()).isEqualTo(ERASED);
            });
            assertThat(rowsOfType(timeline, "consent-withdrawn"))
                    .singleElement()
                    .satisfies(row ->
                            assertThat(row.get("details").get("note").asText()).isEqualTo(ERASED));
            assertThat(rowsOfType(timeline, "assessment-recorded"))
                    .extracting(row -> row.get("details").get("total").asDouble())
                    .containsExactly(14.0, 20.0);

            // her summary: where she stands is unchanged, her words replaced
            JsonNode summary = caseworker.get(herPath("summary")).json();
            assertNoCanary(summary.toString(), "her summary");
            ObjectNode expected = summaryBefore.deepCopy();
            expected.get("activeGoals").forEach(goal -> ((ObjectNode) goal).put("description", ERASED));
            expected.get("openReunificationPlans").forEach(plan -> ((ObjectNode) plan).put("childPseudonym", ERASED));
            expected.get("consents").forEach(consent -> ((ObjectNode) consent).put("scope", ERASED));
            assertThat(withoutMoment(summary)).isEqualTo(withoutMoment(expected));
            assertThat(summary.get("version").asLong())
                    .isEqualTo(summaryBefore.get("version").asLong() + 1);

            // her profile and her place in the directory
            JsonNode profile = caseworker.get(herPath("")).json();
            assertThat(profile.get("chosenName").asText()).isEqualTo(ERASED);
            assertThat(profile.has("yearOfBirth")).isFalse();
            assertThat(profile.has("genderIdentity")).isFalse();
            assertThat(profile.has("ageAtFirstEntry")).isFalse();
            assertThat(profile.get("enrolledOn")).isEqualTo(profileBefore.get("enrolledOn"));
            assertThat(profile.get("referralSource")).isEqualTo(profileBefore.get("referralSource"));
            JsonNode listed = rows(
                            caseworker.get("/api/v1/participants?limit=500").json(),
                            row -> row.get("participantId").asText().equals(her.id))
                    .get(0);
            assertThat(listed.get("chosenName").asText()).isEqualTo(ERASED);
            assertThat(profileBefore.get("erased").asBoolean()).isFalse();
            assertThat(profile.get("erased").asBoolean()).isTrue();
            assertThat(listed.get("erased").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("after her erasure, the purposes and break-glass reasons given for reading her record read "
                + "\"(erased)\" through the API, while the audit entries stay and the chain still verifies")
        void accessTextAfterErasure() {
            // given
            long entriesBefore = admin.get("/api/v1/admin/audit?limit=1000&participantId=" + her.id)
                    .json()
                    .size();

            // when
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);

            // then
            JsonNode entries = admin.get("/api/v1/admin/audit?limit=1000&participantId=" + her.id)
                    .json();
            assertThat(entries.size()).as("her entries, and the erasure's").isEqualTo(entriesBefore + 1);
            assertNoCanary(entries.toString(), "her audit entries");
            assertThat(auditPurposes(her.id)).contains("(erased)", "break-glass: (erased)", "erasure");
            JsonNode disclosures = admin.get("/api/v1/admin/participants/" + her.id + "/disclosures")
                    .json();
            assertNoCanary(disclosures.toString(), "her accounting of disclosures");
            assertThat(disclosures.findValuesAsText("purpose")).contains("(erased)", "break-glass: (erased)");
            assertThat(grantReasons(her.id)).containsExactly("(erased)");
            JsonNode verification =
                    admin.get("/api/v1/admin/audit/verification").json();
            assertThat(verification.get("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
            assertThat(hitsAnywhere(her.accessCanaries.values())).isEmpty();
        }

        @Test
        @DisplayName("after her erasure, the reason she left a programme (a code, not her words) is still in her "
                + "timeline")
        void exitReasonStays() {
            // when
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);
            awaitErasureSeen(her.id);

            // then
            JsonNode exit = rowsOfType(caseworker.get(herPath("timeline")).json(), "programme-exited")
                    .get(0);
            assertThat(exit.get("details").get("note").asText()).isEqualTo(ERASED);
            assertThat(exit.get("details").get("reason").asText())
                    .as("her exit reason, an ExitReason code")
                    .isEqualTo("COMPLETED");
        }

        @Test
        @DisplayName("a replay after her erasure rebuilds her timeline and the directory with placeholders, not her "
                + "words")
        void replayAfterErasure() {
            // given
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);
            awaitErasureSeen(her.id);
            JsonNode timelineBefore = caseworker.get(herPath("timeline")).json();
            JsonNode profileBefore = caseworker.get(herPath("")).json();

            // when
            replay("participant-timeline", "participant-directory");

            // then
            JsonNode timeline = caseworker.get(herPath("timeline")).json();
            assertThat(timeline).isEqualTo(timelineBefore);
            assertThat(caseworker.get(herPath("")).json()).isEqualTo(profileBefore);
            assertThat(jdbc.sql("SELECT chosen_name FROM participant WHERE participant_id = ?")
                            .param(her.id)
                            .query(String.class)
                            .single())
                    .isEqualTo(ERASED);
            assertThat(hitsAnywhere(her.canaries.values())).isEmpty();
        }

        @Test
        @DisplayName("after her erasure nothing more can be recorded for her: 409 participant-erased")
        void nothingMoreRecorded() {
            // given
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);
            long eventsBefore = events(her.id);

            // when
            Response note = caseworker.post(
                    herPath("milestones"),
                    json("occurredOn", day(5), "type", "HEALTH", "description", "Recorded after her erasure"));
            Response exit = caseworker.post(
                    herPath("programme-exits"),
                    json("programmeId", her.programme, "occurredOn", day(5), "reason", "COMPLETED"));
            Response profile = caseworker.post(
                    herPath("profile-updates"), json("occurredOn", day(5), "chosenName", "A name after her erasure"));
            Response correction = caseworker.post(
                    herPath("events/" + her.correctedRelapse + "/corrections"),
                    json("correctedValues", "{\"severity\":\"LOW\"}", "reason", "After her erasure"));

            // then
            for (Response refused : List.of(note, exit, profile, correction)) {
                assertRule(refused, 409, "participant-erased");
                assertThat(refused.body()).doesNotContain(her.canaries.get("chosen name"));
            }
            assertThat(events(her.id)).isEqualTo(eventsBefore);
        }

        @Test
        @DisplayName("erasing her again answers 200 with the same erasure, and the ledger lists her once")
        void idempotent() {
            // given
            Response first = erase(her.id, REASON);
            assertThat(first.status()).as(first.toString()).isEqualTo(200);

            // when
            Response again = erase(her.id, "Asked a second time");

            // then
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(first.json().get("participantId").asText()).isEqualTo(her.id);
            assertThat(first.json().get("erasedBy").asText()).isEqualTo(ADMIN);
            assertThat(first.json().get("reason").asText()).isEqualTo(REASON);
            assertThat(Instant.parse(first.json().get("erasedAt").asText())).isBefore(Instant.now());
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                               AND payload_type = ?""")
                            .params(her.id, JOURNEY_EVENTS + "ParticipantErasedEvent")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            List<JsonNode> listed = rows(
                    admin.get("/api/v1/admin/erasures?limit=1000").json(),
                    row -> row.get("participantId").asText().equals(her.id));
            assertThat(listed).singleElement().isEqualTo(first.json());
            assertThat(snapshots(her.id)).isZero();
            assertThat(jdbc.sql("""
                            SELECT wrapped_key IS NULL AND destroyed_at IS NOT NULL
                              FROM keystore.participant_data_key WHERE participant_id = ?""").param(her.id).query(Boolean.class).single())
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("an erasure request")
    class ErasureRequests {

        private String wren;

        @BeforeEach
        void enrolled() {
            wren = enrol("Wren", daysAgo(30));
        }

        @Test
        @DisplayName(
                "without a reason, or with a blank, invisible or overlong one, is a 400 validation-failed; nothing "
                        + "erased")
        void reasonRequired() {
            assertProblem(admin.post(erasurePath(wren), "{}"), 400, "/problems/validation-failed");
            assertProblem(admin.post(erasurePath(wren), json("reason", "   ")), 400, "/problems/validation-failed");
            assertProblem(
                    admin.post(erasurePath(wren), json("reason", "\u200b\u00a0")), 400, "/problems/validation-failed");
            assertProblem(
                    admin.post(erasurePath(wren), json("reason", "x".repeat(501))), 400, "/problems/validation-failed");
            assertThat(admin.post(erasurePath(wren), "").status()).isEqualTo(400);

            assertThat(erasureEvents(wren)).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM keystore.erasure_ledger WHERE participant_id = ?")
                            .param(wren)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(caseworker
                            .get("/api/v1/participants/" + wren)
                            .json()
                            .get("chosenName")
                            .asText())
                    .isEqualTo("Wren");
        }

        @Test
        @DisplayName("a participant who chose the name \"erased\" is not shown as erased, in the list or on her own")
        void namedErased() {
            String named = enrol(ERASED, daysAgo(3));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(rows(
                                    caseworker
                                            .get("/api/v1/participants?limit=500")
                                            .json(),
                                    row -> row.get("participantId").asText().equals(named)))
                            .singleElement()
                            .satisfies(row -> {
                                assertThat(row.get("chosenName").asText()).isEqualTo(ERASED);
                                assertThat(row.get("erased").asBoolean()).isFalse();
                            }));
            assertThat(caseworker
                            .get("/api/v1/participants/" + named)
                            .json()
                            .get("erased")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        @DisplayName("for nobody enrolled is a 404 participant-not-found")
        void unknownParticipant() {
            assertProblem(erase(UUID.randomUUID().toString(), REASON), 404, "/problems/participant-not-found");
            assertProblem(erase("not-a-participant", REASON), 404, "/problems/participant-not-found");
        }

        @Test
        @DisplayName("by anyone but an administrator is refused: 403 for staff, 401 for an anonymous caller")
        void administratorsOnly() {
            for (ApiClient staff : List.of(
                    caseworker, manager, client("peer-worker", "peer-demo"), client("researcher", "researcher-demo"))) {
                assertThat(staff.post(erasurePath(wren), json("reason", REASON)).status())
                        .isEqualTo(403);
                assertThat(staff.get("/api/v1/admin/erasures").status()).isEqualTo(403);
                assertThat(staff.get("/api/v1/admin/retention?eraseAfter=P7Y").status())
                        .isEqualTo(403);
                assertThat(staff.post("/api/v1/admin/retention/run?eraseAfter=P7Y", "")
                                .status())
                        .isEqualTo(403);
                assertThat(staff.get("/api/v1/admin/data-keys").status()).isEqualTo(403);
                assertThat(staff.post("/api/v1/admin/data-keys/rewrap", "").status())
                        .isEqualTo(403);
            }
            assertThat(anonymous.post(erasurePath(wren), json("reason", REASON)).status())
                    .isEqualTo(401);

            assertThat(erasureEvents(wren)).isZero();
        }
    }

    @Nested
    @DisplayName("given a programme of 12 participants, one of whom is erased")
    class Dashboards {

        private static final String PASSWORD = "a long erasure-test passphrase";

        @Test
        @DisplayName("its dashboard shows the same figures after her erasure, and after the dashboards are replayed; "
                + "her dashboard facts stay")
        void figuresStillAddUp() {
            // given twelve stays, hers corrected from completed to left by choice, and a relapse after it
            String suffix = letters(6);
            String programme = awaitProgramme(caseworker, registerProgramme("Erasure House " + suffix, "RESIDENTIAL"));
            String lead = "erasure-lead-" + suffix;
            assertThat(admin.post(
                                    "/api/v1/admin/users",
                                    json("username", lead, "password", PASSWORD, "roles", "[\"MANAGER\"]"))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.send("PUT", "/api/v1/admin/staff/" + lead + "/programmes/" + programme, null)
                            .status())
                    .isEqualTo(204);
            ApiClient herManager = client(lead, PASSWORD);
            List<String> participants = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                String id = enrol("Resident " + (k + 1), daysAgo(250));
                accepted(caseworker.post(
                        "/api/v1/participants/" + id + "/programme-entries",
                        json("programmeId", programme, "occurredOn", day(200 - k))));
                accepted(caseworker.post(
                        "/api/v1/participants/" + id + "/programme-exits",
                        json("programmeId", programme, "occurredOn", day(100 - k), "reason", "COMPLETED")));
                participants.add(id);
            }
            String erased = participants.get(0);
            String exit = rowsOfType(awaitTimeline(erased, 3), "programme-exited")
                    .get(0)
                    .get("eventId")
                    .asText();
            accepted(caseworker.post(
                    "/api/v1/participants/" + erased + "/events/" + exit + "/corrections",
                    json(
                            "correctedValues",
                            "{\"reason\":\"LEFT_BY_CHOICE\"}",
                            "reason",
                            "She chose to leave; it was recorded as completed")));
            accepted(caseworker.post(
                    "/api/v1/participants/" + erased + "/relapses",
                    json("occurredOn", day(60), "kind", "DRUG_OR_ALCOHOL_USE")));
            String dashboard =
                    "/api/v1/programmes/" + programme + "/dashboard?from=" + daysAgo(300) + "&to=" + daysAgo(0);
            awaitCaughtUp("programme-dashboard");
            JsonNode before = ok(herManager.get(dashboard));
            List<Map<String, Object>> factsBefore = facts(erased);
            assertThat(before.get("headline").get("participants").get("value").asInt())
                    .isEqualTo(12);
            assertThat(before.get("headline").get("exits").get("value").asInt()).isEqualTo(12);
            assertThat(factsBefore).isNotEmpty();

            // when
            assertThat(erase(erased, REASON).status()).isEqualTo(200);
            awaitCaughtUp("programme-dashboard");

            // then
            assertThat(ok(herManager.get(dashboard))).isEqualTo(before);
            assertThat(facts(erased)).isEqualTo(factsBefore);

            // and when the dashboards are rebuilt from the event store
            assertThat(admin.post("/api/v1/admin/projections/programme-dashboard/replay", "")
                            .status())
                    .isEqualTo(202);
            awaitCaughtUp("programme-dashboard");

            // then they add up just the same
            assertThat(facts(erased)).isEqualTo(factsBefore);
            assertThat(ok(herManager.get(dashboard))).isEqualTo(before);
        }

        private List<Map<String, Object>> facts(String participant) {
            return jdbc.sql("""
                            SELECT event_id, kind, occurred_on, programme_id, label, ref, direction, score, retracted
                              FROM dashboard_fact WHERE participant_id = ? ORDER BY event_id""").param(participant).query().listOfRows();
        }
    }

    @Nested
    @DisplayName("the erasure ledger, re-applied at start-up")
    class TheLedger {

        @Test
        @DisplayName("given the ledger restored from a backup older than her erasure, it puts her erasure back and "
                + "her key stays destroyed")
        void ledgerRestoredFromOlderBackup() {
            // given
            String wren = enrol("Wren", daysAgo(30));
            assertThat(erase(wren, REASON).status()).isEqualTo(200);
            jdbc.sql("DELETE FROM keystore.erasure_ledger WHERE participant_id = ?")
                    .param(wren)
                    .update();

            // when
            int reapplied = ledger.reapply();

            // then
            assertThat(reapplied).isPositive();
            assertThat(jdbc.sql("SELECT erased_by FROM keystore.erasure_ledger WHERE participant_id = ?")
                            .param(wren)
                            .query(String.class)
                            .single())
                    .isEqualTo("erasure-ledger");
            assertKeyDestroyed(wren);
            assertThat(erasureEvents(wren)).isEqualTo(1);
            assertThat(ledger.reapply())
                    .as("re-applying again finds nothing left to do")
                    .isZero();
        }

        @Test
        @DisplayName("given the key store restored from a backup taken before her erasure (her wrapped key back, her "
                + "ledger row gone), it destroys her key again")
        void keyStoreRestoredFromOlderBackup() {
            // given a backup of the key store's row for her, taken before her erasure
            Her her = recordHer();
            Map<String, Object> backup = jdbc.sql("""
                            SELECT master_key_id, wrapped_key, created_at FROM keystore.participant_data_key
                             WHERE participant_id = ?""").param(her.id).query().singleRow();
            assertThat(backup.get("wrapped_key")).isNotNull();
            assertThat(erase(her.id, REASON).status()).isEqualTo(200);
            awaitErasureSeen(her.id);
            // the key store is restored from that backup: her key is back, her ledger row is not
            jdbc.sql("""
                            UPDATE keystore.participant_data_key
                               SET master_key_id = ?, wrapped_key = ?, created_at = ?, destroyed_at = NULL
                             WHERE participant_id = ?""")
                    .params(backup.get("master_key_id"), backup.get("wrapped_key"), backup.get("created_at"), her.id)
                    .update();
            jdbc.sql("DELETE FROM keystore.erasure_ledger WHERE participant_id = ?")
                    .param(her.id)
                    .update();

            // when
            int reapplied = ledger.reapply();

            // then
            assertThat(reapplied).isGreaterThanOrEqualTo(2);
            assertKeyDestroyed(her.id);
            assertThat(jdbc.sql("SELECT count(*) FROM keystore.erasure_ledger WHERE participant_id = ?")
                            .param(her.id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertNoCanary(caseworker.get(pathOf(her, "summary")).body(), "her summary");
            assertNoCanary(caseworker.get(pathOf(her, "")).body(), "her profile");
            assertThat(caseworker
                            .get(pathOf(her, "summary"))
                            .json()
                            .get("activeGoals")
                            .findValuesAsText("description"))
                    .containsOnly(ERASED);
        }

        @Test
        @DisplayName("given an erasure cut short (in the ledger, her key not yet destroyed), it completes it: her "
                + "erasure recorded, her key destroyed, her snapshots gone")
        void erasureCutShort() {
            // given
            Her her = recordHer();
            assertThat(snapshots(her.id)).isPositive();
            jdbc.sql("""
                            INSERT INTO keystore.erasure_ledger (participant_id, erased_at, erased_by, reason)
                            VALUES (?, now(), ?, ?)""").params(her.id, ADMIN, REASON).update();

            // when
            int reapplied = ledger.reapply();

            // then
            assertThat(reapplied).isPositive();
            assertThat(erasureEvents(her.id)).isEqualTo(1);
            assertKeyDestroyed(her.id);
            assertThat(snapshots(her.id)).isZero();
            awaitErasureSeen(her.id);
            assertThat(hitsAnywhere(her.canaries.values())).isEmpty();
            assertRule(
                    caseworker.post(pathOf(her, "milestones"), json("occurredOn", day(5), "type", "HEALTH")),
                    409,
                    "participant-erased");
            assertThat(admin.get("/api/v1/admin/erasures?limit=1000").json().findValuesAsText("participantId"))
                    .contains(her.id);
        }
    }

    @Nested
    @DisplayName("the retention rule")
    class Retention {

        @Test
        @DisplayName("a dry run answers 200 with those it would erase, none of them active within the period, and "
                + "erases nobody")
        void dryRun() {
            // given
            String wren = enrol("Wren", daysAgo(30));

            // when
            Response response = admin.get("/api/v1/admin/retention?eraseAfter=P7Y");

            // then
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode outcome = response.json();
            assertThat(outcome.get("dryRun").asBoolean()).isTrue();
            assertThat(outcome.get("eraseAfter").asText()).isEqualTo("P7Y");
            LocalDate cutoff = LocalDate.parse(outcome.get("cutoff").asText());
            assertThat(cutoff).isEqualTo(daysAgo(0).minusYears(7));
            assertThat(outcome.get("participants").findValuesAsText("participantId"))
                    .doesNotContain(wren);
            outcome.get("participants")
                    .forEach(candidate -> assertThat(
                                    Instant.parse(candidate.get("lastActivity").asText()))
                            .isBefore(cutoff.atStartOfDay(java.time.ZoneOffset.UTC)
                                    .toInstant()));
            assertThat(erasureEvents(wren)).isZero();
        }

        @Test
        @DisplayName("a run sent with a body (as if it took options there) is refused and erases nobody; a period "
                + "longer than any record is a 400, not a 500")
        void refusedInput() {
            Response withBody = admin.post("/api/v1/admin/retention/run?eraseAfter=P1D", "{\"dryRun\":true}");
            assertThat(withBody.status()).as(withBody.toString()).isEqualTo(400);
            assertThat(withBody.json().get("detail").asText())
                    .contains("no body")
                    .contains("nobody was erased");
            assertThat(admin.post("/api/v1/admin/data-keys/rewrap", "not json").status())
                    .isEqualTo(400);

            for (String period : List.of("P1000000Y", "P151Y", "P99999999M", "P150Y1D", "P149Y12M1D", "P54790D")) {
                Response response = admin.get("/api/v1/admin/retention?eraseAfter=" + period);
                assertThat(response.status()).as(period + ": " + response).isEqualTo(400);
                assertThat(response.json().get("type").asText()).endsWith("/problems/validation-failed");
            }
            assertThat(admin.get("/api/v1/admin/retention?eraseAfter=P150Y").status())
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("given a participant with nothing recorded for 28 years, the dry run names her and a run "
                + "erases her")
        void oldRecordErased() throws Exception {
            // given her events, dated as if recorded 28 years ago (a multiple of four: 29 February stays a date); the
            // event store refuses updates, so its trigger is bypassed for this one session
            Her her = recordHer();
            String juniper = enrol("Juniper", daysAgo(30));
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                try {
                    statement.executeUpdate("""
                            UPDATE domain_event_entry
                               SET time_stamp = overlay(time_stamp placing '%d' from 1 for 4)
                             WHERE aggregate_identifier = '%s'""".formatted(LocalDate.now().getYear() - 28, her.id));
                } finally {
                    statement.execute("SET session_replication_role = DEFAULT");
                }
            }

            // when
            Response dryRun = admin.get("/api/v1/admin/retention?eraseAfter=P25Y");

            // then
            assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
            assertThat(dryRun.json().get("participants").findValuesAsText("participantId"))
                    .containsExactly(her.id);
            assertThat(erasureEvents(her.id)).isZero();

            // when
            Response run = admin.post("/api/v1/admin/retention/run?eraseAfter=P25Y", "");

            // then
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
            assertThat(run.json().get("dryRun").asBoolean()).isFalse();
            assertThat(run.json().get("participants").findValuesAsText("participantId"))
                    .containsExactly(her.id);
            assertThat(erasureEvents(her.id)).isEqualTo(1);
            assertKeyDestroyed(her.id);
            assertThat(jdbc.sql("SELECT reason FROM keystore.erasure_ledger WHERE participant_id = ?")
                            .param(her.id)
                            .query(String.class)
                            .single())
                    .contains("retention rule")
                    .contains("P25Y");
            assertThat(erasureEvents(juniper)).isZero();
            assertThat(admin.get("/api/v1/admin/retention?eraseAfter=P25Y")
                            .json()
                            .get("participants"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a period that is not a positive ISO-8601 period is a 400 validation-failed")
        void badPeriod() {
            for (String period : List.of("seven-years", "7Y", "P0D", "-P1Y", "P-1Y")) {
                assertProblem(
                        admin.get("/api/v1/admin/retention?eraseAfter=" + period), 400, "/problems/validation-failed");
                assertProblem(
                        admin.post("/api/v1/admin/retention/run?eraseAfter=" + period, ""),
                        400,
                        "/problems/validation-failed");
            }
        }

        @Test
        @DisplayName("with no rule configured and none given, both the dry run and a run are a 400 validation-failed")
        void noRule() {
            assertProblem(admin.get("/api/v1/admin/retention"), 400, "/problems/validation-failed");
            assertProblem(admin.post("/api/v1/admin/retention/run", ""), 400, "/problems/validation-failed");
        }
    }

    @Nested
    @DisplayName("the data keys")
    class DataKeys {

        @Test
        @DisplayName("are counted by the master key that wraps them, all by the primary; a re-wrap has nothing to do")
        void countedAndRewrapped() {
            // given
            enrol("Wren", daysAgo(30));

            // when
            Response keys = admin.get("/api/v1/admin/data-keys");
            Response rewrap = admin.post("/api/v1/admin/data-keys/rewrap", "");

            // then
            assertThat(keys.status()).as(keys.toString()).isEqualTo(200);
            String primary = keys.json().get("primaryMasterKey").asText();
            assertThat(primary).isNotBlank();
            assertThat(fieldNames(keys.json().get("wrappedBy"))).containsExactly(primary);
            assertThat(keys.json().get("wrappedBy").get(primary).asLong())
                    .isEqualTo(jdbc.sql("""
                    SELECT count(*) FROM keystore.participant_data_key WHERE wrapped_key IS NOT NULL""").query(Long.class).single())
                    .isPositive();
            assertThat(rewrap.status()).as(rewrap.toString()).isEqualTo(200);
            assertThat(rewrap.json().get("rewrapped").asInt()).isZero();
            assertThat(rewrap.json().get("primaryMasterKey").asText()).isEqualTo(primary);
            assertThat(rewrap.json().get("wrappedBy"))
                    .isEqualTo(admin.get("/api/v1/admin/data-keys").json().get("wrappedBy"));
        }
    }

    // ---- her journey: 27 events, a canary in her name and in every free text ----

    /** One participant with canaries; canaries maps what each is (e.g. "relapse note") to its text. */
    private static final class Her {
        String id;
        String programme;
        String correctedRelapse;
        String retractedRelapse;
        final Map<String, String> canaries = new LinkedHashMap<>();
        /** Canaries in what staff wrote about reading her record: a purpose, a break-glass reason. */
        final Map<String, String> accessCanaries = new LinkedHashMap<>();

        String canary(String what) {
            String canary = "CANARY-" + what.replace(' ', '-') + "-" + UUID.randomUUID();
            canaries.put(what, canary);
            return canary;
        }

        String accessCanary(String what) {
            String canary = "CANARY-" + what.replace(' ', '-') + "-" + UUID.randomUUID();
            accessCanaries.put(what, canary);
            return canary;
        }
    }

    private Her recordHer() {
        Her her = new Her();
        her.programme = awaitProgramme(caseworker, registerProgramme("Harbour House " + letters(6), "RESIDENTIAL"));
        Response enrolled = caseworker.post(
                "/api/v1/participants",
                json(
                        "chosenName",
                        her.canary("chosen name"),
                        "enrolledOn",
                        day(400),
                        "yearOfBirth",
                        "1991",
                        "referralSource",
                        "OUTREACH",
                        "genderIdentity",
                        "WOMAN",
                        "ageAtFirstEntry",
                        "17",
                        "ageBand",
                        "AGE_25_TO_34"),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        her.id = accepted(enrolled).get("participantId").asText();
        record(
                her,
                "programme-entries",
                json("programmeId", her.programme, "occurredOn", day(390), "note", her.canary("entry note")));
        record(her, "assessments", json("instrument", "ors", "itemScores", ors(14), "occurredOn", day(380)));
        record(
                her,
                "relapses",
                json(
                        "occurredOn",
                        day(350),
                        "kind",
                        "DRUG_OR_ALCOHOL_USE",
                        "severity",
                        "LOW",
                        "supportFollowed",
                        "[\"DETOX\"]",
                        "note",
                        her.canary("relapse note")));
        record(
                her,
                "milestones",
                json(
                        "occurredOn",
                        day(340),
                        "type",
                        "STABLE_HOUSING",
                        "description",
                        her.canary("milestone description")));
        String achieved = record(
                        her,
                        "goals",
                        json("description", her.canary("achieved goal description"), "occurredOn", day(335)))
                .get("id")
                .asText();
        String goal = record(her, "goals", json("description", her.canary("goal description"), "occurredOn", day(330)))
                .get("id")
                .asText();
        record(
                her,
                "goals/" + goal + "/progress",
                json("note", her.canary("goal progress note"), "occurredOn", day(320)));
        String safetyPlan = record(
                        her,
                        "safety-plans",
                        json("contents", her.canary("safety plan contents"), "occurredOn", day(310)))
                .get("id")
                .asText();
        record(
                her,
                "safety-plans/" + safetyPlan + "/reviews",
                json("contents", her.canary("safety plan review"), "occurredOn", day(300)));
        String plan = record(
                        her,
                        "reunification-plans",
                        json(
                                "childPseudonym",
                                her.canary("child pseudonym"),
                                "note",
                                her.canary("reunification plan note"),
                                "occurredOn",
                                day(290)))
                .get("id")
                .asText();
        record(
                her,
                "reunification-plans/" + plan + "/steps",
                json(
                        "step",
                        "SUPERVISED_CONTACT",
                        "note",
                        her.canary("reunification step note"),
                        "occurredOn",
                        day(280)));
        String helper = record(
                        her,
                        "support-network",
                        json(
                                "kind",
                                "PROBATION_OFFICER",
                                "description",
                                her.canary("helper description"),
                                "occurredOn",
                                day(270)))
                .get("id")
                .asText();
        record(
                her,
                "peer-sessions",
                json(
                        "kind",
                        "GROUP",
                        "minutes",
                        "90",
                        "note",
                        her.canary("peer session note"),
                        "occurredOn",
                        day(260)));
        record(
                her,
                "protection-orders",
                json("kind", "RESTRAINING_ORDER", "note", her.canary("protection order note"), "occurredOn", day(250)));
        String consent = record(
                        her,
                        "consents",
                        json(
                                "kind",
                                "RESEARCH",
                                "scope",
                                her.canary("consent scope"),
                                "expiresOn",
                                day(-300),
                                "occurredOn",
                                day(240)))
                .get("id")
                .asText();
        record(
                her,
                "consents/" + consent + "/withdrawal",
                json("note", her.canary("consent withdrawal note"), "occurredOn", day(235)));
        record(her, "profile-updates", json("chosenName", her.canary("profile chosen name"), "occurredOn", day(230)));
        record(
                her,
                "programme-exits",
                json(
                        "programmeId",
                        her.programme,
                        "occurredOn",
                        day(220),
                        "reason",
                        "COMPLETED",
                        "note",
                        her.canary("exit note")));
        record(
                her,
                "relapses",
                json("occurredOn", day(210), "kind", "OTHER", "note", her.canary("retracted relapse note")));
        record(
                her,
                "programme-entries",
                json("programmeId", her.programme, "occurredOn", day(200), "note", her.canary("re-entry note")));
        record(
                her,
                "goals/" + achieved + "/achievement",
                json("note", her.canary("goal achieved note"), "occurredOn", day(190)));
        record(
                her,
                "support-network/" + helper + "/removal",
                json("note", her.canary("helper removal note"), "occurredOn", day(180)));
        JsonNode timeline = awaitTimeline(her.id, 22);
        her.correctedRelapse = eventIdWithNote(timeline, her.canaries.get("relapse note"));
        her.retractedRelapse = eventIdWithNote(timeline, her.canaries.get("retracted relapse note"));
        record(
                her,
                "events/" + her.correctedRelapse + "/corrections",
                json(
                        "correctedValues",
                        "{\"note\":\"" + her.canary("corrected relapse note") + "\",\"severity\":\"MODERATE\"}",
                        "reason",
                        her.canary("correction reason")));
        record(her, "events/" + her.retractedRelapse + "/retraction", json("reason", her.canary("retraction reason")));
        record(
                her,
                "milestones",
                json(
                        "occurredOn",
                        day(100),
                        "type",
                        "HEALTH",
                        "description",
                        her.canary("second milestone description")));
        record(her, "assessments", json("instrument", "ors", "itemScores", ors(20), "occurredOn", day(90)));
        awaitTimeline(her.id, 27);
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshots(her.id) > 0);
        // staff read her record giving a purpose; someone outside her programmes opens it under break-glass
        ApiClient outsider = client("outreach-worker", "outreach-demo");
        assertThat(caseworker
                        .send(
                                "GET",
                                pathOf(her, "summary"),
                                null,
                                "X-Access-Purpose",
                                her.accessCanary("access purpose"))
                        .status())
                .isEqualTo(200);
        Response grant = outsider.post(
                pathOf(her, "break-glass"),
                json("reason", her.accessCanary("break-glass reason")),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
        assertThat(outsider.send(
                                "GET",
                                pathOf(her, "timeline"),
                                null,
                                "X-Access-Purpose",
                                her.accessCanary("break-glass purpose"))
                        .status())
                .isEqualTo(200);
        return her;
    }

    private JsonNode record(Her her, String resource, String body) {
        return accepted(caseworker.post(pathOf(her, resource), body));
    }

    private static String eventIdWithNote(JsonNode timeline, String note) {
        List<JsonNode> matching =
                rows(timeline, row -> row.path("details").path("note").asText().equals(note));
        assertThat(matching).hasSize(1);
        return matching.get(0).get("eventId").asText();
    }

    // ---- erasing and waiting ----

    private Response erase(String participantId, String reason) {
        return admin.post(erasurePath(participantId), json("reason", reason));
    }

    private static String erasurePath(String participantId) {
        return "/api/v1/admin/participants/" + participantId + "/erasure";
    }

    /** Waits until the read models have handled her erasure and everything before it. */
    private void awaitErasureSeen(String participantId) {
        awaitCaughtUp("participant-timeline", "participant-directory", "programme-dashboard");
        assertThat(rowsOfType(
                        caseworker
                                .get("/api/v1/participants/" + participantId + "/timeline")
                                .json(),
                        "participant-erased"))
                .hasSize(1);
    }

    /** Replays the projections and waits until they have caught up again. */
    private void replay(String... projections) {
        for (String projection : projections) {
            Response replay = admin.post("/api/v1/admin/projections/" + projection + "/replay", "");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        }
        awaitCaughtUp(projections);
    }

    /** Waits until each projection has handled every event stored so far, and is not replaying. */
    private void awaitCaughtUp(String... projections) {
        long head = jdbc.sql("SELECT coalesce(max(global_index), -1) FROM domain_event_entry")
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String projection : projections) {
                        JsonNode status = admin.get("/api/v1/admin/projections/" + projection)
                                .json();
                        if (status.get("replaying").asBoolean()
                                || status.get("position").asLong() < head) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    // ---- looking for canaries ----

    /** Every hit of a canary in any column of any table of the public and keystore schemas. */
    private List<String> hitsAnywhere(Collection<String> canaries) {
        List<String> searched = new ArrayList<>();
        List<String> hits = hits(canaries, List.of(), searched);
        assertThat(searched)
                .as("columns searched")
                .contains(
                        "public.domain_event_entry.payload",
                        "public.domain_event_entry.meta_data",
                        "public.snapshot_event_entry.payload",
                        "public.timeline_entry.details",
                        "public.work_fact.child_pseudonym",
                        "public.work_fact.scope",
                        "public.participant.chosen_name",
                        "keystore.participant_data_key.wrapped_key",
                        "keystore.erasure_ledger.reason",
                        "public.audit_entry.endpoint",
                        "public.idempotency_record.body",
                        "public.token_entry.token",
                        "public.dashboard_fact.label",
                        "public.audit_entry.purpose",
                        "public.audit_entry.purpose_sealed",
                        "public.break_glass_grant.reason",
                        "public.break_glass_grant.reason_sealed",
                        "public.audit_checkpoint.head_hash");
        return hits;
    }

    /** Every hit of a canary in any column of the event store and the snapshots, payloads and metadata included. */
    private List<String> hitsInEventStore(Collection<String> canaries) {
        List<String> searched = new ArrayList<>();
        List<String> hits = hits(canaries, List.of("domain_event_entry", "snapshot_event_entry"), searched);
        assertThat(searched)
                .as("columns searched")
                .contains(
                        "public.domain_event_entry.payload",
                        "public.domain_event_entry.meta_data",
                        "public.snapshot_event_entry.payload",
                        "public.snapshot_event_entry.meta_data");
        return hits;
    }

    /**
     * Searches every column of every table in the public and keystore schemas (or only the tables named) for each
     * canary: text-like columns as text, bytea as raw bytes. Answers "schema.table.column: canary" for each hit.
     */
    private List<String> hits(Collection<String> canaries, List<String> onlyTables, List<String> searched) {
        List<Map<String, Object>> columns = jdbc.sql("""
                        SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                          FROM information_schema.columns c
                          JOIN information_schema.tables t
                            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                         WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ('public', 'keystore')
                         ORDER BY 1, 2, 3""").query().listOfRows();
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            if (!onlyTables.isEmpty() && !onlyTables.contains(table)) {
                continue;
            }
            String qualified = column.get("table_schema") + "." + table + "." + column.get("column_name");
            String name = quote((String) column.get("column_name"));
            String found = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(c, 'UTF8') in " + name + ") > 0"
                    : "strpos(CAST(" + name + " AS text), c) > 0";
            jdbc.sql("SELECT c FROM unnest(CAST(? AS text[])) AS c WHERE EXISTS (SELECT 1 FROM "
                            + quote((String) column.get("table_schema")) + "." + quote(table) + " WHERE " + found + ")")
                    .param(canaries.toArray(String[]::new))
                    .query(String.class)
                    .list()
                    .forEach(canary -> hits.add(qualified + ": " + canary));
            searched.add(qualified);
        }
        return hits;
    }

    private boolean isSuperuser() {
        return jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class)
                .single();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private void assertNoCanary(String text, String where) {
        assertThat(text).as(where).doesNotContainPattern("CANARY-[a-z-]+-[0-9a-f]{8}-");
    }

    // ---- small helpers ----

    /** The purposes of her audit entries, as administrators read them. */
    private List<String> auditPurposes(String participantId) {
        return admin.get("/api/v1/admin/audit?limit=1000&participantId=" + participantId)
                .json()
                .findValuesAsText("purpose");
    }

    /** The reasons of the break-glass grants on her, as managers review them. */
    private List<String> grantReasons(String participantId) {
        return rows(
                        manager.get("/api/v1/break-glass-grants").json(),
                        row -> row.get("participantId").asText().equals(participantId))
                .stream()
                .map(row -> row.get("reason").asText())
                .toList();
    }

    private static String pathOf(Her her, String resource) {
        return "/api/v1/participants/" + her.id + (resource.isEmpty() ? "" : "/" + resource);
    }

    private long snapshots(String participantId) {
        return jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(participantId)
                .query(Long.class)
                .single();
    }

    private long events(String participantId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(participantId)
                .query(Long.class)
                .single();
    }

    private long erasureEvents(String participantId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                           AND payload_type = ?""")
                .params(participantId, JOURNEY_EVENTS + "ParticipantErasedEvent")
                .query(Long.class)
                .single();
    }

    private void assertKeyDestroyed(String participantId) {
        Map<String, Object> key = jdbc.sql("SELECT * FROM keystore.participant_data_key WHERE participant_id = ?")
                .param(participantId)
                .query()
                .singleRow();
        assertThat(key.get("wrapped_key")).as("her wrapped data key").isNull();
        assertThat(key.get("master_key_id")).isNull();
        assertThat(key.get("destroyed_at")).isNotNull();
    }

    private static JsonNode row(JsonNode timeline, String eventId) {
        List<JsonNode> matching =
                rows(timeline, row -> row.get("eventId").asText().equals(eventId));
        assertThat(matching).as("timeline rows of event %s", eventId).hasSize(1);
        return matching.get(0);
    }

    /** A summary without what changes from one reading to the next: the moment it was read, and its version. */
    private static JsonNode withoutMoment(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        copy.remove(List.of("asOfRecorded", "asOfDate", "version", "daysSinceLastRelapse"));
        return copy;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String day(int daysAgo) {
        return daysAgo(daysAgo).toString();
    }

    private static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
