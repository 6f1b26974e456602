package org.journeyplatform.domain.journey;

/** What a relapse or return was a return to. */
public enum RelapseKind {
    DRUG_OR_ALCOHOL_USE,
    RETURN_TO_SEX_TRADE,
    CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER,
    OTHER
}
