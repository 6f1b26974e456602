package org.journeyplatform.domain.journey;

/** Why a stay in a programme ended. Returning to the sex trade is a reason like any other: it is recorded, not judged. */
public enum ExitReason {
    COMPLETED,
    LEFT_BY_CHOICE,
    DISCHARGED,
    TRANSFERRED,
    RETURNED_TO_SEX_TRADE,
    INCARCERATED,
    DIED,
    OTHER
}
