package org.journeyplatform.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.journeyplatform.api.audit.AuditLog;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.infra.axon.EventStoreDirectory;
import org.journeyplatform.infra.crypto.Erasures;
import org.journeyplatform.projections.research.ResearchExportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Research export jobs: each runs in the background, one at a time, and reports its progress in
 * {@code research_export}. An export reads the study's participants as recorded when it starts, records a disclosure
 * of every participant it includes in the audit log before it writes anything, writes its files into a directory of
 * its own under {@code journey.research.export-dir}, and is then served from there. Files older than
 * {@code journey.research.export-retention} are deleted. An export that was running when the platform stopped is
 * marked failed at the next start.
 * <p>
 * An export keeps who it released ({@code research_export_participant}). When one of them has since withdrawn her
 * research consent for the study (and given none since) or been erased, the export is withdrawn: its files are deleted
 * and no longer served, its status says so, and the accounting of disclosures of everyone it released shows the
 * withdrawal. This is found whenever the export is looked at or asked for a file, and by the hourly clean-up.
 */
@Component
@Order(1)
public class ResearchExports implements ApplicationRunner {

    /** Where an export is. */
    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        WITHDRAWN,
        /** Over the study's re-identification risk limits: nothing released; {@code refusal} says which measure. */
        REFUSED
    }

    /** The endpoint named in the audit log for every disclosure by an export. */
    public static final String ENDPOINT = "POST /api/v1/research/studies/{studyId}/exports";

    static final String FAILED = "The export failed and nothing was released; the error was logged. Run it again, "
            + "or ask an administrator.";
    /** The endpoint named in the audit log when an export holding her is withdrawn. */
    public static final String WITHDRAWAL_ENDPOINT = "research export withdrawn";

    /** The audit entry's endpoint when an export that had recorded its disclosures failed before releasing anything. */
    public static final String NOT_RELEASED_ENDPOINT = "research export not released";
    /** What a researcher is told about a withdrawn export. It never says who, or how many. */
    public static final String WITHDRAWN = "A participant this export released has since withdrawn her research "
            + "consent or been erased: its files are no longer served. Delete every copy of them you hold (downloads, "
            + "derived data sets) and run a new export.";

    private static final Logger log = LoggerFactory.getLogger(ResearchExports.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final EventStoreDirectory store;
    private final Erasures erasures;
    private final ResearchStudies studies;
    private final ResearchExportBuilder builder;
    private final AuditLog audit;
    private final ResearchProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "research-export");
        thread.setDaemon(true);
        return thread;
    });

    public ResearchExports(
            JdbcClient jdbc,
            EventStoreDirectory store,
            Erasures erasures,
            ResearchStudies studies,
            ResearchExportBuilder builder,
            AuditLog audit,
            ResearchProperties properties,
            Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.store = store;
        this.erasures = erasures;
        this.studies = studies;
        this.builder = builder;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** One export, as stored; {@code manifest} is its manifest.json once done. */
    public record Job(
            String exportId,
            String studyId,
            Status status,
            double progress,
            String stage,
            String requestedBy,
            Instant requestedAt,
            Instant startedAt,
            Instant finishedAt,
            String failure,
            Instant filesDeletedAt,
            JsonNode manifest,
            Instant withdrawnAt,
            JsonNode refusal) {}

    /**
     * Marks exports cut short by a stop as failed, and re-wraps study secrets after a master key rotation. A
     * command-line export (which may run beside a running platform) leaves other exports alone.
     */
    @Override
    public void run(ApplicationArguments args) {
        int rewrapped = studies.rewrapAll();
        if (rewrapped > 0) {
            log.info("{} research study secrets were re-wrapped with the primary master key", rewrapped);
        }
        if (args.containsOption(ResearchExportCommand.OPTION)) {
            return;
        }
        List<Map<String, Object>> cut =
                jdbc.sql("""
                        UPDATE research_export SET status = 'FAILED', finished_at = ?, stage = NULL,
                               failure = 'Interrupted: the platform stopped while the export ran. Run it again.'
                         WHERE status IN ('QUEUED', 'RUNNING') RETURNING export_id, study_id""").param(Timestamp.from(clock.instant())).query().listOfRows();
        // what they had recorded as disclosed was never released
        cut.forEach(export -> voidDisclosures((String) export.get("export_id"), (String) export.get("study_id")));
        int interrupted = cut.size();
        if (interrupted > 0) {
            log.warn("{} research exports were interrupted by a stop and are marked failed", interrupted);
        }
    }

    /** Queues an export of the study for this researcher; answers the job at once. */
    public Job start(ResearchStudies.Registered study, String username, String roles) {
        String exportId = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO research_export (export_id, study_id, requested_by, requested_at, status, progress,
                                                     stage)
                        VALUES (?, ?, ?, ?, 'QUEUED', 0, 'waiting for earlier exports to finish')""")
                .params(exportId, study.study().studyId(), username, Timestamp.from(clock.instant()))
                .update();
        executor.submit(() -> runJob(exportId, study, username, roles));
        return find(study.study().studyId(), exportId).orElseThrow();
    }

    private void runJob(String exportId, ResearchStudies.Registered study, String username, String roles) {
        String studyId = study.study().studyId();
        Instant startedAt = clock.instant();
        jdbc.sql(
                        "UPDATE research_export SET status = 'RUNNING', started_at = ?, stage = 'starting' WHERE export_id = ?")
                .params(Timestamp.from(startedAt), exportId)
                .update();
        Path directory = directory(studyId, exportId);
        Path partial = directory.resolveSibling(exportId + ".partial");
        try {
            ResearchExportBuilder.Result result =
                    export(study, exportId, partial, startedAt, username, roles, throttled(exportId));
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            jdbc.sql("""
                            UPDATE research_export SET status = 'DONE', progress = 1, stage = NULL, finished_at = ?,
                                   manifest = ? WHERE export_id = ?""")
                    .params(Timestamp.from(clock.instant()), JSON.writeValueAsString(result.manifest()), exportId)
                    .update();
        } catch (ResearchExportBuilder.Refused refused) {
            deleteQuietly(partial);
            log.info(
                    "Research export {} of study {} was refused: {} {} above the limit {}",
                    exportId,
                    studyId,
                    refused.refusal().measure(),
                    refused.refusal().value(),
                    refused.refusal().limit());
            jdbc.sql("""
                            UPDATE research_export SET status = 'REFUSED', stage = NULL, finished_at = ?, refusal = ?
                             WHERE export_id = ?""")
                    .params(Timestamp.from(clock.instant()), refusalJson(refused), exportId)
                    .update();
        } catch (ResearchExportBuilder.ErasedMeanwhile e) {
            deleteQuietly(partial);
            log.warn("Research export {} of study {} released nothing: {}", exportId, studyId, e.getMessage());
            jdbc.sql("""
                            UPDATE research_export SET status = 'FAILED', stage = NULL, finished_at = ?, failure = ?
                             WHERE export_id = ?""")
                    .params(Timestamp.from(clock.instant()), e.getMessage(), exportId)
                    .update();
        } catch (Exception | LinkageError e) {
            // the type and where it came from, never the message: messages can carry values
            log.error(
                    "Research export {} of study {} failed: {} at {}",
                    exportId,
                    studyId,
                    e.getClass().getName(),
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            deleteQuietly(partial);
            voidDisclosures(exportId, studyId); // failed after export() had returned (moving its files into place)
            jdbc.sql("""
                            UPDATE research_export SET status = 'FAILED', stage = NULL, finished_at = ?, failure = ?
                             WHERE export_id = ?""")
                    .params(Timestamp.from(clock.instant()), FAILED, exportId)
                    .update();
        }
    }

    /**
     * Makes one export into a new directory (created owner-only, with its missing parents; its files are owner-only
     * too), now, in this thread: the disclosure of every participant included is recorded
     * in the audit log as done by {@code actor} (with {@code roles}) before any file is written.
     */
    public ResearchExportBuilder.Result export(
            ResearchStudies.Registered study,
            String exportId,
            Path directory,
            Instant asOf,
            String actor,
            String roles,
            ResearchExportBuilder.Progress progress) {
        byte[] secret = studies.secretOf(study.study().studyId());
        boolean[] disclosed = {false};
        try {
            String purpose =
                    "research export " + exportId + " of study " + study.study().studyId() + " (ethics approval "
                            + study.study().ethicsApprovalReference() + ")";
            return builder.export(
                    new ResearchExportBuilder.Request(
                            exportId,
                            study.study(),
                            secret,
                            studies.programmeTypes(study.study()),
                            asOf,
                            LocalDate.ofInstant(asOf, clock.getZone())),
                    directory,
                    progress,
                    ids -> {
                        disclosed[0] = true;
                        audit.record(actor, roles, AuditLog.Action.DISCLOSE, ids, ENDPOINT, purpose);
                        jdbc.sql("""
                                        INSERT INTO research_export_participant (export_id, participant_id)
                                        SELECT ?, unnest(CAST(? AS text[])) ON CONFLICT DO NOTHING""")
                                .params(exportId, ids.toArray(String[]::new))
                                .update();
                    });
        } catch (RuntimeException | Error e) {
            if (disclosed[0]) {
                voidDisclosures(exportId, study.study().studyId());
            }
            throw e;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * An export that failed after recording whom it would release released no one: the accounting of disclosures of
     * each of them gets a {@code WITHDRAW} saying so, and the export keeps no one as released. Repeating it changes
     * nothing. When the database itself is what failed, the entries stay as they were, and the log says so.
     */
    void voidDisclosures(String exportId, String studyId) {
        try {
            transactions.executeWithoutResult(status -> {
                List<String> recorded =
                        jdbc.sql("""
                                DELETE FROM research_export_participant WHERE export_id = ?
                                RETURNING participant_id""").param(exportId).query(String.class).list();
                if (!recorded.isEmpty()) {
                    audit.record(
                            "platform",
                            "",
                            AuditLog.Action.WITHDRAW,
                            recorded.stream().sorted().toList(),
                            NOT_RELEASED_ENDPOINT,
                            "research export " + exportId + " of study " + studyId
                                    + " failed before releasing anything: its disclosure did not happen");
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Research export {} failed, and its recorded disclosures could not be marked as not released ({})",
                    exportId,
                    e.getClass().getName());
        }
    }

    /**
     * The problem detail a refused export keeps (RFC 9457): which measure failed, its value and the study's limit, and
     * everything that was measured. It names no one: the measures are shares and counts.
     */
    static String refusalJson(ResearchExportBuilder.Refused refused) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemType.EXPORT_REFUSED.uri().toString());
        problem.put("title", ProblemType.EXPORT_REFUSED.title());
        problem.put("status", ProblemType.EXPORT_REFUSED.status().value());
        problem.put("detail", refused.refusal().detail());
        problem.put("measure", refused.refusal().measure());
        problem.put("value", refused.refusal().value());
        problem.put("limit", refused.refusal().limit());
        problem.put(
                "exceeded",
                refused.refusal().exceeded().stream()
                        .map(e -> {
                            Map<String, Object> one = new LinkedHashMap<>();
                            one.put("measure", e.measure());
                            one.put("value", e.value());
                            one.put("limit", e.limit());
                            return one;
                        })
                        .toList());
        problem.put("risk", refused.risk());
        try {
            return JSON.writeValueAsString(problem);
        } catch (IOException e) {
            throw new UncheckedIOException("A refusal is always JSON", e);
        }
    }

    /** Progress written to the job's row at most every 250 ms (and always at the end). */
    private ResearchExportBuilder.Progress throttled(String exportId) {
        long[] last = {0};
        return (fraction, stage) -> {
            long now = System.nanoTime();
            if (fraction < 1 && now - last[0] < 250_000_000L) {
                return;
            }
            last[0] = now;
            jdbc.sql("UPDATE research_export SET progress = ?, stage = ? WHERE export_id = ? AND status = 'RUNNING'")
                    .params(Math.min(0.99, fraction), stage, exportId)
                    .update();
        };
    }

    /** One export of the study, withdrawn first if someone it released has since left it. */
    public Optional<Job> find(String studyId, String exportId) {
        return stored(studyId, exportId).map(this::withdrawnIfLeft);
    }

    private Optional<Job> stored(String studyId, String exportId) {
        return jdbc.sql("SELECT * FROM research_export WHERE study_id = ? AND export_id = ?")
                .params(studyId, exportId)
                .query(ResearchExports::map)
                .optional();
    }

    /** The study's exports, newest first, each withdrawn first if someone it released has since left it. */
    public List<Job> of(String studyId) {
        return jdbc
                .sql("SELECT * FROM research_export WHERE study_id = ? ORDER BY requested_at DESC, export_id")
                .param(studyId)
                .query(ResearchExports::map)
                .list()
                .stream()
                .map(this::withdrawnIfLeft)
                .toList();
    }

    /**
     * Withdraws a finished export whose files are still kept when someone it released has, since it started, withdrawn
     * her research consent for the study (and given none since) or been erased: one look-up of her consent withdrawals
     * and erasures recorded after the export's start, then her record judged by the export's own consent rule. The
     * export's files are deleted, and the withdrawal is recorded in the audit log for everyone it released.
     */
    Job withdrawnIfLeft(Job job) {
        if (job.status() != Status.DONE || job.filesDeletedAt() != null || job.startedAt() == null) {
            return job;
        }
        List<String> released =
                jdbc.sql("""
                        SELECT participant_id FROM research_export_participant WHERE export_id = ?
                         ORDER BY participant_id""").param(job.exportId()).query(String.class).list();
        // a consent withdrawn, or retracted or corrected (which may take it away), or an erasure, since the export
        Set<String> changed = new TreeSet<>(store.recordedSince(
                released,
                List.of(
                        ConsentWithdrawnEvent.class,
                        ParticipantErasedEvent.class,
                        org.journeyplatform.domain.journey.event.EventCorrectedEvent.class,
                        org.journeyplatform.domain.journey.event.EventRetractedEvent.class),
                job.startedAt()));
        changed.addAll(erasures.erasedSince(released, job.startedAt()));
        if (changed.isEmpty()) {
            return job;
        }
        Optional<ResearchStudies.Registered> study = studies.find(job.studyId());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        if (study.isEmpty()
                || changed.stream()
                        .noneMatch(id -> builder.withdrawnSince(
                                        id,
                                        study.get().study(),
                                        now,
                                        LocalDate.ofInstant(job.startedAt(), clock.getZone()),
                                        today)
                                .isPresent())) {
            return job;
        }
        boolean withdrawn = Boolean.TRUE.equals(transactions.execute(status -> {
            if (jdbc.sql("""
                            UPDATE research_export SET status = 'WITHDRAWN', withdrawn_at = ?, files_deleted_at = ?
                             WHERE export_id = ? AND status = 'DONE'""")
                            .params(Timestamp.from(now), Timestamp.from(now), job.exportId())
                            .update()
                    == 0) {
                return false; // withdrawn at the same moment by another request or instance
            }
            audit.record(
                    "platform",
                    "",
                    AuditLog.Action.WITHDRAW,
                    released,
                    WITHDRAWAL_ENDPOINT,
                    "research export " + job.exportId() + " of study " + job.studyId() + " withdrawn: its files are "
                            + "no longer served");
            return true;
        }));
        if (withdrawn) {
            deleteQuietly(directory(job.studyId(), job.exportId()));
            log.info(
                    "Research export {} of study {} was withdrawn: someone it released withdrew her research consent, "
                            + "no longer has one, or was erased",
                    job.exportId(),
                    job.studyId());
        }
        return stored(job.studyId(), job.exportId()).orElse(job);
    }

    /** Where a finished export's files are. */
    public Path directory(String studyId, String exportId) {
        return properties.exportDir().resolve(studyId).resolve(exportId);
    }

    /**
     * Deletes the files of exports finished longer than the retention ago, and of studies that have expired; the
     * exports stay listed, with the time their files were deleted.
     */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public int deleteOldFiles() {
        withdrawAll();
        Instant now = clock.instant();
        List<String[]> old = jdbc.sql("""
                        SELECT e.study_id, e.export_id FROM research_export e
                          JOIN research_study s ON s.study_id = e.study_id
                         WHERE e.status = 'DONE' AND e.files_deleted_at IS NULL
                           AND (e.finished_at < ? OR s.expires_on < ?)""")
                .params(
                        Timestamp.from(now.minus(properties.exportRetention())),
                        java.sql.Date.valueOf(LocalDate.ofInstant(now, clock.getZone())))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] export : old) {
            deleteQuietly(directory(export[0], export[1]));
            jdbc.sql("UPDATE research_export SET files_deleted_at = ? WHERE export_id = ?")
                    .params(Timestamp.from(now), export[1])
                    .update();
        }
        return old.size();
    }

    /** Withdraws every finished export whose files are kept and that someone it released has since left. */
    public int withdrawAll() {
        List<Job> kept = jdbc.sql("SELECT * FROM research_export WHERE status = 'DONE' AND files_deleted_at IS NULL")
                .query(ResearchExports::map)
                .list();
        int withdrawn = 0;
        for (Job job : kept) {
            if (withdrawnIfLeft(job).status() == Status.WITHDRAWN) {
                withdrawn++;
            }
        }
        return withdrawn;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the research export files in {}", directory);
        }
    }

    private static Job map(ResultSet rs, int row) throws SQLException {
        String manifest = rs.getString("manifest");
        JsonNode json;
        try {
            json = manifest == null ? null : JSON.readTree(manifest);
        } catch (IOException e) {
            json = null;
        }
        return new Job(
                rs.getString("export_id"),
                rs.getString("study_id"),
                Status.valueOf(rs.getString("status")),
                rs.getDouble("progress"),
                rs.getString("stage"),
                rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("failure"),
                instant(rs.getTimestamp("files_deleted_at")),
                json,
                instant(rs.getTimestamp("withdrawn_at")),
                json(rs.getString("refusal")));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
