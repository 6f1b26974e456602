package org.journeyplatform.domain.journey;

/** An age band, for participants who prefer not to give a year of birth. */
public enum AgeBand {
    AGE_18_TO_24,
    AGE_25_TO_34,
    AGE_35_TO_44,
    AGE_45_TO_54,
    AGE_55_AND_OVER
}
