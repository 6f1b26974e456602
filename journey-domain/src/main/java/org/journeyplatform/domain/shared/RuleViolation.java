package org.journeyplatform.domain.shared;

/**
 * A business rule of the journey that a command broke. Each rule has a stable {@link #code()} that API callers see in
 * the problem detail, and a {@link Kind} that says whether the command conflicts with the current state of the record
 * (the same command may succeed later) or can never be valid as given.
 */
public enum RuleViolation {

    ALREADY_IN_PROGRAMME("already-in-programme", Kind.CONFLICT,
            "The participant is already in this programme; record an exit before a new entry."),
    NOT_IN_PROGRAMME("not-in-programme", Kind.CONFLICT,
            "The participant is not in this programme, so there is no stay to exit from."),
    DATED_BEFORE_ENROLMENT("dated-before-enrolment", Kind.INVALID,
            "The date is before the participant's enrolment; nothing in her record can precede it."),
    DATED_IN_FUTURE("dated-in-future", Kind.INVALID,
            "The date is in the future; only things that have happened can be recorded."),
    EXIT_BEFORE_ENTRY("exit-before-entry", Kind.INVALID,
            "The exit date is before the date she entered this programme."),
    ENTRY_BEFORE_PREVIOUS_EXIT("entry-before-previous-exit", Kind.INVALID,
            "The entry date is before her last exit from this programme; record stays in the order they happened."),
    UNKNOWN_PROGRAMME("unknown-programme", Kind.INVALID,
            "No programme with this id is registered; register the programme first.");

    /** Whether a broken rule conflicts with the record's current state, or the request is invalid in itself. */
    public enum Kind { CONFLICT, INVALID }

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
