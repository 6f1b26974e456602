package org.journeyplatform.domain.journey;

/** Steps of reunification with a child, in order; a plan can move forwards and backwards between them. */
public enum ReunificationStep {
    PLAN_OPENED,
    SUPERVISED_CONTACT,
    UNSUPERVISED_VISITS,
    OVERNIGHT_STAYS,
    CUSTODY_RESTORED
}
