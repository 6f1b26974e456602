package org.journeyplatform.domain.shared;

/**
 * A business rule of the journey that a command broke. Each rule has a stable {@link #code()} that API callers see in
 * the problem detail, and a {@link Kind} that says whether the command conflicts with the record as it stands (the
 * same command may succeed after another change) or can never be valid as given.
 * <p>
 * Rules are judged in life order: an event recorded late must fit where it happened in her life, and everything that
 * happened after it must still fit.
 */
public enum RuleViolation {
    ALREADY_IN_PROGRAMME(
            "already-in-programme",
            Kind.CONFLICT,
            "The participant is already in this programme at that date; record an exit before a new entry."),
    NOT_IN_PROGRAMME("not-in-programme", Kind.CONFLICT, "The participant is not in this programme at that date."),
    DATED_BEFORE_ENROLMENT(
            "dated-before-enrolment",
            Kind.INVALID,
            "The date is before the participant's enrolment; nothing in her record can precede it."),
    DATED_IN_FUTURE(
            "dated-in-future",
            Kind.INVALID,
            "The date is in the future; only things that have happened can be recorded."),
    EXIT_BEFORE_ENTRY(
            "exit-before-entry", Kind.INVALID, "The exit date is before the date she entered this programme."),
    ENTRY_BEFORE_PREVIOUS_EXIT(
            "entry-before-previous-exit",
            Kind.INVALID,
            "The entry date falls before her last exit from this programme; record a past stay with its entry and exit together."),
    UNKNOWN_PROGRAMME(
            "unknown-programme",
            Kind.INVALID,
            "No programme with this id is registered; register the programme first."),
    UNKNOWN_MODULE("unknown-module", Kind.INVALID, "The programme's curriculum has no module with this id."),
    UNKNOWN_PEER("unknown-peer", Kind.INVALID, "No peer with this id is registered; register the peer first."),
    PEER_ALREADY_MENTOR("peer-already-mentor", Kind.CONFLICT, "This peer is already her mentor at that date."),
    PEER_NOT_MENTOR("peer-not-mentor", Kind.CONFLICT, "This peer is not her mentor at that date."),
    UNKNOWN_PLAN("unknown-plan", Kind.CONFLICT, "She has no reunification plan with this id (at that date)."),
    PLAN_CLOSED("plan-closed", Kind.CONFLICT, "This reunification plan is closed at that date."),
    SAME_STEP("same-step", Kind.CONFLICT, "The reunification plan is already at this step."),
    UNKNOWN_GOAL("unknown-goal", Kind.CONFLICT, "She has no goal with this id (at that date)."),
    GOAL_NOT_ACTIVE("goal-not-active", Kind.CONFLICT, "This goal is already achieved or set aside at that date."),
    UNKNOWN_SAFETY_PLAN("unknown-safety-plan", Kind.CONFLICT, "She has no safety plan with this id (at that date)."),
    UNKNOWN_HELPER("unknown-helper", Kind.CONFLICT, "This helper is not in her support network at that date."),
    UNKNOWN_CONSENT("unknown-consent", Kind.CONFLICT, "She gave no consent with this id (at that date)."),
    CONSENT_ALREADY_WITHDRAWN("consent-already-withdrawn", Kind.CONFLICT, "This consent is already withdrawn."),
    CONSENT_EXPIRES_BEFORE_GIVEN(
            "consent-expires-before-given", Kind.INVALID, "A consent cannot expire before the day it is given."),
    DUPLICATE_ID("duplicate-id", Kind.CONFLICT, "Something with this id is already in her record."),
    UNKNOWN_INSTRUMENT("unknown-instrument", Kind.INVALID, "No assessment instrument with this code is defined."),
    INVALID_SCORES(
            "invalid-scores",
            Kind.INVALID,
            "The item scores do not fit the instrument: every item needs a score within its range, and nothing else."),
    UNKNOWN_EVENT(
            "unknown-event", Kind.INVALID, "Her record has no event with this id that can be corrected or retracted."),
    NOT_CORRECTABLE("not-correctable", Kind.INVALID, "This event or field cannot be corrected or retracted this way."),
    ALREADY_RETRACTED("already-retracted", Kind.CONFLICT, "This event is already retracted."),
    CORRECTION_CHANGES_NOTHING(
            "correction-changes-nothing", Kind.CONFLICT, "The event already holds every value the correction gives."),
    PARTICIPANT_ERASED(
            "participant-erased", Kind.CONFLICT, "She has been erased: nothing more can be recorded for her.");

    /** Whether a broken rule conflicts with the record as it stands, or the request is invalid in itself. */
    public enum Kind {
        CONFLICT,
        INVALID
    }

    private final String code;
    private final Kind kind;
    private final String description;

    RuleViolation(String code, Kind kind, String description) {
        this.code = code;
        this.kind = kind;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }
}
