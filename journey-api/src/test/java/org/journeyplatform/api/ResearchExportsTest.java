package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.journeyplatform.api.support.Journeys.accepted;
import static org.journeyplatform.api.support.Journeys.assertProblem;
import static org.journeyplatform.api.support.Journeys.awaitProgramme;
import static org.journeyplatform.api.support.Journeys.ors;
import static org.journeyplatform.api.support.Journeys.registerPeer;
import static org.journeyplatform.api.support.Journeys.rowsOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.journeyplatform.api.research.ResearchExportCommand;
import org.journeyplatform.api.research.ResearchExports;
import org.journeyplatform.api.research.ResearchStudies;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.domain.shared.PersonalDataFields;
import org.journeyplatform.projections.research.Pseudonyms;
import org.journeyplatform.projections.research.ResearchExportBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Research exports over HTTP, on synthetic journeys recorded once by the first test that runs (the test database is
 * shared with the other API tests, so the studies cover only programmes registered here):
 * <ul>
 *   <li>six participants alike (same enrolment year, age band, referral source, first programme), one of them, Wren,
 *   with a full journey whose every personal field, note and staff name holds a canary string;</li>
 *   <li>three alike but for a rare referral source each, who can be released only once generalised;</li>
 *   <li>one like nobody else, who has to be suppressed;</li>
 *   <li>one without a consent of the study's scope, one whose consent expired, one who withdrew hers, one who was
 *   erased, and one who was only ever in another programme.</li>
 * </ul>
 * Study A receives the age band, programme type and referral source with k = 3 and shifted dates; study B the age
 * band and enrolment year, with k = 2 and days since enrolment, for another researcher.
 */
@DisplayName("Researchers replay consented, anonymised histories of their studies")
class ResearchExportsTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANARY = "CANARY-7Q4";
    private static final String STAFF = "canary-staff-7q4";
    private static final String PASSWORD = "a long research passphrase";
    private static final String[] FILES = {
        "events.ndjson",
        "persons.csv",
        "spells.csv",
        "outcomes.csv",
        "codebook.md",
        "codebook.json",
        "README.md",
        "manifest.json"
    };

    private static final Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY_FOLDER =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
    private static final Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY_FILE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    // Recorded once, by the first test that runs; no test changes it.
    private static boolean recorded;
    private static String scope;
    private static String researcherB;
    private static String harbour;
    private static String circle;
    private static String elsewhere;
    private static String kestrel;
    private static LocalDate base;
    private static int enrolmentYear;
    private static String wren;
    private static LocalDate wrenEnrolled;
    private static final Map<String, LocalDate> WREN_DAYS = new LinkedHashMap<>();
    private static final List<String> ALIKE = new ArrayList<>();
    private static final List<String> RARE = new ArrayList<>();
    private static String lone;
    private static String noConsent;
    private static String expired;
    private static String withdrawn;
    private static String erased;
    private static String outside;
    private static String studyA;
    private static String studyB;
    private static String withdrawalProgramme;
    // made once, when first needed
    private static Export exportA;
    private static Export exportAAgain;
    private static Export exportB;
    private static final Set<String> STUDIES_MADE = new java.util.HashSet<>();

    @Autowired
    private ResearchStudies studies;

    @Autowired
    private ResearchExports exports;

    @Autowired
    private ResearchExportCommand command;

    @Autowired
    private ResearchExportBuilder exportBuilder;

    @Autowired
    private org.journeyplatform.domain.journey.RecordedHistories recordedHistories;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.journeyplatform.domain.journey.ErasedParticipants erasedParticipants;

    private ApiClient researcher;
    private ApiClient otherResearcher;

    /** A finished export: its job and every file's text. */
    private record Export(String exportId, JsonNode job, Map<String, String> files) {

        JsonNode manifest() {
            try {
                return JSON.readTree(files.get("manifest.json"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        List<JsonNode> events() {
            return files.get("events.ndjson")
                    .lines()
                    .map(line -> {
                        try {
                            return JSON.readTree(line);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();
        }

        List<Map<String, String>> rows(String file) {
            List<String> lines = files.get(file).lines().toList();
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), values[i]);
                }
                rows.add(row);
            }
            return rows;
        }

        Set<String> pseudonyms() {
            return rows("persons.csv").stream().map(r -> r.get("participant")).collect(Collectors.toSet());
        }
    }

    /** The files of this class's exports: left behind they would wait for the retention rule. */
    @AfterAll
    static void deleteExportFiles() throws IOException {
        for (String study : STUDIES_MADE) {
            Path directory = Path.of(System.getProperty("java.io.tmpdir"), "journey-research-exports", study);
            if (Files.exists(directory)) {
                try (var paths = Files.walk(directory)) {
                    for (Path path :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    @BeforeEach
    void journeysRecordedOnce() {
        if (!recorded) {
            record();
            recorded = true;
        }
        researcher = client("researcher", "researcher-demo");
        otherResearcher = client(researcherB, PASSWORD);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given an administrator registering a study")
    class Registering {

        @Test
        @DisplayName("it is answered with its terms (k defaults to 5) and never its secret, which is kept wrapped in "
                + "the key store")
        void registered() {
            Response created = admin.post(
                    "/api/v1/admin/studies",
                    study(
                            "Follow-up of the residential programme",
                            "researcher",
                            null,
                            "[\"AGE_BAND\"]",
                            "DAYS_SINCE_ENROLMENT"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode study = created.json();
            String id = study.get("studyId").asText();
            assertThat(created.header("Location")).isEqualTo("/api/v1/admin/studies/" + id);
            assertThat(study.get("k").asInt()).isEqualTo(5);
            assertThat(study.get("researchers").toString()).isEqualTo("[\"researcher\"]");
            assertThat(study.get("expired").asBoolean()).isFalse();
            assertThat(created.body()).doesNotContainIgnoringCase("secret");
            assertThat(admin.get("/api/v1/admin/studies/" + id)
                            .json()
                            .get("title")
                            .asText())
                    .isEqualTo("Follow-up of the residential programme");
            assertThat(admin.get("/api/v1/admin/studies").json().findValuesAsText("studyId"))
                    .contains(id);
            assertThat(researcher.get("/api/v1/research/studies").json().findValuesAsText("studyId"))
                    .contains(id);

            byte[] wrapped = jdbc.sql("SELECT wrapped_secret FROM keystore.research_study_secret WHERE study_id = ?")
                    .param(id)
                    .query(byte[].class)
                    .single();
            byte[] secret = studies.secretOf(id);
            assertThat(secret).hasSize(32);
            assertThat(wrapped).hasSizeGreaterThan(32);
            assertThat(new String(wrapped, StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        }

        @Test
        @DisplayName("it is refused with k below 2, gender as a quasi-identifier, the enrolment year beside shifted "
                + "dates, a reversed period, a past expiry, an account that is no researcher or a programme that does "
                + "not exist")
        void refused() {
            assertProblem(
                    admin.post("/api/v1/admin/studies", study("T", "researcher", "1", "[]", "SHIFTED")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post("/api/v1/admin/studies", study("T", "researcher", null, "[\"GENDER\"]", "SHIFTED")),
                    400,
                    "/problems/malformed-request");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/studies", study("T", "researcher", null, "[\"ENROLMENT_YEAR\"]", "SHIFTED")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/studies",
                            study("T", "researcher", null, "[]", "SHIFTED")
                                    .replace("\"periodTo\":\"" + LocalDate.now().getYear(), "\"periodTo\":\"1999")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/studies",
                            study("T", "researcher", null, "[]", "SHIFTED")
                                    .replaceAll("\"expiresOn\":\"[^\"]+\"", "\"expiresOn\":\"2001-01-01\"")),
                    400,
                    "/problems/validation-failed");
            assertProblem(
                    admin.post("/api/v1/admin/studies", study("T", CASEWORKER, null, "[]", "SHIFTED")),
                    422,
                    "/problems/invalid-command");
            assertProblem(
                    admin.post(
                            "/api/v1/admin/studies",
                            study("T", "researcher", null, "[]", "SHIFTED")
                                    .replace(harbour, UUID.randomUUID().toString())),
                    422,
                    "/problems/invalid-command");
            assertProblem(admin.get("/api/v1/admin/studies/" + UUID.randomUUID()), 404, "/problems/study-not-found");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given an export of study A")
    class OneExport {

        private Export export;

        @BeforeEach
        void exported() {
            export = exportA();
        }

        @Test
        @DisplayName("the job was answered 202 at once and ran to DONE, progress 1, with every file listed with its "
                + "size and SHA-256")
        void job() throws Exception {
            JsonNode job = export.job();
            assertThat(job.get("status").asText()).isEqualTo("DONE");
            assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(job.get("requestedBy").asText()).isEqualTo("researcher");
            assertThat(job.get("files").findValuesAsText("name")).containsExactly(FILES);
            for (JsonNode file : export.manifest().get("files")) {
                byte[] bytes = export.files().get(file.get("name").asText()).getBytes(StandardCharsets.UTF_8);
                assertThat(file.get("bytes").asLong()).isEqualTo(bytes.length);
                assertThat(file.get("sha256").asText())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
            assertThat(export.manifest().get("study").get("studyId").asText()).isEqualTo(studyA);
            assertThat(export.manifest().get("exportId").asText()).isEqualTo(export.exportId());
        }

        @Test
        @DisplayName("only those whose research consent covers the study are in it: no consent, an expired and a "
                + "withdrawn consent and an erasure are counted out by reason, with the one suppressed")
        void consent() {
            JsonNode participants = export.manifest().get("participants");
            assertThat(participants.get("candidates").asInt()).isEqualTo(14);
            assertThat(participants.get("included").asInt()).isEqualTo(9);
            assertThat(participants.get("excluded").toString())
                    .isEqualTo("{\"no-consent\":1,\"withdrawn\":1,\"expired\":1,\"erased\":1,\"no-follow-up\":0,"
                            + "\"k-anonymity\":1,\"disclosure-risk\":0}");
            Pseudonyms pseudonyms = new Pseudonyms(studies.secretOf(studyA));
            Set<String> expected = new TreeSet<>();
            ALIKE.forEach(id -> expected.add(pseudonyms.participant(id)));
            RARE.forEach(id -> expected.add(pseudonyms.participant(id)));
            assertThat(new TreeSet<>(export.pseudonyms())).isEqualTo(expected);
            for (String out : List.of(noConsent, expired, withdrawn, erased, outside, lone)) {
                String pseudonym = pseudonyms.participant(out);
                assertThat(export.files().values())
                        .noneSatisfy(text -> assertThat(text).contains(pseudonym));
            }
        }

        @Test
        @DisplayName("no file holds a name, note, description, staff name, id of the platform or any canary string, "
                + "and no event has a field that is personal data")
        void nothingPersonal() {
            List<String> forbidden = new ArrayList<>(List.of(
                    CANARY,
                    STAFF,
                    "Harbour House",
                    "Kestrel",
                    "Wren",
                    wren,
                    harbour,
                    circle,
                    kestrel,
                    "caseworker-demo"));
            forbidden.addAll(ALIKE);
            forbidden.addAll(RARE);
            byte[] secret = studies.secretOf(studyA);
            forbidden.add(HexFormat.of().formatHex(secret));
            forbidden.add(Base64.getEncoder().encodeToString(secret));
            for (Map.Entry<String, String> file : export.files().entrySet()) {
                for (String text : forbidden) {
                    assertThat(file.getValue())
                            .as(file.getKey() + " holds " + text)
                            .doesNotContainIgnoringCase(text);
                }
            }
            for (JsonNode line : export.events()) {
                List<String> fields = new ArrayList<>();
                line.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as(line.toString()).doesNotContainAnyElementsOf(PersonalDataFields.names());
            }
            assertThat(export.files().get("persons.csv").lines().findFirst().orElseThrow())
                    .isEqualTo("participant,age_band,programme_type,referral_source,enrolled_on,"
                            + "observation_start_day,observation_end_day,observation_start_on,observation_end_on");
        }

        @Test
        @DisplayName("her dates are shifted by one offset of up to 182 days, so every interval between her events is "
                + "exact, and her day numbers count from her enrolment")
        void intervals() throws Exception {
            Pseudonyms pseudonyms = new Pseudonyms(studies.secretOf(studyA));
            String her = pseudonyms.participant(wren);
            List<JsonNode> events = export.events().stream()
                    .filter(e -> e.get("participant").asText().equals(her))
                    .toList();
            Map<String, List<JsonNode>> byType = events.stream()
                    .collect(Collectors.groupingBy(e -> e.get("type").asText(), TreeMap::new, Collectors.toList()));
            Long offset = null;
            for (Map.Entry<String, LocalDate> real : WREN_DAYS.entrySet()) {
                JsonNode event = byType.get(real.getKey()).get(0);
                LocalDate shifted = LocalDate.parse(event.get("date").asText());
                long shift = ChronoUnit.DAYS.between(real.getValue(), shifted);
                offset = offset == null ? shift : offset;
                assertThat(shift).as(real.getKey()).isEqualTo(offset);
                assertThat(event.get("day").asLong())
                        .as(real.getKey())
                        .isEqualTo(ChronoUnit.DAYS.between(wrenEnrolled, real.getValue()));
            }
            assertThat(Math.abs(offset)).isBetween(0L, 182L);
            assertThat(offset).isEqualTo(pseudonyms.offsetDays(wren));
            Map<String, String> person = export.rows("persons.csv").stream()
                    .filter(r -> r.get("participant").equals(her))
                    .findFirst()
                    .orElseThrow();
            assertThat(LocalDate.parse(person.get("enrolled_on"))).isEqualTo(wrenEnrolled.plusDays(offset));
        }

        @Test
        @DisplayName("keeps her events in life order, the study's programmes only, corrections applied and the "
                + "retracted milestone left out")
        void herEvents() {
            String her = new Pseudonyms(studies.secretOf(studyA)).participant(wren);
            List<String> types = export.events().stream()
                    .filter(e -> e.get("participant").asText().equals(her))
                    .map(e -> e.get("type").asText())
                    .toList();
            assertThat(types)
                    .containsExactly(
                            "observation-started",
                            "participant-enrolled",
                            "programme-entered",
                            "goal-set",
                            "reunification-plan-opened",
                            "safety-plan-created",
                            "support-network-helper-added",
                            "milestone-reached",
                            "peer-session-attended",
                            "assessment-recorded",
                            "relapse-recorded",
                            "programme-exited",
                            "relapse-recorded",
                            "programme-entered",
                            "observation-ended");
            JsonNode exit = export.events().stream()
                    .filter(e -> e.get("participant").asText().equals(her)
                            && e.get("type").asText().equals("programme-exited"))
                    .findFirst()
                    .orElseThrow();
            assertThat(exit.get("exitReason").asText()).isEqualTo("TRANSFERRED");
            assertThat(exit.get("programmeType").asText()).isEqualTo("RESIDENTIAL");
            assertThat(exit.get("programme").asText()).matches("programme-[a-z2-7]{10}");
            List<Long> positions = export.events().stream()
                    .map(e -> e.get("position").asLong())
                    .toList();
            assertThat(positions)
                    .startsWith(1L, 2L, 3L)
                    .hasSize(positions.get(positions.size() - 1).intValue());
        }

        @Test
        @DisplayName("k-anonymity holds: every group of released quasi-identifiers in persons.csv has at least k = 3 "
                + "participants; the three with rare referral sources were generalised, the one alone suppressed, and "
                + "then every column raised to one level")
        void kAnonymity() {
            Map<List<String>, Integer> groups = new HashMap<>();
            for (Map<String, String> row : export.rows("persons.csv")) {
                groups.merge(
                        List.of(row.get("age_band"), row.get("programme_type"), row.get("referral_source")),
                        1,
                        Integer::sum);
            }
            assertThat(groups.values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(3));
            assertThat(groups).containsOnly(Map.entry(List.of("18-34", "RESIDENTIAL", "OTHER"), 9));
            JsonNode k = export.manifest().get("anonymisation").get("kAnonymity");
            assertThat(k.get("k").asInt()).isEqualTo(3);
            assertThat(k.get("kAchieved").asInt()).isEqualTo(9);
            assertThat(k.get("suppressed").get("participants").asInt()).isEqualTo(1);
            assertThat(k.get("suppressed").get("why").asText()).contains("fewer than 3");
            assertThat(k.get("generalised").findValuesAsText("quasiIdentifier"))
                    .containsExactly("AGE_BAND", "REFERRAL_SOURCE", "AGE_BAND", "AGE_BAND", "REFERRAL_SOURCE");
            assertThat(k.get("generalised").get(0).get("participants").asInt()).isEqualTo(4);
            assertThat(k.get("generalised").get(3).get("participants").asInt()).isEqualTo(6);
            assertThat(k.get("generalised").get(3).get("why").asText()).contains("one level");
            assertThat(export.job().get("kAchieved").asInt()).isEqualTo(9);
        }

        @Test
        @DisplayName("replaying events.ndjson into a simple spell calculation gives exactly the spells of spells.csv")
        void spells() {
            List<String> replayed = replaySpells(export.events());
            List<String> csv = export.rows("spells.csv").stream()
                    .map(r -> String.join(
                            "|",
                            r.get("participant"),
                            r.get("spell"),
                            r.get("state"),
                            r.get("programme"),
                            r.get("start_day"),
                            r.get("end_day"),
                            r.get("duration_days"),
                            r.get("start_reason"),
                            r.get("end_reason"),
                            r.get("left_truncated"),
                            r.get("censored")))
                    .toList();
            assertThat(csv).isNotEmpty().containsExactlyInAnyOrderElementsOf(replayed);
            String her = new Pseudonyms(studies.secretOf(studyA)).participant(wren);
            assertThat(export.rows("spells.csv").stream()
                            .filter(r -> r.get("participant").equals(her))
                            .map(r -> r.get("state") + ":" + r.get("end_reason") + ":" + r.get("censored"))
                            .toList())
                    .containsExactly(
                            "IN_PROGRAMME:TRANSFERRED:0",
                            "OUT:RELAPSE:0",
                            "RETURNED:RE_ENTRY:0",
                            "IN_PROGRAMME:OBSERVATION_END:1");
            assertThat(export.rows("spells.csv"))
                    .allSatisfy(r -> assertThat(LocalDate.parse(r.get("end_on")))
                            .isEqualTo(LocalDate.parse(r.get("start_on"))
                                    .plusDays(Long.parseLong(r.get("duration_days")))));
        }

        @Test
        @DisplayName("the event stream serves the same lines from any position, page by page, as NDJSON")
        void stream() {
            String path = "/api/v1/research/studies/" + studyA + "/exports/" + export.exportId() + "/events";
            StringBuilder replayed = new StringBuilder();
            long after = 0;
            while (true) {
                Response page = researcher.get(path + "?after=" + after + "&limit=7");
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                assertThat(page.contentType()).startsWith("application/x-ndjson");
                assertThat(page.header("X-Total-Events"))
                        .isEqualTo(Integer.toString(export.events().size()));
                List<String> lines = page.body().lines().toList();
                lines.forEach(line -> replayed.append(line).append('\n'));
                if (lines.size() < 7) {
                    break;
                }
                after = position(lines.get(lines.size() - 1));
            }
            assertThat(replayed.toString()).isEqualTo(export.files().get("events.ndjson"));
            assertThat(researcher.get(path + "?after=" + export.events().size()).body())
                    .isEmpty();
            assertProblem(researcher.get(path + "?limit=0"), 400, "/problems/validation-failed");
        }

        @Test
        @DisplayName("the codebook describes every column and event type, in Markdown and JSON")
        void codebook() throws Exception {
            JsonNode codebook = JSON.readTree(export.files().get("codebook.json"));
            List<String> types = codebook.get("eventTypes").findValuesAsText("type");
            export.events()
                    .forEach(e -> assertThat(types).contains(e.get("type").asText()));
            JsonNode persons = null;
            for (JsonNode file : codebook.get("files")) {
                if (file.get("name").asText().equals("persons.csv")) {
                    persons = file;
                }
            }
            assertThat(String.join(",", persons.get("columns").findValuesAsText("name")))
                    .isEqualTo(export.files()
                            .get("persons.csv")
                            .lines()
                            .findFirst()
                            .orElseThrow());
            assertThat(export.files().get("codebook.md"))
                    .startsWith("# Codebook: Peer programme evaluation")
                    .contains("## spells.csv", "### relapse-recorded", "`RETURNED_TO_SEX_TRADE`", "## Never exported");
        }

        @Test
        @DisplayName("every participant released is in the disclosure ledger for this export; nobody left out is")
        void disclosures() {
            for (String id : List.of(wren, RARE.get(0))) {
                JsonNode entries = admin.get("/api/v1/admin/participants/" + id + "/disclosures")
                        .json();
                assertThat(disclosuresOf(entries, export.exportId()))
                        .singleElement()
                        .satisfies(entry -> {
                            assertThat(entry.get("actor").asText()).isEqualTo("researcher");
                            assertThat(entry.get("endpoint").asText())
                                    .isEqualTo("POST /api/v1/research/studies/{studyId}/exports");
                            assertThat(entry.get("purpose").asText()).contains(studyA, "REC-2025-017");
                        });
            }
            for (String id : List.of(noConsent, withdrawn, expired, erased, lone, outside)) {
                JsonNode entries = admin.get("/api/v1/admin/participants/" + id + "/disclosures")
                        .json();
                assertThat(disclosuresOf(entries, export.exportId())).as(id).isEmpty();
            }
            assertThat(admin.get("/api/v1/admin/audit/verification")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        @DisplayName("an unknown file name or export id is not found")
        void unknown() {
            String exportPath = "/api/v1/research/studies/" + studyA + "/exports/";
            assertProblem(
                    researcher.get(exportPath + export.exportId() + "/files/secret.txt"), 404, "/problems/not-found");
            assertProblem(researcher.get(exportPath + UUID.randomUUID()), 404, "/problems/export-not-found");
            assertProblem(
                    researcher.get(exportPath + "not-an-id/files/persons.csv"), 404, "/problems/export-not-found");
        }

        @Test
        @DisplayName("an export asked for with a body (as if it took options there) is a 400, and none is started")
        void withABody() {
            String exports = "/api/v1/research/studies/" + studyA + "/exports";
            int before = researcher.get(exports).json().size();

            ApiClient.Response refused = researcher.post(exports, "{\"dateMode\":\"CALENDAR\"}");

            assertProblem(refused, 400, "/problems/validation-failed");
            assertThat(refused.json().get("detail").asText()).contains("takes every option from its study");
            assertThat(researcher.get(exports).json().size()).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given two exports of study A and one of study B")
    class TwoStudies {

        @Test
        @DisplayName("the same study exported twice gives the same pseudonyms, offsets and files")
        void sameStudyTwice() {
            Export first = exportA();
            Export second = exportAAgain();
            assertThat(second.exportId()).isNotEqualTo(first.exportId());
            for (String file : List.of("events.ndjson", "persons.csv", "spells.csv", "codebook.md", "codebook.json")) {
                assertThat(second.files().get(file))
                        .as(file)
                        .isEqualTo(first.files().get(file));
            }
            assertThat(researcher
                            .get("/api/v1/research/studies/" + studyA + "/exports")
                            .json()
                            .findValuesAsText("exportId"))
                    .contains(first.exportId(), second.exportId());
        }

        @Test
        @DisplayName(
                "an export whose first pass keeps no history for the second (each read again), reading two histories "
                        + "at a time, writes the same files")
        void sameFilesWithoutHeldHistories(@TempDir Path kept, @TempDir Path readAgain) throws IOException {
            ResearchExportBuilder.Request request = request(studyA, "held-" + UUID.randomUUID());

            ResearchExportBuilder.Result first =
                    exportBuilder.export(request, kept.resolve("x"), (fraction, stage) -> {}, ids -> {});
            ResearchExportBuilder.Result second = exportBuilder
                    .holdingAtMost(0, 2)
                    .export(request, readAgain.resolve("x"), (fraction, stage) -> {}, ids -> {});
            // some kept, some read again, in batches that mix both
            ResearchExportBuilder.Result third = exportBuilder
                    .holdingAtMost(first.events() / 2, 3)
                    .export(request, readAgain.resolve("y"), (fraction, stage) -> {}, ids -> {});

            assertThat(first.included()).isGreaterThan(4);
            assertSameFiles(kept.resolve("x"), readAgain.resolve("x"));
            assertSameFiles(kept.resolve("x"), readAgain.resolve("y"));
            assertThat(second.files()).isEqualTo(first.files());
            assertThat(third.files()).isEqualTo(first.files());
        }

        @Test
        @DisplayName(
                "an export that reads and opens every event and personal detail, or decides who is left out from whole"
                        + " histories, writes the same files as one that opens only her year of birth and consents'"
                        + " scopes, and reads only the events that decide for those it leaves out")
        void sameFilesOpeningEverything(@TempDir Path few, @TempDir Path every, @TempDir Path whole)
                throws IOException {
            ResearchExportBuilder.Request request = request(studyA, "opened-" + UUID.randomUUID());
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
            org.journeyplatform.domain.journey.RecordedHistories openingEverything = openingEverything(read);

            ResearchExportBuilder.Result opened =
                    exportBuilder.export(request, few.resolve("x"), (fraction, stage) -> {}, ids -> {});
            ResearchExportBuilder.Result everything = new ResearchExportBuilder(
                            openingEverything, jdbc, erasedParticipants)
                    .export(request, every.resolve("x"), (fraction, stage) -> {}, ids -> {});
            ResearchExportBuilder.Result decidedOnWhole = exportBuilder
                    .decidingOnWholeHistories()
                    .export(request, whole.resolve("x"), (fraction, stage) -> {}, ids -> {});

            assertThat(read).hasPositiveValue();
            assertThat(opened.included()).isGreaterThan(4);
            assertThat(opened.excluded().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isPositive();
            assertSameFiles(few.resolve("x"), every.resolve("x"));
            assertSameFiles(few.resolve("x"), whole.resolve("x"));
            assertThat(everything.files()).isEqualTo(opened.files());
            assertThat(decidedOnWhole.files()).isEqualTo(opened.files());
        }

        @Test
        @DisplayName(
                "the corrections and retractions of the events that decide who is left out count as on whole histories:"
                        + " a consent's scope corrected into the study's, a withdrawal retracted, an entry moved into"
                        + " its programme, a year of birth corrected")
        void amendedDecidingEvents(@TempDir Path decided, @TempDir Path everything) throws IOException {
            String own =
                    awaitProgramme(admin, registerProgramme("Deciding amendments " + UUID.randomUUID(), "RESIDENTIAL"));
            LocalDate later = base.plusYears(4);
            // given: a consent for another study, corrected into this one's
            String aster = enrol(caseworker, "Aster", enrolmentYear - 30, "OUTREACH", base);
            command(caseworker, aster, "programme-entries", json("programmeId", own, "occurredOn", day(5)));
            consent(caseworker, aster, "another-study", base.plusDays(1), later);
            correct(aster, 3, "consent-given", "{\"scope\":\"" + scope + "\"}");
            // a withdrawal retracted
            String bryony = enrol(caseworker, "Bryony", enrolmentYear - 30, "OUTREACH", base);
            command(caseworker, bryony, "programme-entries", json("programmeId", own, "occurredOn", day(5)));
            String bryonysConsent = consent(caseworker, bryony, scope, base.plusDays(1), later);
            accepted(caseworker.post(
                    "/api/v1/participants/" + bryony + "/consents/" + bryonysConsent + "/withdrawal",
                    json("occurredOn", day(10))));
            String withdrawal = rowsOfType(awaitTimeline(caseworker, bryony, 4), "consent-withdrawn")
                    .get(0)
                    .get("eventId")
                    .asText();
            accepted(caseworker.post(
                    "/api/v1/participants/" + bryony + "/events/" + withdrawal + "/retraction",
                    json("reason", "Withdrawn in error " + CANARY)));
            // an entry into another programme, corrected into this one
            String clover = enrol(caseworker, "Clover", enrolmentYear - 30, "OUTREACH", base);
            command(caseworker, clover, "programme-entries", json("programmeId", elsewhere, "occurredOn", day(5)));
            consent(caseworker, clover, scope, base.plusDays(1), later);
            correct(clover, 3, "programme-entered", "{\"programmeId\":\"" + own + "\"}");
            correct(clover, 4, "participant-enrolled", "{\"yearOfBirth\":\"" + (enrolmentYear - 50) + "\"}");
            // a year of birth corrected (hers and Clover's: two alike), and one left out for a withdrawal that stands
            String dahlia = enrol(caseworker, "Dahlia", enrolmentYear - 30, "OUTREACH", base);
            command(caseworker, dahlia, "programme-entries", json("programmeId", own, "occurredOn", day(5)));
            consent(caseworker, dahlia, scope, base.plusDays(1), later);
            correct(dahlia, 3, "participant-enrolled", "{\"yearOfBirth\":\"" + (enrolmentYear - 50) + "\"}");
            String elm = enrol(caseworker, "Elm", enrolmentYear - 30, "OUTREACH", base);
            command(caseworker, elm, "programme-entries", json("programmeId", own, "occurredOn", day(5)));
            String elmsConsent = consent(caseworker, elm, scope, base.plusDays(1), later);
            accepted(caseworker.post(
                    "/api/v1/participants/" + elm + "/consents/" + elmsConsent + "/withdrawal",
                    json("occurredOn", day(10))));
            String studyId = accepted(admin.post(
                            "/api/v1/admin/studies",
                            study("Deciding amendments", "researcher", "2", "[\"AGE_BAND\"]", "DAYS_SINCE_ENROLMENT")
                                    .replace("\"" + harbour + "\",\"" + circle + "\"", "\"" + own + "\"")))
                    .get("studyId")
                    .asText();
            ResearchExportBuilder.Request request = request(studyId, "amended-" + UUID.randomUUID());

            // when: exported as it is, and reading and opening everything of every history
            ResearchExportBuilder.Result result =
                    exportBuilder.export(request, decided.resolve("x"), (fraction, stage) -> {}, ids -> {});
            ResearchExportBuilder.Result reference = new ResearchExportBuilder(
                            openingEverything(new java.util.concurrent.atomic.AtomicInteger()),
                            jdbc,
                            erasedParticipants)
                    .decidingOnWholeHistories()
                    .export(request, everything.resolve("x"), (fraction, stage) -> {}, ids -> {});

            // then: the four whose amendments bring them in are released, the one who withdrew is not
            assertThat(result.included()).as(result.excluded().toString()).isEqualTo(4);
            assertThat(result.excluded())
                    .containsEntry(org.journeyplatform.projections.research.Exclusion.WITHDRAWN.code(), 1);
            assertThat(Files.readString(decided.resolve("x").resolve("persons.csv")))
                    .contains("45-54")
                    .contains("25-34");
            assertSameFiles(everything.resolve("x"), decided.resolve("x"));
            assertThat(reference.files()).isEqualTo(result.files());
        }

        /** Corrects the only event of a kind in her record, once her timeline shows {@code events} entries. */
        private void correct(String participant, int events, String type, String values) {
            String event = rowsOfType(awaitTimeline(caseworker, participant, events), type)
                    .get(0)
                    .get("eventId")
                    .asText();
            accepted(caseworker.post(
                    "/api/v1/participants/" + participant + "/events/" + event + "/corrections",
                    json("correctedValues", values, "reason", "Typed from the wrong form " + CANARY)));
        }

        @Test
        @DisplayName("an export during which someone it would release is erased releases nothing and says so")
        void erasedMeanwhile(@TempDir Path into) {
            ResearchStudies.Registered study = studies.find(studyA).orElseThrow();
            Instant asOf = Instant.now();
            List<org.journeyplatform.domain.shared.ParticipantId> everyone =
                    jdbc.sql("SELECT participant_id FROM participant_scope").query(String.class).list().stream()
                            .map(org.journeyplatform.domain.shared.ParticipantId::new)
                            .toList();
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            // the erasure ledger is empty when the export starts, and holds everyone when it ends
            org.journeyplatform.domain.journey.ErasedParticipants erasedMeanwhile =
                    new org.journeyplatform.domain.journey.ErasedParticipants() {
                        @Override
                        public boolean isErased(org.journeyplatform.domain.shared.ParticipantId participantId) {
                            return false;
                        }

                        @Override
                        public Set<org.journeyplatform.domain.shared.ParticipantId> all() {
                            return asked.incrementAndGet() == 1 ? Set.of() : Set.copyOf(everyone);
                        }
                    };
            ResearchExportBuilder builder = new ResearchExportBuilder(recordedHistories, jdbc, erasedMeanwhile);

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> builder.export(
                    new ResearchExportBuilder.Request(
                            "erased-" + UUID.randomUUID(),
                            study.study(),
                            studies.secretOf(studyA),
                            studies.programmeTypes(study.study()),
                            asOf,
                            LocalDate.ofInstant(asOf, ZoneOffset.UTC)),
                    into.resolve("x"),
                    (fraction, stage) -> {},
                    ids -> {}));

            assertThat(thrown)
                    .isInstanceOf(ResearchExportBuilder.ErasedMeanwhile.class)
                    .hasMessage("A participant was erased while the export ran, so nothing was released; run the "
                            + "export again (it will leave her out).");
            assertThat(asked).hasValue(2);
        }

        @Test
        @DisplayName("an export that fails after recording whom it would release marks each disclosure as not made, "
                + "and keeps no one as released")
        void failedAfterDisclosing(@TempDir Path into) {
            // given an export that fails while writing its files, after its disclosures were recorded
            ResearchStudies.Registered study = studies.find(studyA).orElseThrow();
            String exportId = UUID.randomUUID().toString();

            // when
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> exports.export(
                    study,
                    exportId,
                    into.resolve("x"),
                    Instant.now(),
                    "researcher",
                    "ROLE_RESEARCHER",
                    (fraction, stage) -> {
                        if (fraction >= 0.9) {
                            throw new IllegalStateException("planted: the disk filled up");
                        }
                    }));

            // then
            assertThat(thrown).hasMessage("planted: the disk filled up");
            JsonNode entries = admin.get("/api/v1/admin/participants/" + wren + "/disclosures")
                    .json();
            List<String> actions = new ArrayList<>();
            for (JsonNode entry : entries) {
                if (entry.path("purpose").asText("").contains(exportId)) {
                    actions.add(entry.get("action").asText() + " "
                            + entry.get("endpoint").asText());
                }
            }
            assertThat(actions)
                    .containsExactly(
                            "DISCLOSE POST /api/v1/research/studies/{studyId}/exports",
                            "WITHDRAW " + ResearchExports.NOT_RELEASED_ENDPOINT);
            assertThat(jdbc.sql("SELECT count(*) FROM research_export_participant WHERE export_id = ?")
                            .param(exportId)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(admin.get("/api/v1/admin/audit/verification")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        @DisplayName("two studies have no pseudonym in common, and study B gets no calendar date at all")
        void unlinkable() {
            Export a = exportA();
            Export b = exportB();
            assertThat(b.manifest().get("participants").get("included").asInt()).isEqualTo(9);
            assertThat(a.pseudonyms()).hasSize(9).doesNotContainAnyElementsOf(b.pseudonyms());
            assertThat(b.pseudonyms()).hasSize(9);
            for (String programme : a.events().stream()
                    .filter(e -> e.has("programme"))
                    .map(e -> e.get("programme").asText())
                    .collect(Collectors.toSet())) {
                assertThat(b.files().get("events.ndjson")).doesNotContain(programme);
            }
            assertThat(b.events()).allSatisfy(e -> assertThat(e.has("date")).isFalse());
            assertThat(b.files().get("persons.csv").lines().findFirst().orElseThrow())
                    .isEqualTo("participant,age_band,enrolment_year,observation_start_day,observation_end_day");
            Map<List<String>, Integer> groups = new HashMap<>();
            b.rows("persons.csv")
                    .forEach(r -> groups.merge(List.of(r.get("age_band"), r.get("enrolment_year")), 1, Integer::sum));
            assertThat(groups).containsOnly(Map.entry(List.of("25-34", Integer.toString(enrolmentYear)), 9));
            assertThat(b.files().get("spells.csv")).doesNotContain("start_on");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given who asks")
    class WhoMay {

        @Test
        @DisplayName("a researcher of study A cannot see study B, or B's export, which are answered as not found")
        void otherStudy() {
            Export b = exportB();
            String pathB = "/api/v1/research/studies/" + studyB;
            assertProblem(researcher.get(pathB), 404, "/problems/study-not-found");
            assertProblem(researcher.post(pathB + "/exports", "{}"), 404, "/problems/study-not-found");
            assertProblem(researcher.get(pathB + "/exports"), 404, "/problems/study-not-found");
            assertProblem(researcher.get(pathB + "/exports/" + b.exportId()), 404, "/problems/study-not-found");
            assertProblem(
                    researcher.get(pathB + "/exports/" + b.exportId() + "/files/persons.csv"),
                    404,
                    "/problems/study-not-found");
            assertProblem(
                    researcher.get(pathB + "/exports/" + b.exportId() + "/events"), 404, "/problems/study-not-found");
            // nor through her own study's path
            assertProblem(
                    researcher.get("/api/v1/research/studies/" + studyA + "/exports/" + b.exportId()),
                    404,
                    "/problems/export-not-found");
            assertThat(researcher.get("/api/v1/research/studies").json().findValuesAsText("studyId"))
                    .contains(studyA)
                    .doesNotContain(studyB);
            // and B's researcher cannot see A
            assertProblem(otherResearcher.get("/api/v1/research/studies/" + studyA), 404, "/problems/study-not-found");
        }

        @Test
        @DisplayName("staff of every other role are refused the research interface")
        void staff() {
            String path = "/api/v1/research/studies/" + studyA;
            for (ApiClient staff :
                    List.of(caseworker, manager, admin, client("peer-worker", "peer-demo"), client(STAFF, PASSWORD))) {
                assertProblem(staff.get(path), 403, "/problems/forbidden");
                assertProblem(staff.post(path + "/exports", "{}"), 403, "/problems/forbidden");
            }
            assertProblem(anonymous.get(path), 401, "/problems/unauthenticated");
        }

        @Test
        @DisplayName("once a study has expired, its researchers can do nothing more with it, and its export files "
                + "are deleted")
        void expiredStudy() {
            String id = admin.post("/api/v1/admin/studies", study("Pilot", "researcher", "2", "[]", "SHIFTED"))
                    .json()
                    .get("studyId")
                    .asText();
            Export pilot = export(researcher, id);
            jdbc.sql("UPDATE research_study SET expires_on = ? WHERE study_id = ?")
                    .params(
                            java.sql.Date.valueOf(
                                    LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2)),
                            id)
                    .update();

            assertProblem(researcher.get("/api/v1/research/studies/" + id), 403, "/problems/study-expired");
            assertProblem(
                    researcher.post("/api/v1/research/studies/" + id + "/exports", "{}"),
                    403,
                    "/problems/study-expired");
            assertProblem(
                    researcher.get(
                            "/api/v1/research/studies/" + id + "/exports/" + pilot.exportId() + "/files/persons.csv"),
                    403,
                    "/problems/study-expired");
            assertThat(researcher.get("/api/v1/research/studies").json().findValuesAsText("studyId"))
                    .doesNotContain(id);

            assertThat(exports.deleteOldFiles()).isGreaterThanOrEqualTo(1);
            assertThat(exports.directory(id, pilot.exportId())).doesNotExist();
            JsonNode job =
                    admin.get("/api/v1/admin/studies/" + id + "/exports").json().get(0);
            assertThat(job.get("filesDeletedAt").asText()).isNotBlank();
            assertThat(admin.get("/api/v1/admin/studies/" + id)
                            .json()
                            .get("expired")
                            .asBoolean())
                    .isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given an export, and then one of the participants it released withdraws her research consent")
    class WithdrawalAfterAnExport {

        @Test
        @DisplayName("the export is withdrawn: every file and the event stream answer 410 export-withdrawn, its status "
                + "says why without saying who, and its files are deleted")
        void withdrawn() {
            // given
            Released released = releasedToAStudy("Withdrawal");

            // when
            withdrawConsent(released, 0);

            // then
            String path = "/api/v1/research/studies/" + released.studyId() + "/exports/"
                    + released.export().exportId();
            for (String name : FILES) {
                assertProblem(researcher.get(path + "/files/" + name), 410, "/problems/export-withdrawn");
            }
            assertProblem(researcher.get(path + "/events"), 410, "/problems/export-withdrawn");
            JsonNode job = researcher.get(path).json();
            assertThat(job.get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(job.get("withdrawnAt").asText()).isNotBlank();
            assertThat(job.get("withdrawal").asText()).contains("Delete every copy");
            assertThat(job.get("files")).isEmpty();
            assertThat(job.has("eventsHref")).isFalse();
            assertThat(job.toString())
                    .doesNotContain(released.participants().get(0))
                    .doesNotContain(released.export().pseudonyms().toArray(String[]::new));
            assertThat(researcher
                            .get("/api/v1/research/studies/" + released.studyId() + "/exports")
                            .json()
                            .get(0)
                            .get("status")
                            .asText())
                    .isEqualTo("WITHDRAWN");
            assertThat(exports.directory(released.studyId(), released.export().exportId()))
                    .doesNotExist();
        }

        @Test
        @DisplayName("the accounting of disclosures of everyone it released shows the withdrawal, and the audit chain "
                + "still verifies")
        void inTheDisclosureLedger() {
            // given
            Released released = releasedToAStudy("Ledger");

            // when
            withdrawConsent(released, 1);
            researcher.get("/api/v1/research/studies/" + released.studyId() + "/exports/"
                    + released.export().exportId());

            // then
            for (String id : released.participants()) {
                JsonNode entries = admin.get("/api/v1/admin/participants/" + id + "/disclosures")
                        .json();
                List<JsonNode> withdrawals = new ArrayList<>();
                entries.forEach(entry -> {
                    if (entry.get("action").asText().equals("WITHDRAW")
                            && entry.get("purpose")
                                    .asText()
                                    .contains(released.export().exportId())) {
                        withdrawals.add(entry);
                    }
                });
                assertThat(withdrawals).as(id).singleElement().satisfies(entry -> {
                    assertThat(entry.get("actor").asText()).isEqualTo("platform");
                    assertThat(entry.get("endpoint").asText()).isEqualTo("research export withdrawn");
                });
                assertThat(disclosuresOf(entries, released.export().exportId()))
                        .as(id)
                        .hasSize(1);
            }
            assertThat(admin.get("/api/v1/admin/audit/verification")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        @DisplayName("an export made after her withdrawal leaves her out and is served")
        void laterExport() {
            // given
            Released released = releasedToAStudy("After");
            withdrawConsent(released, 0);

            // when
            Export later = export(researcher, released.studyId());

            // then
            assertThat(later.manifest().get("participants").get("included").asInt())
                    .isEqualTo(released.participants().size() - 1);
            assertThat(later.manifest()
                            .get("participants")
                            .get("excluded")
                            .get("withdrawn")
                            .asInt())
                    .isEqualTo(1);
            assertThat(researcher
                            .get("/api/v1/research/studies/" + released.studyId() + "/exports/" + later.exportId())
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("DONE");
        }

        @Test
        @DisplayName("her erasure withdraws the export too, also when found by the hourly clean-up")
        void erasure() {
            // given
            Released released = releasedToAStudy("Erasure");

            // when
            Response erasure = admin.post(
                    "/api/v1/admin/participants/" + released.participants().get(1) + "/erasure",
                    json("reason", "Her request under GDPR article 17"));
            assertThat(erasure.status()).as(erasure.toString()).isEqualTo(200);
            assertThat(exports.withdrawAll()).isGreaterThanOrEqualTo(1);

            // then
            assertThat(exports.directory(released.studyId(), released.export().exportId()))
                    .doesNotExist();
            assertProblem(
                    researcher.get("/api/v1/research/studies/" + released.studyId() + "/exports/"
                            + released.export().exportId() + "/files/spells.csv"),
                    410,
                    "/problems/export-withdrawn");
        }

        @Test
        @DisplayName("a consent retracted, or corrected to another scope or to an expiry before the export, withdraws"
                + " the export too; a correction that leaves her consent covering it does not")
        void consentAmended() {
            // given three exports, each of three participants
            Released retracted = releasedToAStudy("Retracted consent");
            Released rescoped = releasedToAStudy("Rescoped consent");
            Released expired = releasedToAStudy("Consent expired before");
            Released extended = releasedToAStudy("Consent extended");

            // when
            accepted(caseworker.post(
                    "/api/v1/participants/" + retracted.participants().get(0) + "/events/" + consentEvent(retracted, 0)
                            + "/retraction",
                    json("reason", "Recorded for the wrong person " + CANARY)));
            amendConsent(rescoped, 1, "{\"scope\":\"another-study\"}");
            amendConsent(expired, 2, "{\"expiresOn\":\"" + base.plusDays(30) + "\"}");
            amendConsent(extended, 0, "{\"expiresOn\":\"" + LocalDate.now().plusYears(3) + "\"}");

            // then
            for (Released released : List.of(retracted, rescoped, expired)) {
                assertThat(statusOf(released)).as(released.studyId()).isEqualTo("WITHDRAWN");
            }
            assertThat(statusOf(extended)).isEqualTo("DONE");
        }

        private String consentEvent(Released released, int which) {
            return rowsOfType(awaitTimeline(caseworker, released.participants().get(which), 3), "consent-given")
                    .get(0)
                    .get("eventId")
                    .asText();
        }

        private void amendConsent(Released released, int which, String values) {
            accepted(caseworker.post(
                    "/api/v1/participants/" + released.participants().get(which) + "/events/"
                            + consentEvent(released, which) + "/corrections",
                    json("correctedValues", values, "reason", "Typed from the wrong form " + CANARY)));
        }

        private String statusOf(Released released) {
            return researcher
                    .get("/api/v1/research/studies/" + released.studyId() + "/exports/"
                            + released.export().exportId())
                    .json()
                    .get("status")
                    .asText();
        }

        /**
         * Three consented participants of a consent scope of their own, in a programme no other study of this class
         * covers, a study of that programme and scope, and its export.
         */
        private Released releasedToAStudy(String title) {
            if (withdrawalProgramme == null) {
                withdrawalProgramme =
                        awaitProgramme(admin, registerProgramme("Community drop-in for withdrawal tests", "COMMUNITY"));
            }
            String ownScope = "withdrawal-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> participants = new ArrayList<>();
            List<String> consents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = enrol(caseworker, title + " " + i, enrolmentYear - 30, "OUTREACH", base.plusDays(i));
                consents.add(consent(
                        caseworker,
                        id,
                        ownScope,
                        base.plusDays(i),
                        LocalDate.now().plusYears(2)));
                command(
                        caseworker,
                        id,
                        "programme-entries",
                        json("programmeId", withdrawalProgramme, "occurredOn", day(5 + i)));
                participants.add(id);
            }
            int year = LocalDate.now().getYear();
            String studyId = accepted(admin.post(
                            "/api/v1/admin/studies",
                            json(
                                    "title",
                                    title,
                                    "ethicsApprovalReference",
                                    "REC-2026-031",
                                    "researchers",
                                    "[\"researcher\"]",
                                    "programmeIds",
                                    "[\"" + withdrawalProgramme + "\"]",
                                    "periodFrom",
                                    (year - 2) + "-01-01",
                                    "periodTo",
                                    year + "-12-31",
                                    "quasiIdentifiers",
                                    "[]",
                                    "dateMode",
                                    "SHIFTED",
                                    "k",
                                    "2",
                                    "consentScope",
                                    ownScope,
                                    "expiresOn",
                                    (year + 2) + "-01-01",
                                    // three participants: with limits, no history of theirs could be released
                                    "riskLimits",
                                    "{\"maxUniqueShare\":1,\"maxAverageRisk\":1,\"maxSuppressedShare\":1}")))
                    .get("studyId")
                    .asText();
            Export export = export(researcher, studyId);
            assertThat(export.manifest().get("participants").get("included").asInt())
                    .isEqualTo(3);
            return new Released(studyId, ownScope, participants, consents, export);
        }

        private void withdrawConsent(Released released, int which) {
            accepted(caseworker.post(
                    "/api/v1/participants/" + released.participants().get(which) + "/consents/"
                            + released.consents().get(which) + "/withdrawal",
                    json("occurredOn", LocalDate.now().toString())));
        }
    }

    /** An export of a study of its own, and the participants it released with their consents. */
    private record Released(
            String studyId, String scope, List<String> participants, List<String> consents, Export export) {}

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("given an operator exporting from the command line")
    class CommandLine {

        @Test
        @DisplayName("the files are written into her directory with a progress bar, the same as the API's, and the "
                + "disclosure is recorded")
        void export(@TempDir Path out) throws Exception {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = command.export(
                    studyA, out.resolve("study-a").toString(), new PrintStream(err, true, StandardCharsets.UTF_8));
            String shown = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(shown).isZero();
            assertThat(shown)
                    .contains("[" + "#".repeat(30) + "] 100%", "9 participants included of 14", "k achieved 9");
            for (String file : FILES) {
                assertThat(out.resolve("study-a").resolve(file)).isRegularFile();
            }
            assertThat(Files.readString(out.resolve("study-a").resolve("events.ndjson")))
                    .isEqualTo(exportA().files().get("events.ndjson"));
            String exportId = JSON.readTree(
                            out.resolve("study-a").resolve("manifest.json").toFile())
                    .get("exportId")
                    .asText();
            JsonNode entries = admin.get("/api/v1/admin/participants/" + wren + "/disclosures")
                    .json();
            assertThat(disclosuresOf(entries, exportId))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("actor").asText()).startsWith("command-line:"));
        }

        @Test
        @DisplayName(
                "off a terminal the outcome and checksums go to stdout and the progress to stderr, a line per tenth, "
                        + "without carriage returns")
        void outcomeOnStdoutProgressOnStderr(@TempDir Path out) throws Exception {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

            int code = command.export(
                    studyA,
                    out.toString(),
                    new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new org.journeyplatform.api.lifecycle.ProgressLine(err, false),
                    err);

            String report = stdout.toString(StandardCharsets.UTF_8);
            String progress = stderr.toString(StandardCharsets.UTF_8);
            assertThat(code).as(progress).isZero();
            assertThat(report.lines().toList())
                    .hasSize(1 + FILES.length)
                    .first()
                    .asString()
                    .startsWith("Done: export ")
                    .contains("9 participants included of 14");
            for (String file : FILES) {
                assertThat(report)
                        .containsPattern(
                                "\\n  " + java.util.regex.Pattern.quote(file) + "  \\d+ bytes  sha256 [0-9a-f]{64}");
            }
            assertThat(progress).doesNotContain("\r", "Done: export", "sha256");
            assertThat(progress.lines().filter(line -> line.startsWith("[")).toList())
                    .hasSizeBetween(2, 11)
                    .last()
                    .asString()
                    .startsWith("[" + "#".repeat(30) + "] 100%");
        }

        @Test
        @DisplayName("a folder holding anything else is refused with exit code 2 and one line, and left as it was")
        void foreignFilesRefused(@TempDir Path out) throws Exception {
            Files.writeString(out.resolve("my-notes.txt"), "synthetic notes");
            Files.createDirectory(out.resolve("subdir"));
            Files.writeString(out.resolve("subdir").resolve("keep.txt"), "keep me");
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = command.export(studyA, out.toString(), new PrintStream(err, true, StandardCharsets.UTF_8));

            String shown = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(shown).isEqualTo(2);
            assertThat(shown.lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("Refused: ")
                    .contains("my-notes.txt, subdir", "nothing was written or deleted");
            assertThat(Files.readString(out.resolve("my-notes.txt"))).isEqualTo("synthetic notes");
            assertThat(Files.readString(out.resolve("subdir").resolve("keep.txt")))
                    .isEqualTo("keep me");
            try (var entries = Files.list(out)) {
                assertThat(entries.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("my-notes.txt", "subdir");
            }
        }

        @Test
        @DisplayName("a folder holding an export of another study is refused and left as it was")
        void otherStudyRefused(@TempDir Path out) throws Exception {
            String manifest =
                    "{\"format\":\"journey-research-export/1\",\"study\":{\"studyId\":\"" + UUID.randomUUID() + "\"}}";
            Files.writeString(out.resolve("manifest.json"), manifest);
            Files.writeString(out.resolve("persons.csv"), "participant\n");
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = command.export(studyA, out.toString(), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds an export of another study");
            assertThat(Files.readString(out.resolve("manifest.json"))).isEqualTo(manifest);
            assertThat(Files.readString(out.resolve("persons.csv"))).isEqualTo("participant\n");
        }

        @Test
        @DisplayName("an earlier export of the same study in the folder is replaced, file by file, and nothing is left "
                + "beside the eight files")
        void earlierExportReplaced(@TempDir Path out) throws Exception {
            ByteArrayOutputStream firstShown = new ByteArrayOutputStream();
            assertThat(command.export(
                            studyA, out.toString(), new PrintStream(firstShown, true, StandardCharsets.UTF_8)))
                    .as(firstShown.toString(StandardCharsets.UTF_8))
                    .isZero();
            String first = JSON.readTree(out.resolve("manifest.json").toFile())
                    .get("exportId")
                    .asText();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = command.export(studyA, out.toString(), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String second = JSON.readTree(out.resolve("manifest.json").toFile())
                    .get("exportId")
                    .asText();
            assertThat(second).isNotEqualTo(first);
            try (var entries = Files.list(out)) {
                assertThat(entries.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder(FILES);
            }
            assertThat(Files.readString(out.resolve("events.ndjson")))
                    .isEqualTo(exportA().files().get("events.ndjson"));
        }

        @Test
        @DisplayName("the folders it creates are owner-only (0700) and so is every file (0600)")
        void ownerOnly(@TempDir Path out) throws Exception {
            Path folder = out.resolve("exports").resolve("study-a");
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

            assertThat(command.export(studyA, folder.toString(), quiet)).isZero();

            assertThat(Files.getPosixFilePermissions(out.resolve("exports"))).isEqualTo(OWNER_ONLY_FOLDER);
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(OWNER_ONLY_FOLDER);
            for (String file : FILES) {
                assertThat(Files.getPosixFilePermissions(folder.resolve(file)))
                        .as(file)
                        .isEqualTo(OWNER_ONLY_FILE);
            }
        }
    }

    @Nested
    @DisplayName("given the files of an export made through the API")
    class FilesOnDisk {

        @Test
        @DisplayName("its folders are owner-only (0700) and so is every file (0600)")
        void ownerOnly() throws Exception {
            Path directory = exports.directory(studyA, exportA().exportId());

            assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(OWNER_ONLY_FOLDER);
            assertThat(Files.getPosixFilePermissions(directory.getParent())).isEqualTo(OWNER_ONLY_FOLDER);
            for (String file : FILES) {
                assertThat(Files.getPosixFilePermissions(directory.resolve(file)))
                        .as(file)
                        .isEqualTo(OWNER_ONLY_FILE);
            }
        }
    }

    @Nested
    @DisplayName("given an operator giving the command line wrong arguments")
    class WrongArguments {

        @Test
        @DisplayName("wrong arguments or an unknown study end with exit code 2 and say why")
        void wrong(@TempDir Path out) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
            assertThat(command.export(null, out.toString(), print)).isEqualTo(2);
            assertThat(command.export(UUID.randomUUID().toString(), out.toString(), print))
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("Usage: --research-export=<studyId>", "No study has the id");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exports, made once when first needed

    /** A request to export the study now, as the platform would make it. */
    private ResearchExportBuilder.Request request(String studyId, String exportId) {
        ResearchStudies.Registered study = studies.find(studyId).orElseThrow();
        Instant asOf = Instant.now();
        return new ResearchExportBuilder.Request(
                exportId,
                study.study(),
                studies.secretOf(studyId),
                studies.programmeTypes(study.study()),
                asOf,
                LocalDate.ofInstant(asOf, ZoneOffset.UTC));
    }

    /** Every file of an export's folder, byte for byte as in the other's. */
    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String file : ResearchExportBuilder.FILES) {
            assertThat(Files.readAllBytes(actual.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
    }

    /** The store's histories read whole, every personal field opened, whatever kinds and fields an export asks for. */
    private org.journeyplatform.domain.journey.RecordedHistories openingEverything(
            java.util.concurrent.atomic.AtomicInteger read) {
        return new org.journeyplatform.domain.journey.RecordedHistories() {
            @Override
            public Map<String, RecordedHistory> recordedUpTo(
                    List<String> participantIds,
                    Instant at,
                    Set<String> personalFieldsRead,
                    Set<Class<? extends org.journeyplatform.domain.journey.event.JourneyEvent>> kinds) {
                read.incrementAndGet();
                // every field opened, every kind read: the export tells the kinds apart itself
                return recordedHistories.recordedUpTo(
                        participantIds, at, org.journeyplatform.domain.shared.PersonalDataFields.names(), null);
            }
        };
    }

    private Export exportA() {
        if (exportA == null) {
            exportA = export(researcher, studyA);
        }
        return exportA;
    }

    private Export exportAAgain() {
        exportA();
        if (exportAAgain == null) {
            exportAAgain = export(researcher, studyA);
        }
        return exportAAgain;
    }

    private Export exportB() {
        if (exportB == null) {
            exportB = export(otherResearcher, studyB);
        }
        return exportB;
    }

    /** Starts an export, follows it to DONE and downloads every file. */
    private static Export export(ApiClient client, String studyId) {
        STUDIES_MADE.add(studyId);
        Response started = client.post("/api/v1/research/studies/" + studyId + "/exports", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String exportId = started.json().get("exportId").asText();
        assertThat(started.json().get("status").asText()).isIn("QUEUED", "RUNNING", "DONE");
        assertThat(started.header("Location")).endsWith("/exports/" + exportId);
        String path = "/api/v1/research/studies/" + studyId + "/exports/" + exportId;
        List<Double> progress = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode job = client.get(path).json();
                    progress.add(job.get("progress").asDouble());
                    assertThat(job.get("status").asText()).isNotEqualTo("FAILED");
                    return job.get("status").asText().equals("DONE");
                });
        assertThat(progress).isSorted().allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        JsonNode job = client.get(path).json();
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : FILES) {
            Response file = client.get(path + "/files/" + name);
            assertThat(file.status()).as(name + ": " + file).isEqualTo(200);
            files.put(name, file.body());
        }
        return new Export(exportId, job, files);
    }

    private static long position(String line) {
        try {
            return JSON.readTree(line).get("position").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> disclosuresOf(JsonNode entries, String exportId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (entry.get("action").asText().equals("DISCLOSE")
                    && entry.get("purpose").asText().contains(exportId)) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * A simple spell calculation over the replayed stream, written from docs/research.md ("Spells"): a stay in a
     * programme is IN_PROGRAMME from entry to exit; leaving the last programme starts OUT (RETURNED after an exit to
     * the sex trade, nothing after a death); a relapse while OUT ends it and starts RETURNED; an entry ends OUT or
     * RETURNED; observation-started opens what she was in, observation-ended censors what is open.
     */
    private static List<String> replaySpells(List<JsonNode> events) {
        List<String> spells = new ArrayList<>();
        Map<String, List<JsonNode>> byParticipant = new LinkedHashMap<>();
        events.forEach(e -> byParticipant
                .computeIfAbsent(e.get("participant").asText(), p -> new ArrayList<>())
                .add(e));
        for (Map.Entry<String, List<JsonNode>> her : byParticipant.entrySet()) {
            // open spell: number, state, programme, start day, start reason, left-truncated
            Map<String, Object[]> stays = new LinkedHashMap<>();
            Object[] away = null;
            int count = 0;
            for (JsonNode e : her.getValue()) {
                long day = e.get("day").asLong();
                String programme = e.path("programme").asText(null);
                switch (e.get("type").asText()) {
                    case "observation-started" -> {
                        for (JsonNode p : e.get("programmes")) {
                            stays.put(
                                    p.asText(),
                                    new Object[] {++count, "IN_PROGRAMME", p.asText(), day, "OBSERVATION_START", 1});
                        }
                        String state = e.get("state").asText();
                        if (state.equals("OUT") || state.equals("RETURNED")) {
                            away = new Object[] {++count, state, "", day, "OBSERVATION_START", 1};
                        }
                    }
                    case "programme-entered" -> {
                        if (!stays.containsKey(programme)) {
                            if (away != null) {
                                spells.add(row(her.getKey(), away, day, "RE_ENTRY", 0));
                                away = null;
                            }
                            stays.put(programme, new Object[] {++count, "IN_PROGRAMME", programme, day, "ENTRY", 0});
                        }
                    }
                    case "programme-exited" -> {
                        Object[] stay = stays.remove(programme);
                        if (stay != null) {
                            String reason = e.get("exitReason").asText();
                            spells.add(row(her.getKey(), stay, day, reason, 0));
                            if (stays.isEmpty() && !reason.equals("DIED")) {
                                away = new Object[] {
                                    ++count,
                                    reason.equals("RETURNED_TO_SEX_TRADE") ? "RETURNED" : "OUT",
                                    "",
                                    day,
                                    "EXIT",
                                    0
                                };
                            }
                        }
                    }
                    case "relapse-recorded" -> {
                        if (away != null && away[1].equals("OUT")) {
                            spells.add(row(her.getKey(), away, day, "RELAPSE", 0));
                            away = new Object[] {++count, "RETURNED", "", day, "RELAPSE", 0};
                        }
                    }
                    case "observation-ended" -> {
                        for (Object[] stay : stays.values()) {
                            spells.add(row(her.getKey(), stay, day, "OBSERVATION_END", 1));
                        }
                        stays.clear();
                        if (away != null) {
                            spells.add(row(her.getKey(), away, day, "OBSERVATION_END", 1));
                            away = null;
                        }
                    }
                    default -> {}
                }
            }
        }
        return spells;
    }

    private static String row(String participant, Object[] open, long end, String endReason, int censored) {
        long start = (Long) open[3];
        return String.join(
                "|",
                participant,
                open[0].toString(),
                (String) open[1],
                (String) open[2],
                Long.toString(start),
                Long.toString(end),
                Long.toString(end - start),
                (String) open[4],
                endReason,
                open[5].toString(),
                Integer.toString(censored));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The journeys, recorded once

    private String study(String title, String researcherName, String k, String quasiIdentifiers, String dateMode) {
        int year = LocalDate.now().getYear();
        return json(
                "title",
                title,
                "ethicsApprovalReference",
                "REC-2025-017",
                "researchers",
                "[\"" + researcherName + "\"]",
                "programmeIds",
                "[\"" + harbour + "\",\"" + circle + "\"]",
                "periodFrom",
                (year - 2) + "-01-01",
                "periodTo",
                year + "-12-31",
                "quasiIdentifiers",
                quasiIdentifiers,
                "dateMode",
                dateMode,
                "k",
                k == null ? "null" : k,
                "consentScope",
                scope,
                "expiresOn",
                (year + 2) + "-01-01",
                // this class's few participants are checked day by day: exact days, every history in full
                "timeGranularity",
                "DAY",
                "displacementDays",
                "0",
                "riskLimits",
                "{\"maxUniqueShare\":1,\"maxAverageRisk\":1,\"maxSuppressedShare\":1}");
    }

    private void record() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        scope = "peer-programme-evaluation-" + suffix;
        researcherB = "researcher-b-" + suffix;
        accepted(admin.post(
                "/api/v1/admin/users",
                json("username", researcherB, "password", PASSWORD, "roles", "[\"RESEARCHER\"]")));
        if (admin.post(
                                "/api/v1/admin/users",
                                json("username", STAFF, "password", PASSWORD, "roles", "[\"CASEWORKER\"]"))
                        .status()
                != 201) {
            assertThat(admin.get("/api/v1/admin/users").json().findValuesAsText("username"))
                    .contains(STAFF);
        }
        harbour = awaitProgramme(admin, registerProgramme("Harbour House " + CANARY + " residential", "RESIDENTIAL"));
        circle = awaitProgramme(admin, registerProgramme("Sisters in recovery circle", "PEER_GROUP"));
        elsewhere = awaitProgramme(admin, registerProgramme("Street outreach elsewhere", "OUTREACH"));
        kestrel = registerPeer(manager, "Kestrel " + CANARY, "VOLUNTEER_FACILITATOR", 24);

        int year = LocalDate.now().getYear();
        enrolmentYear = year - 2;
        base = LocalDate.of(enrolmentYear, 2, 1);
        int birth = enrolmentYear - 30; // 30 at enrolment: 25-34

        // six alike; the first is Wren, with every personal field filled
        ApiClient staff = client(STAFF, PASSWORD);
        for (int i = 0; i < 6; i++) {
            ApiClient by = i == 0 ? staff : caseworker;
            String id = enrol(by, i == 0 ? "Wren " + CANARY : "Alike " + i, birth, "OUTREACH", base.plusDays(i));
            ALIKE.add(id);
            consent(by, id, scope, base.plusDays(i), LocalDate.of(year + 2, 1, 1));
            if (i == 0) {
                wren = id;
                wrenEnrolled = base;
                wrensJourney(staff);
            } else {
                command(by, id, "programme-entries", json("programmeId", harbour, "occurredOn", day(i + 5)));
                relapse(by, id, day(i + 100));
                command(
                        by,
                        id,
                        "programme-exits",
                        json("programmeId", harbour, "occurredOn", day(i + 200), "reason", "COMPLETED"));
                relapse(by, id, day(i + 260 + 3 * i));
                command(by, id, "programme-entries", json("programmeId", circle, "occurredOn", day(i + 300)));
            }
        }
        // three with a rare referral source each, in the same year
        String[] rare = {"POLICE", "SELF", "PEER"};
        for (int j = 0; j < 3; j++) {
            String id = enrol(caseworker, "Rare " + j, birth, rare[j], base.plusDays(10 + j));
            RARE.add(id);
            consent(caseworker, id, scope, base.plusDays(10 + j), LocalDate.of(year + 2, 1, 1));
            command(caseworker, id, "programme-entries", json("programmeId", harbour, "occurredOn", day(15 + j)));
            command(
                    caseworker,
                    id,
                    "programme-exits",
                    json(
                            "programmeId",
                            harbour,
                            "occurredOn",
                            day(120 + j),
                            "reason",
                            j == 2 ? "RETURNED_TO_SEX_TRADE" : "LEFT_BY_CHOICE"));
            if (j == 1) {
                command(caseworker, id, "programme-entries", json("programmeId", harbour, "occurredOn", day(200)));
            }
        }
        // one like nobody else: older, another referral, only the peer circle
        lone = enrol(caseworker, "Alone", enrolmentYear - 60, "FAMILY_OR_FRIEND", base.plusDays(20));
        consent(caseworker, lone, scope, base.plusDays(20), LocalDate.of(year + 2, 1, 1));
        command(caseworker, lone, "programme-entries", json("programmeId", circle, "occurredOn", day(21)));

        // those who must not be in any export
        noConsent = alikeWithEntry("No consent");
        consent(caseworker, noConsent, "all-research", base, LocalDate.of(year + 2, 1, 1));
        expired = alikeWithEntry("Expired");
        consent(caseworker, expired, scope, base, LocalDate.of(year - 1, 6, 30));
        withdrawn = alikeWithEntry("Withdrawn");
        String consentId = consent(caseworker, withdrawn, scope, base, LocalDate.of(year + 2, 1, 1));
        accepted(caseworker.post(
                "/api/v1/participants/" + withdrawn + "/consents/" + consentId + "/withdrawal",
                json("occurredOn", day(150))));
        erased = alikeWithEntry("Erased");
        consent(caseworker, erased, scope, base, LocalDate.of(year + 2, 1, 1));
        Response erasure = admin.post(
                "/api/v1/admin/participants/" + erased + "/erasure",
                json("reason", "Her request under GDPR article 17"));
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(200);
        outside = enrol(caseworker, "Outside", birth, "OUTREACH", base);
        consent(caseworker, outside, scope, base, LocalDate.of(year + 2, 1, 1));
        command(caseworker, outside, "programme-entries", json("programmeId", elsewhere, "occurredOn", day(3)));

        studyA = admin.post(
                        "/api/v1/admin/studies",
                        study(
                                "Peer programme evaluation",
                                "researcher",
                                "3",
                                "[\"REFERRAL_SOURCE\",\"AGE_BAND\",\"PROGRAMME_TYPE\"]",
                                "SHIFTED"))
                .json()
                .get("studyId")
                .asText();
        studyB = admin.post(
                        "/api/v1/admin/studies",
                        study(
                                "Age and relapse",
                                researcherB,
                                "2",
                                "[\"ENROLMENT_YEAR\",\"AGE_BAND\"]",
                                "DAYS_SINCE_ENROLMENT"))
                .json()
                .get("studyId")
                .asText();
    }

    /** Wren's journey, every personal field filled with a canary string, recorded by a named staff member. */
    private void wrensJourney(ApiClient staff) {
        String id = wren;
        command(
                staff,
                id,
                "programme-entries",
                json("programmeId", harbour, "occurredOn", day(5), "note", "Asked for a place herself " + CANARY));
        WREN_DAYS.put("programme-entered", base.plusDays(5));
        command(staff, id, "goals", json("description", "A flat of my own " + CANARY, "occurredOn", day(10)));
        WREN_DAYS.put("goal-set", base.plusDays(10));
        command(
                staff,
                id,
                "reunification-plans",
                json(
                        "childPseudonym",
                        "Little Bear " + CANARY,
                        "occurredOn",
                        day(20),
                        "note",
                        "Supervised contact soon " + CANARY));
        command(
                staff,
                id,
                "safety-plans",
                json("contents", "Code word with her sister " + CANARY, "occurredOn", day(30)));
        command(
                staff,
                id,
                "support-network",
                json(
                        "kind",
                        "PROBATION_OFFICER",
                        "description",
                        "Her probation officer " + CANARY,
                        "occurredOn",
                        day(40)));
        command(
                staff,
                id,
                "milestones",
                json("occurredOn", day(50), "type", "CUSTOM", "description", "Spoke at the group " + CANARY));
        WREN_DAYS.put("milestone-reached", base.plusDays(50));
        command(
                staff,
                id,
                "peer-sessions",
                json(
                        "peerId",
                        kestrel,
                        "kind",
                        "ONE_TO_ONE",
                        "minutes",
                        "50",
                        "occurredOn",
                        day(60),
                        "note",
                        "Talked about her week " + CANARY));
        command(staff, id, "assessments", json("instrument", "ors", "itemScores", ors(22), "occurredOn", day(70)));
        WREN_DAYS.put("assessment-recorded", base.plusDays(70));
        command(staff, id, "milestones", json("occurredOn", day(80), "type", "EMPLOYMENT"));
        command(staff, id, "profile-updates", json("occurredOn", day(90), "chosenName", "Wren R " + CANARY));
        relapse(staff, id, day(100));
        command(
                staff,
                id,
                "programme-exits",
                json(
                        "programmeId",
                        harbour,
                        "occurredOn",
                        day(200),
                        "reason",
                        "COMPLETED",
                        "note",
                        "Moved on " + CANARY));
        WREN_DAYS.put("programme-exited", base.plusDays(200));
        relapse(staff, id, day(260));
        command(staff, id, "programme-entries", json("programmeId", circle, "occurredOn", day(300)));

        JsonNode timeline = awaitTimeline(staff, id, 16);
        String exit =
                rowsOfType(timeline, "programme-exited").get(0).get("eventId").asText();
        accepted(staff.post(
                "/api/v1/participants/" + id + "/events/" + exit + "/corrections",
                json("correctedValues", "{\"reason\":\"TRANSFERRED\"}", "reason", "It was a transfer " + CANARY)));
        String employment = rowsOfType(timeline, "milestone-reached").stream()
                .filter(r -> r.get("details").toString().contains("EMPLOYMENT"))
                .findFirst()
                .orElseThrow()
                .get("eventId")
                .asText();
        accepted(staff.post(
                "/api/v1/participants/" + id + "/events/" + employment + "/retraction",
                json("reason", "Recorded for the wrong person " + CANARY)));
    }

    private JsonNode awaitTimeline(ApiClient client, String participantId, int events) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/v1/participants/" + participantId + "/timeline")
                                .json()
                                .size()
                        >= events);
        return client.get("/api/v1/participants/" + participantId + "/timeline").json();
    }

    private String alikeWithEntry(String name) {
        String id = enrol(caseworker, name, enrolmentYear - 30, "OUTREACH", base);
        command(caseworker, id, "programme-entries", json("programmeId", harbour, "occurredOn", day(5)));
        return id;
    }

    private String enrol(ApiClient by, String name, int yearOfBirth, String referral, LocalDate on) {
        return accepted(by.post(
                        "/api/v1/participants",
                        json(
                                "chosenName",
                                name,
                                "yearOfBirth",
                                Integer.toString(yearOfBirth),
                                "referralSource",
                                referral,
                                "enrolledOn",
                                on.toString(),
                                "genderIdentity",
                                "WOMAN")))
                .get("participantId")
                .asText();
    }

    private String consent(ApiClient by, String id, String consentScope, LocalDate on, LocalDate expiresOn) {
        return command(
                        by,
                        id,
                        "consents",
                        json(
                                "kind",
                                "RESEARCH",
                                "scope",
                                consentScope,
                                "expiresOn",
                                expiresOn.toString(),
                                "occurredOn",
                                on.toString()))
                .get("id")
                .asText();
    }

    private void relapse(ApiClient by, String id, String on) {
        command(
                by,
                id,
                "relapses",
                json(
                        "occurredOn",
                        on,
                        "kind",
                        "DRUG_OR_ALCOHOL_USE",
                        "severity",
                        "LOW",
                        "supportFollowed",
                        "[\"PEER_SUPPORT\"]",
                        "note",
                        "Support followed " + CANARY));
    }

    private static JsonNode command(ApiClient by, String id, String path, String body) {
        return accepted(by.post("/api/v1/participants/" + id + "/" + path, body));
    }

    private static String day(int daysAfterBase) {
        return base.plusDays(daysAfterBase).toString();
    }
}
