package org.journeyplatform.projections.research;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.projections.research.ResearchExportBuilder.FileInfo;
import org.journeyplatform.projections.research.ResearchExportBuilder.Request;

/**
 * The files of a research export: the person and spell tables' headers and rows, CSV quoting, the manifest, and files
 * written with their size and SHA-256. Nothing here decides who is released.
 */
final class ExportFiles {

    private ExportFiles() {}

    static List<String> personHeader(Study study) {
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
        return header;
    }

    static List<String> personRow(
            AnonymisedHistory.Anonymised history, Map<QuasiIdentifier, String> values, Study study) {
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
        return row;
    }

    static List<String> spellHeader(Study study) {
        List<String> header =
                new ArrayList<>(List.of("participant", "spell", "state", "programme", "start_day", "end_day"));
        if (study.dateMode() == DateMode.SHIFTED) {
            header.addAll(List.of("start_on", "end_on"));
        }
        header.addAll(List.of(
                "duration_days",
                "start_reason",
                "end_reason",
                "left_truncated",
                "censored",
                "exit_reason",
                "relapse_kind",
                "first_of_state"));
        study.quasiIdentifiers().forEach(q -> header.add(q.column()));
        return header;
    }

    /**
     * Her spells' rows: each with the reasons at its ends, whether it is her first of its state, and her released
     * quasi-identifiers joined in (the same values as in persons.csv).
     */
    static List<List<String>> spellRows(
            List<Spells.Spell> spells, LocalDate shiftedEnrolment, Map<QuasiIdentifier, String> values) {
        List<List<String>> rows = new ArrayList<>();
        java.util.Set<Spells.State> seen = java.util.EnumSet.noneOf(Spells.State.class);
        for (Spells.Spell spell : spells) {
            List<String> row = spellRow(spell, shiftedEnrolment);
            row.add(spell.exitReason() == null ? "" : spell.exitReason());
            row.add(spell.relapseKind() == null ? "" : spell.relapseKind());
            row.add(seen.add(spell.state()) ? "1" : "0");
            row.addAll(values.values());
            rows.add(row);
        }
        return rows;
    }

    static List<String> outcomeHeader(Study study) {
        List<String> header = new ArrayList<>(List.of("participant"));
        study.quasiIdentifiers().forEach(q -> header.add(q.column()));
        header.addAll(List.of(
                "observation_start_day",
                "observation_end_day",
                "history_detail",
                "stays",
                "relapses",
                "followed_up",
                "exit_day",
                "exit_reason",
                "return_day",
                "returned",
                "days_at_risk",
                "followed_10_months",
                "returned_within_10_months"));
        return header;
    }

    /** Her one row of outcomes.csv: who, her counts, and her follow-up after leaving ({@link Outcomes}). */
    static List<String> outcomeRow(
            AnonymisedHistory.Anonymised history,
            Map<QuasiIdentifier, String> values,
            List<Spells.Spell> spells,
            Outcomes.FollowUp followUp,
            HistoryDetail detail) {
        List<String> row = new ArrayList<>(List.of(history.participant()));
        row.addAll(values.values());
        row.add(Long.toString(history.observationStartDay()));
        row.add(Long.toString(history.observationEndDay()));
        row.add(detail.name());
        row.add(Long.toString(spells.stream()
                .filter(s -> s.state() == Spells.State.IN_PROGRAMME)
                .count()));
        row.add(Long.toString(history.events().stream()
                .filter(e -> e.type().equals(org.journeyplatform.domain.journey.event.RelapseRecordedEvent.NAME))
                .count()));
        followUp = detail.followUp(followUp);
        if (followUp == null) {
            row.addAll(List.of("0", "", "", "", "", "", "", ""));
        } else {
            row.add("1");
            row.add(followUp.exitDay() == null ? "" : Long.toString(followUp.exitDay()));
            row.add(followUp.exitReason());
            row.add(followUp.returnDay() == null ? "" : Long.toString(followUp.returnDay()));
            row.add(followUp.returned() ? "1" : "0");
            row.add(Long.toString(followUp.daysAtRisk()));
            row.add(followUp.followedTenMonths() ? "1" : "0");
            row.add(followUp.returnedWithinTenMonths() ? "1" : "0");
        }
        return row;
    }

    static List<String> spellRow(Spells.Spell spell, LocalDate shiftedEnrolment) {
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

    static Map<String, Object> manifest(
            Request request,
            LocalDate commonEnd,
            int candidates,
            int included,
            Map<String, Integer> excluded,
            DisclosureRisk.Plan plan,
            long events,
            long spells,
            List<FileInfo> files) {
        Study study = request.study();
        KAnonymity.Outcome outcome = plan.kOutcome();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", ResearchExportBuilder.FORMAT);
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
        studyJson.put("timeGranularity", study.granularity().name());
        studyJson.put("displacementDays", study.displacementDays());
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
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("granularity", study.granularity().name());
        time.put("released", study.granularity().description());
        time.put("displacementDays", study.displacementDays());
        time.put(
                "displacement",
                study.displacementDays() == 0
                        ? "none: every day is her event's own (before rounding)"
                        : "each event's day moved by its own draw of up to " + study.displacementDays()
                                + " days earlier or later (per study and participant, from the study secret), kept "
                                + "inside her observation and never before the event before it, then rounded; her "
                                + "enrolment and the ends of her observation are not moved");
        anonymisation.put("time", time);
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
                            step.put(
                                    "why",
                                    g.consistency()
                                            ? "so that every released value of the column is at one level"
                                            : "they were in groups of fewer than " + study.k() + " participants");
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
        anonymisation.put("risk", plan.json(study));
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

    /**
     * {@code README.md}: what the export is, its files, what was done to protect the people in it, and the terms a
     * researcher accepts by using it. Written for every export, so the terms travel with every copy.
     */
    static String readme(Request request, int included, DisclosureRisk.Plan plan) {
        Study study = request.study();
        String k = Integer.toString(study.k());
        return "# Research export " + request.exportId() + "\n\n"
                + "Study: " + study.title() + " (`" + study.studyId() + "`), ethics approval "
                + study.ethicsApprovalReference() + ", approved until " + study.expiresOn() + ". Made on "
                + request.exportDate() + ". Format `" + ResearchExportBuilder.FORMAT + "`.\n\n"
                + "These are the journeys of " + included + " women who left, or are leaving, street-based sex trade, "
                + "drug use or abusive, coercively controlling relationships, and who gave their consent to research "
                + "of this kind. A relapse or a return is a fact of a journey, not a failure. Handle every record as "
                + "you would want your own handled.\n\n"
                + "## Files\n\n"
                + "| File | What |\n|---|---|\n"
                + "| `events.ndjson` | Anonymised events, one JSON object per line, each participant's in life order. |\n"
                + "| `persons.csv` | One row per participant: her pseudonym, the study's quasi-identifiers, her "
                + "observation window. |\n"
                + "| `spells.csv` | Spells in and out of the study's programmes, ready for survival analysis. |\n"
                + "| `outcomes.csv` | One row per participant: her follow-up after leaving by the dashboard's "
                + "definitions (the median time to a first return: the Kaplan-Meier median of days_at_risk with "
                + "returned as the event; the ten-month return share: the sum of returned_within_10_months over the "
                + "sum of followed_10_months). |\n"
                + "| `codebook.md`, `codebook.json` | Every column, event type and value. |\n"
                + "| `manifest.json` | Counts, what was done to protect the people in it, the re-identification risk "
                + "measured, and the SHA-256 of every file. Check the files against it first. |\n\n"
                + "## What was done\n\n"
                + "No names, real dates, free text, staff or platform ids. Time values: "
                + study.granularity().description()
                + (study.displacementDays() > 0
                        ? ", each event first moved by up to " + study.displacementDays() + " days, keeping their order"
                        : "")
                + ". Person table k-anonymous with k = " + k + ". Re-identification risk (prosecutor model, person "
                + "row and history together): " + percent(plan.combined().uniqueShare()) + " of records unique, "
                + "average risk " + percent(plan.combined().averageRisk()) + ". Histories that would have stood out "
                + "were cut short (see `anonymisation.risk.historyDetail` in the manifest: later spells of those "
                + "women are censored where their history ends), and "
                + (plan.historySuppressed().size()
                        + plan.kOutcome().suppressed().size())
                + " participants were left out to keep the risk within the study's limits and k. "
                + (plan.levels().get(HistoryDetail.FIRST_STAY) + plan.levels().get(HistoryDetail.FIRST_STAY_POOLED))
                + " of the " + included + " histories end at the woman's first exit (history_detail FIRST_STAY or "
                + "FIRST_STAY_POOLED in outcomes.csv), and " + plan.levels().get(HistoryDetail.FOLLOW_UP_ONLY)
                + " are withheld (FOLLOW_UP_ONLY: no events, no spells). Every woman's follow-up after leaving in "
                + "outcomes.csv still runs over her whole observation, so the median time to a first return and the "
                + "ten-month share computed from it are the dashboard's definitions applied to the women released; "
                + "for a history cut short or withheld it ends after a year (360 days), the same horizon for "
                + "everyone. "
                + plan.levels().entrySet().stream()
                        .filter(level -> level.getKey().compareTo(HistoryDetail.SPELL_REASONS) >= 0)
                        .mapToInt(Map.Entry::getValue)
                        .sum()
                + " histories carry fewer event fields (history_detail SPELL_REASONS and after: no re-entry flags, "
                + "relapse severity or support; from SPELL_OUTCOMES on, exit reasons other than "
                + "RETURNED_TO_SEX_TRADE, TRANSFERRED and DIED and every relapse kind read WITHHELD; in "
                + plan.levels().get(HistoryDetail.FIRST_STAY_POOLED)
                + " (FIRST_STAY_POOLED) her programmes read WITHHELD-1, WITHHELD-2, ...). How this affects "
                + "an analysis is in the platform's research guide "
                + "(docs/research.md, \"Disclosure risk\").\n\n"
                + "## Terms of use\n\n"
                + "By opening these files you accept, for yourself and everyone you share them with in the study "
                + "team:\n\n"
                + "1. Use them only for this study, under its ethics approval, and only until " + study.expiresOn()
                + "; then delete every copy, and every data set derived from them.\n"
                + "2. Never try to find out who anyone is, and never link these records with other data about the "
                + "same people: not with other exports, records, registers or anything you know of them.\n"
                + "3. Keep them on encrypted storage that only the study team can open. Do not send, share or "
                + "publish them.\n"
                + "4. Publish only aggregate results: no figure, table cell or curve step based on fewer than " + k
                + " participants, and never an individual history, spell, quotation or case description.\n"
                + "5. When the platform tells you that this export is withdrawn (its status is `WITHDRAWN`: someone "
                + "it released withdrew her consent or was erased), delete every copy and derived data set at once, "
                + "and use a new export.\n"
                + "6. If you come to think that anyone in these files could be recognised, stop, tell the "
                + "platform's data controller at once, and do not act on it.\n";
    }

    /** A share as the README says it: from the value the manifest gives (rounded to 4 places), so both agree. */
    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", DisclosureRisk.round(share) * 100);
    }

    static FileInfo write(Path file, byte[] bytes) throws IOException {
        OwnerOnly.write(file, bytes);
        return new FileInfo(file.getFileName().toString(), bytes.length, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DIGESTS.get().digest(bytes));
    }

    /** One digest per thread, reset by each {@code digest}: an export hashes several signatures of every history. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(ExportFiles::digest);

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** A UTF-8 text file whose SHA-256 is computed as it is written. */
    static final class Digesting implements AutoCloseable {
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
                if (plain(value)) {
                    row.append(value);
                } else {
                    row.append('"').append(value.replace("\"", "\"\"")).append('"');
                }
            }
            line(row.toString());
        }

        /** Whether a cell needs no quotes: it holds no quote, comma, CR or LF (a scan, not a pattern: every cell). */
        private static boolean plain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == ',' || c == '\r' || c == '\n') {
                    return false;
                }
            }
            return true;
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
