package org.journeyplatform.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.infra.testsupport.TestDatabase;
import org.journeyplatform.projections.scope.ParticipantScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upgrade to the keyed chain (V15), on a database of its own: a log sealed with plain SHA-256 by an earlier
 * version, migrated, then sealed on with keyed MACs.
 */
@DisplayName("Given an audit log sealed with plain SHA-256 before the upgrade to the keyed chain")
class AuditChainUpgradeTest {

    private static final String DEVELOPMENT_KEY = "development:4RnHHUlvoe2cIf96VC+R3hyA/Vg9pxWNZrLo0zBogD4=";

    private JdbcTemplate jdbc;
    private AuditLog auditLog;

    @BeforeEach
    void upgraded() throws Exception {
        // given a log of three entries sealed by the version before V15
        TestDatabase.Coordinates db = TestDatabase.fresh();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("12")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        String previous = AuditLog.GENESIS;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (long position = 1; position <= 3; position++) {
            String participant = UUID.randomUUID().toString();
            String purpose = position == 2 ? "révision du dossier" : null;
            String hash = AuditLog.hash(
                    previous,
                    position,
                    at,
                    "caseworker",
                    "ROLE_CASEWORKER",
                    AuditLog.Action.READ,
                    participant,
                    "GET /api/v1/participants/{participantId}",
                    purpose,
                    AuditLog.Outcome.ALLOWED);
            jdbc.update("""
                            INSERT INTO audit_entry (recorded_at, actor, roles, action, participant_id, endpoint, purpose,
                                                     position, previous_hash, hash)
                            VALUES (?, 'caseworker', 'ROLE_CASEWORKER', 'READ', ?,
                                    'GET /api/v1/participants/{participantId}', ?, ?, ?, ?)""", Timestamp.from(at), participant, purpose, position, previous, hash);
            previous = hash;
        }
        // when the platform is upgraded
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcClient client = JdbcClient.create(dataSource);
        MasterKeys masterKeys = MasterKeys.parse(DEVELOPMENT_KEY);
        ParticipantKeys keys = new ParticipantKeys(
                client,
                new DataSourceTransactionManager(dataSource),
                masterKeys,
                Clock.systemUTC(),
                Duration.ofMinutes(5));
        Path file = Files.createTempDirectory("journey-audit-upgrade").resolve("checkpoint.json");
        auditLog = new AuditLog(
                client,
                jdbc,
                transactions,
                Clock.systemUTC(),
                masterKeys,
                new HerFreeText(keys, new ParticipantScopes(client)),
                new AuditCheckpoints(client, transactions, Clock.systemUTC(), masterKeys, file.toString()));
    }

    @Test
    @DisplayName("the old entries still verify, and entries sealed after them carry a keyed MAC")
    void stillVerifies() {
        // when
        AuditLog.Verification first = auditLog.verify();
        auditLog.record(
                "caseworker",
                "ROLE_CASEWORKER",
                AuditLog.Action.READ,
                UUID.randomUUID().toString(),
                "GET /api/v1/participants/{participantId}",
                null);
        AuditLog.Verification second = auditLog.verify();

        // then
        assertThat(first.valid()).as(first.toString()).isTrue();
        assertThat(first.entries()).isEqualTo(3);
        assertThat(first.checkpoint().position())
                .as("the old entries anchored by the first checkpoint")
                .isEqualTo(3);
        assertThat(second.valid()).as(second.toString()).isTrue();
        assertThat(second.entries()).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT mac_key_id FROM audit_entry ORDER BY position", String.class))
                .containsExactly(null, null, null, "development");
    }

    @Test
    @DisplayName("an old entry rewritten with its plain SHA-256 chain recomputed is found once anchored")
    void oldEntryRewritten() {
        // given the old entries anchored by a checkpoint
        assertThat(auditLog.verify().valid()).isTrue();

        // when the second one is changed and the chain of plain SHA-256 recomputed over it, as anyone could
        jdbc.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
        List<java.util.Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM audit_entry ORDER BY position");
        String previous = (String) rows.get(0).get("hash");
        for (int i = 1; i < 3; i++) {
            java.util.Map<String, Object> row = rows.get(i);
            long position = (Long) row.get("position");
            String hash = AuditLog.hash(
                    previous,
                    position,
                    ((Timestamp) row.get("recorded_at")).toInstant(),
                    "someone-else",
                    (String) row.get("roles"),
                    AuditLog.Action.READ,
                    (String) row.get("participant_id"),
                    (String) row.get("endpoint"),
                    (String) row.get("purpose"),
                    AuditLog.Outcome.ALLOWED);
            jdbc.update(
                    "UPDATE audit_entry SET actor = 'someone-else', previous_hash = ?, hash = ? WHERE position = ?",
                    previous,
                    hash,
                    position);
            previous = hash;
        }
        jdbc.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
        AuditLog.Verification verification = auditLog.verify();

        // then
        assertThat(verification.valid()).isFalse();
        assertThat(verification.problem()).startsWith("entry 3 is not the entry the checkpoint of ");
    }
}
