package org.journeyplatform.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every table has one owning module, and no module names another module's table in its SQL: the Maven graph cannot
 * see a module reading a table through SQL, so this test reads the main sources of the four platform modules. A table
 * is what the Flyway migrations create (and have not dropped); a module names it when its code has it after
 * {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE}, {@code TRUNCATE} or {@code EXISTS}, or
 * holds its name as a string of its own (a table chosen at run time).
 * <p>
 * A module that needs what another owns asks the owner's Java API: infra's {@code EventStoreDirectory},
 * {@code Erasures} and {@code StudySecrets}, projections' {@code ParticipantScopes} and programme catalogue, or a port
 * of the domain that infra implements ({@code ErasedParticipants}).
 */
@DisplayName("Table ownership")
class TableOwnershipTest {

    private static final List<String> MODULES = List.of("journey-domain", "projections", "infra", "journey-api");

    /** Who owns each table: the module whose code defines what its rows mean and writes them. */
    static final Map<String, String> OWNERS = owners(
            "infra",
            List.of(
                    "domain_event_entry",
                    "snapshot_event_entry",
                    "token_entry",
                    "dead_letter_entry",
                    "keystore.participant_data_key",
                    "keystore.erasure_ledger",
                    "keystore.research_study_secret"),
            "projections",
            List.of(
                    "participant",
                    "participant_profile_change",
                    "peer",
                    "programme",
                    "participant_scope",
                    "participant_scope_programme",
                    "participant_summary",
                    "timeline_entry",
                    "work_fact",
                    "work_reading",
                    "dashboard_fact",
                    "kafka_dashboard.dashboard_fact"),
            "journey-api",
            List.of(
                    "audit_chain",
                    "audit_checkpoint",
                    "audit_entry",
                    "audit_entry_before_append_macs",
                    "audit_legacy_boundary",
                    "break_glass_grant",
                    "idempotency_record",
                    "kafka_dashboard.applied_event",
                    "research_export",
                    "research_export_participant",
                    "research_study",
                    "research_study_programme",
                    "research_study_researcher",
                    "staff_assignment",
                    "staff_user"));

    private static final Pattern SQL_NAME = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|EXISTS)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)");
    /** A string that is a table's name and nothing else, with an underscore or a schema (not a word like "peer"). */
    private static final Pattern STRING_NAME = Pattern.compile("\"([a-z][a-z0-9]*(?:[_.][a-z0-9]+)+)\"");

    private static final Pattern CREATED =
            Pattern.compile("(?i)CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)");
    private static final Pattern DROPPED =
            Pattern.compile("(?i)DROP TABLE (?:IF EXISTS )?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)");

    private static final Path ROOT = root();

    @Nested
    @DisplayName("holds for the platform's sources")
    class Holds {

        @Test
        @DisplayName("every table the migrations create has exactly one owner, and every owned table exists")
        void everyTableOwned() {
            assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tables());
        }

        @Test
        @DisplayName("no module names another module's table")
        void noCrossings() {
            assertThat(crossings()).as("SQL naming a table another module owns").isEmpty();
        }

        @Test
        @DisplayName("and it read SQL in every module that has any")
        void sawSql() {
            Map<String, Integer> found = new TreeMap<>();
            for (String module : MODULES) {
                found.put(module, references(module).size());
            }
            assertThat(found.get("projections")).isGreaterThan(10);
            assertThat(found.get("infra")).isGreaterThan(10);
            assertThat(found.get("journey-api")).isGreaterThan(15);
        }
    }

    @Nested
    @DisplayName("can fail")
    class CanFail {

        @Test
        @DisplayName("a planted projection that reads the audit log is found")
        void plantedRead() {
            String planted = read(ROOT.resolve(
                    "journey-api/src/test/java/org/journeyplatform/projections/planted/ProjectionReadingAudit.java"));
            assertThat(crossingsIn("projections", "ProjectionReadingAudit.java", planted))
                    .containsExactly("projections -> audit_entry (ProjectionReadingAudit.java)");
        }

        @Test
        @DisplayName("a table named as a string of its own is found, and SQL keywords in lower case are not")
        void plantedName() {
            assertThat(crossingsIn("infra", "X.java", "String table = \"timeline_entry\";"))
                    .containsExactly("infra -> timeline_entry (X.java)");
            assertThat(crossingsIn("infra", "X.java", "// data from timeline_entry, into participant"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a table created by a migration without an owner is found")
        void unownedTable() {
            assertThat(OWNERS).doesNotContainKey("a_table_nobody_owns");
            assertThat(tablesIn("CREATE TABLE a_table_nobody_owns (id INT);")).contains("a_table_nobody_owns");
        }
    }

    /** Crossings of the whole tree, as "module -> table (file)". */
    static Set<String> crossings() {
        Set<String> crossings = new TreeSet<>();
        for (String module : MODULES) {
            for (Path file : sources(module)) {
                crossings.addAll(crossingsIn(module, file.getFileName().toString(), read(file)));
            }
        }
        return crossings;
    }

    static Set<String> crossingsIn(String module, String fileName, String source) {
        Set<String> crossings = new TreeSet<>();
        for (String table : namedIn(source)) {
            String owner = OWNERS.get(table);
            if (owner != null && !owner.equals(module)) {
                crossings.add(module + " -> " + table + " (" + fileName + ")");
            }
        }
        return crossings;
    }

    /** The owned tables a module's sources name. */
    static List<String> references(String module) {
        List<String> found = new ArrayList<>();
        for (Path file : sources(module)) {
            found.addAll(namedIn(read(file)));
        }
        return found;
    }

    static Set<String> namedIn(String source) {
        Set<String> named = new TreeSet<>();
        for (Pattern pattern : List.of(SQL_NAME, STRING_NAME)) {
            Matcher m = pattern.matcher(source);
            while (m.find()) {
                if (OWNERS.containsKey(m.group(1))) {
                    named.add(m.group(1));
                }
            }
        }
        return named;
    }

    /** The tables the migrations leave: created and not dropped. */
    static Set<String> tables() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(ROOT.resolve("infra/src/main/resources/db/migration"))) {
            files.filter(f -> f.toString().endsWith(".sql"))
                    .sorted()
                    .forEach(f -> all.append(read(f)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> tables = tablesIn(all.toString());
        assertThat(tables).as("tables created by the migrations").hasSizeGreaterThan(20);
        return tables;
    }

    static Set<String> tablesIn(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher created = CREATED.matcher(sql);
        while (created.find()) {
            tables.add(created.group(1).toLowerCase());
        }
        Matcher dropped = DROPPED.matcher(sql);
        while (dropped.find()) {
            tables.remove(dropped.group(1).toLowerCase());
        }
        return tables;
    }

    private static List<Path> sources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> java =
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertThat(java).as("sources of " + module).isNotEmpty();
            return java;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the tests run in journey-api, beside the other modules. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("journey-domain")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }

    private static Map<String, String> owners(Object... moduleThenTables) {
        Map<String, String> owners = new TreeMap<>();
        for (int i = 0; i < moduleThenTables.length; i += 2) {
            String module = (String) moduleThenTables[i];
            @SuppressWarnings("unchecked")
            List<String> tables = (List<String>) moduleThenTables[i + 1];
            for (String table : tables) {
                if (owners.put(table, module) != null) {
                    throw new IllegalStateException(table + " has two owners");
                }
            }
        }
        return owners;
    }
}
