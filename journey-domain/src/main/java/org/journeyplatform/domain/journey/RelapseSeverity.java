package org.journeyplatform.domain.journey;

/** How serious staff and participant judged a relapse to be, for choosing the support that follows. */
public enum RelapseSeverity {
    LOW,
    MODERATE,
    HIGH
}
