package org.journeyplatform.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.projections.research.DateMode;
import org.journeyplatform.projections.research.QuasiIdentifier;
import org.journeyplatform.projections.research.ResearchExportBuilder;
import org.journeyplatform.projections.research.RiskLimits;
import org.journeyplatform.projections.research.Study;
import org.journeyplatform.projections.research.TimeGranularity;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The research interface (docs/research.md): an approved researcher of a study that has not expired starts exports of
 * it, follows their progress, downloads their files and replays the anonymised event stream from any position. A study
 * that does not name her is answered as if it did not exist ({@code 404 study-not-found}); nobody but researchers gets
 * here at all.
 */
@RestController
@RequestMapping("/api/v1/research/studies")
@Tag(name = "Research", description = "Approved researchers export consented, anonymised histories of their studies")
public class ResearchController {

    /** The media type of events.ndjson and of the event stream. */
    public static final String NDJSON = "application/x-ndjson";

    private final ResearchStudies studies;
    private final ResearchExports exports;
    private final Clock clock;

    public ResearchController(ResearchStudies studies, ResearchExports exports, Clock clock) {
        this.studies = studies;
        this.exports = exports;
        this.clock = clock;
    }

    /** A study as its researchers see it. */
    public record ResearchStudyView(
            String studyId,
            String title,
            String ethicsApprovalReference,
            LocalDate periodFrom,
            LocalDate periodTo,
            int programmes,
            List<QuasiIdentifier> quasiIdentifiers,
            DateMode dateMode,
            int k,
            String consentScope,
            LocalDate expiresOn,
            TimeGranularity timeGranularity,
            int displacementDays,
            RiskLimits riskLimits) {}

    /** One file of a finished export. */
    public record FileView(String name, Long bytes, String sha256, String href) {}

    /** Participants considered, included and excluded (by reason), from the manifest. */
    public record Participants(int candidates, int included, Map<String, Integer> excluded) {}

    /** An export job: its progress while it runs; once done, its counts and files. */
    public record ExportView(
            String exportId,
            String studyId,
            String status,
            double progress,
            String stage,
            String requestedBy,
            Instant requestedAt,
            Instant startedAt,
            Instant finishedAt,
            String failure,
            Instant filesDeletedAt,
            Participants participants,
            Integer kAchieved,
            Long events,
            Long spells,
            List<FileView> files,
            String eventsHref,
            Instant withdrawnAt,
            String withdrawal,
            JsonNode risk,
            JsonNode refusal) {}

    @GetMapping
    @Operation(summary = "The studies she is an approved researcher of and that have not expired")
    public List<ResearchStudyView> mine(Authentication user) {
        LocalDate today = LocalDate.now(clock);
        return studies.of(user.getName()).stream()
                .filter(s -> !s.study().expiredOn(today))
                .map(s -> view(s.study()))
                .toList();
    }

    @GetMapping("/{studyId}")
    @Operation(summary = "One of her studies")
    public ResearchStudyView one(@PathVariable String studyId, Authentication user) {
        return view(study(studyId, user).study());
    }

    @PostMapping("/{studyId}/exports")
    @Operation(summary = "Start an export of the study: answers 202 with the job; follow it until status is DONE")
    @ApiResponse(
            responseCode = "202",
            description = "The export is queued: the job (status QUEUED), with its address in Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportView.class)))
    public ResponseEntity<ExportView> start(
            @PathVariable String studyId, Authentication user, jakarta.servlet.http.HttpServletRequest http) {
        ResearchStudies.Registered study = study(studyId, user);
        org.journeyplatform.api.input.NoBody.requireNoneOrEmptyObject(
                http,
                "an export takes every option from its study (its date mode, time granularity, risk limits); "
                        + "nothing was exported.");
        ResearchExports.Job job = exports.start(study, user.getName(), roles(user));
        return ResponseEntity.accepted()
                .location(URI.create(base(studyId) + "/exports/" + job.exportId()))
                .body(view(job));
    }

    @GetMapping("/{studyId}/exports")
    @Operation(summary = "The study's exports, newest first")
    public List<ExportView> exports(@PathVariable String studyId, Authentication user) {
        study(studyId, user);
        return exports.of(studyId).stream().map(ResearchController::view).toList();
    }

    @GetMapping("/{studyId}/exports/{exportId}")
    @Operation(
            summary = "One export: status (QUEUED, RUNNING, DONE, FAILED, REFUSED or WITHDRAWN), progress from 0 to 1, "
                    + "then its files")
    public ExportView export(@PathVariable String studyId, @PathVariable String exportId, Authentication user) {
        study(studyId, user);
        return view(job(studyId, exportId));
    }

    @GetMapping("/{studyId}/exports/{exportId}/files/{name}")
    @Operation(
            summary = "One file of a finished export: events.ndjson, persons.csv, spells.csv, codebook.md, "
                    + "codebook.json or manifest.json")
    @ApiResponse(
            responseCode = "200",
            description = "The file",
            content = {
                @Content(mediaType = NDJSON, schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
                @Content(mediaType = "application/json", schema = @Schema(type = "object"))
            })
    public ResponseEntity<Resource> file(
            @PathVariable String studyId,
            @PathVariable String exportId,
            @PathVariable String name,
            Authentication user) {
        study(studyId, user);
        ResearchExports.Job job = job(studyId, exportId);
        if (!ResearchExportBuilder.FILES.contains(name)) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND,
                    "An export has the files " + String.join(", ", ResearchExportBuilder.FILES) + ".");
        }
        Path file = files(job).resolve(name);
        if (!Files.isRegularFile(file)) {
            // exports made before format 2 have no README.md
            throw new ApiProblem(ProblemType.NOT_FOUND, "This export has no file " + name + ".");
        }
        return ResponseEntity.ok()
                .contentType(mediaType(name))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
    }

    @GetMapping("/{studyId}/exports/{exportId}/events")
    @Operation(
            summary = "The anonymised event stream (NDJSON): the lines of events.ndjson after a position, "
                    + "at most limit of them; resume from the last position received")
    @ApiResponse(
            responseCode = "200",
            description = "Lines of events.ndjson, in order",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string")))
    public void events(
            @PathVariable String studyId,
            @PathVariable String exportId,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
            Authentication user,
            HttpServletResponse response)
            throws IOException {
        study(studyId, user);
        ResearchExports.Job job = job(studyId, exportId);
        Path file = files(job).resolve("events.ndjson");
        long total = job.manifest() == null ? 0 : job.manifest().path("events").asLong();
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("X-Total-Events", Long.toString(total));
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Writer out = response.getWriter();
            for (long skipped = 0; skipped < after; skipped++) {
                if (reader.readLine() == null) {
                    break;
                }
            }
            String line;
            for (int sent = 0; sent < limit && (line = reader.readLine()) != null; sent++) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
        }
    }

    private ResearchStudies.Registered study(String studyId, Authentication user) {
        ResearchStudies.Registered study = uuid(studyId)
                .flatMap(studies::find)
                .filter(s -> s.researchers().contains(user.getName()))
                .orElseThrow(() -> new ApiProblem(ProblemType.STUDY_NOT_FOUND, "No study of yours has this id."));
        if (study.study().expiredOn(LocalDate.now(clock))) {
            throw new ApiProblem(
                    ProblemType.STUDY_EXPIRED,
                    "The study's approval ended on " + study.study().expiresOn() + ".");
        }
        return study;
    }

    private ResearchExports.Job job(String studyId, String exportId) {
        return uuid(exportId)
                .flatMap(id -> exports.find(studyId, id))
                .orElseThrow(
                        () -> new ApiProblem(ProblemType.EXPORT_NOT_FOUND, "No export of this study has this id."));
    }

    /** The directory of a finished export whose files are still there. */
    private Path files(ResearchExports.Job job) {
        if (job.status() == ResearchExports.Status.WITHDRAWN) {
            throw new ApiProblem(ProblemType.EXPORT_WITHDRAWN, ResearchExports.WITHDRAWN);
        }
        if (job.status() == ResearchExports.Status.REFUSED && job.refusal() != null) {
            throw new ApiProblem(
                    ProblemType.EXPORT_REFUSED, job.refusal().path("detail").asText());
        }
        if (job.status() != ResearchExports.Status.DONE) {
            throw new ApiProblem(ProblemType.EXPORT_NOT_READY, "The export is " + job.status() + ".");
        }
        Path directory = exports.directory(job.studyId(), job.exportId());
        if (job.filesDeletedAt() != null || !Files.isDirectory(directory)) {
            throw new ApiProblem(
                    ProblemType.EXPORT_EXPIRED, "The export's files are no longer kept; run a new " + "export.");
        }
        return directory;
    }

    static Optional<String> uuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static MediaType mediaType(String name) {
        if (name.endsWith(".ndjson")) {
            return MediaType.parseMediaType(NDJSON);
        }
        if (name.endsWith(".csv")) {
            return new MediaType("text", "csv", StandardCharsets.UTF_8);
        }
        if (name.endsWith(".md")) {
            return new MediaType("text", "markdown", StandardCharsets.UTF_8);
        }
        return MediaType.APPLICATION_JSON;
    }

    private static String base(String studyId) {
        return "/api/v1/research/studies/" + studyId;
    }

    private static String roles(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static ResearchStudyView view(Study s) {
        return new ResearchStudyView(
                s.studyId(),
                s.title(),
                s.ethicsApprovalReference(),
                s.periodFrom(),
                s.periodTo(),
                s.programmeIds().size(),
                s.quasiIdentifiers(),
                s.dateMode(),
                s.k(),
                s.consentScope(),
                s.expiresOn(),
                s.granularity(),
                s.displacementDays(),
                s.limits());
    }

    static ExportView view(ResearchExports.Job job) {
        JsonNode manifest = job.manifest();
        Participants participants = null;
        Integer kAchieved = null;
        Long events = null;
        Long spells = null;
        List<FileView> files = null;
        String href = base(job.studyId()) + "/exports/" + job.exportId();
        if (manifest != null) {
            JsonNode p = manifest.path("participants");
            Map<String, Integer> excluded = new LinkedHashMap<>();
            p.path("excluded")
                    .fields()
                    .forEachRemaining(e -> excluded.put(e.getKey(), e.getValue().asInt()));
            participants = new Participants(
                    p.path("candidates").asInt(), p.path("included").asInt(), excluded);
            JsonNode k = manifest.path("anonymisation").path("kAnonymity").path("kAchieved");
            kAchieved = k.isNumber() ? k.asInt() : null;
            events = manifest.path("events").asLong();
            spells = manifest.path("spells").asLong();
            files = new ArrayList<>();
            for (JsonNode file : manifest.path("files")) {
                files.add(new FileView(
                        file.path("name").asText(),
                        file.path("bytes").asLong(),
                        file.path("sha256").asText(),
                        href + "/files/" + file.path("name").asText()));
            }
            // the manifest does not list itself
            files.add(new FileView("manifest.json", null, null, href + "/files/manifest.json"));
            files = job.filesDeletedAt() == null ? files : List.of();
        }
        boolean done = job.status() == ResearchExports.Status.DONE && job.filesDeletedAt() == null;
        return new ExportView(
                job.exportId(),
                job.studyId(),
                job.status().name(),
                job.progress(),
                job.stage(),
                job.requestedBy(),
                job.requestedAt(),
                job.startedAt(),
                job.finishedAt(),
                job.failure(),
                job.filesDeletedAt(),
                participants,
                kAchieved,
                events,
                spells,
                files,
                done ? href + "/events" : null,
                job.withdrawnAt(),
                job.status() == ResearchExports.Status.WITHDRAWN ? ResearchExports.WITHDRAWN : null,
                manifest != null
                        ? manifest.path("anonymisation").path("risk")
                        : job.refusal() == null ? null : job.refusal().path("risk"),
                job.refusal());
    }
}
