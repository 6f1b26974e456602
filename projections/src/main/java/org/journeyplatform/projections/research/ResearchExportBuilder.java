package org.journeyplatform.projections.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.journeyplatform.domain.journey.ErasedParticipants;
import org.journeyplatform.domain.journey.JourneyHistory;
import org.journeyplatform.domain.journey.JourneyState;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.RecordedHistories;
import org.journeyplatform.domain.journey.event.ConsentGivenEvent;
import org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent;
import org.journeyplatform.domain.journey.event.EventCorrectedEvent;
import org.journeyplatform.domain.journey.event.EventRetractedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ParticipantErasedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds one research export of a study (docs/research.md): finds the participants of the study's programmes and
 * period, leaves out those who were erased or whose research consent does not cover the study on the export date,
 * makes the person-level table k-anonymous, records the disclosure (through the caller), and writes
 * {@code events.ndjson}, {@code persons.csv}, {@code spells.csv}, {@code codebook.md}, {@code codebook.json},
 * {@code README.md} (what the files are and the terms of their use) and
 * {@code manifest.json} into a directory.
 * <p>
 * This class is the pipeline; who the candidates are and their histories come from {@link ExportHistories}, and the
 * files' rows, manifest and checksums from {@link ExportFiles}. Histories are read from the event store as recorded at
 * the export's start ({@code asOf}), folded with the journey's own rules ({@link JourneyHistory}), in batches. The first
 * pass decides who is included; the second writes the files (only those included, in the order of their pseudonyms)
 * from each one's anonymised history, which the first pass keeps for each candidate whose history still fits in
 * {@link #HELD_EVENTS} anonymised events in all ({@link #holdingAtMost}); those not released are dropped once the risk
 * is measured. The others' histories are read from the store again: memory holds one person-level row per participant
 * and a bounded number of anonymised events, never all events.
 */
@Component
public class ResearchExportBuilder {

    /** The format of every export's files; changes to what a file holds get a new number. */
    public static final String FORMAT = "journey-research-export/2";
    /** The files of an export, in the order they are listed. */
    public static final List<String> FILES = List.of(
            "events.ndjson",
            "persons.csv",
            "spells.csv",
            "outcomes.csv",
            "codebook.md",
            "codebook.json",
            "README.md",
            "manifest.json");

    /**
     * How many anonymised events the first pass keeps for the second (about 140 bytes each by a heap histogram, more
     * for an assessment's scores: some 60 MB), so that memory stays bounded whatever the study's size; the histories of
     * those that do not fit are read again.
     */
    static final long HELD_EVENTS = 400_000;

    /**
     * The kinds of events that decide whether a candidate is a member of the study and whether she is left out
     * (erased, no consent covering it, no days to observe): her enrolment, her programme entries and exits, her
     * consents and erasure, and the corrections and retractions that amend them. Each one's history is opened for
     * these first, and whole only for those who are neither left out nor outside the study: most candidates of a study
     * are left out (in the benchmark's, two in three, mostly for want of a research consent), and opening their every
     * event was most of an export's time.
     */
    static final Set<Class<? extends JourneyEvent>> DECIDING = Set.of(
            ParticipantEnrolledEvent.class,
            ProgrammeEnteredEvent.class,
            ProgrammeExitedEvent.class,
            ConsentGivenEvent.class,
            ConsentWithdrawnEvent.class,
            ParticipantErasedEvent.class,
            EventCorrectedEvent.class,
            EventRetractedEvent.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ExportHistories histories;
    private final long heldEventsLimit;
    private final int batchSize;
    private final Set<Class<? extends JourneyEvent>> deciding;

    @org.springframework.beans.factory.annotation.Autowired
    public ResearchExportBuilder(@Lazy RecordedHistories stored, JdbcClient jdbc, ErasedParticipants erased) {
        this(new ExportHistories(stored, jdbc, erased), HELD_EVENTS, InOrder.BATCH, DECIDING);
    }

    private ResearchExportBuilder(
            ExportHistories histories,
            long heldEventsLimit,
            int batchSize,
            Set<Class<? extends JourneyEvent>> deciding) {
        this.histories = histories;
        this.heldEventsLimit = heldEventsLimit;
        this.batchSize = batchSize;
        this.deciding = deciding;
    }

    /**
     * This builder, with its first pass keeping at most {@code events} anonymised events for the second (0: every
     * history is read again), reading {@code batch} histories at a time: the files are the same whatever the two,
     * only the work differs.
     */
    public ResearchExportBuilder holdingAtMost(long events, int batch) {
        if (batch < 1 || events < 0) {
            throw new IllegalArgumentException(
                    "A batch holds at least one history and no number of events is negative: " + events + ", " + batch);
        }
        return new ResearchExportBuilder(histories, events, batch, deciding);
    }

    /**
     * This builder, deciding who is left out from each one's whole history rather than from the events that decide it
     * ({@link #DECIDING}): the files are the same, only the work differs.
     */
    public ResearchExportBuilder decidingOnWholeHistories() {
        return new ResearchExportBuilder(histories, heldEventsLimit, batchSize, null);
    }

    /** Told how far the export has got: a fraction from 0 to 1 and what it is doing. */
    public interface Progress {
        void report(double fraction, String stage);
    }

    /**
     * Records the disclosure of the participants included (their platform ids), before any file is written; throws to
     * stop the export when it cannot be recorded.
     */
    public interface Disclosure {
        void disclose(List<String> participantIds);
    }

    /**
     * @param secret     the study's secret (at least 32 bytes)
     * @param asOf       histories are read as recorded at this moment (the export's start)
     * @param exportDate the day consent is judged on, and the latest day observed
     */
    public record Request(
            String exportId,
            Study study,
            byte[] secret,
            Map<String, ProgrammeType> programmeTypes,
            Instant asOf,
            LocalDate exportDate) {}

    /**
     * The export would release more re-identification risk than the study accepts: nothing was released or recorded
     * as disclosed. {@code risk} is what was measured (the manifest's {@code anonymisation.risk}).
     */
    public static final class Refused extends RuntimeException {
        private final transient DisclosureRisk.Refusal refusal;
        private final transient Map<String, Object> risk;

        Refused(DisclosureRisk.Refusal refusal, Map<String, Object> risk) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
            this.risk = risk;
        }

        public DisclosureRisk.Refusal refusal() {
            return refusal;
        }

        public Map<String, Object> risk() {
            return risk;
        }
    }

    /**
     * Someone the export was about to release was erased while it ran: nothing was released (the caller deletes what
     * was written); running it again leaves her out. The message names no one.
     */
    public static final class ErasedMeanwhile extends IllegalStateException {
        ErasedMeanwhile() {
            super("A participant was erased while the export ran, so nothing was released; run the export again (it "
                    + "will leave her out).");
        }
    }

    /** One file written, with its size and SHA-256 (hex). */
    public record FileInfo(String name, long bytes, String sha256) {}

    /** What was exported; {@code manifest} is what {@code manifest.json} holds. */
    public record Result(
            int candidates,
            int included,
            Map<String, Integer> excluded,
            Integer kAchieved,
            long events,
            long spells,
            List<FileInfo> files,
            Map<String, Object> manifest) {}

    public Result export(Request request, Path directory, Progress progress, Disclosure disclosure) {
        Study study = request.study();
        Pseudonyms pseudonyms = new Pseudonyms(request.secret());
        // the latest day anyone can be observed; each participant's own last day is her cut before it
        LocalDate commonEnd = study.periodTo().isBefore(request.exportDate()) ? study.periodTo() : request.exportDate();
        progress.report(0, "finding the study's participants");
        List<String> candidates = histories.candidates(study);
        Set<String> ledger = histories.erasureLedger();

        Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
        for (Exclusion reason : Exclusion.values()) {
            excluded.put(reason, 0);
        }
        List<DisclosureRisk.Candidate> persons = new ArrayList<>();
        Map<String, String> idOf = new TreeMap<>();
        // her real enrolment date, kept from the first pass for the outcomes' calendar window
        Map<String, LocalDate> enrolledOnOf = new java.util.HashMap<>();
        // her anonymised history, kept from the first pass while they hold at most HELD_EVENTS events in all, so that
        // the second pass reads (and decrypts) again only the histories of those beyond it
        Map<String, AnonymisedHistory.Anonymised> held = new java.util.concurrent.ConcurrentHashMap<>();
        long[] heldEvents = {0};
        int[] members = {0};
        InOrder.mapInBatches(
                candidates,
                InOrder.threads(),
                batchSize,
                batch -> {
                    // first the events that decide who is left out, then the whole histories of the others
                    Map<String, FirstLook> decided = new java.util.HashMap<>();
                    List<String> eligible = batch;
                    if (deciding != null) {
                        Map<String, RecordedHistories.RecordedHistory> read = histories.histories(
                                batch, request.asOf(), deciding, ExportHistories.PERSONAL_FIELDS_DECIDING);
                        eligible = new ArrayList<>();
                        for (String id : batch) {
                            FirstLook look = decide(
                                    id,
                                    ExportHistories.lifeOrder(read.get(id), deciding),
                                    request,
                                    pseudonyms,
                                    commonEnd,
                                    ledger);
                            if (look == FirstLook.ELIGIBLE) {
                                eligible.add(id);
                            } else {
                                decided.put(id, look); // null: no member of the study
                            }
                        }
                    }
                    Map<String, RecordedHistories.RecordedHistory> whole =
                            eligible.isEmpty() ? Map.of() : histories.histories(eligible, request.asOf(), null);
                    return batch.stream()
                            .map(id -> decided.containsKey(id)
                                    ? decided.get(id)
                                    : firstLook(
                                            id,
                                            ExportHistories.lifeOrder(whole.get(id), null),
                                            request,
                                            pseudonyms,
                                            commonEnd,
                                            ledger))
                            .toList();
                },
                (i, look) -> {
                    progress.report(
                            0.02 + 0.43 * i / candidates.size(),
                            "reading histories (" + i + " of " + candidates.size() + ")");
                    if (look == null) {
                        return;
                    }
                    members[0]++;
                    if (look.excluded() != null) {
                        excluded.merge(look.excluded(), 1, Integer::sum);
                        return;
                    }
                    persons.add(look.candidate());
                    idOf.put(look.candidate().key(), candidates.get(i));
                    enrolledOnOf.put(look.candidate().key(), look.enrolledOn());
                    if (heldEvents[0] + look.whole().events().size() <= heldEventsLimit) {
                        held.put(look.candidate().key(), look.whole());
                        heldEvents[0] += look.whole().events().size();
                    }
                });

        progress.report(0.45, "measuring the re-identification risk");
        DisclosureRisk.Plan plan = DisclosureRisk.plan(persons, study);
        if (plan.refusal().isPresent()) {
            throw new Refused(plan.refusal().get(), plan.json(study));
        }
        KAnonymity.Outcome outcome = plan.kOutcome();
        excluded.put(Exclusion.K_ANONYMITY, outcome.suppressed().size());
        excluded.put(Exclusion.DISCLOSURE_RISK, plan.historySuppressed().size());
        List<String> released = new ArrayList<>(outcome.released().keySet());
        held.keySet().retainAll(outcome.released().keySet());
        if (!released.isEmpty()) {
            disclosure.disclose(released.stream().map(idOf::get).toList());
        }

        try {
            OwnerOnly.folders(directory);
            List<FileInfo> files = new ArrayList<>();
            long lines = 0;
            long spellRows = 0;
            List<List<String>> personRows = new ArrayList<>();
            List<List<String>> outcomeRows = new ArrayList<>();
            try (ExportFiles.Digesting events = new ExportFiles.Digesting(directory.resolve("events.ndjson"));
                    ExportFiles.Digesting spells = new ExportFiles.Digesting(directory.resolve("spells.csv"))) {
                spells.csv(ExportFiles.spellHeader(study));
                long[] counted = {0, 0};
                try {
                    InOrder.mapInBatches(
                            released,
                            InOrder.threads(),
                            batchSize,
                            batch -> {
                                Map<String, List<RecordedEvent>> lifeOrders = histories.lifeOrders(
                                        batch.stream()
                                                .filter(pseudonym -> !held.containsKey(pseudonym))
                                                .map(idOf::get)
                                                .toList(),
                                        request.asOf());
                                return batch.stream()
                                        .map(pseudonym -> {
                                            AnonymisedHistory.Anonymised whole = held.remove(pseudonym);
                                            if (whole == null) {
                                                whole = AnonymisedHistory.anonymise(
                                                        idOf.get(pseudonym),
                                                        lifeOrders.get(idOf.get(pseudonym)),
                                                        study,
                                                        pseudonyms,
                                                        request.programmeTypes(),
                                                        commonEnd);
                                            }
                                            return released(
                                                    pseudonym,
                                                    whole,
                                                    study,
                                                    plan,
                                                    outcome,
                                                    enrolledOnOf.get(pseudonym));
                                        })
                                        .toList();
                            },
                            (i, history) -> {
                                progress.report(
                                        0.5 + 0.45 * i / released.size(),
                                        "writing histories (" + i + " of " + released.size() + ")");
                                for (ExportedEvent event : history.events()) {
                                    events.line(JSON.writeValueAsString(event.line(++counted[0])));
                                }
                                for (List<String> row : history.spellRows()) {
                                    spells.csv(row);
                                    counted[1]++;
                                }
                                personRows.add(history.personRow());
                                outcomeRows.add(history.outcomeRow());
                            });
                } catch (UncheckedIOException e) {
                    throw e.getCause(); // a file could not be written: said below with the directory
                }
                lines = counted[0];
                spellRows = counted[1];
                events.close();
                spells.close();
                files.add(events.info());
                files.add(spells.info());
            }
            progress.report(0.95, "writing the person table, codebook and manifest");
            try (ExportFiles.Digesting table = new ExportFiles.Digesting(directory.resolve("persons.csv"))) {
                table.csv(ExportFiles.personHeader(study));
                for (List<String> row : personRows) {
                    table.csv(row);
                }
                table.close();
                files.add(1, table.info());
            }
            try (ExportFiles.Digesting table = new ExportFiles.Digesting(directory.resolve("outcomes.csv"))) {
                table.csv(ExportFiles.outcomeHeader(study));
                for (List<String> row : outcomeRows) {
                    table.csv(row);
                }
                table.close();
                files.add(table.info());
            }
            Codebook codebook = new Codebook(study);
            files.add(ExportFiles.write(
                    directory.resolve("codebook.md"), codebook.markdown().getBytes(StandardCharsets.UTF_8)));
            files.add(ExportFiles.write(directory.resolve("codebook.json"), PRETTY.writeValueAsBytes(codebook.json())));
            files.add(ExportFiles.write(
                    directory.resolve("README.md"),
                    ExportFiles.readme(request, released.size(), plan).getBytes(StandardCharsets.UTF_8)));

            Set<String> erasedSince = new TreeSet<>(histories.erasureLedger());
            erasedSince.retainAll(idOf.values());
            if (!erasedSince.isEmpty()) {
                throw new ErasedMeanwhile();
            }
            Map<String, Integer> excludedByCode = new LinkedHashMap<>();
            excluded.forEach((reason, count) -> excludedByCode.put(reason.code(), count));
            Map<String, Object> manifest = ExportFiles.manifest(
                    request, commonEnd, members[0], released.size(), excludedByCode, plan, lines, spellRows, files);
            files.add(ExportFiles.write(directory.resolve("manifest.json"), PRETTY.writeValueAsBytes(manifest)));
            progress.report(1, "done");
            return new Result(
                    members[0],
                    released.size(),
                    excludedByCode,
                    outcome.kAchieved(),
                    lines,
                    spellRows,
                    List.copyOf(files),
                    manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("The export's files could not be written to " + directory, e);
        }
    }

    /** One released participant's lines, spells and rows, made in a thread of the export's. */
    private record Released(
            List<ExportedEvent> events,
            List<List<String>> spellRows,
            List<String> personRow,
            List<String> outcomeRow) {}

    private static Released released(
            String pseudonym,
            AnonymisedHistory.Anonymised whole,
            Study study,
            DisclosureRisk.Plan plan,
            KAnonymity.Outcome outcome,
            LocalDate enrolledOn) {
        HistoryDetail detail = plan.detail().get(pseudonym);
        AnonymisedHistory.Anonymised history = detail.reduce(whole);
        Map<QuasiIdentifier, String> values = outcome.released().get(pseudonym);
        List<Spells.Spell> herSpells = detail.releasesSpells() ? Spells.of(history.events()) : List.of();
        return new Released(
                history.events(),
                ExportFiles.spellRows(herSpells, history.shiftedEnrolment(), values),
                ExportFiles.personRow(history, values, study),
                ExportFiles.outcomeRow(
                        history,
                        values,
                        herSpells,
                        Outcomes.of(whole.events(), Spells.of(whole.events()), study, enrolledOn),
                        detail));
    }

    /**
     * What the first pass learns of one candidate, in a thread of the export's: {@code null} when she is no member of
     * the study (no journey, or no stay in its programmes and period); else why she is left out, or her candidate
     * record for the risk measures and her real enrolment date.
     */
    private record FirstLook(
            Exclusion excluded,
            DisclosureRisk.Candidate candidate,
            LocalDate enrolledOn,
            AnonymisedHistory.Anonymised whole) {
        /** Neither left out nor outside the study, so far as the events that decide it tell. */
        static final FirstLook ELIGIBLE = new FirstLook(null, null, null, null);

        static FirstLook excluded(Exclusion reason) {
            return new FirstLook(reason, null, null, null);
        }
    }

    /**
     * Whether she is a member of the study and left out, from her history in life order, whole or of the events
     * {@link #DECIDING} it (which give the same answer): {@code null} when she is no member, why she is left out, or
     * {@link FirstLook#ELIGIBLE}.
     */
    private static FirstLook decide(
            String id,
            List<RecordedEvent> lifeOrder,
            Request request,
            Pseudonyms pseudonyms,
            LocalDate commonEnd,
            Set<String> ledger) {
        Study study = request.study();
        if (lifeOrder.isEmpty()) {
            return null;
        }
        AnonymisedHistory.Facts facts =
                AnonymisedHistory.facts(id, lifeOrder, study, pseudonyms, request.programmeTypes(), commonEnd);
        if (!facts.member()) {
            return null;
        }
        JourneyState state = JourneyHistory.fold(lifeOrder);
        if (state.erased() || ledger.contains(id)) {
            return FirstLook.excluded(Exclusion.ERASED);
        }
        var byConsent = Exclusion.byConsent(state.consents().values(), study.consentScope(), request.exportDate());
        if (byConsent.isPresent()) {
            return FirstLook.excluded(byConsent.get());
        }
        if (AnonymisedHistory.window(facts.enrolledOn(), study, pseudonyms, id, commonEnd) == null) {
            return FirstLook.excluded(Exclusion.NO_FOLLOW_UP);
        }
        return FirstLook.ELIGIBLE;
    }

    private FirstLook firstLook(
            String id,
            List<RecordedEvent> lifeOrder,
            Request request,
            Pseudonyms pseudonyms,
            LocalDate commonEnd,
            Set<String> ledger) {
        Study study = request.study();
        FirstLook decided = decide(id, lifeOrder, request, pseudonyms, commonEnd, ledger);
        if (decided != FirstLook.ELIGIBLE) {
            return decided;
        }
        AnonymisedHistory.Facts facts =
                AnonymisedHistory.facts(id, lifeOrder, study, pseudonyms, request.programmeTypes(), commonEnd);
        String pseudonym = pseudonyms.participant(id);
        AnonymisedHistory.Anonymised anonymised =
                AnonymisedHistory.anonymise(id, lifeOrder, study, pseudonyms, request.programmeTypes(), commonEnd);
        List<ExportedEvent> full = anonymised.events();
        // her outcome runs over her whole observation at every level (outcomes.csv): counted with each
        Outcomes.FollowUp followUp = Outcomes.of(full, Spells.of(full), study, facts.enrolledOn());
        Map<HistoryDetail, String> signatures = new EnumMap<>(HistoryDetail.class);
        Map<HistoryDetail, Long> ends = new EnumMap<>(HistoryDetail.class);
        Set<HistoryDetail> cut = java.util.EnumSet.noneOf(HistoryDetail.class);
        long fullEnd = full.get(full.size() - 1).day();
        for (HistoryDetail level : HistoryDetail.values()) {
            List<ExportedEvent> reduced = level.reduce(full);
            Outcomes.FollowUp released = level.followUp(followUp);
            String signature = HistoryDetail.signature(reduced) + level.followUpSignature(released);
            // 128 bits of its SHA-256 stand for a signature: equal histories stay equal, memory stays small
            signatures.put(
                    level,
                    ExportFiles.sha256(signature.getBytes(StandardCharsets.UTF_8))
                            .substring(0, 32));
            // days at risk from a released exit day to the end of her observation give her last day away, whatever
            // the level (without the exit day, they tell someone who knows her nothing about other records)
            long end = released != null
                            && !released.returned()
                            && released.exitDay() != null
                            && released.exitDay() + released.daysAtRisk() == fullEnd
                    ? fullEnd
                    : reduced.get(reduced.size() - 1).day();
            ends.put(level, end);
            if (end != fullEnd) {
                cut.add(level);
            }
        }
        // someone who knows her enrolment date knows her last day of observation is the common end less her
        // follow-up cut (0 to 182 days): that narrows down which records could be hers
        long toCommonEnd = java.time.temporal.ChronoUnit.DAYS.between(facts.enrolledOn(), commonEnd);
        long beforePeriod = java.time.temporal.ChronoUnit.DAYS.between(facts.enrolledOn(), study.periodFrom());
        DisclosureRisk.Candidate candidate = new DisclosureRisk.Candidate(
                pseudonym,
                facts.quasiIdentifiers(),
                signatures,
                ends,
                cut,
                study.granularity().release(toCommonEnd - Pseudonyms.MAX_OFFSET_DAYS),
                study.granularity().release(toCommonEnd),
                // her released enrolment date, and the dates it could be for someone who knows her real one
                anonymised.shiftedEnrolment() == null
                        ? null
                        : anonymised.shiftedEnrolment().toEpochDay(),
                study.granularity()
                        .release(facts.enrolledOn().minusDays(Pseudonyms.MAX_OFFSET_DAYS))
                        .toEpochDay(),
                study.granularity()
                        .release(facts.enrolledOn().plusDays(Pseudonyms.MAX_OFFSET_DAYS))
                        .toEpochDay(),
                // her first day of observation: day 0 when she was enrolled in the period; else the period's first
                // day plus 182 days less her follow-up cut, which her enrolment date places in a window of 183 days
                anonymised.observationStartDay(),
                facts.enrolledOn().isBefore(study.periodFrom())
                        ? study.granularity().release(beforePeriod)
                        : 0,
                facts.enrolledOn().isBefore(study.periodFrom())
                        ? study.granularity().release(beforePeriod + Pseudonyms.MAX_OFFSET_DAYS)
                        : 0);
        return new FirstLook(null, candidate, facts.enrolledOn(), anonymised);
    }

    /**
     * Whether a participant an export released has since left it: she was erased (in her record or in the erasure
     * ledger); or, by her record as it stands now, no consent of the study's scope covered her on the export's date
     * ({@code exportDate}: a consent retracted, or corrected to another scope, kind or an earlier expiry, was never a
     * consent to this study); or her research consent for the study's scope was withdrawn on or before {@code day},
     * or is gone, and no new one covers that day. The same consent rule as the export's own
     * ({@link Exclusion#byConsent}); a consent that merely expired after the export does not withdraw what was
     * released while it held.
     */
    public java.util.Optional<Exclusion> withdrawnSince(
            String participantId, Study study, Instant now, LocalDate exportDate, LocalDate day) {
        boolean inLedger = histories.inErasureLedger(participantId);
        List<RecordedEvent> lifeOrder = histories.lifeOrder(participantId, now);
        if (inLedger || lifeOrder.isEmpty()) {
            return java.util.Optional.of(Exclusion.ERASED);
        }
        JourneyState state = JourneyHistory.fold(lifeOrder);
        if (state.erased()) {
            return java.util.Optional.of(Exclusion.ERASED);
        }
        var then = Exclusion.byConsent(state.consents().values(), study.consentScope(), exportDate);
        if (then.isPresent()) {
            return then;
        }
        return Exclusion.byConsent(state.consents().values(), study.consentScope(), day)
                .filter(reason -> reason == Exclusion.WITHDRAWN || reason == Exclusion.NO_CONSENT);
    }
}
