package org.journeyplatform.domain.journey;

/** Why a reunification plan was closed. */
public enum ReunificationPlanClosureReason {
    CUSTODY_RESTORED,
    PARTICIPANT_CHOSE_TO_CLOSE,
    COURT_DECISION,
    TRANSFERRED_TO_ANOTHER_SERVICE,
    OTHER
}
