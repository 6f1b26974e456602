package org.journeyplatform.domain.journey;

/** Gender identity as the participant describes it. */
public enum GenderIdentity {
    WOMAN,
    MAN,
    TRANS_WOMAN,
    TRANS_MAN,
    NON_BINARY,
    SELF_DESCRIBED,
    PREFER_NOT_TO_SAY
}
