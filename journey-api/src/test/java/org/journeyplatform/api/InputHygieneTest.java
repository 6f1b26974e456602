package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, findings 1 (the edge half), 2, 3, 6, 11 and 12: what the platform refuses at its edge, and that every
 * refusal is a problem detail naming what is wrong, never a 500, never recorded. (The projections' half of finding 1,
 * an event they cannot handle, is parked: see the parked-events tests.)
 */
@DisplayName("Input is refused at the edge, clearly, and nothing refused is recorded")
class InputHygieneTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "\\u0000";

    @LocalServerPort
    private int port;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private String participant;
    private String programme;

    @BeforeEach
    void aParticipantInAProgramme() {
        programme = registerProgramme("Hygiene house " + System.nanoTime(), "RESIDENTIAL");
        participant = enrol("Hazel", LocalDate.of(2024, 1, 10));
        accepted(
                caseworker.post(path("programme-entries"), json("programmeId", programme, "occurredOn", "2024-01-11")));
    }

    @Nested
    @DisplayName("text with a control character")
    class ControlCharacters {

        static Stream<Arguments> textFields() {
            return Stream.of(
                    Arguments.of(
                            "programme-entries",
                            "{\"programmeId\":\"%P\",\"occurredOn\":\"2024-02-01\",\"note\":\"a%Nb\"}",
                            "note"),
                    Arguments.of(
                            "relapses", "{\"occurredOn\":\"2024-02-01\",\"kind\":\"OTHER\",\"note\":\"a%Nb\"}", "note"),
                    Arguments.of(
                            "milestones",
                            "{\"occurredOn\":\"2024-02-01\",\"type\":\"CUSTOM\",\"description\":\"a%Nb\"}",
                            "description"),
                    Arguments.of("goals", "{\"occurredOn\":\"2024-02-01\",\"description\":\"a%Nb\"}", "description"),
                    Arguments.of("safety-plans", "{\"occurredOn\":\"2024-02-01\",\"contents\":\"a%Nb\"}", "contents"),
                    Arguments.of(
                            "reunification-plans",
                            "{\"occurredOn\":\"2024-02-01\",\"childPseudonym\":\"a%Nb\"}",
                            "childPseudonym"),
                    Arguments.of(
                            "protection-orders",
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"RESTRAINING_ORDER\",\"note\":\"a%Nb\"}",
                            "note"),
                    Arguments.of(
                            "support-network",
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"FAMILY\",\"description\":\"a%Nb\"}",
                            "description"),
                    Arguments.of(
                            "peer-sessions",
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"GROUP\",\"minutes\":30,\"note\":\"a%Nb\"}",
                            "note"),
                    Arguments.of(
                            "consents",
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"RESEARCH\",\"scope\":\"a%Nb\",\"expiresOn\":\"2027-01-01\"}",
                            "scope"),
                    Arguments.of(
                            "profile-updates",
                            "{\"occurredOn\":\"2024-02-01\",\"chosenName\":\"a%Nb\"}",
                            "chosenName"));
        }

        @ParameterizedTest(name = "{0}: {2}")
        @MethodSource("textFields")
        @DisplayName("a NUL in any text field of a journey command is a 400 naming the field, and nothing is recorded")
        void nulRefused(String resource, String body, String field) {
            // given
            long versionBefore = version();

            // when
            Response response = caseworker.post(
                    path(resource), body.replace("%P", programme).replace("%N", NUL));

            // then
            assertMalformed(response, "Field '" + field + "' holds a control character (U+0000)");
            assertThat(version()).as("her journey's version").isEqualTo(versionBefore);
        }

        @Test
        @DisplayName("a NUL in a new participant's chosen name is a 400, and participants enrolled after it are listed")
        void nulInANameRefused() {
            // when
            Response refused = caseworker.post(
                    "/api/v1/participants", "{\"chosenName\":\"nul" + NUL + "name\",\"enrolledOn\":\"2024-01-10\"}");
            String after = enrol("After the refusal", LocalDate.of(2024, 1, 12));

            // then
            assertMalformed(refused, "Field 'chosenName' holds a control character (U+0000)");
            awaitTimeline(after, 1);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(caseworker
                                    .get("/api/v1/participants/" + after)
                                    .json()
                                    .path("chosenName")
                                    .asText())
                            .isEqualTo("After the refusal"));
        }

        @Test
        @DisplayName("other C0 and C1 controls and unpaired surrogates are refused too; a line break only in free text")
        void otherControls() {
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants", "{\"chosenName\":\"a\\u001bb\",\"enrolledOn\":\"2024-01-10\"}"),
                    "(U+001B)");
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants", "{\"chosenName\":\"a\\u0085b\",\"enrolledOn\":\"2024-01-10\"}"),
                    "(U+0085)");
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants", "{\"chosenName\":\"a\\ud800b\",\"enrolledOn\":\"2024-01-10\"}"),
                    "unpaired surrogate");
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants", "{\"chosenName\":\"two\\nlines\",\"enrolledOn\":\"2024-01-10\"}"),
                    "it must be one line of text");
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"two\\u2028lines\",\"enrolledOn\":\"2024-01-10\"}"),
                    "holds a line or paragraph separator (U+2028) at position 4; it must be one line of text");
            accepted(caseworker.post(
                    path("relapses"),
                    "{\"occurredOn\":\"2024-02-01\",\"kind\":\"OTHER\",\"note\":\"two\\nlines\\tand a tab\"}"));
            accepted(caseworker.post(
                    "/api/v1/participants", "{\"chosenName\":\"Zoë 🌱\",\"enrolledOn\":\"2024-01-10\"}"));
        }

        @Test
        @DisplayName("a direction override is refused in a name, which it could make read as another, and kept in "
                + "free text; right-to-left names, embeddings, isolates and marks are fine")
        void directionOverrides() {
            for (String override : java.util.List.of("\\u202e", "\\u202d")) {
                assertMalformed(
                        caseworker.post(
                                "/api/v1/participants",
                                "{\"chosenName\":\"Robin" + override + "nhoj\",\"enrolledOn\":\"2024-01-10\"}"),
                        "holds a direction override (U+" + override.substring(2).toUpperCase() + ") at position 6");
            }
            accepted(
                    caseworker.post(
                            path("relapses"),
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"OTHER\",\"note\":\"she said \\u202e\u05e9\u05dc\u05d5\u05dd\\u202c\"}"));
            assertThat(awaitTimeline(participant, 3).findValuesAsText("note"))
                    .contains("she said \u202e\u05e9\u05dc\u05d5\u05dd\u202c");
            for (String name : java.util.List.of(
                    "\\u202b\u05e8\u05d5\u05ea\\u202c",
                    "\\u2067\u05e8\u05d5\u05ea\\u2069",
                    "\u05e8\u05d5\u05ea\u200f")) {
                accepted(caseworker.post(
                        "/api/v1/participants", "{\"chosenName\":\"" + name + "\",\"enrolledOn\":\"2024-01-10\"}"));
            }
        }

        @Test
        @DisplayName("an embedding or isolate a name opens and never closes is refused, naming where it opens; closed"
                + " ones and free text are fine")
        void unclosedDirections() {
            for (String opener : java.util.List.of("\\u202b", "\\u202a", "\\u2067", "\\u2066", "\\u2068")) {
                assertMalformed(
                        caseworker.post(
                                "/api/v1/participants",
                                "{\"chosenName\":\"Robin " + opener
                                        + "\u05e8\u05d5\u05ea\",\"enrolledOn\":\"2024-01-10\"}"),
                        "holds a direction embedding or isolate (U+"
                                + opener.substring(2).toUpperCase() + ") at position 7 that is not closed");
            }
            // the first of two is open when the second is closed
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"\\u2067a\\u202bb\\u202c\",\"enrolledOn\":\"2024-01-10\"}"),
                    "(U+2067) at position 1 that is not closed");
            // a closer of the other kind closes nothing: an isolate is not closed by U+202C, an embedding not by U+2069
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"\\u2066Ann\\u202c\",\"enrolledOn\":\"2024-01-10\"}"),
                    "(U+2066) at position 1 that is not closed");
            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"\\u202aAnn\\u2069\",\"enrolledOn\":\"2024-01-10\"}"),
                    "(U+202A) at position 1 that is not closed");
            // an isolate's closer closes the embeddings opened inside it too
            accepted(caseworker.post(
                    "/api/v1/participants",
                    "{\"chosenName\":\"\\u2067a\\u202bb\\u2069\",\"enrolledOn\":\"2024-01-10\"}"));
            accepted(caseworker.post(
                    "/api/v1/participants",
                    "{\"chosenName\":\"\\u2067a\\u202bb\\u202c\\u2069 \\u202c\",\"enrolledOn\":\"2024-01-10\"}"));
            accepted(
                    caseworker.post(
                            path("relapses"),
                            "{\"occurredOn\":\"2024-02-01\",\"kind\":\"OTHER\",\"note\":\"she said \\u2067\u05e9\u05dc\u05d5\u05dd\"}"));
        }

        @Test
        @DisplayName("a NUL in a study's title is a 400, not a 500")
        void nulInAStudyTitle() {
            int year = LocalDate.now().getYear();
            Response response = admin.post(
                    "/api/v1/admin/studies",
                    "{\"title\":\"study" + NUL + "\","
                            + "\"ethicsApprovalReference\":\"REC-1\",\"researchers\":[\"researcher\"],\"programmeIds\":[\""
                            + programme + "\"],\"periodFrom\":\"" + (year - 2) + "-01-01\",\"periodTo\":\"" + year
                            + "-12-31\",\"quasiIdentifiers\":[],\"dateMode\":\"RELATIVE\",\"k\":5,\"consentScope\":\"x\","
                            + "\"expiresOn\":\"" + (year + 1) + "-01-01\"}");
            assertMalformed(response, "Field 'title' holds a control character (U+0000)");
        }

        @Test
        @DisplayName("a NUL in a correction's values, or in the name of a corrected field, is a 400")
        void nulInACorrection() {
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            assertMalformed(
                    caseworker.post(
                            path("events/" + eventId + "/corrections"),
                            "{\"correctedValues\":{\"occurredOn\":\"2024-01-" + NUL + "\"},\"reason\":\"typo\"}"),
                    "holds a control character");
            assertMalformed(
                    caseworker.post(
                            path("events/" + eventId + "/corrections"),
                            "{\"correctedValues\":{\"occurred" + NUL + "On\":\"2024-01-12\"},\"reason\":\"typo\"}"),
                    "has a name that holds a control character");
        }

        @Test
        @DisplayName(
                "a correction gives a field no text its own command would refuse: a name over 200 characters or of "
                        + "two lines is a 400 and records nothing, and so is null")
        void correctionsKeepTheCommandsLimits() {
            String enrolment =
                    awaitTimeline(participant, 2).get(0).get("eventId").asText();
            long before = version();

            Response tooLong = caseworker.post(
                    path("events/" + enrolment + "/corrections"),
                    json("correctedValues", "{\"chosenName\":\"" + "Q".repeat(300_000) + "\"}", "reason", "big"));
            Response twoLines = caseworker.post(
                    path("events/" + enrolment + "/corrections"),
                    json("correctedValues", "{\"chosenName\":\"Line1\\nLine2\"}", "reason", "typo"));

            assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
            assertThat(tooLong.json().get("type").asText()).isEqualTo("/problems/validation-failed");
            assertThat(tooLong.json().get("detail").asText())
                    .isEqualTo("correctedValues.chosenName must be at most 200 characters.");
            assertMalformed(twoLines, "correctedValues.chosenName holds a control character (U+000A)");
            assertThat(caseworker
                            .post(
                                    path("events/" + enrolment + "/corrections"),
                                    json("correctedValues", "{\"genderIdentity\":null}", "reason", "empty it"))
                            .status())
                    .as("null is not a value: a blank one empties a field")
                    .isEqualTo(400);
            assertThat(version()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("malformed JSON")
    class MalformedJson {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\"} x",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\"} {}",
                    "{\"chosenName\":\"Ok\",\"chosenName\":\"Other\",\"enrolledOn\":\"2024-01-10\"}",
                    "{\"chosenName\":5,\"enrolledOn\":\"2024-01-10\"}",
                    "{\"chosenName\":true,\"enrolledOn\":\"2024-01-10\"}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":12345}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":[2024,1,10]}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\",\"yearOfBirth\":\"1990\"}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\",\"yearOfBirth\":1990.5}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\",\"referralSource\":1}",
                    "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\",\"enrolledAt\":900}"
                })
        @DisplayName("is a 400 and enrols nobody")
        void refused(String body) {
            long before = participants();
            assertMalformed(caseworker.post("/api/v1/participants", body), "");
            assertThat(participants()).isEqualTo(before);
        }

        @Test
        @DisplayName("nested deeper than JSON is read is a 400 that says so, and enrols nobody")
        void nestedTooDeeply() {
            long before = participants();
            String deep = "[".repeat(1_500) + "]".repeat(1_500);

            assertMalformed(
                    caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"Ok\",\"enrolledOn\":\"2024-01-10\",\"x\":" + deep + "}"),
                    "The request body is nested too deeply");
            assertThat(participants()).isEqualTo(before);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"\"COUNSELLING\"", "{\"a\":1}", "5"})
        @DisplayName("a list sent as something else is told it must be a list, in JSON's words, never a Java class's")
        void notAList(String value) {
            Response refused = caseworker.post(
                    path("relapses"),
                    "{\"occurredOn\":\"2025-02-01\",\"kind\":\"OTHER\",\"supportFollowed\":" + value + "}");

            assertMalformed(refused, "Field 'supportFollowed' must be a list in square brackets, like [\"A\", \"B\"].");
            assertThat(refused.body()).doesNotContain("HashSet", "Set<");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"C0 AF", "C1 81", "E0 80 AF", "F0 80 80 AF", "ED A0 80", "F4 90 80 80", "FF", "C3"})
        @DisplayName("a name whose bytes are not well-formed UTF-8 (overlong, surrogate, too large, cut off) is a 400 "
                + "that says so, and enrols nobody")
        void notUtf8(String bytes) throws Exception {
            long before = participants();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write("{\"chosenName\":\"Ov".getBytes(StandardCharsets.UTF_8));
            for (String hex : bytes.split(" ")) {
                body.write(Integer.parseInt(hex, 16));
            }
            body.write("X\",\"enrolledOn\":\"2024-01-10\"}".getBytes(StandardCharsets.UTF_8));
            byte[] head = ("POST /api/v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            + basic("caseworker", "caseworker-demo")
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.size()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.size()];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body.toByteArray(), 0, request, head.length, body.size());

            String answer = raw(request);

            assertProblem(answer, 400, "malformed-request");
            assertThat(answer).contains("not valid UTF-8");
            assertThat(participants()).isEqualTo(before);
        }

        @Test
        @DisplayName("a fraction of a minute in a peer session is a 400 naming the field")
        void fractionRefused() {
            assertMalformed(
                    caseworker.post(
                            path("peer-sessions"),
                            "{\"kind\":\"GROUP\",\"minutes\":1.5,\"occurredOn\":\"2024-02-01\"}"),
                    "Field 'minutes' must be a whole number");
        }

        @Test
        @DisplayName("a field named twice in a correction or a break-glass request is a 400, not a 500")
        void duplicatesRefused() {
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            assertMalformed(
                    caseworker.post(
                            path("events/" + eventId + "/corrections"),
                            "{\"correctedValues\":{\"occurredOn\":\"2024-01-12\",\"occurredOn\":\"2024-01-13\"},"
                                    + "\"reason\":\"typo\"}"),
                    "names a field twice");
            assertMalformed(
                    admin.post(
                            path("break-glass"),
                            "{\"reason\":\"a long enough reason\",\"reason\":\"another long reason\"}"),
                    "names a field twice");
        }
    }

    @Nested
    @DisplayName("dates")
    class Dates {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0001-01-01", "-0001-01-01", "1899-12-31", "2101-01-01", "+10000-01-01", "2024-02-30"})
        @DisplayName("outside 1900 to 2100, or not a date, are a 400 naming the field")
        void implausibleRefused(String date) {
            assertMalformed(
                    caseworker.post("/api/v1/participants", "{\"chosenName\":\"Ok\",\"enrolledOn\":\"" + date + "\"}"),
                    "Field 'enrolledOn' must be a date");
        }

        @Test
        @DisplayName("a consent cannot expire in the year 10000")
        void consentExpiry() {
            assertMalformed(
                    caseworker.post(
                            path("consents"),
                            "{\"kind\":\"RESEARCH\",\"scope\":\"all-research\","
                                    + "\"expiresOn\":\"+10000-01-01\",\"occurredOn\":\"2024-02-01\"}"),
                    "Field 'expiresOn' must be a date between 1900-01-01 and 2100-12-31");
        }
    }

    @Nested
    @DisplayName("names that show nothing")
    class Invisible {

        @Test
        @DisplayName("a participant's, a peer's or a programme's name of only no-break, zero-width or ideographic "
                + "spaces is a 400 naming the field, and a profile update to one a 422")
        void refused() {
            Response participant = caseworker.post(
                    "/api/v1/participants", "{\"chosenName\":\"\\u200b\\u00a0\",\"enrolledOn\":\"2024-01-10\"}");
            assertThat(participant.status()).as(participant.toString()).isEqualTo(400);
            assertThat(participant.json().get("type").asText()).isEqualTo("/problems/validation-failed");
            assertThat(participant.body()).contains("chosenName");
            Response peer = admin.post(
                    "/api/v1/peers", "{\"displayName\":\"\\u3000\",\"role\":\"PEER_WORKER\",\"trainingHours\":10}");
            assertThat(peer.status()).as(peer.toString()).isEqualTo(400);
            assertThat(peer.body()).contains("displayName");
            Response programme = admin.post("/api/v1/programmes", "{\"name\":\"\\u2800\",\"type\":\"RESIDENTIAL\"}");
            assertThat(programme.status()).as(programme.toString()).isEqualTo(400);
            assertThat(programme.body()).contains("name");
            Response update = caseworker.post(
                    path("profile-updates"), "{\"chosenName\":\"\\u200b\",\"occurredOn\":\"2024-01-12\"}");
            assertThat(update.status()).as(update.toString()).isEqualTo(422);
        }

        @Test
        @DisplayName(
                "required free text of only zero-width or no-break spaces (a goal, a correction's reason) is a 400 "
                        + "naming the field, and an optional note of them is no note")
        void requiredTextRefused() {
            Response goal =
                    caseworker.post(path("goals"), "{\"description\":\"\\u200b\",\"occurredOn\":\"2024-01-12\"}");
            assertThat(goal.status()).as(goal.toString()).isEqualTo(400);
            assertThat(goal.body()).contains("description");
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            Response correction = caseworker.post(
                    path("events/" + eventId + "/corrections"),
                    "{\"correctedValues\":{\"occurredOn\":\"2024-01-11\"},\"reason\":\"\\u00a0\"}");
            assertThat(correction.status()).as(correction.toString()).isEqualTo(400);
            assertThat(correction.body()).contains("reason");
            accepted(caseworker.post(
                    path("relapses"), "{\"occurredOn\":\"2024-02-01\",\"kind\":\"OTHER\",\"note\":\"\\u200b\"}"));
            assertThat(awaitTimeline(participant, 3).get(2).get("details").has("note"))
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("times of day")
    class Times {

        @Test
        @DisplayName("finer than a microsecond are a 400 naming the field in a record, and a 422 invalid-command as a "
                + "corrected value, like any value of the wrong form")
        void finerThanAMicrosecondRefused() {
            assertMalformed(
                    caseworker.post(
                            path("milestones"),
                            json(
                                    "occurredOn",
                                    "2024-01-12",
                                    "occurredAt",
                                    "10:00:00.123456789",
                                    "type",
                                    "STABLE_HOUSING")),
                    "Field 'occurredAt' must be a time like 14:30, to the microsecond at most");
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            Response correction = caseworker.post(
                    path("events/" + eventId + "/corrections"),
                    "{\"correctedValues\":{\"occurredAt\":\"10:00:00.000000001\"},\"reason\":\"the minute\"}");
            assertThat(correction.status()).as(correction.toString()).isEqualTo(422);
            assertThat(correction.json().get("detail").asText())
                    .isEqualTo("'occurredAt' must be a time to the microsecond at most.");
            assertThat(awaitTimeline(participant, 2)).hasSize(2);
        }

        @Test
        @DisplayName("with a decimal point and no fraction are of the wrong form, in a record and in a correction")
        void decimalPointWithoutFraction() {
            assertMalformed(
                    caseworker.post(
                            path("milestones"),
                            json("occurredOn", "2024-01-12", "occurredAt", "10:00:00.", "type", "STABLE_HOUSING")),
                    "Field 'occurredAt' must be a time like 14:30");
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            Response correction = caseworker.post(
                    path("events/" + eventId + "/corrections"),
                    "{\"correctedValues\":{\"occurredAt\":\"10:00:00.\"},\"reason\":\"the minute\"}");
            assertThat(correction.status()).as(correction.toString()).isEqualTo(422);
            assertThat(correction.json().get("detail").asText())
                    .isEqualTo("'occurredAt' has a value of the wrong form.");
        }

        @Test
        @DisplayName("with spaces around them in a correction are applied without them, and her timeline answers")
        void spacesAroundACorrectedTime() {
            String eventId = awaitTimeline(participant, 2).get(1).get("eventId").asText();
            accepted(caseworker.post(
                    path("events/" + eventId + "/corrections"),
                    "{\"correctedValues\":{\"occurredAt\":\" 10:00 \",\"occurredOn\":\" 2024-01-12 \"},"
                            + "\"reason\":\"the time\"}"));

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> {
                        Response timeline = caseworker.get(path("timeline"));
                        assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
                        JsonNode corrected = timeline.json().get(1);
                        assertThat(corrected.get("status").asText()).isEqualTo("corrected");
                        assertThat(corrected.get("occurredOn").asText()).isEqualTo("2024-01-12");
                        assertThat(corrected.get("occurredTime").asText()).isEqualTo("10:00:00");
                    });
        }

        @Test
        @DisplayName("to the microsecond are kept on her timeline, and in that order within the second")
        void microsecondsKept() {
            accepted(caseworker.post(
                    path("milestones"),
                    json("occurredOn", "2024-01-12", "occurredAt", "10:00:00.900001", "type", "STABLE_HOUSING")));
            accepted(caseworker.post(
                    path("milestones"),
                    json("occurredOn", "2024-01-12", "occurredAt", "10:00:00.1", "type", "EMPLOYMENT")));

            JsonNode timeline = awaitTimeline(participant, 4);

            assertThat(timeline.get(2).get("occurredTime").asText()).isEqualTo("10:00:00.1");
            assertThat(timeline.get(3).get("occurredTime").asText()).isEqualTo("10:00:00.900001");
        }
    }

    @Nested
    @DisplayName("a consent withdrawal with a note")
    class WithdrawalNote {

        @Test
        @DisplayName("is recorded with its note, as docs/api.md says")
        void noteRecorded() {
            // given
            String consent = accepted(caseworker.post(
                            path("consents"),
                            json(
                                    "kind",
                                    "RESEARCH",
                                    "scope",
                                    "all-research",
                                    "expiresOn",
                                    "2027-01-01",
                                    "occurredOn",
                                    "2024-02-01")))
                    .get("id")
                    .asText();

            // when
            Response withdrawn = caseworker.post(
                    path("consents/" + consent + "/withdrawal"),
                    json("occurredOn", "2024-03-01", "note", "She asked by phone."));

            // then
            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);
            JsonNode timeline = awaitTimeline(participant, 4);
            assertThat(timeline.findValues("details").stream()
                            .map(d -> d.path("note").asText())
                            .toList())
                    .contains("She asked by phone.");
        }
    }

    @Nested
    @DisplayName("headers, paths and the error page")
    class Edge {

        @Test
        @DisplayName("a purpose with a non-ASCII character is read as sent, not a 500")
        void purposeNotAscii() throws IOException {
            String answer = raw("GET /api/v1/participants/" + participant + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + basic("caseworker", "caseworker-demo") + "\r\nX-Access-Purpose: ✓ révision\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200");
        }

        @Test
        @DisplayName("a User-Agent with a non-ASCII character on the health probe is fine; one that is not UTF-8 is a "
                + "400 problem detail")
        void userAgent() throws IOException {
            assertThat(raw("GET /actuator/health HTTP/1.1\r\nHost: x\r\nUser-Agent: ✓\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            byte[] notUtf8 =
                    "GET /actuator/health HTTP/1.1\r\nHost: x\r\nUser-Agent: \u00ff\u00fe\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1);
            assertProblem(raw(notUtf8), 400, "malformed-request");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "/api/v1/participants;x=1",
                    "/api/v1/participants%252fx",
                    "/api/v1/participants%2fx",
                    "/api/v1/participants\\x",
                    "/api/v1/participants/%00"
                })
        @DisplayName("a path the platform refuses to read is a 400 problem detail")
        void paths(String path) throws IOException {
            assertProblem(
                    raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            + basic("caseworker", "caseworker-demo") + "\r\nConnection: close\r\n\r\n"),
                    400,
                    "malformed-request");
        }

        @Test
        @DisplayName("a control character in a query parameter is a 400 problem detail that says it is in a parameter")
        void queryParameter() throws IOException {
            String answer = raw("GET /api/v1/participants?limit=5%00 HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + basic("caseworker", "caseworker-demo") + "\r\nConnection: close\r\n\r\n");
            assertProblem(answer, 400, "malformed-request");
            assertThat(answer).contains("A query parameter of the request holds characters that are not allowed");
        }

        @Test
        @DisplayName("a 100 KB header is a 400 problem detail, not Tomcat's HTML page")
        void hugeHeader() throws IOException {
            assertProblem(
                    raw("GET /actuator/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000)
                            + "\r\nConnection: close\r\n\r\n"),
                    400,
                    "malformed-request");
        }

        @Test
        @DisplayName("a body in a transfer coding other than chunked is a 501 not-implemented, not an internal error, "
                + "and records nothing")
        void unknownTransferCoding() throws IOException {
            long before = participants();

            String answer = raw("POST /api/v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + basic("caseworker", "caseworker-demo")
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n"
                    + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

            assertProblem(answer, 501, "not-implemented");
            assertThat(participants()).isEqualTo(before);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "summary?asOfRecorded=2026-01-01T00:00:00Z&asOfRecorded=2026-02-01T00:00:00Z|asOfRecorded",
                    "timeline?asOfRecorded=2026-01-01T00:00:00Z&asOf%52ecorded=2026-01-01T00:00:00Z|asOfRecorded",
                    "timeline?x%0A=1&x%0A=2|(a parameter)"
                })
        @DisplayName("a query parameter given twice is a 400 problem detail that names it (when it is a plain name)")
        void repeatedParameter(String pathAndName) {
            String[] parts = pathAndName.split("\\|");
            Response response = caseworker.get(path(parts[0]));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("type").asText()).isEqualTo("/problems/malformed-request");
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("Parameter '" + parts[1] + "' is given more than once; give each parameter once.");
        }

        @Test
        @DisplayName("parameters given once each are read as before")
        void parametersOnce() {
            assertThat(caseworker
                            .get(path("timeline?asOfRecorded=" + java.time.Instant.now() + "&x=1"))
                            .status())
                    .isEqualTo(200);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"latin1", "ISO-8859-1", "windows-1252", "UTF-16", "x-unknown"})
        @DisplayName("a body said to be in a charset other than UTF-8 is a 415 problem detail, and records nothing")
        void otherCharset(String charset) throws IOException {
            long before = participants();

            String body = "{\"chosenName\":\"caf\u00e9\",\"enrolledOn\":\"2024-01-01\"}"; // é as one byte, E9
            byte[] request = ("POST /api/v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            + basic("caseworker", "caseworker-demo")
                            + "\r\nContent-Type: application/json; charset=" + charset
                            + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1);

            assertProblem(raw(request), 415, "unsupported-media-type");
            assertThat(participants()).isEqualTo(before);
        }

        @Test
        @DisplayName("a body said to be UTF-8 in any spelling of the charset is read")
        void utf8Charset() {
            for (String charset : java.util.List.of("utf-8", "UTF-8", "utf8", "\"utf-8\"")) {
                Response response = caseworker.send(
                        "POST", "/api/v1/participants", "{}", "Content-Type", "application/json; charset=" + charset);
                assertThat(response.status()).as(charset).isEqualTo(400); // read, and refused for its missing fields
                assertThat(response.json().get("type").asText()).isNotEqualTo("/problems/unsupported-media-type");
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"gzip", "deflate", "br", "identity, gzip"})
        @DisplayName("a body with a content coding is a 415 problem detail that says to send it as it is, and records "
                + "nothing")
        void contentCoding(String coding) throws IOException {
            long before = participants();

            String answer = raw("POST /api/v1/participants HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + basic("caseworker", "caseworker-demo")
                    + "\r\nContent-Type: application/json\r\nContent-Encoding: " + coding
                    + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

            assertProblem(answer, 415, "unsupported-media-type");
            assertThat(answer).contains("without a Content-Encoding");
            assertThat(participants()).isEqualTo(before);
        }

        @Test
        @DisplayName("GET /error is a 404 problem detail, not a 500 with status 999")
        void errorPage() {
            Response response = anonymous.get("/error");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).isEqualTo("/problems/not-found");
        }
    }

    // ---- helpers ----

    private String path(String resource) {
        return "/api/v1/participants/" + participant + "/" + resource;
    }

    private long version() {
        return caseworker
                .get("/api/v1/participants/" + participant + "/summary")
                .json()
                .get("version")
                .asLong();
    }

    /** Participants enrolled so far, counted in the event store itself. */
    private long participants() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ParticipantEnrolledEvent'")
                .query(Long.class)
                .single();
    }

    private static JsonNode accepted(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response.json();
    }

    private static void assertMalformed(Response response, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("/problems/malformed-request");
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    private static void assertProblem(String answer, int status, String code) throws IOException {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-type: application/problem+json");
        String content = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (head.contains("transfer-encoding: chunked")) {
            content = dechunked(content);
        }
        JsonNode body = JSON.readTree(content);
        assertThat(body.get("type").asText()).isEqualTo("/problems/" + code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    private static String dechunked(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private String raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the bytes as they are (no client library between: it would refuse or re-encode them). */
    private String raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
