package org.journeyplatform.api.research;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.programme.event.ProgrammeRegisteredEvent;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.projections.research.DateMode;
import org.journeyplatform.projections.research.QuasiIdentifier;
import org.journeyplatform.projections.research.RiskLimits;
import org.journeyplatform.projections.research.Study;
import org.journeyplatform.projections.research.TimeGranularity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registered studies and their secrets. Each study gets 32 random bytes of its own when it is registered: the key of
 * its pseudonyms and date offsets (so two studies share no pseudonym), wrapped by the primary master key with the
 * study's id as associated data and kept in the key store ({@code keystore.research_study_secret}). The secret is never
 * answered, logged or written to an export; it is unwrapped only to make an export, and re-wrapped with the primary
 * master key whenever it is found wrapped by an older one (after a rotation).
 */
@Component
public class ResearchStudies {

    private static final Logger log = LoggerFactory.getLogger(ResearchStudies.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MasterKeys masterKeys;
    private final EventStoreDirectory directory;
    private final Clock clock;

    public ResearchStudies(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            MasterKeys masterKeys,
            EventStoreDirectory directory,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.masterKeys = masterKeys;
        this.directory = directory;
        this.clock = clock;
    }

    /** A registered study, with who may export it and who registered it. */
    public record Registered(Study study, List<String> researchers, Instant createdAt, String createdBy) {}

    /** Registers a study and gives it its secret; answers it. Its fields have been checked by the caller. */
    public Registered register(
            String title,
            String ethicsApprovalReference,
            List<String> researchers,
            List<String> programmeIds,
            LocalDate periodFrom,
            LocalDate periodTo,
            Set<QuasiIdentifier> quasiIdentifiers,
            DateMode dateMode,
            int k,
            String consentScope,
            LocalDate expiresOn,
            TimeGranularity granularity,
            int displacementDays,
            RiskLimits limits,
            String createdBy) {
        String studyId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] wrapped;
        try {
            wrapped = masterKeys.primary().encrypt(secret, associatedData(studyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret could not be wrapped by the primary master key", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO research_study (study_id, title, ethics_approval_reference, period_from,
                                                        period_to, quasi_identifiers, date_mode, k, consent_scope,
                                                        expires_on, created_at, created_by, time_granularity,
                                                        displacement_days, max_unique_share, max_average_risk,
                                                        max_suppressed_share)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            studyId,
                            title,
                            ethicsApprovalReference,
                            Date.valueOf(periodFrom),
                            Date.valueOf(periodTo),
                            String.join(
                                    ",",
                                    quasiIdentifiers.stream()
                                            .sorted()
                                            .map(Enum::name)
                                            .toList()),
                            dateMode.name(),
                            k,
                            consentScope,
                            Date.valueOf(expiresOn),
                            Timestamp.from(now),
                            createdBy,
                            granularity.name(),
                            displacementDays,
                            limits.maxUniqueShare(),
                            limits.maxAverageRisk(),
                            limits.maxSuppressedShare())
                    .update();
            new LinkedHashSet<>(researchers)
                    .forEach(username -> jdbc.sql(
                                    "INSERT INTO research_study_researcher (study_id, username) VALUES (?, ?)")
                            .params(studyId, username)
                            .update());
            new LinkedHashSet<>(programmeIds)
                    .forEach(programme -> jdbc.sql(
                                    "INSERT INTO research_study_programme (study_id, programme_id) VALUES (?, ?)")
                            .params(studyId, programme)
                            .update());
            jdbc.sql("""
                            INSERT INTO keystore.research_study_secret (study_id, master_key_id, wrapped_secret,
                                                                        created_at)
                            VALUES (?, ?, ?, ?)""")
                    .params(studyId, masterKeys.primaryId(), wrapped, Timestamp.from(now))
                    .update();
        });
        return find(studyId).orElseThrow();
    }

    public Optional<Registered> find(String studyId) {
        return jdbc.sql("SELECT * FROM research_study WHERE study_id = ?")
                .param(studyId)
                .query(ResearchStudies::row)
                .optional()
                .map(this::registered);
    }

    /** Every study, newest first. */
    public List<Registered> all() {
        return jdbc
                .sql("SELECT * FROM research_study ORDER BY created_at DESC, study_id")
                .query(ResearchStudies::row)
                .list()
                .stream()
                .map(this::registered)
                .toList();
    }

    /** The studies that name this researcher, newest first (expired ones included). */
    public List<Registered> of(String username) {
        return jdbc.sql("""
                        SELECT s.* FROM research_study s JOIN research_study_researcher r ON r.study_id = s.study_id
                         WHERE r.username = ? ORDER BY s.created_at DESC, s.study_id""").param(username).query(ResearchStudies::row).list().stream()
                .map(this::registered)
                .toList();
    }

    /** Whether the username may be named as a researcher: an account with the role RESEARCHER. */
    public boolean isResearcher(String username) {
        return jdbc.sql("SELECT roles FROM staff_user WHERE username = ? AND enabled")
                .param(username)
                .query(String.class)
                .optional()
                .map(roles -> Arrays.asList(roles.split(",")).contains("RESEARCHER"))
                .orElse(false);
    }

    /** Whether there is a built-in account with this username (whatever its roles). */
    public boolean hasAccount(String username) {
        return jdbc.sql("SELECT count(*) FROM staff_user WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The type of each of the study's programmes, from their registrations in the event store. */
    public Map<String, ProgrammeType> programmeTypes(Study study) {
        Map<String, ProgrammeType> types = new LinkedHashMap<>();
        for (String programme : study.programmeIds()) {
            programmeType(programme).ifPresent(type -> types.put(programme, type));
        }
        return types;
    }

    /** The programme's type, when it is a registered programme. */
    public Optional<ProgrammeType> programmeType(String programmeId) {
        return directory
                .registrationOf(new ProgrammeId(programmeId))
                .map(message -> ((ProgrammeRegisteredEvent) message.getPayload()).type());
    }

    /**
     * The study's secret, unwrapped. Re-wraps it with the primary master key when an older one wrapped it.
     *
     * @throws IllegalStateException when the master key that wrapped it is not configured
     */
    public byte[] secretOf(String studyId) {
        Object[] row = jdbc.sql("""
                        SELECT master_key_id, wrapped_secret FROM keystore.research_study_secret WHERE study_id = ?""")
                .param(studyId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)})
                .optional()
                .orElseThrow(() -> new IllegalStateException("The study has no secret in the key store."));
        String keyId = (String) row[0];
        byte[] secret;
        try {
            secret = masterKeys.get(keyId).decrypt((byte[]) row[1], associatedData(studyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret cannot be unwrapped by master key '" + keyId + "'", e);
        }
        if (!keyId.equals(masterKeys.primaryId())) {
            rewrap(studyId, keyId, secret);
        }
        return secret;
    }

    /**
     * Re-wraps every study secret that an older master key wraps, when that key is still configured; answers how
     * many were re-wrapped. Secrets whose master key is missing are logged (by study id) and left as they are: their
     * studies cannot be exported until the key is configured again.
     */
    public int rewrapAll() {
        List<String[]> rows = jdbc.sql("""
                        SELECT study_id, master_key_id FROM keystore.research_study_secret WHERE master_key_id <> ?""")
                .param(masterKeys.primaryId())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int rewrapped = 0;
        List<String> missing = new ArrayList<>();
        for (String[] row : rows) {
            if (!masterKeys.has(row[1])) {
                missing.add(row[0]);
                continue;
            }
            byte[] secret = secretOf(row[0]);
            Arrays.fill(secret, (byte) 0);
            rewrapped++;
        }
        if (!missing.isEmpty()) {
            log.error(
                    "{} research study secrets are wrapped by master keys that are not configured; those studies "
                            + "cannot be exported: {}",
                    missing.size(),
                    missing);
        }
        return rewrapped;
    }

    private void rewrap(String studyId, String oldKeyId, byte[] secret) {
        Aead primary = masterKeys.primary();
        try {
            jdbc.sql("""
                            UPDATE keystore.research_study_secret SET master_key_id = ?, wrapped_secret = ?
                             WHERE study_id = ? AND master_key_id = ?""")
                    .params(masterKeys.primaryId(), primary.encrypt(secret, associatedData(studyId)), studyId, oldKeyId)
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The study secret could not be re-wrapped by the primary master key", e);
        }
    }

    private static byte[] associatedData(String studyId) {
        return ("journey-platform/research-study-secret/" + studyId).getBytes(StandardCharsets.UTF_8);
    }

    /** A study's own row, before its programmes and researchers are read. */
    private record Row(
            String studyId,
            String title,
            String ethics,
            LocalDate from,
            LocalDate to,
            String qis,
            String dateMode,
            int k,
            String scope,
            LocalDate expiresOn,
            Instant createdAt,
            String createdBy,
            TimeGranularity granularity,
            int displacementDays,
            RiskLimits limits) {}

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getString("study_id"),
                rs.getString("title"),
                rs.getString("ethics_approval_reference"),
                rs.getDate("period_from").toLocalDate(),
                rs.getDate("period_to").toLocalDate(),
                rs.getString("quasi_identifiers"),
                rs.getString("date_mode"),
                rs.getInt("k"),
                rs.getString("consent_scope"),
                rs.getDate("expires_on").toLocalDate(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                TimeGranularity.valueOf(rs.getString("time_granularity")),
                rs.getInt("displacement_days"),
                new RiskLimits(
                        rs.getDouble("max_unique_share"),
                        rs.getDouble("max_average_risk"),
                        rs.getDouble("max_suppressed_share")));
    }

    private Registered registered(Row row) {
        Study study = new Study(
                row.studyId(),
                row.title(),
                row.ethics(),
                Set.copyOf(jdbc.sql("SELECT programme_id FROM research_study_programme WHERE study_id = ?")
                        .param(row.studyId())
                        .query(String.class)
                        .list()),
                row.from(),
                row.to(),
                row.qis().isBlank()
                        ? List.of()
                        : Arrays.stream(row.qis().split(","))
                                .map(QuasiIdentifier::valueOf)
                                .toList(),
                DateMode.valueOf(row.dateMode()),
                row.k(),
                row.scope(),
                row.expiresOn(),
                row.granularity(),
                row.displacementDays(),
                row.limits());
        List<String> researchers = jdbc.sql(
                        "SELECT username FROM research_study_researcher WHERE study_id = ? ORDER BY username")
                .param(row.studyId())
                .query(String.class)
                .list();
        return new Registered(study, researchers, row.createdAt(), row.createdBy());
    }
}
