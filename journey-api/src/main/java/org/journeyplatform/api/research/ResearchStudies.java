package org.journeyplatform.api.research;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
import org.journeyplatform.infra.crypto.StudySecrets;
import org.journeyplatform.projections.research.DateMode;
import org.journeyplatform.projections.research.QuasiIdentifier;
import org.journeyplatform.projections.research.RiskLimits;
import org.journeyplatform.projections.research.Study;
import org.journeyplatform.projections.research.TimeGranularity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registered studies and their secrets. Each study gets a secret of its own when it is registered, kept in the key
 * store by {@link StudySecrets}: the key of its pseudonyms and date offsets, never answered, logged or written to an
 * export.
 */
@Component
public class ResearchStudies {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StudySecrets secrets;
    private final EventStoreDirectory directory;
    private final Clock clock;

    public ResearchStudies(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            StudySecrets secrets,
            EventStoreDirectory directory,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
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
            secrets.create(studyId, now);
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
     * The study's secret, unwrapped (see {@link StudySecrets#secretOf}).
     *
     * @throws IllegalStateException when the master key that wrapped it is not configured
     */
    public byte[] secretOf(String studyId) {
        return secrets.secretOf(studyId);
    }

    /** Re-wraps every study secret that an older master key wraps (see {@link StudySecrets#rewrapAll}). */
    public int rewrapAll() {
        return secrets.rewrapAll();
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
