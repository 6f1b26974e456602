package org.journeyplatform.domain.journey;

/** Kinds of milestone a participant or staff mark. CUSTOM takes the participant's own description. */
public enum MilestoneType {
    SOBRIETY_DURATION_REACHED,
    STABLE_HOUSING,
    EMPLOYMENT,
    EDUCATION,
    LEGAL_MATTER_RESOLVED,
    HEALTH,
    PROGRAMME_GRADUATION,
    TWO_YEARS_OUT_OF_SEX_TRADE,
    REUNIFICATION_STEP,
    MODULE_COMPLETED,
    CUSTOM
}
