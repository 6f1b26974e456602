package org.journeyplatform.projections.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.journeyplatform.domain.journey.JourneyHistory;
import org.journeyplatform.domain.journey.JourneyState;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds one research export of a study (docs/research.md): finds the participants of the study's programmes and
 * period, leaves out those who were erased or whose research consent does not cover the study on the export date,
 * makes the person-level table k-anonymous, records the disclosure (through the caller), and writes
 * {@code events.ndjson}, {@code persons.csv}, {@code spells.csv}, {@code codebook.md}, {@code codebook.json} and
 * {@code manifest.json} into a directory.
 * <p>
 * Histories are read from the event store as recorded at the export's start ({@code asOf}), folded with the journey's
 * own rules ({@link JourneyHistory}). They are read twice, so that memory holds one person-level row per participant,
 * never all events: once to decide who is included, once (only those included, in the order of their pseudonyms) to
 * write the files.
 */
@Component
public class ResearchExportBuilder {

    /** A CSV value written as it is: no quote, comma or line break (compiled once: it is asked of every cell). */
    private static final Pattern PLAIN_CELL = Pattern.compile("[^\",\\r\\n]*");

    /** The format of every export's files; changes to what a file holds get a new number. */
    public static final String FORMAT = "journey-research-export/1";
    /** The files of an export, in the order they are listed. */
    public static final List<String> FILES =
            List.of("events.ndjson", "persons.csv", "spells.csv", "codebook.md", "codebook.json", "manifest.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EventStore eventStore;
    private final JdbcClient jdbc;

    public ResearchExportBuilder(@Lazy EventStore eventStore, JdbcClient jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
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
        List<String> candidates = candidates(study);
        Set<String> ledger = erasureLedger();

        Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
        for (Exclusion reason : Exclusion.values()) {
            excluded.put(reason, 0);
        }
        List<KAnonymity.Person> persons = new ArrayList<>();
        Map<String, String> idOf = new TreeMap<>();
        int members = 0;
        for (int i = 0; i < candidates.size(); i++) {
            progress.report(
                    0.02 + 0.43 * i / candidates.size(), "reading histories (" + i + " of " + candidates.size() + ")");
            String id = candidates.get(i);
            List<RecordedEvent> lifeOrder = lifeOrder(id, request.asOf());
            if (lifeOrder.isEmpty()) {
                continue;
            }
            AnonymisedHistory.Facts facts =
                    AnonymisedHistory.facts(id, lifeOrder, study, pseudonyms, request.programmeTypes(), commonEnd);
            if (!facts.member()) {
                continue;
            }
            members++;
            JourneyState state = JourneyHistory.fold(lifeOrder);
            if (state.erased() || ledger.contains(id)) {
                excluded.merge(Exclusion.ERASED, 1, Integer::sum);
                continue;
            }
            var byConsent = Exclusion.byConsent(state.consents().values(), study.consentScope(), request.exportDate());
            if (byConsent.isPresent()) {
                excluded.merge(byConsent.get(), 1, Integer::sum);
                continue;
            }
            if (AnonymisedHistory.window(facts.enrolledOn(), study, pseudonyms, id, commonEnd) == null) {
                excluded.merge(Exclusion.NO_FOLLOW_UP, 1, Integer::sum);
                continue;
            }
            String pseudonym = pseudonyms.participant(id);
            persons.add(new KAnonymity.Person(pseudonym, facts.quasiIdentifiers()));
            idOf.put(pseudonym, id);
        }

        progress.report(0.45, "checking k-anonymity");
        KAnonymity.Outcome outcome = KAnonymity.apply(persons, study.quasiIdentifiers(), study.k());
        excluded.put(Exclusion.K_ANONYMITY, outcome.suppressed().size());
        List<String> released = new ArrayList<>(outcome.released().keySet());
        if (!released.isEmpty()) {
            disclosure.disclose(released.stream().map(idOf::get).toList());
        }

        try {
            OwnerOnly.folders(directory);
            List<FileInfo> files = new ArrayList<>();
            long lines = 0;
            long spellRows = 0;
            List<List<String>> personRows = new ArrayList<>();
            boolean shifted = study.dateMode() == DateMode.SHIFTED;
            try (Digesting events = new Digesting(directory.resolve("events.ndjson"));
                    Digesting spells = new Digesting(directory.resolve("spells.csv"))) {
                spells.csv(spellHeader(shifted));
                for (int i = 0; i < released.size(); i++) {
                    progress.report(
                            0.5 + 0.45 * i / released.size(),
                            "writing histories (" + i + " of " + released.size() + ")");
                    String pseudonym = released.get(i);
                    String id = idOf.get(pseudonym);
                    AnonymisedHistory.Anonymised history = AnonymisedHistory.anonymise(
                            id, lifeOrder(id, request.asOf()), study, pseudonyms, request.programmeTypes(), commonEnd);
                    for (ExportedEvent event : history.events()) {
                        events.line(JSON.writeValueAsString(event.line(++lines)));
                    }
                    List<Spells.Spell> herSpells = Spells.of(history.events());
                    for (Spells.Spell spell : herSpells) {
                        spells.csv(spellRow(spell, history.shiftedEnrolment()));
                        spellRows++;
                    }
                    personRows.add(personRow(history, outcome.released().get(pseudonym), study, herSpells));
                }
                events.close();
                spells.close();
                files.add(events.info());
                files.add(spells.info());
            }
            progress.report(0.95, "writing the person table, codebook and manifest");
            try (Digesting table = new Digesting(directory.resolve("persons.csv"))) {
                table.csv(personHeader(study));
                for (List<String> row : personRows) {
                    table.csv(row);
                }
                table.close();
                files.add(1, table.info());
            }
            Codebook codebook = new Codebook(study);
            files.add(
                    write(directory.resolve("codebook.md"), codebook.markdown().getBytes(StandardCharsets.UTF_8)));
            files.add(write(directory.resolve("codebook.json"), PRETTY.writeValueAsBytes(codebook.json())));

            Set<String> erasedSince = new TreeSet<>(erasureLedger());
            erasedSince.retainAll(idOf.values());
            if (!erasedSince.isEmpty()) {
                throw new IllegalStateException("A participant was erased while the export ran; run it again.");
            }
            Map<String, Integer> excludedByCode = new LinkedHashMap<>();
            excluded.forEach((reason, count) -> excludedByCode.put(reason.code(), count));
            Map<String, Object> manifest = manifest(
                    request, commonEnd, members, released.size(), excludedByCode, outcome, lines, spellRows, files);
            files.add(write(directory.resolve("manifest.json"), PRETTY.writeValueAsBytes(manifest)));
            progress.report(1, "done");
            return new Result(
                    members,
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

    /** Everyone with an entry into one of the study's programmes: as recorded, or as corrected (dashboard facts). */
    private List<String> candidates(Study study) {
        List<String> programmes = List.copyOf(study.programmeIds());
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE payload_type = :entered
                           AND convert_from(payload, 'UTF8')::jsonb ->> 'programmeId' IN (:programmes)
                        UNION
                        SELECT participant_id FROM dashboard_fact
                         WHERE kind = 'ENTERED' AND programme_id IN (:programmes)
                        ORDER BY 1""")
                .param("entered", ProgrammeEnteredEvent.class.getName())
                .param("programmes", programmes)
                .query(String.class)
                .list();
    }

    /**
     * Whether a participant an export released has since left it: she was erased (in her record or in the erasure
     * ledger), or her research consent for the study's scope was withdrawn on or before {@code day} and no new one
     * covers that day. The same consent rule as the export's own ({@link Exclusion#byConsent}); a consent that merely
     * expired does not withdraw what was released while it held.
     */
    public java.util.Optional<Exclusion> withdrawnSince(String participantId, Study study, Instant now, LocalDate day) {
        boolean inLedger = jdbc.sql("SELECT count(*) FROM keystore.erasure_ledger WHERE participant_id = ?")
                        .param(participantId)
                        .query(Long.class)
                        .single()
                > 0;
        List<RecordedEvent> lifeOrder = lifeOrder(participantId, now);
        if (inLedger || lifeOrder.isEmpty()) {
            return java.util.Optional.of(Exclusion.ERASED);
        }
        JourneyState state = JourneyHistory.fold(lifeOrder);
        if (state.erased()) {
            return java.util.Optional.of(Exclusion.ERASED);
        }
        return Exclusion.byConsent(state.consents().values(), study.consentScope(), day)
                .filter(reason -> reason == Exclusion.WITHDRAWN);
    }

    private Set<String> erasureLedger() {
        return new TreeSet<>(jdbc.sql("SELECT participant_id FROM keystore.erasure_ledger")
                .query(String.class)
                .list());
    }

    /** Her effective history as recorded at {@code asOf}, in life order; empty when she is no journey. */
    private List<RecordedEvent> lifeOrder(String participantId, Instant asOf) {
        List<RecordedEvent> history = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(participantId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getTimestamp().isAfter(asOf)) {
                break;
            }
            if (message.getPayload() instanceof JourneyEvent event) {
                history.add(new RecordedEvent(message.getIdentifier(), message.getSequenceNumber(), event));
            }
        }
        if (history.isEmpty() || !(history.get(0).event() instanceof ParticipantEnrolledEvent)) {
            return List.of();
        }
        return JourneyHistory.effective(history).stream()
                .sorted(RecordedEvent.LIFE_ORDER)
                .toList();
    }

    private static List<String> personHeader(Study study) {
        List<String> header = new ArrayList<>(List.of("participant"));
        study.quasiIdentifiers().forEach(q -> header.add(q.column()));
        boolean shifted = study.dateMode() == DateMode.SHIFTED;
        if (shifted) {
            header.add("enrolled_on");
        }
        header.addAll(List.of("observation_start_day", "observation_end_day"));
        if (shifted) {
            header.addAll(List.of("observation_start_on", "observation_end_on"));
        }
        header.addAll(List.of("events", "stays", "relapses"));
        return header;
    }

    private static List<String> personRow(
            AnonymisedHistory.Anonymised history,
            Map<QuasiIdentifier, String> values,
            Study study,
            List<Spells.Spell> spells) {
        List<String> row = new ArrayList<>(List.of(history.participant()));
        study.quasiIdentifiers().forEach(q -> row.add(values.get(q)));
        LocalDate enrolled = history.shiftedEnrolment();
        if (enrolled != null) {
            row.add(enrolled.toString());
        }
        row.add(Long.toString(history.observationStartDay()));
        row.add(Long.toString(history.observationEndDay()));
        if (enrolled != null) {
            row.add(enrolled.plusDays(history.observationStartDay()).toString());
            row.add(enrolled.plusDays(history.observationEndDay()).toString());
        }
        long events = history.events().stream()
                .filter(e -> !e.type().startsWith("observation-"))
                .count();
        long stays = spells.stream()
                .filter(s -> s.state() == Spells.State.IN_PROGRAMME)
                .count();
        long relapses = history.events().stream()
                .filter(e -> e.type().equals(RelapseRecordedEvent.NAME))
                .count();
        row.addAll(List.of(Long.toString(events), Long.toString(stays), Long.toString(relapses)));
        return row;
    }

    private static List<String> spellHeader(boolean shifted) {
        List<String> header =
                new ArrayList<>(List.of("participant", "spell", "state", "programme", "start_day", "end_day"));
        if (shifted) {
            header.addAll(List.of("start_on", "end_on"));
        }
        header.addAll(List.of("duration_days", "start_reason", "end_reason", "left_truncated", "censored"));
        return header;
    }

    private static List<String> spellRow(Spells.Spell spell, LocalDate shiftedEnrolment) {
        List<String> row = new ArrayList<>(List.of(
                spell.participant(),
                Integer.toString(spell.number()),
                spell.state().name(),
                spell.programme() == null ? "" : spell.programme(),
                Long.toString(spell.startDay()),
                Long.toString(spell.endDay())));
        if (shiftedEnrolment != null) {
            row.add(shiftedEnrolment.plusDays(spell.startDay()).toString());
            row.add(shiftedEnrolment.plusDays(spell.endDay()).toString());
        }
        row.addAll(List.of(
                Long.toString(spell.durationDays()),
                spell.startReason(),
                spell.endReason(),
                spell.leftTruncated() ? "1" : "0",
                spell.censored() ? "1" : "0"));
        return row;
    }

    private static Map<String, Object> manifest(
            Request request,
            LocalDate commonEnd,
            int candidates,
            int included,
            Map<String, Integer> excluded,
            KAnonymity.Outcome outcome,
            long events,
            long spells,
            List<FileInfo> files) {
        Study study = request.study();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("exportId", request.exportId());
        manifest.put("exportedAt", request.asOf().toString());
        manifest.put("exportDate", request.exportDate().toString());
        Map<String, Object> studyJson = new LinkedHashMap<>();
        studyJson.put("studyId", study.studyId());
        studyJson.put("title", study.title());
        studyJson.put("ethicsApprovalReference", study.ethicsApprovalReference());
        studyJson.put("periodFrom", study.periodFrom().toString());
        studyJson.put("periodTo", study.periodTo().toString());
        studyJson.put("consentScope", study.consentScope());
        studyJson.put("dateMode", study.dateMode().name());
        studyJson.put(
                "quasiIdentifiers",
                study.quasiIdentifiers().stream().map(Enum::name).toList());
        studyJson.put("k", study.k());
        studyJson.put("expiresOn", study.expiresOn().toString());
        manifest.put("study", studyJson);
        manifest.put("latestObservationDay", commonEnd.toString());
        Map<String, Object> participants = new LinkedHashMap<>();
        participants.put("candidates", candidates);
        participants.put("included", included);
        participants.put("excluded", excluded);
        manifest.put("participants", participants);
        manifest.put("events", events);
        manifest.put("spells", spells);

        Map<String, Object> anonymisation = new LinkedHashMap<>();
        anonymisation.put(
                "pseudonyms",
                "HMAC-SHA256 keyed with the study's own secret: stable across exports of "
                        + "this study, unlinkable between studies");
        anonymisation.put(
                "dates",
                study.dateMode() == DateMode.SHIFTED
                        ? "shifted per participant by up to 182 days earlier or later (derived from the study secret); "
                                + "intervals exact; day numbers since enrolment"
                        : "days since her enrolment only; no calendar dates");
        anonymisation.put(
                "followUp",
                "each participant's follow-up ends 0 to 182 days (her own cut, derived from "
                        + "the study secret) before " + commonEnd
                        + "; when it would begin on the study's first day, it "
                        + "begins 182 minus that many days later; so no end of it is a day everyone knows");
        anonymisation.put("removed", Codebook.NEVER_EXPORTED);
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("k", study.k());
        k.put("kAchieved", outcome.kAchieved());
        k.put("groups", outcome.groups());
        k.put(
                "quasiIdentifiers",
                study.quasiIdentifiers().stream().map(Enum::name).toList());
        k.put(
                "generalised",
                outcome.generalisations().stream()
                        .map(g -> {
                            Map<String, Object> step = new LinkedHashMap<>();
                            step.put("quasiIdentifier", g.quasiIdentifier().name());
                            step.put("level", g.level());
                            step.put("releasedAs", g.releasedAs());
                            step.put("participants", g.participants());
                            step.put("why", "they were in groups of fewer than " + study.k() + " participants");
                            return step;
                        })
                        .toList());
        Map<String, Object> suppressed = new LinkedHashMap<>();
        suppressed.put("participants", outcome.suppressed().size());
        suppressed.put(
                "why",
                "still in a group of fewer than " + study.k() + " participants after every "
                        + "generalisation; left out of every file");
        k.put("suppressed", suppressed);
        anonymisation.put("kAnonymity", k);
        manifest.put("anonymisation", anonymisation);
        manifest.put(
                "files",
                files.stream()
                        .map(f -> {
                            Map<String, Object> file = new LinkedHashMap<>();
                            file.put("name", f.name());
                            file.put("bytes", f.bytes());
                            file.put("sha256", f.sha256());
                            return file;
                        })
                        .toList());
        return manifest;
    }

    private static FileInfo write(Path file, byte[] bytes) throws IOException {
        OwnerOnly.write(file, bytes);
        return new FileInfo(file.getFileName().toString(), bytes.length, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** A UTF-8 text file whose SHA-256 is computed as it is written. */
    private static final class Digesting implements AutoCloseable {
        private final Path path;
        private final MessageDigest digest = digest();
        private final Writer writer;
        private boolean closed;

        Digesting(Path path) throws IOException {
            this.path = path;
            OutputStream out = new DigestOutputStream(OwnerOnly.newFile(path), digest);
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        void line(String text) throws IOException {
            writer.write(text);
            writer.write('\n');
        }

        /** A CSV row (RFC 4180 quoting where needed; lines end in LF). */
        void csv(List<String> values) throws IOException {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i) == null ? "" : values.get(i);
                if (i > 0) {
                    row.append(',');
                }
                row.append(PLAIN_CELL.matcher(value).matches() ? value : '"' + value.replace("\"", "\"\"") + '"');
            }
            line(row.toString());
        }

        FileInfo info() throws IOException {
            return new FileInfo(
                    path.getFileName().toString(),
                    Files.size(path),
                    HexFormat.of().formatHex(digest.digest()));
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                writer.close();
            }
        }
    }
}
