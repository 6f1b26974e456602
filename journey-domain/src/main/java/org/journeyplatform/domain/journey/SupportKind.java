package org.journeyplatform.domain.journey;

/** Support offered or given after a relapse or return. */
public enum SupportKind {
    PEER_SUPPORT,
    CASEWORKER_CONTACT,
    COUNSELLING,
    DETOX,
    RESIDENTIAL_TREATMENT,
    OUTPATIENT_TREATMENT,
    SAFETY_PLANNING,
    HOUSING_SUPPORT,
    MEDICAL_CARE,
    LEGAL_SUPPORT,
    OTHER
}
