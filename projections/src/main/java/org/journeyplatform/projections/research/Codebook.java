package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.journeyplatform.domain.journey.ExitReason;
import org.journeyplatform.domain.journey.HelperKind;
import org.journeyplatform.domain.journey.MilestoneType;
import org.journeyplatform.domain.journey.PeerSessionKind;
import org.journeyplatform.domain.journey.ProtectionOrderKind;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.RelapseKind;
import org.journeyplatform.domain.journey.RelapseSeverity;
import org.journeyplatform.domain.journey.ReunificationPlanClosureReason;
import org.journeyplatform.domain.journey.ReunificationStep;
import org.journeyplatform.domain.journey.StepDirection;
import org.journeyplatform.domain.journey.SupportKind;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalDroppedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ModuleAttendedEvent;
import org.journeyplatform.domain.journey.event.ModuleCompletedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.ProtectionOrderNotedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanClosedEvent;
import org.journeyplatform.domain.journey.event.ReunificationPlanOpenedEvent;
import org.journeyplatform.domain.journey.event.ReunificationStepRecordedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanCreatedEvent;
import org.journeyplatform.domain.journey.event.SafetyPlanReviewedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperAddedEvent;
import org.journeyplatform.domain.journey.event.SupportNetworkHelperRemovedEvent;
import org.journeyplatform.domain.programme.ProgrammeType;

/**
 * The data dictionary of an export: every file, every column and every event field, with its type, its values and
 * what it means, for the study's date mode and quasi-identifiers. Written twice, as {@code codebook.json} (for
 * programs) and {@code codebook.md} (for people), from the same description.
 */
public final class Codebook {

    /** One column of a table or field of an event. {@code values} lists the codes it can hold, when it is coded. */
    public record Field(String name, String type, String description, List<String> values) {

        Field(String name, String type, String description) {
            this(name, type, description, List.of());
        }
    }

    /** One kind of event in {@code events.ndjson}, with its own fields (after the common ones). */
    public record EventType(String type, String description, List<Field> fields) {}

    /** One file of the export. */
    public record FileSpec(String name, String format, String description, List<Field> columns) {}

    private final Study study;

    public Codebook(Study study) {
        this.study = study;
    }

    private boolean shifted() {
        return study.dateMode() == DateMode.SHIFTED;
    }

    private boolean types() {
        return study.quasiIdentifiers().contains(QuasiIdentifier.PROGRAMME_TYPE);
    }

    /** The fields every line of {@code events.ndjson} has. */
    public List<Field> commonEventFields() {
        List<Field> fields = new ArrayList<>(List.of(
                new Field(
                        "position",
                        "integer",
                        "The line's number in events.ndjson, from 1. Ask the API for the "
                                + "lines after a position to resume an interrupted download."),
                new Field(
                        "participant",
                        "string",
                        "Her pseudonym in this study (16 characters). The same in every "
                                + "export of this study; unrelated to her pseudonym in any other study."),
                new Field(
                        "type",
                        "string",
                        "What happened (see the event types below).",
                        eventTypes().stream().map(EventType::type).toList()),
                new Field(
                        "day",
                        "integer",
                        "The day it happened: days since her enrolment (her enrolment is day 0). " + timeValues())));
        if (shifted()) {
            fields.add(new Field(
                    "date",
                    "date (YYYY-MM-DD)",
                    "The day it happened, shifted by her own offset of up "
                            + "to 182 days earlier or later (the same offset for all her dates in this study). Not her real "
                            + "date; intervals are exact."));
        }
        return fields;
    }

    public List<EventType> eventTypes() {
        List<Field> programme = new ArrayList<>();
        programme.add(new Field(
                "programme",
                "string",
                "The programme, as a pseudonym of this study (programme-...). Only the study's programmes appear. "
                        + "WITHHELD-1, WITHHELD-2, ... (her programmes in the order she entered them) in a history "
                        + "whose history_detail is FIRST_STAY_POOLED."));
        if (types()) {
            programme.add(new Field(
                    "programmeType",
                    "code",
                    "The kind of programme. Absent when her history_detail is FIRST_STAY_POOLED.",
                    names(ProgrammeType.values())));
        }
        List<Field> entry = new ArrayList<>(programme);
        entry.add(new Field(
                "reentry",
                "boolean",
                "true when she had been in this programme before (as recorded by staff). Absent when her "
                        + "history_detail withholds it (SPELL_REASONS and after)."));
        List<Field> exit = new ArrayList<>(programme);
        exit.add(new Field(
                "exitReason",
                "code",
                "Why the stay ended. Returning to the sex trade is a reason like any other: recorded, not judged. "
                        + WITHHELD_REASON,
                withheld(ExitReason.values())));
        List<Field> module = new ArrayList<>(programme);
        module.add(new Field(
                "module", "string", "The module, as the programme's curriculum names it (e.g. " + "week-03)."));
        List<Field> protection = new ArrayList<>(List.of(
                new Field("kind", "code", "The kind of order.", names(ProtectionOrderKind.values())),
                new Field("expiresDay", "integer", "When the order expires, as days since her enrolment, if known.")));
        if (shifted()) {
            protection.add(new Field(
                    "expiresOn",
                    "date (YYYY-MM-DD)",
                    "When the order expires, shifted like her " + "other dates, if known."));
        }
        Field plan = new Field(
                "plan",
                "string",
                "The reunification plan, as a pseudonym of this study (plan-...). "
                        + "The child is never named or otherwise identified.");
        Field peer = new Field(
                "peer",
                "string",
                "The peer (a peer worker, volunteer facilitator or sponsor), as a "
                        + "pseudonym of this study (peer-...).");
        Field goal = new Field(
                "goal",
                "string",
                "Her goal, as a pseudonym of this study (goal-...). The goal in her " + "words is never exported.");
        Field safetyPlan = new Field(
                "safetyPlan",
                "string",
                "The safety plan, as a pseudonym of this study "
                        + "(safety-plan-...). Its contents are never exported.");
        Field helper = new Field("helper", "string", "The helper, as a pseudonym of this study (helper-...).");
        return List.of(
                new EventType(
                        AnonymisedHistory.OBSERVATION_STARTED,
                        "Not an event of her life: where she stood when her observation "
                                + "began (her enrolment, if it falls in the study period; otherwise 0 to 182 days after the "
                                + "study's first day, see observation_start_day). Opens the spells she was in then. Without "
                                + "state and programmes when her history is withheld (FOLLOW_UP_ONLY).",
                        List.of(
                                new Field(
                                        "state",
                                        "code",
                                        "NONE: not yet in any of the study's programmes (or her "
                                                + "last stay ended with DIED); IN_PROGRAMME: in at least one of them; OUT: out since "
                                                + "an exit, no relapse or return since; RETURNED: a relapse or return since her last "
                                                + "exit.",
                                        List.of(Spells.NONE, "IN_PROGRAMME", "OUT", "RETURNED")),
                                new Field(
                                        "programmes",
                                        "list of strings",
                                        "The programmes (pseudonyms) she was in "
                                                + "then, in the order she entered them; empty when none. "
                                                + "WITHHELD-1, WITHHELD-2, ... when her history_detail is "
                                                + "FIRST_STAY_POOLED."))),
                new EventType(
                        ParticipantEnrolledEvent.NAME,
                        "She was enrolled: her record starts here (day 0). Present "
                                + "only when her enrolment falls in the study period. No details: what the study may know "
                                + "of her is in persons.csv.",
                        List.of()),
                new EventType(ProgrammeEnteredEvent.NAME, "She entered one of the study's programmes.", entry),
                new EventType(ProgrammeExitedEvent.NAME, "Her stay in one of the study's programmes ended.", exit),
                new EventType(ModuleAttendedEvent.NAME, "She attended a session of a curriculum module.", module),
                new EventType(ModuleCompletedEvent.NAME, "She completed a curriculum module.", module),
                new EventType(
                        RelapseRecordedEvent.NAME,
                        "A relapse or return (to drug or alcohol use, to the sex trade, or "
                                + "to contact with an abusive partner or exploiter). A fact of the journey, never a failure.",
                        List.of(
                                new Field(
                                        "kind",
                                        "code",
                                        "What it was a return to; WITHHELD from history_detail SPELL_OUTCOMES on.",
                                        withheld(RelapseKind.values())),
                                new Field(
                                        "severity",
                                        "code",
                                        "How serious it was judged to be, if assessed. Absent from "
                                                + "history_detail SPELL_REASONS on.",
                                        names(RelapseSeverity.values())),
                                new Field(
                                        "supportFollowed",
                                        "list of codes",
                                        "The support offered or given afterwards (may be empty), sorted. "
                                                + "Absent from history_detail SPELL_REASONS on.",
                                        names(SupportKind.values())))),
                new EventType(
                        MilestoneReachedEvent.NAME,
                        "She reached a milestone. Her description of it (for CUSTOM "
                                + "milestones) is never exported.",
                        List.of(new Field(
                                "milestone", "code", "The kind of milestone.", names(MilestoneType.values())))),
                new EventType(
                        ReunificationPlanOpenedEvent.NAME,
                        "A plan to regain contact with, or custody of, one of her " + "children was opened.",
                        List.of(plan)),
                new EventType(
                        ReunificationStepRecordedEvent.NAME,
                        "A reunification plan moved to another step, forwards " + "or backwards.",
                        List.of(
                                plan,
                                new Field(
                                        "step",
                                        "code",
                                        "The step the plan is at now.",
                                        names(ReunificationStep.values())),
                                new Field(
                                        "previousStep",
                                        "code",
                                        "The step it was at before.",
                                        names(ReunificationStep.values())),
                                new Field(
                                        "direction", "code", "Forwards or backwards.", names(StepDirection.values())))),
                new EventType(
                        ReunificationPlanClosedEvent.NAME,
                        "A reunification plan was closed.",
                        List.of(
                                plan,
                                new Field(
                                        "closureReason",
                                        "code",
                                        "Why it was closed.",
                                        names(ReunificationPlanClosureReason.values())))),
                new EventType(PeerMentorAssignedEvent.NAME, "A peer became her mentor.", List.of(peer)),
                new EventType(PeerMentorAssignmentEndedEvent.NAME, "A peer stopped being her mentor.", List.of(peer)),
                new EventType(
                        PeerSessionAttendedEvent.NAME,
                        "She attended a one-to-one or group peer session.",
                        List.of(
                                new Field(peer.name(), peer.type(), peer.description() + " Absent when not recorded."),
                                new Field("kind", "code", "One-to-one or group.", names(PeerSessionKind.values())),
                                new Field("minutes", "integer", "How long it lasted, if recorded."))),
                new EventType(
                        AssessmentRecordedEvent.NAME,
                        "A scored reading of an assessment instrument (e.g. ors: "
                                + "Outcome Rating Scale, srs: Session Rating Scale, movers: MOVERS).",
                        List.of(
                                new Field("instrument", "string", "The instrument's code."),
                                new Field(
                                        "instrumentRevision",
                                        "integer",
                                        "The version of the instrument's definition it " + "was scored by."),
                                new Field("itemScores", "object (item code: integer)", "The score of every item."),
                                new Field("total", "number", "The total score, when the instrument has one."),
                                new Field(
                                        "subscaleScores",
                                        "object (subscale code: number)",
                                        "The score of every " + "subscale."))),
                new EventType(GoalSetEvent.NAME, "She set herself a goal.", List.of(goal)),
                new EventType(
                        GoalProgressNotedEvent.NAME,
                        "Progress towards one of her goals was noted (the note is never " + "exported).",
                        List.of(goal)),
                new EventType(GoalAchievedEvent.NAME, "She achieved one of her goals.", List.of(goal)),
                new EventType(
                        GoalDroppedEvent.NAME,
                        "She set one of her goals aside: her choice, not a failure.",
                        List.of(goal)),
                new EventType(SafetyPlanCreatedEvent.NAME, "A safety plan was made with her.", List.of(safetyPlan)),
                new EventType(
                        SafetyPlanReviewedEvent.NAME, "A safety plan was reviewed with her.", List.of(safetyPlan)),
                new EventType(
                        ProtectionOrderNotedEvent.NAME, "A protection order in her favour was noted.", protection),
                new EventType(
                        SupportNetworkHelperAddedEvent.NAME,
                        "Someone joined her support network.",
                        List.of(
                                helper,
                                new Field("kind", "code", "Who the helper is to her.", names(HelperKind.values())))),
                new EventType(
                        SupportNetworkHelperRemovedEvent.NAME,
                        "Someone is no longer part of her support network.",
                        List.of(helper)),
                new EventType(
                        AnonymisedHistory.OBSERVATION_ENDED,
                        "Not an event of her life: her observation ended, 0 to 182 days "
                                + "before the study's last day (or the export date if earlier), see observation_end_day. "
                                + "Spells still open end here, censored. When her history was cut short because it would "
                                + "have stood out (manifest: anonymisation.risk.historyDetail), it ends with her last "
                                + "released event instead.",
                        List.of()));
    }

    /** A column for each of the study's quasi-identifiers, described by the format ({@code %s}: the column). */
    private List<Field> quasiIdentifierFields(String description) {
        return study.quasiIdentifiers().stream()
                .map(q -> new Field(
                        q.column(),
                        q == QuasiIdentifier.ENROLMENT_YEAR ? "string (a year or a range)" : "code",
                        String.format(java.util.Locale.ROOT, description, q.column()),
                        values(q)))
                .toList();
    }

    /** The values a quasi-identifier column can hold in this export, at any level of generalisation. */
    static List<String> values(QuasiIdentifier q) {
        return switch (q) {
            case AGE_BAND ->
                List.of(
                        "18-24",
                        "25-34",
                        "35-44",
                        "45-54",
                        "55+",
                        "18-34",
                        "35-54",
                        "18-44",
                        "45+",
                        QuasiIdentifier.UNKNOWN);
            case PROGRAMME_TYPE -> names(ProgrammeType.values());
            case ENROLMENT_YEAR -> List.of();
            case REFERRAL_SOURCE -> {
                List<String> values = new ArrayList<>(names(ReferralSource.values()));
                values.add(QuasiIdentifier.UNKNOWN);
                yield values;
            }
        };
    }

    private static String qiDescription(QuasiIdentifier q) {
        String what = switch (q) {
            case AGE_BAND ->
                "Her age when she was enrolled (year of enrolment minus year of birth, or the band she "
                        + "gave instead), as a band; never her year or date of birth. 18-24 includes the few whose age "
                        + "by years comes to 17.";
            case PROGRAMME_TYPE ->
                "The kind of the first of the study's programmes she was in during the study " + "period.";
            case ENROLMENT_YEAR ->
                "The calendar year in which she was enrolled, taken after moving her "
                        + "enrolment 0 to 182 days later by her follow-up cut (see observation_end_day): the real year, or "
                        + "for some enrolled late in a year the next one. Moved so that, beside the exact length of her "
                        + "follow-up, it cannot narrow down her enrolment date. Only in studies that give days since "
                        + "enrolment.";
            case REFERRAL_SOURCE ->
                "Who or what referred her to the service; OTHER also holds rarer sources "
                        + "folded in for k-anonymity.";
        };
        List<String> levels = new ArrayList<>();
        for (int level = 0; level <= q.maxLevel(); level++) {
            levels.add(q.describe(level));
        }
        return what + " Quasi-identifier: checked for k-anonymity; released as " + String.join(", or ", levels)
                + " (a coarser value only for participants who would otherwise be in a group of fewer than k; see "
                + "manifest.json). unknown when she did not say.";
    }

    public List<FileSpec> files() {
        List<Field> persons = new ArrayList<>();
        persons.add(new Field("participant", "string", "Her pseudonym in this study (as in events.ndjson)."));
        for (QuasiIdentifier q : study.quasiIdentifiers()) {
            persons.add(new Field(
                    q.column(),
                    q == QuasiIdentifier.ENROLMENT_YEAR ? "string (a year or a range)" : "code",
                    qiDescription(q),
                    values(q)));
        }
        if (shifted()) {
            persons.add(new Field(
                    "enrolled_on", "date (YYYY-MM-DD)", "Her enrolment (day 0), shifted by her own " + "offset."));
        }
        persons.add(new Field(
                "observation_start_day",
                "integer",
                "The first day she is observed (days since her "
                        + "enrolment): her enrolment (0) when it falls in the study period; otherwise 182 - c days after the "
                        + "study's first day, where c is her follow-up cut (below)."));
        persons.add(new Field(
                "observation_end_day",
                "integer",
                "The last day she is observed (days since her "
                        + "enrolment): c days before the study's last day, or before the export date if earlier, where c, her "
                        + "follow-up cut, is 0 to 182 days, drawn for her from the study's secret. Nothing after it is in "
                        + "events.ndjson or spells.csv (her follow-up in outcomes.csv runs to the end of her whole "
                        + "observation). The cut keeps her enrolment date (and her date shift) from being worked out from a "
                        + "day everyone knows; it censors at random, independently of her history. When her history "
                        + "was cut short because it would have stood out, it is the day of her last released event "
                        + "(that censoring is not independent of her history: see the codebook's time values); when her "
                        + "history is withheld (history_detail FOLLOW_UP_ONLY), her first day of observation."));
        if (shifted()) {
            persons.add(new Field(
                    "observation_start_on", "date (YYYY-MM-DD)", "observation_start_day as a shifted " + "date."));
            persons.add(new Field(
                    "observation_end_on", "date (YYYY-MM-DD)", "observation_end_day as a shifted " + "date."));
        }

        List<Field> spells = new ArrayList<>(List.of(
                new Field("participant", "string", "Her pseudonym in this study."),
                new Field("spell", "integer", "The spell's number among hers, in the order they began (1, 2, ...)."),
                new Field(
                        "state",
                        "code",
                        "IN_PROGRAMME: in one of the study's programmes (one spell per stay; stays "
                                + "in two programmes at once overlap). OUT: in none of them since an exit, before any relapse "
                                + "or return. RETURNED: since a relapse or return while out (or an exit with reason "
                                + "RETURNED_TO_SEX_TRADE), until she enters a programme again.",
                        List.of("IN_PROGRAMME", "OUT", "RETURNED")),
                new Field(
                        "programme",
                        "string",
                        "For IN_PROGRAMME, the programme (pseudonym, or WITHHELD-n as in events.ndjson); empty otherwise."),
                new Field("start_day", "integer", "Its first day (days since her enrolment)."),
                new Field(
                        "end_day",
                        "integer",
                        "Its last day: the day of the event that ended it, or the last day "
                                + "of observation when censored.")));
        if (shifted()) {
            spells.add(new Field("start_on", "date (YYYY-MM-DD)", "start_day as a shifted date."));
            spells.add(new Field("end_on", "date (YYYY-MM-DD)", "end_day as a shifted date."));
        }
        List<String> ends = new ArrayList<>(withheld(ExitReason.values()));
        ends.addAll(List.of(Spells.RELAPSE, Spells.RE_ENTRY, Spells.OBSERVATION_END));
        spells.addAll(List.of(
                new Field(
                        "duration_days", "integer", "end_day minus start_day (0 when it began and ended on one day)."),
                new Field(
                        "start_reason",
                        "code",
                        "What began it: ENTRY (into a programme), EXIT (from her last "
                                + "programme), RELAPSE, or OBSERVATION_START when it had begun before observation did.",
                        List.of(Spells.ENTRY, Spells.EXIT, Spells.RELAPSE, Spells.OBSERVATION_START)),
                new Field(
                        "end_reason",
                        "code",
                        "What ended it: for IN_PROGRAMME the exit reason; for OUT, RELAPSE "
                                + "or RE_ENTRY; for RETURNED, RE_ENTRY; OBSERVATION_END when censored.",
                        ends),
                new Field(
                        "left_truncated",
                        "0/1",
                        "1 when it had begun before observation did: start_day is then "
                                + "the first day of observation, not its real start."),
                new Field(
                        "censored",
                        "0/1",
                        "1 when it had not ended by the last day of observation (right "
                                + "censoring): end_day is then the last day of observation."),
                new Field(
                        "exit_reason",
                        "code",
                        "The reason of the exit that ended an IN_PROGRAMME spell, or that began an OUT or RETURNED "
                                + "spell; empty otherwise. "
                                + WITHHELD_REASON,
                        withheld(ExitReason.values())),
                new Field(
                        "relapse_kind",
                        "code",
                        "The kind of the relapse or return that ended an OUT spell, or that began a RETURNED spell; "
                                + "empty otherwise. WITHHELD from history_detail SPELL_OUTCOMES on.",
                        withheld(org.journeyplatform.domain.journey.RelapseKind.values())),
                new Field(
                        "first_of_state",
                        "0/1",
                        "1 for her first spell of this state in the export (her first stay, her first spell out, "
                                + "her first spell returned).")));
        spells.addAll(quasiIdentifierFields("Her %s as in persons.csv, joined in."));
        List<Field> outcomes = new ArrayList<>(
                List.of(new Field("participant", "string", "Her pseudonym in this study (as in persons.csv).")));
        outcomes.addAll(quasiIdentifierFields("Her %s as in persons.csv."));
        outcomes.addAll(List.of(
                new Field("observation_start_day", "integer", "As in persons.csv."),
                new Field("observation_end_day", "integer", "As in persons.csv."),
                new Field(
                        "history_detail",
                        "code",
                        "How much of her history is released (docs/research.md, \"Disclosure risk\"): FULL; "
                                + "SPELL_EVENTS (only the events spells are made of); SPELL_REASONS (those, with only "
                                + "programme, exit reason and relapse kind); SPELL_OUTCOMES (those, with exit reasons "
                                + "only where the outcome definitions need them); FIRST_SPELL_OUT (as SPELL_OUTCOMES, up "
                                + "to the end of her first spell out); FIRST_STAY (as SPELL_OUTCOMES, up to her first "
                                + "exit, without relapses that ended no spell before that day, or at all without an "
                                + "exit); FIRST_STAY_POOLED (as FIRST_STAY, her programmes withheld) or FOLLOW_UP_ONLY "
                                + "(her history withheld: no events but the markers of her observation, no spells). "
                                + "Her observation in events.ndjson and spells.csv ends where her history does; her "
                                + "follow-up in this file runs over her whole observation whatever the level (for a "
                                + "history cut short or withheld, to at most 360 days), so the median time to a first "
                                + "return and the ten-month share computed from this file are the dashboard's "
                                + "definitions applied to everyone released.",
                        java.util.Arrays.stream(HistoryDetail.values())
                                .map(Enum::name)
                                .toList()),
                new Field("stays", "integer", "Her IN_PROGRAMME spells in spells.csv."),
                new Field("relapses", "integer", "Her relapses and returns in events.ndjson."),
                new Field(
                        "followed_up",
                        "0/1",
                        "1 when an exit of hers is followed up, as on the dashboard: her earliest exit from one of "
                                + "the study's programmes during her observation, exits by transfer or death left "
                                + "out. The columns after it are empty when 0."),
                new Field(
                        "exit_day",
                        "integer",
                        "The day of that exit (days since her enrolment); empty when her history_detail is "
                                + "FOLLOW_UP_ONLY."),
                new Field(
                        "exit_reason",
                        "code",
                        "Its reason. " + WITHHELD_REASON + " WITHHELD whatever the reason when her history_detail is "
                                + "FOLLOW_UP_ONLY (a return to the sex trade still reads days_at_risk 0, returned 1).",
                        withheld(ExitReason.values())),
                new Field(
                        "return_day",
                        "integer",
                        "The day of her first relapse or return of any kind on or after the exit day (the exit day "
                                + "itself when she left to return to the sex trade); empty when none was observed, or "
                                + "when her history_detail is FOLLOW_UP_ONLY."),
                new Field(
                        "returned",
                        "0/1",
                        "1 when she returned (return_day is then given, but for FOLLOW_UP_ONLY): the event of the "
                                + "survival analysis."),
                new Field(
                        "days_at_risk",
                        "integer",
                        "Days from the exit to her return; when she has not returned, to the last day of her whole "
                                + "observation (censored), which can be after observation_end_day when her history is "
                                + "cut short. With a history cut short or withheld (history_detail FIRST_SPELL_OUT and "
                                + "after) at most 360: a return later than that is not given, and she is censored on "
                                + "day 360."),
                new Field(
                        "followed_10_months",
                        "0/1",
                        "1 when her ten-month follow-up is complete: she returned within ten months of the exit, "
                                + "or her observation lasted ten months after it. "
                                + (study.granularity() == TimeGranularity.DAY && study.displacementDays() == 0
                                        ? "Ten calendar months, to the same day (or the month's last), as on the "
                                                + "dashboard."
                                        : "Ten 30-day months: 300 days.")),
                new Field(
                        "returned_within_10_months",
                        "0/1",
                        "1 when she returned within those ten months. The dashboard's ten-month return share is "
                                + "the sum of this over the sum of followed_10_months.")));
        return List.of(
                new FileSpec(
                        "events.ndjson",
                        "newline-delimited JSON (UTF-8), one event per line",
                        "The anonymised events of every participant included, participant after participant (in "
                                + "the order of their pseudonyms), each participant's in life order: "
                                + "observation-started, her events, observation-ended. Every line has the common "
                                + "fields; each event type adds its own.",
                        commonEventFields()),
                new FileSpec(
                        "persons.csv",
                        "CSV (UTF-8, comma-separated, header row, empty = missing)",
                        "One row per participant included, in the order of their pseudonyms.",
                        persons),
                new FileSpec(
                        "spells.csv",
                        "CSV (UTF-8, comma-separated, header row, empty = missing)",
                        "One row per spell, for event-history and survival analysis; replaying events.ndjson gives "
                                + "the same spells (see state, start_reason and end_reason below).",
                        spells),
                new FileSpec(
                        "outcomes.csv",
                        "CSV (UTF-8, comma-separated, header row, empty = missing)",
                        "One row per participant included: her quasi-identifiers, counts, and her follow-up after "
                                + "leaving by the dashboard's definitions (docs/metrics.md, \"Relapse and return after "
                                + "an exit\"), ready for the median time to a first return and the ten-month return "
                                + "share.",
                        outcomes),
                new FileSpec("codebook.md", "Markdown", "This codebook, for reading.", List.of()),
                new FileSpec("codebook.json", "JSON", "This codebook, for programs.", List.of()),
                new FileSpec(
                        "README.md",
                        "Markdown",
                        "What the export is, what was done to protect the people in it, and the terms of use.",
                        List.of()),
                new FileSpec(
                        "manifest.json",
                        "JSON",
                        "The release manifest: the study, when the export was made, "
                                + "how many participants were included and excluded (by reason), the k-anonymity achieved "
                                + "and what was generalised or suppressed, and the SHA-256 of every other file.",
                        List.of()));
    }

    /** The machine-readable codebook. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", ResearchExportBuilder.FORMAT);
        json.put("study", studyJson());
        json.put(
                "files",
                files().stream()
                        .map(f -> {
                            Map<String, Object> file = new LinkedHashMap<>();
                            file.put("name", f.name());
                            file.put("format", f.format());
                            file.put("description", f.description());
                            file.put(f.name().endsWith(".ndjson") ? "commonFields" : "columns", fields(f.columns()));
                            return file;
                        })
                        .toList());
        json.put(
                "eventTypes",
                eventTypes().stream()
                        .map(t -> {
                            Map<String, Object> type = new LinkedHashMap<>();
                            type.put("type", t.type());
                            type.put("description", t.description());
                            type.put("fields", fields(t.fields()));
                            return type;
                        })
                        .toList());
        json.put("neverExported", NEVER_EXPORTED);
        return json;
    }

    /** What no export ever contains, for the codebook's last section. */
    static final List<String> NEVER_EXPORTED = List.of(
            "names, chosen names and pseudonyms she chose, and the names of peers and programmes",
            "dates and years of birth (only an age band at enrolment, when the study receives it)",
            "gender identity and age at first entry into the sex trade (personal data in this platform)",
            "free text of any kind: notes, descriptions, goals in her words, safety-plan contents, correction and "
                    + "retraction reasons, consent scopes",
            "children's pseudonyms, helpers' descriptions",
            "who recorded anything (staff identities) and when it was recorded",
            "the platform's ids of participants, programmes, peers, goals, plans or helpers (only pseudonyms of this "
                    + "study)",
            "real dates (only shifted dates, or days since her enrolment)",
            "consents, profile updates, corrections, retractions and erasures as events (corrections and retractions "
                    + "are applied)");

    private Map<String, Object> studyJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("studyId", study.studyId());
        json.put("title", study.title());
        json.put("ethicsApprovalReference", study.ethicsApprovalReference());
        json.put("periodFrom", study.periodFrom().toString());
        json.put("periodTo", study.periodTo().toString());
        json.put("dateMode", study.dateMode().name());
        json.put(
                "quasiIdentifiers",
                study.quasiIdentifiers().stream().map(Enum::name).toList());
        json.put("k", study.k());
        json.put("timeGranularity", study.granularity().name());
        json.put("displacementDays", study.displacementDays());
        return json;
    }

    /**
     * What was done to every time value (day numbers, dates, durations), for this study: its granularity and
     * displacement, and the reduction of histories that would otherwise be unique.
     */
    String timeValues() {
        String values = study.granularity() == TimeGranularity.DAY && study.displacementDays() == 0
                ? "Intervals between her events are exact."
                : "Released in " + study.granularity().description() + ".";
        if (study.displacementDays() > 0) {
            values += " Before rounding, each event's day was moved by up to " + study.displacementDays()
                    + " days earlier or later (her own draw for each event), keeping her events in order; her "
                    + "enrolment and the two ends of her observation were not moved.";
        }
        return values + " A history that would have been unique among the study's may hold only the events the "
                + "spells are made of, only those up to the end of her first spell out, or only those up to her first "
                + "exit; her observation then ends there (the manifest counts them: "
                + "anonymisation.risk.historyDetail).";
    }

    private static List<Map<String, Object>> fields(List<Field> fields) {
        return fields.stream()
                .map(f -> {
                    Map<String, Object> field = new LinkedHashMap<>();
                    field.put("name", f.name());
                    field.put("type", f.type());
                    field.put("description", f.description());
                    if (!f.values().isEmpty()) {
                        field.put("values", f.values());
                    }
                    return field;
                })
                .toList();
    }

    /** The codebook for people. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Codebook: ").append(study.title()).append("\n\n");
        md.append("Study `")
                .append(study.studyId())
                .append("`, ethics approval ")
                .append(study.ethicsApprovalReference())
                .append(". Period ")
                .append(study.periodFrom())
                .append(" to ")
                .append(study.periodTo())
                .append(". Dates: ")
                .append(
                        shifted()
                                ? "shifted per participant (SHIFTED)"
                                : "days since enrolment only " + "(DAYS_SINCE_ENROLMENT)")
                .append(". Quasi-identifiers: ")
                .append(
                        study.quasiIdentifiers().isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        study.quasiIdentifiers().stream()
                                                .map(Enum::name)
                                                .toList()))
                .append(", k = ")
                .append(study.k())
                .append(". Time values: ")
                .append(timeValues())
                .append("\n\n");
        md.append("Participants are in this export only with a research consent covering the study on the export "
                        + "date. Format `")
                .append(ResearchExportBuilder.FORMAT)
                .append("`.\n\n");
        md.append("## Files\n\n| File | Format | What |\n|---|---|---|\n");
        for (FileSpec file : files()) {
            md.append("| `")
                    .append(file.name())
                    .append("` | ")
                    .append(file.format())
                    .append(" | ")
                    .append(cell(file.description()))
                    .append(" |\n");
        }
        for (FileSpec file : files()) {
            if (file.columns().isEmpty()) {
                continue;
            }
            md.append("\n## ")
                    .append(file.name())
                    .append("\n\n")
                    .append(file.description())
                    .append("\n\n");
            md.append(file.name().endsWith(".ndjson") ? "Fields every line has:\n\n" : "Columns, in order:\n\n");
            table(md, file.columns());
        }
        md.append("\n## Event types\n\nIn `events.ndjson`, after the common fields. A field with no value is left "
                + "out.\n");
        for (EventType type : eventTypes()) {
            md.append("\n### ")
                    .append(type.type())
                    .append("\n\n")
                    .append(type.description())
                    .append("\n");
            if (!type.fields().isEmpty()) {
                md.append("\n");
                table(md, type.fields());
            }
        }
        md.append("\n## Never exported\n\n");
        NEVER_EXPORTED.forEach(item -> md.append("- ").append(item).append("\n"));
        return md.toString();
    }

    private static void table(StringBuilder md, List<Field> fields) {
        md.append("| Name | Type | Meaning | Values |\n|---|---|---|---|\n");
        for (Field field : fields) {
            md.append("| `")
                    .append(field.name())
                    .append("` | ")
                    .append(field.type())
                    .append(" | ")
                    .append(cell(field.description()))
                    .append(" | ")
                    .append(field.values().isEmpty() ? "" : "`" + String.join("`, `", field.values()) + "`")
                    .append(" |\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** How a withheld exit reason reads, in words. */
    private static final String WITHHELD_REASON = "From history_detail SPELL_OUTCOMES on, only RETURNED_TO_SEX_TRADE, "
            + "TRANSFERRED and DIED are released (the outcome definitions tell them apart); every other reason is "
            + "WITHHELD.";

    /** The codes, and WITHHELD for a value withheld to lower the re-identification risk. */
    private static List<String> withheld(Enum<?>[] values) {
        List<String> names = new ArrayList<>(names(values));
        names.add(HistoryDetail.WITHHELD);
        return names;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
