package org.journeyplatform.domain.journey;

/** Who a helper in the participant's support network is, as the research found them. */
public enum HelperKind {
    PEER,
    SPONSOR,
    FAMILY,
    FRIEND,
    PROBATION_OFFICER,
    POLICE,
    JUDGE,
    FAITH_COMMUNITY,
    HEALTH_WORKER,
    CASEWORKER,
    OTHER
}
