package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.journeyplatform.api.demo.JourneyGenerator;
import org.journeyplatform.api.research.ResearchExportCommand;
import org.journeyplatform.api.research.ResearchStudies;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiClient.Response;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.journeyplatform.projections.research.Pseudonyms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Re-identification risk measured in every research export and kept within the study's limits (issue 16, items 1 to
 * 3; docs/research.md, "Disclosure risk"), on a seeded synthetic data set of 1,600 generated journeys of which more
 * than 500 are consented participants of the study, through the running platform. Every figure of the manifest is
 * computed again here from the released files, and two studies of the same people are linked record by record as an
 * attacker would try.
 */
@DisplayName("Research exports measure and limit their re-identification risk")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResearchDisclosureRiskTest extends org.journeyplatform.api.support.ApiTestBase {

    private static final Logger log = LoggerFactory.getLogger(ResearchDisclosureRiskTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A database of its own: its studies count everyone in the store. */
    private static final TestDatabase.Coordinates DATABASE = TestDatabase.fresh();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        database(registry, DATABASE, auditCheckpointFile());
        // the generator writes 48,000 events here: with the suite's snapshots every 20 events and no aggregate cache
        // it would take four times as long; these are the platform's own defaults
        registry.add("journey.snapshot-threshold", () -> "100");
        registry.add("journey.aggregate-cache", () -> "true");
    }

    @Autowired
    private JourneyGenerator generator;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ResearchStudies studies;

    @Autowired
    private ResearchExportCommand command;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    private List<String> programmes;
    private ApiClient researcher;
    private final List<String> studiesMade = new ArrayList<>();
    private Export a;
    private Export b;

    /** A finished export: its job and its files. */
    private record Export(String studyId, String exportId, JsonNode job, Map<String, String> files) {

        JsonNode manifest() {
            try {
                return JSON.readTree(files.get("manifest.json"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        JsonNode risk() {
            return manifest().path("anonymisation").path("risk");
        }

        List<JsonNode> events() {
            return files.get("events.ndjson")
                    .lines()
                    .map(ResearchDisclosureRiskTest::read)
                    .toList();
        }

        /**
         * Each participant's history signature as the risk measures define it: types, days and fields, in order, the
         * pseudonyms of her own plans, goals, safety plans and helpers by their order of appearance; where she stood when
         * observation started, without the markers' days.
         */
        Map<String, String> histories() {
            // her level is released with her (outcomes.csv): records at other levels are told apart; and so is her
            // follow-up after leaving, which runs over her whole observation whatever her level
            Map<String, String> levels = new HashMap<>();
            rows(files.get("outcomes.csv"))
                    .forEach(
                            row -> levels.put(row.get("participant"), row.get("history_detail") + "|" + followUp(row)));
            Map<String, String> histories = new LinkedHashMap<>();
            histories(false).forEach((p, h) -> histories.put(p, levels.get(p) + "|" + h));
            return histories;
        }

        /**
         * Her follow-up as the risk measures count it: a return, or a follow-up without its exit day, with all its
         * values; a follow-up censored at the end of her observation as censored (its last day is counted by its
         * window), or censored at the horizon of a history cut short.
         */
        private static String followUp(Map<String, String> row) {
            if (!row.get("followed_up").equals("1")) {
                return "";
            }
            if (row.get("returned").equals("1") || row.get("exit_day").isEmpty()) {
                return String.join(
                        ",",
                        row.get("exit_day"),
                        row.get("exit_reason"),
                        row.get("returned"),
                        row.get("days_at_risk"),
                        row.get("followed_10_months"),
                        row.get("returned_within_10_months"));
            }
            boolean cut = !Set.of("FULL", "SPELL_EVENTS", "SPELL_REASONS", "SPELL_OUTCOMES")
                    .contains(row.get("history_detail"));
            return String.join(
                    ",",
                    row.get("exit_day"),
                    row.get("exit_reason"),
                    cut && row.get("days_at_risk").equals("360") ? "censored at the horizon" : "censored");
        }

        /**
         * The signatures as someone linking two studies compares them: types, days and coded fields, without any
         * pseudonym (they differ between studies).
         */
        Map<String, String> linkable() {
            return histories(true);
        }

        private Map<String, String> histories(boolean withoutPseudonyms) {
            Map<String, StringBuilder> histories = new LinkedHashMap<>();
            Map<String, Map<String, Map<String, Integer>>> references = new HashMap<>();
            for (JsonNode event : events()) {
                String participant = event.get("participant").asText();
                StringBuilder history = histories.computeIfAbsent(participant, p -> new StringBuilder());
                String type = event.get("type").asText();
                if (type.equals("observation-ended")) {
                    continue;
                }
                history.append(type);
                if (!type.equals("observation-started")) {
                    history.append('@').append(event.get("day").asLong());
                }
                new java.util.TreeMap<String, JsonNode>(
                                JSON.convertValue(event, new TypeReference<Map<String, JsonNode>>() {}))
                        .forEach((name, value) -> {
                            if (Set.of("position", "participant", "type", "day", "date")
                                    .contains(name)) {
                                return;
                            }
                            boolean own = Set.of("plan", "goal", "safetyPlan", "helper")
                                    .contains(name);
                            if (withoutPseudonyms
                                    && (own
                                            || Set.of("programme", "programmes", "peer")
                                                    .contains(name))) {
                                return;
                            }
                            String counted = value.toString();
                            if (own) {
                                Map<String, Integer> seen = references
                                        .computeIfAbsent(participant, p -> new HashMap<>())
                                        .computeIfAbsent(name, n -> new HashMap<>());
                                counted = "#" + seen.computeIfAbsent(counted, v -> seen.size() + 1);
                            }
                            history.append(',').append(name).append('=').append(counted);
                        });
                history.append(';');
            }
            Map<String, String> out = new LinkedHashMap<>();
            histories.forEach((p, h) -> out.put(p, h.toString()));
            return out;
        }

        /** persons.csv: her age band, by pseudonym (empty when the study does not receive it). */
        Map<String, String> ageBands() {
            List<String> lines = files.get("persons.csv").lines().toList();
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int age = header.indexOf("age_band");
            Map<String, String> bands = new LinkedHashMap<>();
            lines.subList(1, lines.size()).forEach(line -> {
                String[] cells = line.split(",", -1);
                bands.put(cells[0], age < 0 ? "" : cells[age]);
            });
            return bands;
        }
    }

    @BeforeAll
    void generate() {
        // the exports read the event store and the scope model (kept in each command's transaction, as in production);
        // the other projections would only compete with the generator and the exports
        processing.eventProcessors().values().stream()
                .filter(processor -> !(processor instanceof SubscribingEventProcessor))
                .forEach(EventProcessor::shutDown);
        JourneyGenerator.Result result = generator.generate(
                new JourneyGenerator.Request(1_600, 30, 16, 3, "risk"), new JourneyGenerator.Progress() {
                    @Override
                    public void done(long journeys, long events) {}

                    @Override
                    public void finished() {}
                });
        assertThat(result.participants()).isEqualTo(1_600);
        programmes = jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type = ?
                         ORDER BY aggregate_identifier""")
                .param(ProgrammeRegisteredEvent.class.getName())
                .query(String.class)
                .list();
        assertThat(programmes).hasSize(3);
    }

    @BeforeEach
    void signIn() {
        researcher = client("researcher", "researcher-demo");
    }

    @AfterAll
    void deleteExportFiles() throws IOException {
        for (String study : studiesMade) {
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

    @Nested
    @DisplayName("given a study that receives shifted dates")
    class ShiftedDates {

        @Test
        @DisplayName("its risk counts what a released enrolment date tells someone who knows the real one, and is "
                + "within the limits")
        void enrolmentDatesCounted() {
            Export export = export(registerJson(study("Risk dated", "[]", null, "SHIFTED")));
            JsonNode risk = export.risk();
            List<String> persons = export.files().get("persons.csv").lines().toList();
            assertThat(persons.get(0)).contains("enrolled_on");
            Map<String, long[]> lastDays = lastDays(export);
            Map<String, String> histories = export.histories();
            assertMeasure(risk.get("histories"), new LinkedHashMap<>(histories), lastDays);
            assertThat(risk.at("/combined/uniqueShare").asDouble()).isLessThanOrEqualTo(0.05);
            assertThat(risk.at("/combined/averageRisk").asDouble()).isLessThanOrEqualTo(0.35);
            log.info(
                    "Shifted dates: {} released of {} eligible; unique {}, average risk {}, history detail {}",
                    risk.at("/combined/records"),
                    risk.at("/suppressed/eligible"),
                    risk.at("/combined/uniqueShare"),
                    risk.at("/combined/averageRisk"),
                    risk.get("historyDetail"));
        }
    }

    @Nested
    @DisplayName("given two studies of the same participants with the default settings (30-day months, 14 days' "
            + "displacement, no quasi-identifier)")
    class Defaults {

        @Test
        @DisplayName("each export is released with more than 500 consented participants, and its manifest's risk "
                + "figures are those of its files: at most 5 % unique records, k-anonymous, within every limit")
        void measuredAndWithinLimits() {
            for (Export export : List.of(exportA(), exportB())) {
                JsonNode manifest = export.manifest();
                JsonNode participants = manifest.get("participants");
                JsonNode excluded = participants.get("excluded");
                int consented = participants.get("candidates").asInt()
                        - excluded.get("no-consent").asInt()
                        - excluded.get("withdrawn").asInt()
                        - excluded.get("expired").asInt()
                        - excluded.get("erased").asInt();
                assertThat(consented).isGreaterThanOrEqualTo(500);
                int included = participants.get("included").asInt();
                JsonNode risk = export.risk();
                assertThat(risk.at("/suppressed/eligible").asInt())
                        .isEqualTo(consented - excluded.get("no-follow-up").asInt());
                assertThat(risk.at("/suppressed/wholeHistories").asInt())
                        .isEqualTo(excluded.get("disclosure-risk").asInt());
                assertThat(risk.at("/suppressed/kAnonymity").asInt())
                        .isEqualTo(excluded.get("k-anonymity").asInt());
                assertThat(risk.at("/suppressed/share").asDouble()).isLessThanOrEqualTo(0.25);

                Map<String, String> histories = export.histories();
                Map<String, String> bands = export.ageBands();
                assertThat(histories.keySet()).isEqualTo(bands.keySet()).hasSize(included);
                Map<String, long[]> lastDays = lastDays(export);
                assertMeasure(risk.get("persons"), new LinkedHashMap<>(bands), lastDays);
                assertMeasure(risk.get("histories"), new LinkedHashMap<>(histories), lastDays);
                Map<String, Object> combined = new LinkedHashMap<>();
                bands.forEach((p, band) -> combined.put(p, List.of(band, histories.get(p))));
                assertMeasure(risk.get("combined"), combined, lastDays);

                assertThat(risk.at("/combined/uniqueShare").asDouble()).isLessThanOrEqualTo(0.05);
                assertThat(risk.at("/histories/uniqueShare").asDouble()).isLessThanOrEqualTo(0.05);
                assertThat(risk.at("/persons/uniqueShare").asDouble()).isLessThanOrEqualTo(0.05);
                assertThat(risk.at("/persons/highestRisk").asDouble()).isLessThanOrEqualTo(1.0 / 5);
                assertThat(risk.at("/combined/averageRisk").asDouble()).isLessThanOrEqualTo(0.35);
                int levels = 0;
                for (JsonNode level : risk.get("historyDetail")) {
                    levels += level.get("histories").asInt();
                }
                assertThat(levels).isEqualTo(included);
                // the researcher's export status shows the same figures
                assertThat(export.job().get("risk")).isEqualTo(risk);
                log.info(
                        "Study {}: {} consented, {} released; unique records {}, average risk {} (histories {}), "
                                + "{} suppressed whole, history detail {}",
                        export.studyId(),
                        consented,
                        included,
                        risk.at("/combined/uniqueShare"),
                        risk.at("/combined/averageRisk"),
                        risk.at("/histories/averageRisk"),
                        risk.at("/suppressed/wholeHistories"),
                        risk.get("historyDetail"));
            }
        }

        @Test
        @DisplayName("every time value is a multiple of 30 days, and the codebook and manifest say what was done")
        void coarse() {
            Export export = exportA();
            assertThat(export.events()).allSatisfy(e -> {
                assertThat(e.get("day").asLong() % 30).as(e.toString()).isZero();
                assertThat(e.has("date")).isFalse();
            });
            assertThat(export.files().get("spells.csv").lines().skip(1))
                    .allSatisfy(line ->
                            assertThat(Long.parseLong(line.split(",")[4]) % 30).isZero());
            JsonNode time = export.manifest().at("/anonymisation/time");
            assertThat(time.get("granularity").asText()).isEqualTo("MONTH");
            assertThat(time.get("displacementDays").asInt()).isEqualTo(14);
            assertThat(export.files().get("codebook.md"))
                    .contains("30-day months", "moved by up to 14 days earlier or later");
        }

        @Test
        @DisplayName("outcomes.csv follows each woman once after leaving, by the dashboard's definitions, on the "
                + "released days, and gives the recipe's median and ten-month share")
        void outcomes() {
            Export export = exportA();
            List<Map<String, String>> rows = rows(export.files().get("outcomes.csv"));
            assertThat(rows)
                    .hasSize(export.manifest().at("/participants/included").asInt());
            List<Map<String, String>> followed =
                    rows.stream().filter(r -> r.get("followed_up").equals("1")).toList();
            assertThat(followed).hasSizeGreaterThan(100);
            // how much of each history is released is said per woman, and agrees with the manifest's counts
            Map<String, Long> levels = rows.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            r -> r.get("history_detail"), java.util.stream.Collectors.counting()));
            export.risk()
                    .get("historyDetail")
                    .fields()
                    .forEachRemaining(level -> assertThat(levels.getOrDefault(level.getKey(), 0L))
                            .as(level.getKey())
                            .isEqualTo(level.getValue().get("histories").asLong()));
            Set<String> whole = Set.of("FULL", "SPELL_EVENTS", "SPELL_REASONS", "SPELL_OUTCOMES");
            for (Map<String, String> row : followed) {
                long days = Long.parseLong(row.get("days_at_risk"));
                boolean returned = row.get("returned").equals("1");
                if (row.get("history_detail").equals("FOLLOW_UP_ONLY")) {
                    // her history withheld: her follow-up without its exit day and reason, ended after a year
                    assertThat(row.get("exit_day") + row.get("return_day")).isEmpty();
                    assertThat(row.get("exit_reason")).isEqualTo("WITHHELD");
                    assertThat(days).isBetween(0L, 360L);
                    assertThat(row.get("stays")).isEqualTo("0");
                    continue;
                }
                long exit = Long.parseLong(row.get("exit_day"));
                long end = Long.parseLong(row.get("observation_end_day"));
                assertThat(row.get("exit_reason")).isNotIn("TRANSFERRED", "DIED");
                if (returned) {
                    assertThat(days).as(row.toString()).isEqualTo(Long.parseLong(row.get("return_day")) - exit);
                } else if (whole.contains(row.get("history_detail"))) {
                    assertThat(days).as(row.toString()).isEqualTo(end - exit);
                } else {
                    // followed to the end of her observation or a year, past where her history was cut short
                    assertThat(days).as(row.toString()).isBetween(Math.min(end - exit, 360), 360L);
                }
                if (!whole.contains(row.get("history_detail"))) {
                    assertThat(days).as(row.toString()).isLessThanOrEqualTo(360);
                }
                if (row.get("exit_reason").equals("RETURNED_TO_SEX_TRADE")) {
                    assertThat(row.get("days_at_risk")).isEqualTo("0");
                }
                // ten 30-day months on released days
                boolean within = returned && days <= 300;
                assertThat(row.get("returned_within_10_months")).isEqualTo(within ? "1" : "0");
                assertThat(row.get("followed_10_months")).isEqualTo(returned || days >= 300 ? "1" : "0");
            }
            Figures figures = Figures.of(followed);
            assertThat(figures.tenMonths()).isPositive();
            log.info(
                    "Outcomes of study {}: {} followed up, median days to a first return {}, returned within ten "
                            + "months {} of {}",
                    export.studyId(),
                    followed.size(),
                    figures.median(),
                    figures.returnedWithin(),
                    figures.tenMonths());
            // spells carry the reasons at their ends and the first-of-state flag
            List<Map<String, String>> spells = rows(export.files().get("spells.csv"));
            assertThat(spells)
                    .filteredOn(r -> r.get("state").equals("IN_PROGRAMME")
                            && r.get("censored").equals("0"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("exit_reason")).isEqualTo(r.get("end_reason")));
            assertThat(spells)
                    .filteredOn(r ->
                            r.get("state").equals("OUT") && r.get("end_reason").equals("RELAPSE"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("relapse_kind")).isNotEmpty());
            assertThat(spells.stream()
                            .filter(r -> r.get("first_of_state").equals("1"))
                            .map(r -> r.get("participant") + r.get("state"))
                            .distinct()
                            .count())
                    .isEqualTo(spells.stream()
                            .filter(r -> r.get("first_of_state").equals("1"))
                            .count());
        }

        @Test
        @DisplayName("its median time to a first return and ten-month return share are, within what 30-day months "
                + "and its own follow-up allow, the dashboard's for the same women on exact days, however much of "
                + "their histories is released")
        void outcomesAsOnTheDashboard() {
            Export export = exportA();
            // the same women on exact days, followed exactly as the dashboard follows them (ResearchOutcomesTest
            // holds such an export to the dashboard's calculation), nothing reduced
            Export exact = export(registerJson(study(
                    "Risk exact",
                    "[]",
                    "\"timeGranularity\":\"DAY\",\"displacementDays\":0,\"riskLimits\":{\"maxUniqueShare\":1,"
                            + "\"maxAverageRisk\":1,\"maxSuppressedShare\":1}")));
            assertThat(rows(exact.files().get("outcomes.csv")))
                    .allSatisfy(row -> assertThat(row.get("history_detail")).isEqualTo("FULL"));
            Pseudonyms there = new Pseudonyms(studies.secretOf(exact.studyId()));
            Set<String> same =
                    released(export.exportId()).stream().map(there::participant).collect(Collectors.toSet());
            List<Map<String, String>> followed = rows(export.files().get("outcomes.csv")).stream()
                    .filter(r -> r.get("followed_up").equals("1"))
                    .toList();
            List<Map<String, String>> truth = rows(exact.files().get("outcomes.csv")).stream()
                    .filter(r -> r.get("followed_up").equals("1") && same.contains(r.get("participant")))
                    .toList();
            long cut = followed.stream()
                    .filter(r -> r.get("history_detail").startsWith("FIRST_"))
                    .count();
            Figures released = Figures.of(followed);
            Figures dashboard = Figures.of(truth);
            log.info(
                    "Study {}: {} followed up ({} with histories cut short): median {} days, ten-month share {} ({} "
                            + "of {}); the same women on exact days: {} followed up, median {} days, share {} ({} of "
                            + "{})",
                    export.studyId(),
                    followed.size(),
                    cut,
                    released.median(),
                    released.share(),
                    released.returnedWithin(),
                    released.tenMonths(),
                    truth.size(),
                    dashboard.median(),
                    dashboard.share(),
                    dashboard.returnedWithin(),
                    dashboard.tenMonths());
            assertThat(cut).as("histories cut short, whose follow-up runs on").isPositive();
            assertThat((double) followed.size())
                    .isCloseTo(truth.size(), org.assertj.core.data.Offset.offset(0.05 * truth.size()));
            assertThat(released.share()).isCloseTo(dashboard.share(), org.assertj.core.data.Offset.offset(0.06));
            assertThat((double) released.median())
                    .isCloseTo(dashboard.median(), org.assertj.core.data.Offset.offset(45.0));
        }

        @Test
        @DisplayName("every export carries a README with its study, what was done and the terms of use")
        void readme() {
            Export export = exportA();
            JsonNode risk = export.risk();
            assertThat(export.files().get("README.md"))
                    .startsWith("# Research export " + export.exportId())
                    .contains(
                            "ethics approval REC-2026-016",
                            "30-day months: day numbers rounded down to a multiple of 30",
                            "moved by up to 14 days",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%.1f %% of records unique",
                                    risk.at("/combined/uniqueShare").asDouble() * 100),
                            "## Terms of use",
                            "never link these records with other data about the same people",
                            "based on fewer than 5 participants",
                            "(its status is `WITHDRAWN`",
                            "delete every copy",
                            (risk.at("/historyDetail/FIRST_STAY/histories").asInt()
                                            + risk.at("/historyDetail/FIRST_STAY_POOLED/histories")
                                                    .asInt())
                                    + " of the "
                                    + export.manifest()
                                            .at("/participants/included")
                                            .asInt()
                                    + " histories end at the woman's first exit",
                            "and "
                                    + risk.at("/historyDetail/FOLLOW_UP_ONLY/histories")
                                            .asInt()
                                    + " are withheld",
                            (risk.at("/historyDetail/SPELL_REASONS/histories").asInt()
                                            + risk.at("/historyDetail/SPELL_OUTCOMES/histories")
                                                    .asInt()
                                            + risk.at("/historyDetail/FIRST_SPELL_OUT/histories")
                                                    .asInt()
                                            + risk.at("/historyDetail/FIRST_STAY/histories")
                                                    .asInt()
                                            + risk.at("/historyDetail/FIRST_STAY_POOLED/histories")
                                                    .asInt()
                                            + risk.at("/historyDetail/FOLLOW_UP_ONLY/histories")
                                                    .asInt())
                                    + " histories carry fewer event fields");
            assertThat(export.files().get("README.md")).doesNotContain("not counted");
            assertThat(export.manifest().get("files").findValuesAsText("name")).contains("README.md");
        }

        @Test
        @DisplayName("the two studies cannot be joined record by record: at most 5 % of records link one to one, by "
                + "exact and by nearest matching of age band, event types, coded fields and days")
        void unlinkable() {
            Export first = exportA();
            Export second = exportB();
            Map<String, String> truth = sameParticipants(first, second);
            assertThat(truth).hasSizeGreaterThan(300);

            Map<String, String> secondHistories = second.linkable();
            Map<String, String> secondBands = second.ageBands();
            Map<String, List<String>> secondByRecord = new HashMap<>();
            secondHistories.forEach((p, h) -> secondByRecord
                    .computeIfAbsent(secondBands.get(p) + "|" + h, r -> new ArrayList<>())
                    .add(p));
            Map<String, String> firstHistories = first.linkable();
            Map<String, String> firstBands = first.ageBands();
            int exact = 0;
            int nearest = 0;
            List<Map.Entry<String, List<long[]>>> secondParsed = new ArrayList<>();
            secondHistories.forEach((p, h) -> secondParsed.add(Map.entry(p, parse(secondBands.get(p), h))));
            for (Map.Entry<String, String> record : firstHistories.entrySet()) {
                String pseudonym = record.getKey();
                List<String> same =
                        secondByRecord.getOrDefault(firstBands.get(pseudonym) + "|" + record.getValue(), List.of());
                if (same.size() == 1 && same.get(0).equals(truth.get(pseudonym))) {
                    exact++;
                }
                List<long[]> mine = parse(firstBands.get(pseudonym), record.getValue());
                long best = Long.MAX_VALUE;
                List<String> closest = new ArrayList<>();
                for (Map.Entry<String, List<long[]>> other : secondParsed) {
                    long distance = distance(mine, other.getValue());
                    if (distance < best) {
                        best = distance;
                        closest.clear();
                    }
                    if (distance == best) {
                        closest.add(other.getKey());
                    }
                }
                if (closest.size() == 1 && closest.get(0).equals(truth.get(pseudonym))) {
                    nearest++;
                }
            }
            double exactRate = (double) exact / firstHistories.size();
            double nearestRate = (double) nearest / firstHistories.size();
            log.info(
                    "Linkage of two studies of {} released participants ({} in both): exact {} ({}), nearest {} ({})",
                    firstHistories.size(),
                    truth.size(),
                    exact,
                    exactRate,
                    nearest,
                    nearestRate);
            assertThat(exactRate).isLessThanOrEqualTo(0.05);
            assertThat(nearestRate).isLessThanOrEqualTo(0.05);
        }
    }

    @Nested
    @DisplayName("given a study whose release would be above its limits")
    class OverTheLimits {

        @Test
        @DisplayName("the export is refused with a problem detail naming the measure, nothing is released and no "
                + "disclosure is recorded")
        void refused() {
            String studyId = register(
                    "Exact days, every quasi-identifier",
                    "[\"AGE_BAND\",\"REFERRAL_SOURCE\",\"PROGRAMME_TYPE\"]",
                    "\"timeGranularity\":\"DAY\",\"displacementDays\":0");
            long disclosures = disclosures();
            Response started = researcher.post("/api/v1/research/studies/" + studyId + "/exports", "{}");
            assertThat(started.status()).isEqualTo(202);
            String path = "/api/v1/research/studies/" + studyId + "/exports/"
                    + started.json().get("exportId").asText();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            researcher.get(path).json().get("status").asText().equals("REFUSED"));
            JsonNode job = researcher.get(path).json();
            JsonNode refusal = job.get("refusal");
            assertThat(refusal.get("type").asText()).isEqualTo("/problems/export-refused");
            assertThat(refusal.get("status").asInt()).isEqualTo(422);
            assertThat(refusal.get("value").asDouble())
                    .isGreaterThan(refusal.get("limit").asDouble());
            assertThat(refusal.get("detail").asText())
                    .startsWith("The export was refused and nothing was released: ")
                    .contains("(" + refusal.get("measure").asText() + ")");
            assertThat(refusal.get("exceeded").findValuesAsText("measure"))
                    .contains(refusal.get("measure").asText());
            assertThat(job.get("risk").at("/suppressed/eligible").asInt()).isGreaterThanOrEqualTo(500);
            assertThat(job.path("files").isArray()).isFalse();

            Response file = researcher.get(path + "/files/events.ndjson");
            assertThat(file.status()).isEqualTo(422);
            assertThat(file.json().get("type").asText()).isEqualTo("/problems/export-refused");
            assertThat(file.json().get("detail").asText())
                    .isEqualTo(refusal.get("detail").asText());
            assertThat(researcher.get(path + "/events?after=0&limit=10").status())
                    .isEqualTo(422);
            assertThat(disclosures()).isEqualTo(disclosures);
            assertThat(jdbc.sql("SELECT count(*) FROM research_export_participant WHERE export_id = ?")
                            .param(job.get("exportId").asText())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        @DisplayName("from the command line, it exits with 1 and one line naming the measure, and writes nothing")
        void refusedOnTheCommandLine(@TempDir Path parent) {
            String studyId = register(
                    "Exact days, command line", "[\"AGE_BAND\",\"REFERRAL_SOURCE\"]", "\"timeGranularity\":\"DAY\"");
            Path out = parent.resolve("export");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long disclosures = disclosures();

            int code = command.export(studyId, out.toString(), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("The export was refused and nothing was released", "Measured: ");
            assertThat(out).doesNotExist();
            assertThat(disclosures()).isEqualTo(disclosures);
        }
    }

    @Nested
    @DisplayName("given an administrator registering a study")
    class Registering {

        @Test
        @DisplayName("without saying, it gets 30-day months, 14 days' displacement and the default limits")
        void defaults() {
            JsonNode study =
                    admin.get("/api/v1/admin/studies/" + exportA().studyId()).json();
            assertThat(study.get("timeGranularity").asText()).isEqualTo("MONTH");
            assertThat(study.get("displacementDays").asInt()).isEqualTo(14);
            assertThat(study.get("riskLimits"))
                    .isEqualTo(read("{\"maxUniqueShare\":0.05,\"maxAverageRisk\":0.35,\"maxSuppressedShare\":0.25}"));
            assertThat(researcher
                            .get("/api/v1/research/studies/" + exportA().studyId())
                            .json()
                            .get("timeGranularity")
                            .asText())
                    .isEqualTo("MONTH");
        }

        @Test
        @DisplayName("a granularity, displacement or limit out of range is refused as a bad request")
        void outOfRange() {
            for (String terms : List.of(
                    "\"timeGranularity\":\"YEAR\"",
                    "\"displacementDays\":31",
                    "\"displacementDays\":-1",
                    "\"riskLimits\":{\"maxUniqueShare\":1.5}",
                    "\"riskLimits\":{\"maxAverageRisk\":-0.1}",
                    "\"riskLimits\":{\"maxSuppressedShare\":\"all\"}")) {
                Response response = admin.post("/api/v1/admin/studies", study("Bad", "[]", terms));
                assertThat(response.status()).as(terms + ": " + response).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
        }

        @Test
        @DisplayName("a limit of -0.0, or of 0 with any exponent (0e-400, 0e9999999999), is a limit of 0, stored and "
                + "answered without its sign")
        void negativeZero() {
            for (String zero : List.of("-0.0", "0e-400", "-0E9999999999")) {
                String studyId = registerJson(
                        study("Zero " + zero, "[]", "\"riskLimits\":{\"maxSuppressedShare\":" + zero + "}"));
                assertThat(admin.get("/api/v1/admin/studies/" + studyId)
                                .json()
                                .at("/riskLimits/maxSuppressedShare")
                                .toString())
                        .as(zero)
                        .isEqualTo("0.0");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Export exportA() {
        if (a == null) {
            a = export(register("Risk A", "[]", null));
        }
        return a;
    }

    private Export exportB() {
        if (b == null) {
            b = export(register("Risk B", "[]", null));
        }
        return b;
    }

    private String study(String title, String quasiIdentifiers, String terms) {
        return study(title, quasiIdentifiers, terms, "DAYS_SINCE_ENROLMENT");
    }

    private String study(String title, String quasiIdentifiers, String terms, String dateMode) {
        int year = LocalDate.now().getYear();
        String json = "{\"title\":\"" + title + "\",\"ethicsApprovalReference\":\"REC-2026-016\","
                + "\"researchers\":[\"researcher\"],\"programmeIds\":["
                + programmes.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","))
                + "],\"periodFrom\":\"" + (year - 12) + "-01-01\",\"periodTo\":\"" + year + "-12-31\","
                + "\"quasiIdentifiers\":" + quasiIdentifiers + ",\"dateMode\":\"" + dateMode + "\","
                + "\"consentScope\":\"all-research\",\"expiresOn\":\"" + (year + 2) + "-01-01\"";
        return json + (terms == null ? "" : "," + terms) + "}";
    }

    private String register(String title, String quasiIdentifiers, String terms) {
        return registerJson(study(title, quasiIdentifiers, terms));
    }

    private String registerJson(String json) {
        Response created = admin.post("/api/v1/admin/studies", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String studyId = created.json().get("studyId").asText();
        studiesMade.add(studyId);
        return studyId;
    }

    private Export export(String studyId) {
        Response started = researcher.post("/api/v1/research/studies/" + studyId + "/exports", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String exportId = started.json().get("exportId").asText();
        String path = "/api/v1/research/studies/" + studyId + "/exports/" + exportId;
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = researcher.get(path).json().get("status").asText();
                    assertThat(status).isIn("QUEUED", "RUNNING", "DONE");
                    return status.equals("DONE");
                });
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of(
                "events.ndjson",
                "persons.csv",
                "spells.csv",
                "outcomes.csv",
                "codebook.md",
                "README.md",
                "manifest.json")) {
            Response file = researcher.get(path + "/files/" + name);
            assertThat(file.status()).as(name + ": " + file).isEqualTo(200);
            files.put(name, file.body());
        }
        return new Export(studyId, exportId, researcher.get(path).json(), files);
    }

    /**
     * The dashboard's figures from outcomes.csv by the recipe of docs/research.md: the Kaplan-Meier median of
     * days_at_risk with returned as the event (the first day the curve is at or below one half), and the ten-month
     * share.
     */
    private record Figures(Long median, long returnedWithin, long tenMonths) {

        static Figures of(List<Map<String, String>> followed) {
            Map<Long, int[]> byDay = new java.util.TreeMap<>();
            followed.forEach(r -> byDay.computeIfAbsent(Long.parseLong(r.get("days_at_risk")), d -> new int[2])[
                    r.get("returned").equals("1") ? 0 : 1]++);
            int atRisk = followed.size();
            double surviving = 1;
            Long median = null;
            for (Map.Entry<Long, int[]> day : byDay.entrySet()) {
                if (day.getValue()[0] > 0) {
                    surviving *= 1 - (double) day.getValue()[0] / atRisk;
                    median = median == null && surviving <= 0.5 ? day.getKey() : median;
                }
                atRisk -= day.getValue()[0] + day.getValue()[1];
            }
            return new Figures(
                    median,
                    followed.stream()
                            .filter(r -> r.get("returned_within_10_months").equals("1"))
                            .count(),
                    followed.stream()
                            .filter(r -> r.get("followed_10_months").equals("1"))
                            .count());
        }

        double share() {
            return (double) returnedWithin / tenMonths;
        }
    }

    /** The rows of a CSV file (no cell of these files holds a comma). */
    private static List<Map<String, String>> rows(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** For each pseudonym of the first export, the same participant's pseudonym in the second (if she is in it). */
    private Map<String, String> sameParticipants(Export first, Export second) {
        Pseudonyms one = new Pseudonyms(studies.secretOf(first.studyId()));
        Pseudonyms two = new Pseudonyms(studies.secretOf(second.studyId()));
        Set<String> inSecond = second.ageBands().keySet();
        Map<String, String> truth = new HashMap<>();
        for (String id : released(first.exportId())) {
            String there = two.participant(id);
            if (inSecond.contains(there)) {
                truth.put(one.participant(id), there);
            }
        }
        return truth;
    }

    private List<String> released(String exportId) {
        return jdbc.sql("SELECT participant_id FROM research_export_participant WHERE export_id = ?")
                .param(exportId)
                .query(String.class)
                .list();
    }

    private long disclosures() {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'DISCLOSE'")
                .query(Long.class)
                .single();
    }

    /**
     * A record as a list of (code of the type and fields, day), its age band first as a pseudo-event of day 0; an
     * event reads {@code type@day,name=value,...}.
     */
    private static List<long[]> parse(String band, String history) {
        List<long[]> events = new ArrayList<>();
        events.add(new long[] {band.hashCode(), 0});
        for (String event : history.split(";")) {
            if (!event.isEmpty()) {
                int at = event.indexOf('@');
                if (at < 0) {
                    // where she stood when observation started: no day
                    events.add(new long[] {event.hashCode(), 0});
                    continue;
                }
                int fields = event.indexOf(',', at);
                String day = fields < 0 ? event.substring(at + 1) : event.substring(at + 1, fields);
                String code = event.substring(0, at) + (fields < 0 ? "" : event.substring(fields));
                events.add(new long[] {code.hashCode(), Long.parseLong(day)});
            }
        }
        return events;
    }

    /**
     * How far apart two records are, as a linking attacker would measure it: position by position, the difference of
     * the days when the types and fields agree, a year when they do not, and a year for every event one has more than the other.
     */
    private static long distance(List<long[]> one, List<long[]> other) {
        long distance = 365L * Math.abs(one.size() - other.size());
        for (int i = 0; i < Math.min(one.size(), other.size()); i++) {
            distance += one.get(i)[0] == other.get(i)[0] ? Math.abs(one.get(i)[1] - other.get(i)[1]) : 365;
        }
        return distance;
    }

    /**
     * What each released record's last day of observation tells someone who knows her enrolment date, computed here
     * from the platform's own sources (her effective history, the study secret's follow-up cut) and persons.csv:
     * {released last day, first and last day of the window it could be in, 1 when her history was cut short, her
     * released enrolment date and the first and last one it could be (epoch days; any, when no dates are released), her
     * released first day of observation and the first and last one it could be}.
     */
    private Map<String, long[]> lastDays(Export export) {
        Pseudonyms pseudonyms = new Pseudonyms(studies.secretOf(export.studyId()));
        LocalDate commonEnd =
                LocalDate.parse(export.manifest().get("latestObservationDay").asText());
        Map<String, Long> ends = new HashMap<>();
        List<String> lines = export.files().get("persons.csv").lines().toList();
        int column = Arrays.asList(lines.get(0).split(",")).indexOf("observation_end_day");
        int enrolledOn = Arrays.asList(lines.get(0).split(",")).indexOf("enrolled_on");
        int startColumn = Arrays.asList(lines.get(0).split(",")).indexOf("observation_start_day");
        Map<String, Long> starts = new HashMap<>();
        Map<String, Long> shifted = new HashMap<>();
        lines.subList(1, lines.size()).forEach(line -> {
            String[] cells = line.split(",", -1);
            ends.put(cells[0], Long.parseLong(cells[column]));
            starts.put(cells[0], Long.parseLong(cells[startColumn]));
            if (enrolledOn >= 0) {
                shifted.put(cells[0], LocalDate.parse(cells[enrolledOn]).toEpochDay());
            }
        });
        // days at risk to the end of her observation (not returned) give her last day, whatever her history's level
        Map<String, Long> censored = new HashMap<>();
        rows(export.files().get("outcomes.csv")).forEach(row -> {
            if (row.get("followed_up").equals("1")
                    && row.get("returned").equals("0")
                    && !row.get("exit_day").isEmpty()) {
                censored.put(
                        row.get("participant"),
                        Long.parseLong(row.get("exit_day")) + Long.parseLong(row.get("days_at_risk")));
            }
        });
        Map<String, long[]> lastDays = new HashMap<>();
        for (String id : released(export.exportId())) {
            List<org.journeyplatform.domain.journey.RecordedEvent> history = new ArrayList<>();
            eventStore.readEvents(id).asStream().forEach(m -> {
                if (m.getPayload() instanceof org.journeyplatform.domain.journey.event.JourneyEvent e) {
                    history.add(new org.journeyplatform.domain.journey.RecordedEvent(
                            m.getIdentifier(), m.getSequenceNumber(), e));
                }
            });
            LocalDate enrolled = org.journeyplatform.domain.journey.JourneyHistory.effective(history).stream()
                    .map(org.journeyplatform.domain.journey.RecordedEvent::event)
                    .filter(e -> e instanceof org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent)
                    .findFirst()
                    .orElseThrow()
                    .occurredOn()
                    .date();
            long toEnd = java.time.temporal.ChronoUnit.DAYS.between(enrolled, commonEnd);
            String pseudonym = pseudonyms.participant(id);
            long full = month(toEnd - pseudonyms.cutDays(id));
            long end = censored.getOrDefault(pseudonym, -1L) == full ? full : ends.get(pseudonym);
            // with shifted dates, her released enrolment date: her real one moved by at most 182 days, then the first
            // of its month
            long[] dates = shifted.containsKey(pseudonym)
                    ? new long[] {
                        shifted.get(pseudonym),
                        enrolled.minusDays(182).withDayOfMonth(1).toEpochDay(),
                        enrolled.plusDays(182).withDayOfMonth(1).toEpochDay()
                    }
                    : new long[] {0, Long.MIN_VALUE, Long.MAX_VALUE};
            // her first day of observation: 0 when enrolled in the period, else the period's first day plus 182 days
            // less her cut
            LocalDate periodFrom =
                    LocalDate.parse(export.manifest().at("/study/periodFrom").asText());
            long before = java.time.temporal.ChronoUnit.DAYS.between(enrolled, periodFrom);
            long[] start = before > 0 ? new long[] {month(before), month(before + 182)} : new long[] {0, 0};
            lastDays.put(pseudonym, new long[] {
                end,
                month(toEnd - 182),
                month(toEnd),
                end == full ? 0 : 1,
                dates[0],
                dates[1],
                dates[2],
                starts.get(pseudonym),
                start[0],
                start[1]
            });
        }
        return lastDays;
    }

    private static long month(long day) {
        return Math.floorDiv(day, 30) * 30;
    }

    /**
     * A measure recomputed as docs/research.md defines it: a record's candidates are the released records with the
     * same values whose last day could be hers (inside her window, or any when cut short) and, when dates are released,
     * whose released enrolment date could be hers.
     */
    private static void assertMeasure(JsonNode measure, Map<String, ?> records, Map<String, long[]> lastDays) {
        Map<Object, List<String>> groups = new HashMap<>();
        records.forEach((p, value) ->
                groups.computeIfAbsent(value, v -> new ArrayList<>()).add(p));
        long unique = 0;
        int fewest = Integer.MAX_VALUE;
        double total = 0;
        for (List<String> group : groups.values()) {
            for (String target : group) {
                long[] hers = lastDays.get(target);
                int count = 0;
                for (String other : group) {
                    long[] theirs = lastDays.get(other);
                    boolean lastDay = theirs[3] == 1 || (theirs[0] >= hers[1] && theirs[0] <= hers[2]);
                    boolean enrolment = theirs[4] >= hers[5] && theirs[4] <= hers[6];
                    boolean firstDay = theirs[7] >= hers[8] && theirs[7] <= hers[9];
                    if (lastDay && enrolment && firstDay) {
                        count++;
                    }
                }
                unique += count == 1 ? 1 : 0;
                fewest = Math.min(fewest, count);
                total += 1.0 / count;
            }
        }
        int n = records.size();
        assertThat(measure.get("records").asInt()).isEqualTo(n);
        assertThat(measure.get("groups").asInt()).isEqualTo(groups.size());
        assertThat(measure.get("uniqueShare").asDouble()).isCloseTo((double) unique / n, within());
        assertThat(measure.get("highestRisk").asDouble()).isCloseTo(1.0 / fewest, within());
        assertThat(measure.get("averageRisk").asDouble()).isCloseTo(total / n, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.00006);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
