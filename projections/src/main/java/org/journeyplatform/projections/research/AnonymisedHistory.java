package org.journeyplatform.projections.research;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.journeyplatform.domain.journey.AgeBand;
import org.journeyplatform.domain.journey.RecordedEvent;
import org.journeyplatform.domain.journey.ReferralSource;
import org.journeyplatform.domain.journey.event.AssessmentRecordedEvent;
import org.journeyplatform.domain.journey.event.GoalAchievedEvent;
import org.journeyplatform.domain.journey.event.GoalDroppedEvent;
import org.journeyplatform.domain.journey.event.GoalProgressNotedEvent;
import org.journeyplatform.domain.journey.event.GoalSetEvent;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.MilestoneReachedEvent;
import org.journeyplatform.domain.journey.event.ModuleAttendedEvent;
import org.journeyplatform.domain.journey.event.ModuleCompletedEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignedEvent;
import org.journeyplatform.domain.journey.event.PeerMentorAssignmentEndedEvent;
import org.journeyplatform.domain.journey.event.PeerSessionAttendedEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;
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
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * One participant's effective history (corrections applied, retractions removed, in life order), as a study may see
 * it. Only codes, numbers, flags, days and per-study pseudonyms are taken from her events, field by field: every
 * {@code @PersonalData} value (her name, year of birth, gender identity, age at first entry, notes, descriptions,
 * goals in her words, safety-plan contents, children's pseudonyms, helpers' descriptions, corrections' values and
 * reasons) and every free text stays behind, and so do the event metadata (who recorded it, when) and the internal ids
 * of everything. Her year of birth is used only to put her age at enrolment into a band.
 * <p>
 * Which events: everything of hers dated in her observation window ({@link #window}: the study period, from her
 * enrolment if later, up to the end of the period or the export date if earlier, both ends moved by her follow-up cut),
 * except that programme events (entries, exits, modules) are taken only for the study's programmes. Profile updates, consents, erasures, corrections and retractions are never
 * exported as events (corrections and retractions are already applied).
 */
public final class AnonymisedHistory {

    /** Research's own event types, not events of her life: where her observation window begins and ends. */
    public static final String OBSERVATION_STARTED = "observation-started";

    public static final String OBSERVATION_ENDED = "observation-ended";

    private AnonymisedHistory() {}

    /**
     * What is known of her before anything is released.
     *
     * @param member           whether she had a stay in one of the study's programmes overlapping the study period (up
     *                         to the observation end): only members are candidates for the study
     * @param quasiIdentifiers her exact (level 0) value of every quasi-identifier of the study
     */
    public record Facts(LocalDate enrolledOn, boolean member, Map<QuasiIdentifier, String> quasiIdentifiers) {}

    /**
     * Her released history.
     *
     * @param shiftedEnrolment her shifted enrolment date, or null when the study gives days only
     * @param events           {@code observation-started}, her events in the window, {@code observation-ended}
     */
    public record Anonymised(
            String participant,
            LocalDate shiftedEnrolment,
            long observationStartDay,
            long observationEndDay,
            List<ExportedEvent> events) {}

    private record Stay(ProgrammeId programme, LocalDate entered, LocalDate exited) {}

    /**
     * Her facts; {@code lifeOrder} is her effective history sorted in life order, {@code commonEnd} the study's last
     * day or the export date if earlier. Her enrolment year is taken after moving her enrolment date by her follow-up
     * cut ({@link Pseudonyms#cutDays}), so that it tells nothing the day numbers of her follow-up do not (beside them,
     * the real year would narrow down her enrolment date around the turn of a year).
     */
    public static Facts facts(
            String participantId,
            List<RecordedEvent> lifeOrder,
            Study study,
            Pseudonyms pseudonyms,
            Map<String, ProgrammeType> programmeTypes,
            LocalDate observationEnd) {
        ParticipantEnrolledEvent enrolment = null;
        Integer yearOfBirth = null;
        AgeBand ageBand = null;
        ReferralSource referral = null;
        for (RecordedEvent recorded : lifeOrder) {
            JourneyEvent event = recorded.event();
            if (event instanceof ParticipantEnrolledEvent e && enrolment == null) {
                enrolment = e;
                yearOfBirth = e.yearOfBirth();
                ageBand = e.ageBand();
                referral = e.referralSource();
            } else if (event instanceof ProfileDetailsUpdatedEvent e
                    && !e.occurredOn().isAfter(observationEnd)) {
                yearOfBirth = e.yearOfBirth() != null ? e.yearOfBirth() : yearOfBirth;
                ageBand = e.ageBand() != null ? e.ageBand() : ageBand;
                referral = e.referralSource() != null ? e.referralSource() : referral;
            }
        }
        if (enrolment == null) {
            return new Facts(null, false, Map.of());
        }
        LocalDate enrolledOn = enrolment.occurredOn().date();
        Stay first = stays(lifeOrder, study).stream()
                .filter(s -> !s.entered().isAfter(observationEnd)
                        && (s.exited() == null || !s.exited().isBefore(study.periodFrom())))
                .findFirst()
                .orElse(null);
        Map<QuasiIdentifier, String> values = new LinkedHashMap<>();
        for (QuasiIdentifier q : study.quasiIdentifiers()) {
            values.put(
                    q,
                    switch (q) {
                        case AGE_BAND ->
                            yearOfBirth != null
                                    ? QuasiIdentifier.ageBand(enrolledOn.getYear() - yearOfBirth)
                                    : ageBand != null ? QuasiIdentifier.ageBand(ageBand) : QuasiIdentifier.UNKNOWN;
                        case PROGRAMME_TYPE ->
                            first == null
                                            || !programmeTypes.containsKey(
                                                    first.programme().toString())
                                    ? QuasiIdentifier.UNKNOWN
                                    : programmeTypes
                                            .get(first.programme().toString())
                                            .name();
                        case ENROLMENT_YEAR ->
                            Integer.toString(enrolledOn
                                    .plusDays(pseudonyms.cutDays(participantId))
                                    .getYear());
                        case REFERRAL_SOURCE -> referral == null ? QuasiIdentifier.UNKNOWN : referral.name();
                    });
        }
        return new Facts(enrolledOn, first != null, values);
    }

    /** Her stays in the study's programmes, paired as on the dashboards, in the order she entered them. */
    private static List<Stay> stays(List<RecordedEvent> lifeOrder, Study study) {
        org.journeyplatform.domain.journey.ProgrammeStays<ProgrammeId> fold =
                new org.journeyplatform.domain.journey.ProgrammeStays<>();
        for (RecordedEvent recorded : lifeOrder) {
            if (recorded.event() instanceof ProgrammeEnteredEvent e
                    && study.programmeIds().contains(e.programmeId().toString())) {
                fold.entered(e.programmeId(), e.occurredOn().date());
            } else if (recorded.event() instanceof ProgrammeExitedEvent e
                    && study.programmeIds().contains(e.programmeId().toString())) {
                fold.exited(e.programmeId(), e.occurredOn().date(), null);
            }
        }
        return fold.stays().stream()
                .map(s -> new Stay(s.programme(), s.entered(), s.exited()))
                .toList();
    }

    /** The days she is observed, both included. */
    public record Window(LocalDate start, LocalDate end) {}

    /**
     * The days she is observed, or null when none are left: from her enrolment when it falls in the study period,
     * else from the period's first day plus {@code 182 - c}; to the common end (the period's last day, or the export
     * date if earlier) minus {@code c}, her follow-up cut ({@link Pseudonyms#cutDays}). Neither end is then a day
     * everyone knows, so neither gives her enrolment date or her date offset away (docs/research.md, "Dates").
     */
    public static Window window(
            LocalDate enrolledOn, Study study, Pseudonyms pseudonyms, String participantId, LocalDate commonEnd) {
        int cut = pseudonyms.cutDays(participantId);
        LocalDate end = commonEnd.minusDays(cut);
        LocalDate start = enrolledOn.isBefore(study.periodFrom())
                ? study.periodFrom().plusDays(Pseudonyms.MAX_OFFSET_DAYS - cut)
                : enrolledOn;
        return start.isAfter(end) ? null : new Window(start, end);
    }

    /**
     * Her released history; {@code lifeOrder} is her effective history sorted in life order, {@code commonEnd} the
     * study's last day or the export date if earlier.
     *
     * @throws IllegalArgumentException when she has no enrolment or no days left to observe ({@link #window})
     */
    public static Anonymised anonymise(
            String participantId,
            List<RecordedEvent> lifeOrder,
            Study study,
            Pseudonyms pseudonyms,
            Map<String, ProgrammeType> programmeTypes,
            LocalDate commonEnd) {
        Facts facts = facts(participantId, lifeOrder, study, pseudonyms, programmeTypes, commonEnd);
        if (facts.enrolledOn() == null) {
            throw new IllegalArgumentException("no enrolment in this history");
        }
        Window window = window(facts.enrolledOn(), study, pseudonyms, participantId, commonEnd);
        if (window == null) {
            throw new IllegalArgumentException("no days left to observe");
        }
        Converter converter = new Converter(
                pseudonyms.participant(participantId),
                facts.enrolledOn(),
                study.dateMode() == DateMode.SHIFTED ? pseudonyms.offsetDays(participantId) : null,
                study,
                pseudonyms,
                programmeTypes);
        LocalDate observationStart = window.start();
        LocalDate observationEnd = window.end();
        List<ExportedEvent> before = new ArrayList<>();
        List<ExportedEvent> observed = new ArrayList<>();
        // the id of each observed event, for its displacement: stable whatever is recorded, corrected or retracted
        List<String> ids = new ArrayList<>();
        ids.add(null);
        for (RecordedEvent recorded : lifeOrder) {
            LocalDate on = recorded.event().occurredOn().date();
            if (on.isAfter(observationEnd)) {
                continue;
            }
            ExportedEvent exported = converter.convert(recorded.event());
            if (exported != null) {
                if (on.isBefore(observationStart)) {
                    before.add(exported);
                } else {
                    observed.add(exported);
                    ids.add(recorded.eventId());
                }
            }
        }
        Spells.Standing standing = Spells.standingAfter(before);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("state", standing.state());
        start.put("programmes", standing.programmes());
        List<ExportedEvent> events = new ArrayList<>();
        events.add(converter.event(OBSERVATION_STARTED, observationStart, start));
        events.addAll(observed);
        events.add(converter.event(OBSERVATION_ENDED, observationEnd, Map.of()));
        LocalDate shiftedEnrolment = converter.date(facts.enrolledOn());
        LocalDate releasedEnrolment =
                shiftedEnrolment == null ? null : study.granularity().release(shiftedEnrolment);
        ids.add(null);
        List<ExportedEvent> released = released(events, ids, participantId, study, pseudonyms, releasedEnrolment);
        return new Anonymised(
                converter.participant,
                releasedEnrolment,
                released.get(0).day(),
                released.get(released.size() - 1).day(),
                released);
    }

    /**
     * Her time values as the study receives them (docs/research.md, "Time values"): each event's day moved by its own
     * displacement ({@link Pseudonyms#displacementDays}, drawn for the event's id, so the same in every export of the
     * study whatever else is recorded), kept inside her observation window and never before the event before it, so
     * her events keep their order; then rounded down to the study's granularity. Her enrolment
     * and the two ends of her observation are not displaced (they are rounded). Shifted dates are her released
     * enrolment date plus the released day, so a date and its day number always agree; a protection order's expiry
     * moves with its event.
     */
    private static List<ExportedEvent> released(
            List<ExportedEvent> events,
            List<String> eventIds,
            String participantId,
            Study study,
            Pseudonyms pseudonyms,
            LocalDate releasedEnrolment) {
        TimeGranularity granularity = study.granularity();
        long first = events.get(0).day();
        long last = events.get(events.size() - 1).day();
        long previous = first;
        List<ExportedEvent> released = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ExportedEvent event = events.get(i);
            boolean anchor = i == 0 || i == events.size() - 1 || event.type().equals(ParticipantEnrolledEvent.NAME);
            int displacement =
                    anchor ? 0 : pseudonyms.displacementDays(participantId, eventIds.get(i), study.displacementDays());
            long day = anchor ? event.day() : Math.max(previous, Math.min(last, event.day() + displacement));
            previous = day;
            long releasedDay = granularity.release(day);
            Map<String, Object> fields = event.fields();
            if (fields.get("expiresDay") instanceof Number expires) {
                fields = new LinkedHashMap<>(fields);
                // moved as far as its event was (after keeping the order), so it never falls before its event
                long expiresDay = granularity.release(expires.longValue() + (day - event.day()));
                fields.put("expiresDay", expiresDay);
                if (releasedEnrolment != null) {
                    fields.put(
                            "expiresOn", releasedEnrolment.plusDays(expiresDay).toString());
                }
            }
            released.add(new ExportedEvent(
                    event.participant(),
                    event.type(),
                    releasedDay,
                    releasedEnrolment == null ? null : releasedEnrolment.plusDays(releasedDay),
                    fields));
        }
        return released;
    }

    /** The event types an export may hold, with the fields each may carry (the codebook lists them all). */
    /**
     * The kinds of journey event a study never receives as events: her profile (its released values are in the person
     * table), her consents (they decide who is in an export), corrections and retractions (applied before export) and
     * erasure (an erased participant is never exported). Every other kind is converted by {@link Converter#convert},
     * which refuses a kind it does not know.
     */
    static final Set<Class<? extends JourneyEvent>> NOT_EXPORTED = Set.of(
            org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent.class,
            org.journeyplatform.domain.journey.event.ConsentGivenEvent.class,
            org.journeyplatform.domain.journey.event.ConsentWithdrawnEvent.class,
            org.journeyplatform.domain.journey.event.EventCorrectedEvent.class,
            org.journeyplatform.domain.journey.event.EventRetractedEvent.class,
            org.journeyplatform.domain.journey.event.ParticipantErasedEvent.class);

    /** One event as a study would receive it, on exact days, without dates (for the tests of every kind of event). */
    static ExportedEvent exported(JourneyEvent event, Study study, Pseudonyms pseudonyms) {
        return new Converter(
                        pseudonyms.participant(event.participantId().toString()),
                        event.occurredOn().date(),
                        null,
                        study,
                        pseudonyms,
                        Map.of())
                .convert(event);
    }

    private static final class Converter {
        final String participant;
        final LocalDate enrolledOn;
        final Integer offset;
        final Study study;
        final Pseudonyms pseudonyms;
        final Map<String, ProgrammeType> programmeTypes;

        Converter(
                String participant,
                LocalDate enrolledOn,
                Integer offset,
                Study study,
                Pseudonyms pseudonyms,
                Map<String, ProgrammeType> programmeTypes) {
            this.participant = participant;
            this.enrolledOn = enrolledOn;
            this.offset = offset;
            this.study = study;
            this.pseudonyms = pseudonyms;
            this.programmeTypes = programmeTypes;
        }

        long day(LocalDate date) {
            return ChronoUnit.DAYS.between(enrolledOn, date);
        }

        LocalDate date(LocalDate date) {
            return offset == null ? null : date.plusDays(offset);
        }

        ExportedEvent event(String type, LocalDate on, Map<String, Object> fields) {
            return new ExportedEvent(participant, type, day(on), date(on), fields);
        }

        ExportedEvent convert(JourneyEvent event) {
            Map<String, Object> f = new LinkedHashMap<>();
            String type;
            if (event instanceof ParticipantEnrolledEvent) {
                type = ParticipantEnrolledEvent.NAME;
            } else if (event instanceof ProgrammeEnteredEvent e) {
                if (!programme(e.programmeId(), f)) {
                    return null;
                }
                type = ProgrammeEnteredEvent.NAME;
                f.put("reentry", e.reentry());
            } else if (event instanceof ProgrammeExitedEvent e) {
                if (!programme(e.programmeId(), f)) {
                    return null;
                }
                type = ProgrammeExitedEvent.NAME;
                put(f, "exitReason", e.reason());
            } else if (event instanceof ModuleAttendedEvent e) {
                if (!programme(e.programmeId(), f)) {
                    return null;
                }
                type = ModuleAttendedEvent.NAME;
                put(f, "module", e.moduleId());
            } else if (event instanceof ModuleCompletedEvent e) {
                if (!programme(e.programmeId(), f)) {
                    return null;
                }
                type = ModuleCompletedEvent.NAME;
                put(f, "module", e.moduleId());
            } else if (event instanceof RelapseRecordedEvent e) {
                type = RelapseRecordedEvent.NAME;
                put(f, "kind", e.kind());
                put(f, "severity", e.severity());
                f.put(
                        "supportFollowed",
                        e.supportFollowed().stream().map(Enum::name).sorted().toList());
            } else if (event instanceof MilestoneReachedEvent e) {
                type = MilestoneReachedEvent.NAME;
                put(f, "milestone", e.type());
            } else if (event instanceof ReunificationPlanOpenedEvent e) {
                type = ReunificationPlanOpenedEvent.NAME;
                ref(f, "plan", e.planId());
            } else if (event instanceof ReunificationStepRecordedEvent e) {
                type = ReunificationStepRecordedEvent.NAME;
                ref(f, "plan", e.planId());
                put(f, "step", e.step());
                put(f, "previousStep", e.previousStep());
                put(f, "direction", e.direction());
            } else if (event instanceof ReunificationPlanClosedEvent e) {
                type = ReunificationPlanClosedEvent.NAME;
                ref(f, "plan", e.planId());
                put(f, "closureReason", e.reason());
            } else if (event instanceof PeerMentorAssignedEvent e) {
                type = PeerMentorAssignedEvent.NAME;
                ref(f, "peer", e.peerId());
            } else if (event instanceof PeerMentorAssignmentEndedEvent e) {
                type = PeerMentorAssignmentEndedEvent.NAME;
                ref(f, "peer", e.peerId());
            } else if (event instanceof PeerSessionAttendedEvent e) {
                type = PeerSessionAttendedEvent.NAME;
                ref(f, "peer", e.peerId());
                put(f, "kind", e.kind());
                put(f, "minutes", e.minutes());
            } else if (event instanceof AssessmentRecordedEvent e) {
                type = AssessmentRecordedEvent.NAME;
                put(f, "instrument", e.instrument());
                f.put("instrumentRevision", e.instrumentRevision());
                f.put("itemScores", e.itemScores() == null ? Map.of() : new TreeMap<>(e.itemScores()));
                put(f, "total", e.total());
                f.put("subscaleScores", e.subscaleScores() == null ? Map.of() : new TreeMap<>(e.subscaleScores()));
            } else if (event instanceof GoalSetEvent e) {
                type = GoalSetEvent.NAME;
                ref(f, "goal", e.goalId());
            } else if (event instanceof GoalProgressNotedEvent e) {
                type = GoalProgressNotedEvent.NAME;
                ref(f, "goal", e.goalId());
            } else if (event instanceof GoalAchievedEvent e) {
                type = GoalAchievedEvent.NAME;
                ref(f, "goal", e.goalId());
            } else if (event instanceof GoalDroppedEvent e) {
                type = GoalDroppedEvent.NAME;
                ref(f, "goal", e.goalId());
            } else if (event instanceof SafetyPlanCreatedEvent e) {
                type = SafetyPlanCreatedEvent.NAME;
                ref(f, "safetyPlan", e.safetyPlanId());
            } else if (event instanceof SafetyPlanReviewedEvent e) {
                type = SafetyPlanReviewedEvent.NAME;
                ref(f, "safetyPlan", e.safetyPlanId());
            } else if (event instanceof ProtectionOrderNotedEvent e) {
                type = ProtectionOrderNotedEvent.NAME;
                put(f, "kind", e.kind());
                if (e.expiresOn() != null) {
                    f.put("expiresDay", day(e.expiresOn()));
                    if (offset != null) {
                        f.put("expiresOn", date(e.expiresOn()).toString());
                    }
                }
            } else if (event instanceof SupportNetworkHelperAddedEvent e) {
                type = SupportNetworkHelperAddedEvent.NAME;
                ref(f, "helper", e.helperId());
                put(f, "kind", e.kind());
            } else if (event instanceof SupportNetworkHelperRemovedEvent e) {
                type = SupportNetworkHelperRemovedEvent.NAME;
                ref(f, "helper", e.helperId());
            } else if (NOT_EXPORTED.contains(event.getClass())) {
                return null;
            } else {
                // a kind of journey event added without deciding what a study receives of it: never silently dropped
                throw new IllegalStateException(
                        "No research export is defined for " + event.getClass().getSimpleName()
                                + ": add it to AnonymisedHistory (and the codebook) or to NOT_EXPORTED.");
            }
            return event(type, event.occurredOn().date(), f);
        }

        /** Puts the programme's pseudonym (and type, when the study receives it); false when not a study programme. */
        private boolean programme(ProgrammeId programme, Map<String, Object> fields) {
            if (programme == null || !study.programmeIds().contains(programme.toString())) {
                return false;
            }
            fields.put("programme", pseudonyms.reference("programme", programme.toString()));
            if (study.quasiIdentifiers().contains(QuasiIdentifier.PROGRAMME_TYPE)) {
                put(fields, "programmeType", programmeTypes.get(programme.toString()));
            }
            return true;
        }

        private void ref(Map<String, Object> fields, String kind, Object id) {
            if (id != null) {
                fields.put(kind, pseudonyms.reference(kebab(kind), id.toString()));
            }
        }

        /** {@code safetyPlan} as {@code safety-plan}: a lower-case letter and the capital after it split by a hyphen. */
        static String kebab(String name) {
            StringBuilder kebab = new StringBuilder(name.length() + 4);
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (i > 0 && c >= 'A' && c <= 'Z' && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z') {
                    kebab.append('-');
                }
                kebab.append(c);
            }
            return kebab.toString().toLowerCase(java.util.Locale.ROOT);
        }

        private static void put(Map<String, Object> fields, String name, Object value) {
            if (value != null) {
                fields.put(
                        name,
                        value instanceof Enum<?> e ? e.name() : value instanceof Number ? value : value.toString());
            }
        }
    }
}
