package org.journeyplatform.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public contracts before and after a change (issue 17, "Done when"): the packaged platform of a reference commit
 * ({@code --reference-jar}) and the one under test ({@code --platform-jar}) each start on a fresh database with the
 * demo data set (the same seeded journeys, dated from the same today), and every public answer of the demo is read
 * from both: each staff member's participant list, every participant's timeline and summary, every programme's
 * dashboard and all programmes' (by month, quarter and year), the programme catalogue, the API description
 * ({@code /v3/api-docs}) and every file of a research export of one study (the same study, secret and all, on both
 * sides).
 * Values that differ from run to run by design (recording instants, random ids of plans, goals, consents and events)
 * are numbered in order of appearance within each answer; everything else must be byte for byte the same.
 */
final class ContractsScenario implements Scenario {

    static final int PORT = AppendScenario.PLATFORM_PORT;
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    /** Random (version 4) UUIDs; the demo's participants and programmes have name-based (version 3) ones. */
    private static final Pattern RANDOM_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private static final Pattern PARTICIPANT_ID = Pattern.compile("\"participantId\":\"([0-9a-f-]{36})\"");
    private static final Pattern PROGRAMME_ID = Pattern.compile("\"programmeId\":\"([0-9a-f-]{36})\"");
    private static final List<String> STAFF = List.of("caseworker", "outreach-worker", "peer-worker", "manager");

    @Override
    public String name() {
        return "contracts";
    }

    @Override
    public String description() {
        return "the public answers of the demo data set (lists, timelines, summaries, dashboards, the API "
                + "description, a research export's files) from a reference "
                + "jar and the jar under test, compared byte for byte";
    }

    @Override
    public ScenarioResult run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        if (o.referenceJar == null) {
            throw new IllegalArgumentException(
                    "contracts needs --reference-jar <the packaged jar of the commit before>");
        }
        Path runDir = ctx.runDir(name());
        Map<String, String> before = answers(ctx, "reference", o.referenceJar, runDir);
        Map<String, String> after = answers(ctx, "platform", o.platformJar, runDir);
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> differing = new ArrayList<>();
        List<String> reordered = new ArrayList<>();
        for (String name : names) {
            String a = before.get(name);
            String b = after.get(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            // the same entries in another order: an order by a random id (numbered here by appearance), such as the
            // summary's consents given on the same day, differs from run to run by design
            if (a != null && b != null && Json.unordered(anyId(a)).equals(Json.unordered(anyId(b)))) {
                reordered.add(name);
            } else {
                differing.add(name);
            }
        }
        Files.write(runDir.resolve("differing.txt"), differing);
        Files.write(runDir.resolve("reordered.txt"), reordered);
        long bytes = before.values().stream().mapToLong(String::length).sum();
        StringBuilder md = new StringBuilder();
        md.append("### contracts: the demo data set's public answers, before and after\n\n");
        md.append("| | reference | platform |\n| --- | --- | --- |\n");
        md.append("| jar | `")
                .append(o.referenceJar)
                .append("` | `")
                .append(o.platformJar)
                .append("` |\n");
        md.append("| answers read | ")
                .append(before.size())
                .append(" | ")
                .append(after.size())
                .append(" |\n\n");
        if (!reordered.isEmpty()) {
            md.append(reordered.size())
                    .append(" answers hold the same entries in another order within a list (listed in ")
                    .append(runDir.resolve("reordered.txt"))
                    .append("): entries ordered by a random id, which differs from run to run (first ")
                    .append(reordered.get(0))
                    .append(").\n\n");
        }
        md.append(
                differing.isEmpty()
                        ? "All " + names.size() + " answers (" + Report.number(bytes)
                                + " bytes normalised) are the same"
                                + (reordered.isEmpty() ? "" : " but for that order") + ".\n"
                        : differing.size() + " of " + names.size() + " answers differ (listed in "
                                + runDir.resolve("differing.txt")
                                + "; both sides are in " + runDir + "): first " + differing.get(0) + "\n");
        md.append("\nNormalised on both sides alike: recording instants read `<instant>`, random ids `<id-N>` in "
                + "order of appearance within each answer. Both jars run the demo profile on fresh databases on the "
                + "same day, so the seeded journeys and their dates are the same.\n");
        Map<String, String> key = new LinkedHashMap<>();
        key.put("answers", Integer.toString(names.size()));
        key.put("differing", Integer.toString(differing.size()));
        key.put("reordered", Integer.toString(reordered.size()));
        return new ScenarioResult(md.toString(), key);
    }

    /** Every public answer of the demo data set from one jar, normalised, by name. */
    private Map<String, String> answers(BenchContext ctx, String side, Path jar, Path runDir) throws Exception {
        String db = "bench_contracts_" + side;
        ctx.databases().recreate(db);
        Path dir = runDir.resolve(side);
        Files.createDirectories(dir);
        Processes.requireFreePort(PORT);
        Map<String, String> env = Map.of(
                "JOURNEY_DB_URL", Databases.url(db),
                "JOURNEY_PORT", Integer.toString(PORT),
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true",
                "SPRING_PROFILES_ACTIVE", "demo",
                "JOURNEY_AUDIT_CHECKPOINT_FILE",
                        dir.resolve("audit-checkpoint.json").toAbsolutePath().toString());
        ctx.log("%s: starting %s with the demo data set (log %s)", side, jar, dir.resolve("platform.log"));
        Processes.Child app = ctx.processes()
                .startJava(
                        side,
                        Bench.jvmOptions(ctx.options().jvmOptionsFile),
                        jar,
                        List.of(),
                        env,
                        dir.resolve("platform.log"));
        Map<String, String> answers = new TreeMap<>();
        try {
            String base = "http://127.0.0.1:" + PORT;
            ctx.processes().waitForReadiness(app, PORT, AppendScenario.START_TIMEOUT);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            caughtUp(ctx, http, base, db);
            Map<String, String> readerOf = new TreeMap<>();
            for (String user : STAFF) {
                String list = get(http, base, user, "/api/v1/participants?limit=500");
                answers.put("participants/" + user, list);
                Matcher m = PARTICIPANT_ID.matcher(list);
                while (m.find()) {
                    readerOf.putIfAbsent(m.group(1), user);
                }
            }
            for (Map.Entry<String, String> her : readerOf.entrySet()) {
                String path = "/api/v1/participants/" + her.getKey();
                answers.put("timeline/" + her.getKey(), get(http, base, her.getValue(), path + "/timeline"));
                answers.put("summary/" + her.getKey(), get(http, base, her.getValue(), path + "/summary"));
            }
            String programmes = get(http, base, "manager", "/api/v1/programmes");
            answers.put("programmes", programmes);
            LocalDate today = LocalDate.now();
            List<String> periods = List.of(
                    "",
                    "?from=" + today.minusYears(5) + "&to=" + today + "&interval=quarter",
                    "?from=" + today.minusYears(5).withDayOfYear(1) + "&to=" + today + "&interval=year",
                    "?from=" + today.minusMonths(30) + "&to=" + today.minusMonths(3) + "&interval=month");
            Matcher m = PROGRAMME_ID.matcher(programmes);
            List<String> ids = new ArrayList<>();
            while (m.find()) {
                ids.add(m.group(1));
            }
            for (String period : periods) {
                answers.put("dashboard" + period, get(http, base, "manager", "/api/v1/dashboard" + period));
                for (String id : ids) {
                    answers.put(
                            "dashboard/" + id + period,
                            get(http, base, "manager", "/api/v1/programmes/" + id + "/dashboard" + period));
                }
            }
            answers.put("api-docs", get(http, base, "admin", "/v3/api-docs"));
            research(ctx, http, base, db, today, ids, answers);
        } finally {
            ctx.processes().stop(app);
            ctx.databases().drop(db);
        }
        Map<String, String> normalised = new TreeMap<>();
        // the lists are ordered by when each woman was enrolled in the platform, which differs from run to run (the
        // demo records its journeys side by side): compared as sets
        answers.forEach((name, body) -> normalised.put(
                name,
                name.startsWith("research/")
                        ? normaliseResearch(normalise(body))
                        : normalise(name.startsWith("participants/") ? Json.unordered(body) : body)));
        StringBuilder all = new StringBuilder();
        normalised.forEach(
                (name, body) -> all.append(name).append('\n').append(body).append("\n\n"));
        Files.writeString(dir.resolve("answers.txt"), all);
        ctx.log("  %s: %d answers read", side, normalised.size());
        return normalised;
    }

    /**
     * A research study of all the demo's programmes and an export of it, every file read. The study is registered
     * through the API on the reference side; the side under test gets the very same study (its id and its secret, the
     * key of its pseudonyms and date offsets, wrapped by the same development master key) copied into its database, so
     * that both export the same pseudonyms and dates and their files can be compared byte for byte.
     */
    private void research(
            BenchContext ctx,
            HttpClient http,
            String base,
            String db,
            LocalDate today,
            List<String> programmes,
            Map<String, String> answers)
            throws Exception {
        String studyId;
        if (study == null) {
            String body = "{\"title\":\"Contracts check\",\"ethicsApprovalReference\":\"REC-CONTRACTS\","
                    + "\"researchers\":[\"researcher\"],\"programmeIds\":[\"" + String.join("\",\"", programmes)
                    + "\"],\"periodFrom\":\"" + today.minusYears(10) + "\",\"periodTo\":\"" + today
                    + "\",\"quasiIdentifiers\":[\"AGE_BAND\"],\"dateMode\":\"SHIFTED\",\"k\":2,"
                    + "\"consentScope\":\"all-research\",\"expiresOn\":\"" + today.plusYears(1)
                    // exact days, no displacement (drawn for each event's id, which differs between the two sides'
                    // demo data) and limits that release the demo's few histories whole: the most of every file to
                    // compare
                    + "\",\"timeGranularity\":\"DAY\",\"displacementDays\":0,"
                    + "\"riskLimits\":{\"maxUniqueShare\":1,\"maxAverageRisk\":1,\"maxSuppressedShare\":1}}";
            String registered = post(http, base, "admin", "/api/v1/admin/studies", body);
            studyId = field(registered, "studyId");
            study = StudyRows.read(db, studyId);
        } else {
            study.write(db);
            studyId = study.studyId();
        }
        String exports = "/api/v1/research/studies/" + studyId + "/exports";
        String exportId = field(post(http, base, "researcher", exports, ""), "exportId");
        String[] job = new String[1];
        Processes.pollUntilDone(
                ctx,
                () -> {
                    job[0] = get(http, base, "researcher", exports + "/" + exportId);
                    if (job[0].contains("\"status\":\"FAILED\"")) {
                        throw new IllegalStateException("the research export failed: " + job[0]);
                    }
                    // a refusal is an answer too (compared like the rest), with no files
                    return job[0].contains("\"status\":\"DONE\"") || job[0].contains("\"status\":\"REFUSED\"")
                            ? null
                            : "the research export";
                },
                Duration.ofMillis(500),
                Duration.ofMinutes(5));
        answers.put("research/export", job[0]);
        Matcher file = Pattern.compile("\"name\":\"([^\"]+)\"").matcher(job[0]);
        while (file.find()) {
            answers.put(
                    "research/" + file.group(1),
                    get(http, base, "researcher", exports + "/" + exportId + "/files/" + file.group(1)));
        }
    }

    /** The reference side's study, as stored: copied as it is into the database of the side under test. */
    private StudyRows study;

    record StudyRows(String studyId, Map<String, List<Map<String, Object>>> rows) {

        private static final List<String> TABLES = List.of(
                "research_study",
                "research_study_programme",
                "research_study_researcher",
                "keystore.research_study_secret");

        static StudyRows read(String db, String studyId) throws SQLException {
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            try (Connection c = Databases.connect(db)) {
                for (String table : TABLES) {
                    List<Map<String, Object>> found = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE study_id = ?")) {
                        s.setString(1, studyId);
                        try (ResultSet rs = s.executeQuery()) {
                            ResultSetMetaData meta = rs.getMetaData();
                            while (rs.next()) {
                                Map<String, Object> row = new LinkedHashMap<>();
                                for (int i = 1; i <= meta.getColumnCount(); i++) {
                                    row.put(meta.getColumnName(i), rs.getObject(i));
                                }
                                found.add(row);
                            }
                        }
                    }
                    rows.put(table, found);
                }
            }
            return new StudyRows(studyId, rows);
        }

        void write(String db) throws SQLException {
            try (Connection c = Databases.connect(db)) {
                for (Map.Entry<String, List<Map<String, Object>>> table : rows.entrySet()) {
                    for (Map<String, Object> row : table.getValue()) {
                        String columns = String.join(", ", row.keySet());
                        String marks = String.join(", ", Collections.nCopies(row.size(), "?"));
                        try (PreparedStatement s = c.prepareStatement(
                                "INSERT INTO " + table.getKey() + " (" + columns + ") VALUES (" + marks + ")")) {
                            int i = 1;
                            for (Object value : row.values()) {
                                s.setObject(i++, value);
                            }
                            s.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    private static String field(String answer, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + answer);
        }
        return m.group(1);
    }

    private static String post(HttpClient http, String base, String user, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", basic(user))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until every projection has applied every event of the store. */
    private static void caughtUp(BenchContext ctx, HttpClient http, String base, String db) throws Exception {
        Pattern position = Pattern.compile("\"position\":(-?\\d+)");
        Processes.pollUntilDone(
                ctx,
                () -> {
                    long head = GeneratedStore.head(db);
                    Matcher m = position.matcher(get(http, base, "admin", "/api/v1/admin/projections"));
                    long lowest = Long.MAX_VALUE;
                    int found = 0;
                    while (m.find()) {
                        lowest = Math.min(lowest, Long.parseLong(m.group(1)));
                        found++;
                    }
                    return found > 0 && lowest >= head ? null : "the projections at " + lowest + " of " + head;
                },
                Duration.ofSeconds(1),
                Duration.ofMinutes(5));
    }

    private static String get(HttpClient http, String base, String user, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", basic(user))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** The answer with its random ids, numbered by appearance, all alike: for comparing entries in any order. */
    static String anyId(String answer) {
        return answer.replaceAll("<id-\\d+>", "<id>");
    }

    /** Just enough JSON to compare two answers without the order of the entries of their lists. */
    static final class Json {

        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        /**
         * The answer ({@code status body}) with every JSON list's entries sorted, recursively; an answer whose body is
         * not JSON as it is.
         */
        static String unordered(String answer) {
            int space = answer.indexOf(' ');
            String body = answer.substring(space + 1);
            try {
                Json json = new Json(body);
                String value = json.value();
                return json.at == body.length() ? answer.substring(0, space + 1) + value : answer;
            } catch (RuntimeException e) {
                return answer;
            }
        }

        private String value() {
            char c = text.charAt(at);
            if (c == '{') {
                StringBuilder out = new StringBuilder("{");
                at++;
                while (text.charAt(at) != '}') {
                    if (text.charAt(at) == ',') {
                        at++;
                        out.append(',');
                    }
                    out.append(string()).append(':');
                    expect(':');
                    out.append(value());
                }
                at++;
                return out.append('}').toString();
            }
            if (c == '[') {
                List<String> entries = new ArrayList<>();
                at++;
                while (text.charAt(at) != ']') {
                    if (text.charAt(at) == ',') {
                        at++;
                    }
                    entries.add(value());
                }
                at++;
                Collections.sort(entries);
                return "[" + String.join(",", entries) + "]";
            }
            if (c == '"') {
                return string();
            }
            int from = at;
            while (at < text.length() && ",}]".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return text.substring(from, at);
        }

        private String string() {
            int from = at;
            expect('"');
            while (text.charAt(at) != '"') {
                at += text.charAt(at) == '\\' ? 2 : 1;
            }
            at++;
            return text.substring(from, at);
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + at);
            }
            at++;
        }
    }

    /** A pseudonym of something with a random id (her plans, goals, safety plans, helpers): differs by design. */
    private static final Pattern RANDOM_PSEUDONYM =
            Pattern.compile("\\b(goal|helper|plan|safety-plan|consent)-[a-z2-7]{10}\\b");

    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");

    /**
     * A research file's pseudonyms of things with random ids numbered in order of appearance, and checksums (which
     * follow from those) hidden: the files themselves are compared.
     */
    static String normaliseResearch(String body) {
        Map<String, String> numbers = new HashMap<>();
        Matcher m = RANDOM_PSEUDONYM.matcher(SHA256.matcher(body).replaceAll("<sha256>"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number =
                    numbers.computeIfAbsent(m.group(), p -> "<" + m.group(1) + "-" + (numbers.size() + 1) + ">");
            m.appendReplacement(out, number);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Recording instants and random ids replaced, the ids numbered in order of appearance. */
    static String normalise(String body) {
        String text = INSTANT.matcher(body).replaceAll("<instant>");
        Map<String, String> numbers = new HashMap<>();
        Matcher m = RANDOM_ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = numbers.computeIfAbsent(m.group(), id -> "<id-" + (numbers.size() + 1) + ">");
            m.appendReplacement(out, number);
        }
        m.appendTail(out);
        return out.toString();
    }
}
