package org.journeyplatform.projections.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.journey.event.RelapseRecordedEvent;

/**
 * How much of a history is released (docs/research.md, "Disclosure risk"). Every history starts in full; one that is
 * unique among the study's histories is reduced, one level at a time, before anyone's history is suppressed whole.
 * The levels keep what the survival analyses of the spells table need for as long as they can.
 */
public enum HistoryDetail {
    /** Every event the study may receive, with all its fields. */
    FULL("every event, with all its fields"),
    /**
     * Only the events the spells are made of: her enrolment, programme entries and exits, relapses and returns, with
     * all their fields. The rest (curriculum, peer support, assessments, goals, milestones, reunification, safety, her
     * network) is left out.
     */
    SPELL_EVENTS("only enrolment, programme entries and exits, relapses and returns, with all their fields"),
    /**
     * Those events with only the fields spells carry: the programme, the exit reason and the relapse kind. Whether an
     * entry was a re-entry, and a relapse's severity and the support that followed, are withheld.
     */
    SPELL_REASONS(
            "only enrolment, programme entries and exits, relapses and returns, with their programme, exit reason and "
                    + "relapse kind (re-entry flags, relapse severity and support withheld)"),
    /**
     * Those events with only what the outcome definitions need: the programme, and the exit reason when it is one the
     * definitions tell apart ({@link #OUTCOME_EXIT_REASONS}), {@code WITHHELD} otherwise; relapse kinds are {@code
     * WITHHELD}.
     */
    SPELL_OUTCOMES(
            "only enrolment, programme entries and exits, relapses and returns, with their programme and an exit "
                    + "reason only where the outcome definitions need it (RETURNED_TO_SEX_TRADE, TRANSFERRED, DIED; "
                    + "WITHHELD otherwise); relapse kinds WITHHELD"),
    /**
     * Those events, with the fields of {@link #SPELL_OUTCOMES}, up to the end of her first spell out of the study's
     * programmes (her first {@code OUT} or {@code RETURNED} spell, ended by a relapse or return or by a re-entry): her
     * observation ends on that day, so every later spell of hers is left out and the spells open then are censored.
     */
    FIRST_SPELL_OUT("as SPELL_OUTCOMES, up to the end of her first spell out"),
    /**
     * Those events, with the fields of {@link #SPELL_OUTCOMES}, up to and including her first exit from one of the
     * study's programmes: her observation ends on that day. Relapses dated before that day that ended no spell (during a
     * stay, or before she entered one) are left out: they change neither her spells nor her outcome. Without an exit,
     * the same as {@link #SPELL_OUTCOMES} without the relapses that ended no spell.
     */
    FIRST_STAY("as SPELL_OUTCOMES, up to and including her first exit, without the relapses before her exit day that "
            + "ended no spell (without an exit, without every relapse that ended no spell)"),
    /**
     * As {@link #FIRST_STAY}, her programmes withheld: each reads {@code WITHHELD-1}, {@code WITHHELD-2}, ... in the
     * order she is first seen in it, and no programme type is given, so that her spells are the same but nobody can
     * tell which of the study's programmes they were in.
     */
    FIRST_STAY_POOLED(
            "as FIRST_STAY, her programmes withheld (WITHHELD-1, WITHHELD-2, ... in the order she entered them)"),
    /**
     * Her history withheld: only the markers of her observation (without where she stood when it started), no spells.
     * Her follow-up after leaving is still given in outcomes.csv, without its exit day and exit reason, so that she
     * counts in the outcome analyses.
     */
    FOLLOW_UP_ONLY("her history withheld (no events and no spells); only her follow-up after leaving, in outcomes.csv, "
            + "without its exit day and reason");

    /** What a withheld code reads in the files. */
    public static final String WITHHELD = "WITHHELD";

    /** The exit reasons the spells and outcome definitions tell apart; the others are withheld from SPELL_OUTCOMES on. */
    static final Set<String> OUTCOME_EXIT_REASONS = Set.of(
            org.journeyplatform.domain.journey.ExitReason.RETURNED_TO_SEX_TRADE.name(),
            org.journeyplatform.domain.journey.ExitReason.TRANSFERRED.name(),
            org.journeyplatform.domain.journey.ExitReason.DIED.name());

    /** The fields SPELL_REASONS keeps on spell events. */
    private static final Set<String> SPELL_FIELDS = Set.of("programme", "programmeType", "exitReason", "kind");

    /**
     * Fields that hold a pseudonym of something of hers alone (a plan, a goal, a safety plan, a helper): the value
     * tells nothing to someone who does not hold the study secret, only which of her events refer to the same thing,
     * so the signature counts them by their order of appearance. Programmes and peer mentors are shared by many women
     * and counted as they are.
     */
    private static final Set<String> OWN_REFERENCES = Set.of("plan", "goal", "safetyPlan", "helper");

    /** The event types {@link #SPELL_EVENTS} keeps, beside the observation markers. */
    static final Set<String> SPELL_EVENT_TYPES = Set.of(
            ParticipantEnrolledEvent.NAME,
            ProgrammeEnteredEvent.NAME,
            ProgrammeExitedEvent.NAME,
            RelapseRecordedEvent.NAME);

    private final String description;

    HistoryDetail(String description) {
        this.description = description;
    }

    /** What the level releases, in words (manifest and codebook). */
    public String description() {
        return description;
    }

    /** The level after this one, or null at the last. */
    public HistoryDetail next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    /**
     * Her released history at this level; {@code events} is her full released history, from {@code
     * observation-started} to {@code observation-ended}.
     */
    public List<ExportedEvent> reduce(List<ExportedEvent> events) {
        if (this == FULL) {
            return events;
        }
        if (this == FOLLOW_UP_ONLY) {
            ExportedEvent started = events.get(0);
            ExportedEvent ended = events.get(events.size() - 1);
            return List.of(
                    new ExportedEvent(started.participant(), started.type(), started.day(), started.date(), Map.of()),
                    new ExportedEvent(
                            ended.participant(), ended.type(), started.day(), endDate(ended, started.day()), Map.of()));
        }
        List<ExportedEvent> kept = new ArrayList<>(events.size());
        for (ExportedEvent event : events) {
            if (marker(event)) {
                kept.add(event);
            } else if (SPELL_EVENT_TYPES.contains(event.type())) {
                kept.add(this == SPELL_EVENTS ? event : withFields(event));
            }
        }
        if (ordinal() < FIRST_SPELL_OUT.ordinal()) {
            return kept;
        }
        List<ExportedEvent> cut = cut(kept);
        return this == FIRST_STAY_POOLED ? pooled(cut) : cut;
    }

    /** Her spell events cut where this level ends her observation. */
    private List<ExportedEvent> cut(List<ExportedEvent> kept) {
        // cut after the event that ended her first spell out, or her first stay: by its position, so that nothing
        // later in her life is kept, even on the same released day
        Spells.Replay replay = Spells.replay(kept);
        List<Spells.Spell> spells = replay.spells();
        java.util.Map<Integer, Integer> endedAt = replay.endedAt();
        Integer cut = this == FIRST_SPELL_OUT
                ? spells.stream()
                        .filter(s -> s.state() != Spells.State.IN_PROGRAMME)
                        .findFirst()
                        .map(s -> endedAt.get(s.number()))
                        .orElse(null)
                : spells.stream()
                        .filter(s -> s.state() == Spells.State.IN_PROGRAMME && endedAt.containsKey(s.number()))
                        .map(s -> endedAt.get(s.number()))
                        .min(Integer::compare)
                        .orElse(null);
        java.util.Set<Integer> ending = new java.util.HashSet<>(endedAt.values());
        if (cut == null) {
            if (this == FIRST_SPELL_OUT) {
                return kept;
            }
            // no stay of hers ended: no relapse that ended no spell changes her spells or gives her an outcome
            List<ExportedEvent> without = new ArrayList<>(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                if (!kept.get(i).type().equals(RelapseRecordedEvent.NAME) || ending.contains(i)) {
                    without.add(kept.get(i));
                }
            }
            return without;
        }
        long end = kept.get(cut).day();
        List<ExportedEvent> first = new ArrayList<>(cut + 2);
        for (int i = 0; i <= cut; i++) {
            ExportedEvent event = kept.get(i);
            // up to her first exit, a relapse that ended no spell of hers (during a stay, or before she entered) and
            // is dated before her exit day changes neither her spells nor her outcome: it is left out
            boolean idle = this != FIRST_SPELL_OUT
                    && event.type().equals(RelapseRecordedEvent.NAME)
                    && !ending.contains(i)
                    && event.day() < end;
            if (!idle) {
                first.add(event);
            }
        }
        ExportedEvent last = kept.get(kept.size() - 1);
        first.add(new ExportedEvent(last.participant(), last.type(), end, endDate(last, end), Map.of()));
        return first;
    }

    /** Her events with her programmes withheld, numbered in the order she is first seen in them. */
    private static List<ExportedEvent> pooled(List<ExportedEvent> events) {
        Map<Object, String> numbers = new java.util.HashMap<>();
        java.util.function.Function<Object, String> number =
                programme -> numbers.computeIfAbsent(programme, p -> WITHHELD + "-" + (numbers.size() + 1));
        List<ExportedEvent> pooled = new ArrayList<>(events.size());
        for (ExportedEvent event : events) {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            event.fields().forEach((name, value) -> {
                if (name.equals("programme")) {
                    fields.put(name, number.apply(value));
                } else if (name.equals("programmes") && value instanceof List<?> programmes) {
                    fields.put(name, programmes.stream().map(number).toList());
                } else if (!name.equals("programmeType")) {
                    fields.put(name, value);
                }
            });
            pooled.add(new ExportedEvent(event.participant(), event.type(), event.day(), event.date(), fields));
        }
        return pooled;
    }

    /** A spell event with the fields this level keeps (from SPELL_REASONS on). */
    private ExportedEvent withFields(ExportedEvent event) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        event.fields().forEach((name, value) -> {
            if (!SPELL_FIELDS.contains(name)) {
                return;
            }
            if (this != SPELL_REASONS && name.equals("exitReason") && !OUTCOME_EXIT_REASONS.contains(value)) {
                fields.put(name, WITHHELD);
            } else if (this != SPELL_REASONS && name.equals("kind")) {
                fields.put(name, WITHHELD);
            } else {
                fields.put(name, value);
            }
        });
        return new ExportedEvent(event.participant(), event.type(), event.day(), event.date(), fields);
    }

    /** An exit reason as this level releases it: from SPELL_OUTCOMES on, only those the outcomes tell apart. */
    public String exitReason(String reason) {
        return ordinal() >= SPELL_OUTCOMES.ordinal() && reason != null && !OUTCOME_EXIT_REASONS.contains(reason)
                ? WITHHELD
                : reason;
    }

    /**
     * The longest follow-up released with a history cut short (from {@link #FIRST_SPELL_OUT} on), in days: a year of
     * 30-day months. Past it she is censored, whatever happened later: the same horizon for everyone, so the
     * Kaplan-Meier curve up to it and the ten-month share stay unbiased.
     */
    public static final int FOLLOW_UP_HORIZON_DAYS = 360;

    /** Whether this level cuts her history short, ending her observation early (from {@link #FIRST_SPELL_OUT} on). */
    public boolean cutsShort() {
        return ordinal() >= FIRST_SPELL_OUT.ordinal();
    }

    /** Whether her spells are released with a history at this level (all but {@link #FOLLOW_UP_ONLY}). */
    public boolean releasesSpells() {
        return this != FOLLOW_UP_ONLY;
    }

    /**
     * Her follow-up after leaving as released with a history at this level: it runs over her whole observation
     * whatever the level ({@link Outcomes}), with its exit reason as this level releases it; with a history cut short,
     * it ends at {@link #FOLLOW_UP_HORIZON_DAYS} (a later return is not given). Null when she is not followed up.
     */
    public Outcomes.FollowUp followUp(Outcomes.FollowUp whole) {
        if (whole == null) {
            return null;
        }
        String reason = this == FOLLOW_UP_ONLY ? WITHHELD : exitReason(whole.exitReason());
        Long exitDay = this == FOLLOW_UP_ONLY ? null : whole.exitDay();
        if (!cutsShort() || whole.daysAtRisk() <= FOLLOW_UP_HORIZON_DAYS) {
            return new Outcomes.FollowUp(
                    exitDay,
                    reason,
                    exitDay == null ? null : whole.returnDay(),
                    whole.daysAtRisk(),
                    whole.returned(),
                    whole.followedTenMonths(),
                    whole.returnedWithinTenMonths());
        }
        return new Outcomes.FollowUp(
                exitDay,
                reason,
                null,
                FOLLOW_UP_HORIZON_DAYS,
                false,
                whole.followedTenMonths(),
                whole.returnedWithinTenMonths());
    }

    /**
     * What her row of outcomes.csv adds to a history released at this level, for the risk measures: her follow-up as
     * released, with the values someone who knows her life knows too. A return is a fact of her
     * life: its days count as they are. A follow-up censored at the end of her observation gives her last day away
     * with its exit day, and her last day is counted by its window, as for every record (a secret follow-up cut
     * places it in 183 days), not as a value: such a follow-up counts as censored, or as censored at the horizon
     * ({@link #FOLLOW_UP_HORIZON_DAYS}) when that is all it says. Without an exit day ({@link #FOLLOW_UP_ONLY}), its
     * days count as they are. Empty when she is not followed up.
     *
     * @param followUp her follow-up as this level releases it ({@link #followUp}), or null
     */
    public String followUpSignature(Outcomes.FollowUp followUp) {
        if (followUp == null) {
            return "";
        }
        String head = "follow-up@" + (followUp.exitDay() == null ? "" : followUp.exitDay()) + ",reason="
                + followUp.exitReason().length() + ':' + followUp.exitReason();
        if (followUp.returned() || followUp.exitDay() == null) {
            return head
                    + ",returned=" + (followUp.returned() ? 1 : 0)
                    + ",daysAtRisk=" + followUp.daysAtRisk()
                    + ",followed10=" + (followUp.followedTenMonths() ? 1 : 0)
                    + ",within10=" + (followUp.returnedWithinTenMonths() ? 1 : 0) + ';';
        }
        return head + (atHorizon(followUp) ? ",censored-at-horizon;" : ",censored;");
    }

    /** Whether a released follow-up ends at the horizon of a history cut short: then it says only "not before". */
    boolean atHorizon(Outcomes.FollowUp released) {
        return cutsShort() && !released.returned() && released.daysAtRisk() == FOLLOW_UP_HORIZON_DAYS;
    }

    /** Her released history at this level, its observation ending where the level's last event leaves it. */
    public AnonymisedHistory.Anonymised reduce(AnonymisedHistory.Anonymised history) {
        List<ExportedEvent> events = reduce(history.events());
        return new AnonymisedHistory.Anonymised(
                history.participant(),
                history.shiftedEnrolment(),
                history.observationStartDay(),
                events.get(events.size() - 1).day(),
                events);
    }

    /**
     * What identifies a released history for the risk measures: her events' types with their released day numbers and
     * their released fields, in order; of the observation markers only where she stood when observation started (her
     * state and programmes), not their days, which are drawn from the study secret that nobody who knows her life
     * knows. Pseudonyms of things of hers alone are counted by their order of
     * appearance ({@link #OWN_REFERENCES}); every other value as released, after its length.
     */
    public static String signature(List<ExportedEvent> events) {
        StringBuilder signature = new StringBuilder();
        Map<String, Map<Object, Integer>> references = new java.util.HashMap<>();
        for (ExportedEvent event : events) {
            if (event.type().equals(AnonymisedHistory.OBSERVATION_ENDED)) {
                continue;
            }
            signature.append(event.type());
            if (!marker(event)) {
                signature.append('@').append(event.day());
            }
            OrderedFields.forEachByName(event.fields(), (name, value) -> {
                Object counted = value;
                if (OWN_REFERENCES.contains(name)) {
                    Map<Object, Integer> seen = references.computeIfAbsent(name, n -> new java.util.HashMap<>());
                    counted = "#" + seen.computeIfAbsent(value, v -> seen.size() + 1);
                }
                // the value's length first: a staff-chosen code holding ',' or ';' cannot make two histories alike
                String text = String.valueOf(counted);
                signature
                        .append(',')
                        .append(name)
                        .append('=')
                        .append(text.length())
                        .append(':')
                        .append(text);
            });
            signature.append(';');
        }
        return signature.toString();
    }

    private static boolean marker(ExportedEvent event) {
        return event.type().equals(AnonymisedHistory.OBSERVATION_STARTED)
                || event.type().equals(AnonymisedHistory.OBSERVATION_ENDED);
    }

    private static java.time.LocalDate endDate(ExportedEvent last, long end) {
        return last.date() == null ? null : last.date().minusDays(last.day() - end);
    }
}
