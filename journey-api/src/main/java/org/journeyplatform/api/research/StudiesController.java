package org.journeyplatform.api.research;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.journeyplatform.api.problems.ApiProblem;
import org.journeyplatform.api.problems.ProblemType;
import org.journeyplatform.projections.research.DateMode;
import org.journeyplatform.projections.research.QuasiIdentifier;
import org.journeyplatform.projections.research.RiskLimits;
import org.journeyplatform.projections.research.Study;
import org.journeyplatform.projections.research.TimeGranularity;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators register research studies (docs/research.md): who may export them, which programmes and period, which
 * consent scope covers them, what they may receive. Each study gets a secret of its own, which is never answered.
 */
@RestController
@RequestMapping("/api/v1/admin/studies")
@Tag(name = "Research studies", description = "Register studies whose approved researchers export anonymised histories")
public class StudiesController {

    /** The number of participants per group a study gets when it does not say. */
    static final int DEFAULT_K = 5;
    /** How finely a study receives time values when it does not say: the safest that still serves the spells. */
    static final TimeGranularity DEFAULT_GRANULARITY = TimeGranularity.MONTH;
    /** How far each event's day is displaced when a study does not say. */
    static final int DEFAULT_DISPLACEMENT_DAYS = 14;

    private final ResearchStudies studies;
    private final ResearchExports exports;
    private final Environment environment;
    private final Clock clock;

    public StudiesController(ResearchStudies studies, ResearchExports exports, Environment environment, Clock clock) {
        this.studies = studies;
        this.exports = exports;
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * A new study. {@code quasiIdentifiers} are those it may receive, checked for k-anonymity: any of
     * {@code AGE_BAND}, {@code PROGRAMME_TYPE}, {@code ENROLMENT_YEAR} (only with {@code DAYS_SINCE_ENROLMENT}),
     * {@code REFERRAL_SOURCE} (gender identity is personal data and never leaves). {@code k} defaults to 5.
     */
    public record NewStudy(
            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String title,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String ethicsApprovalReference,

            @NotEmpty @Size(max = 50)
            List<@NotBlank @org.journeyplatform.api.input.Shows @Size(max = 100) String> researchers,

            @NotEmpty @Size(max = 100) List<@NotNull UUID> programmeIds,
            @NotNull LocalDate periodFrom,
            @NotNull LocalDate periodTo,
            @Size(max = 4) Set<@NotNull QuasiIdentifier> quasiIdentifiers,
            @NotNull DateMode dateMode,
            @Min(2) @Max(1000) Integer k,

            @NotBlank @org.journeyplatform.api.input.Shows @Size(max = 200)
            String consentScope,

            @NotNull LocalDate expiresOn,
            TimeGranularity timeGranularity,
            @Min(0) @Max(Study.MAX_DISPLACEMENT_DAYS) Integer displacementDays,
            @Valid Limits riskLimits) {}

    /**
     * The re-identification risk a study accepts, each a share from 0 to 1; a limit not given takes its default
     * ({@link RiskLimits#DEFAULT}: 0.05 unique, 0.35 average risk, 0.25 suppressed).
     */
    public record Limits(
            @DecimalMin("0") @DecimalMax("1") Double maxUniqueShare,
            @DecimalMin("0") @DecimalMax("1") Double maxAverageRisk,
            @DecimalMin("0") @DecimalMax("1") Double maxSuppressedShare) {

        RiskLimits orDefaults() {
            RiskLimits defaults = RiskLimits.DEFAULT;
            return new RiskLimits(
                    maxUniqueShare == null ? defaults.maxUniqueShare() : maxUniqueShare,
                    maxAverageRisk == null ? defaults.maxAverageRisk() : maxAverageRisk,
                    maxSuppressedShare == null ? defaults.maxSuppressedShare() : maxSuppressedShare);
        }
    }

    /** A study as administrators see it (never its secret). */
    public record StudyView(
            String studyId,
            String title,
            String ethicsApprovalReference,
            List<String> researchers,
            List<String> programmeIds,
            LocalDate periodFrom,
            LocalDate periodTo,
            List<QuasiIdentifier> quasiIdentifiers,
            DateMode dateMode,
            int k,
            String consentScope,
            LocalDate expiresOn,
            boolean expired,
            Instant createdAt,
            String createdBy,
            TimeGranularity timeGranularity,
            int displacementDays,
            RiskLimits riskLimits) {}

    @PostMapping
    @Operation(
            summary = "Register a study: approved researchers, programmes and period, consent scope, "
                    + "quasi-identifiers, date mode, k, expiry")
    public ResponseEntity<StudyView> register(@Valid @RequestBody NewStudy study, Principal admin) {
        LocalDate today = LocalDate.now(clock);
        if (study.periodFrom().isAfter(study.periodTo())) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "periodFrom is after periodTo.");
        }
        if (study.periodFrom().getYear() < 1900 || study.periodTo().getYear() > 2999) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The period lies between the years 1900 and 2999.");
        }
        if (study.dateMode() == DateMode.SHIFTED
                && study.quasiIdentifiers() != null
                && study.quasiIdentifiers().contains(QuasiIdentifier.ENROLMENT_YEAR)) {
            throw new ApiProblem(
                    ProblemType.VALIDATION_FAILED,
                    "ENROLMENT_YEAR is only for studies with dateMode "
                            + "DAYS_SINCE_ENROLMENT: beside shifted dates, the real enrolment year would narrow down each "
                            + "participant's date shift.");
        }
        if (study.expiresOn().isBefore(today)) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "expiresOn is in the past.");
        }
        boolean identityProvider =
                !environment.getProperty("journey.security.oidc.issuer-uri", "").isBlank()
                        || !environment
                                .getProperty("journey.security.oidc.public-key-location", "")
                                .isBlank();
        for (int i = 0; i < study.researchers().size(); i++) {
            String username = study.researchers().get(i).strip();
            boolean known = studies.hasAccount(username);
            if (known ? !studies.isResearcher(username) : !identityProvider) {
                throw new ApiProblem(
                        ProblemType.INVALID_COMMAND,
                        "researchers[" + i + "] is not an enabled account " + "with the role RESEARCHER.");
            }
        }
        for (int i = 0; i < study.programmeIds().size(); i++) {
            if (studies.programmeType(study.programmeIds().get(i).toString()).isEmpty()) {
                throw new ApiProblem(
                        ProblemType.INVALID_COMMAND, "programmeIds[" + i + "] is not a registered " + "programme.");
            }
        }
        ResearchStudies.Registered registered = studies.register(
                org.journeyplatform.domain.shared.VisibleText.strip(study.title()),
                org.journeyplatform.domain.shared.VisibleText.strip(study.ethicsApprovalReference()),
                study.researchers().stream().map(String::strip).toList(),
                study.programmeIds().stream().map(UUID::toString).toList(),
                study.periodFrom(),
                study.periodTo(),
                study.quasiIdentifiers() == null ? Set.of() : study.quasiIdentifiers(),
                study.dateMode(),
                study.k() == null ? DEFAULT_K : study.k(),
                org.journeyplatform.domain.shared.VisibleText.strip(study.consentScope()),
                study.expiresOn(),
                study.timeGranularity() == null ? DEFAULT_GRANULARITY : study.timeGranularity(),
                study.displacementDays() == null ? DEFAULT_DISPLACEMENT_DAYS : study.displacementDays(),
                study.riskLimits() == null
                        ? RiskLimits.DEFAULT
                        : study.riskLimits().orDefaults(),
                admin.getName());
        return ResponseEntity.created(
                        URI.create("/api/v1/admin/studies/" + registered.study().studyId()))
                .body(view(registered));
    }

    @GetMapping
    @Operation(summary = "Every study, newest first")
    public List<StudyView> all() {
        return studies.all().stream().map(this::view).toList();
    }

    @GetMapping("/{studyId}")
    @Operation(summary = "One study")
    public StudyView one(@PathVariable String studyId) {
        return view(find(studyId));
    }

    @GetMapping("/{studyId}/exports")
    @Operation(summary = "The study's exports, newest first: who asked, when, status and counts (no data)")
    public List<ResearchController.ExportView> exports(@PathVariable String studyId) {
        ResearchStudies.Registered study = find(studyId);
        return exports.of(study.study().studyId()).stream()
                .map(ResearchController::view)
                .toList();
    }

    private ResearchStudies.Registered find(String studyId) {
        return ResearchController.uuid(studyId)
                .flatMap(studies::find)
                .orElseThrow(() -> new ApiProblem(ProblemType.STUDY_NOT_FOUND, "No study has this id."));
    }

    private StudyView view(ResearchStudies.Registered registered) {
        Study s = registered.study();
        return new StudyView(
                s.studyId(),
                s.title(),
                s.ethicsApprovalReference(),
                registered.researchers(),
                s.programmeIds().stream().sorted().toList(),
                s.periodFrom(),
                s.periodTo(),
                s.quasiIdentifiers(),
                s.dateMode(),
                s.k(),
                s.consentScope(),
                s.expiresOn(),
                s.expiredOn(LocalDate.now(clock)),
                registered.createdAt(),
                registered.createdBy(),
                s.granularity(),
                s.displacementDays(),
                s.limits());
    }
}
