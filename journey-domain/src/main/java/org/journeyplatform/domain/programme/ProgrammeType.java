package org.journeyplatform.domain.programme;

/** The kind of service a programme is. */
public enum ProgrammeType {
    RESIDENTIAL,
    OUTREACH,
    COURT_DIVERSION,
    DRUG_AND_ALCOHOL_TREATMENT,
    PEER_GROUP,
    COMMUNITY
}
