package org.journeyplatform.domain.journey;

/** Who or what brought the participant to the service. */
public enum ReferralSource {
    OUTREACH,
    COURT_DIVERSION,
    POLICE,
    SELF,
    PEER,
    TREATMENT_SERVICE,
    HEALTH_SERVICE,
    FAMILY_OR_FRIEND,
    OTHER
}
