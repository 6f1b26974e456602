package org.journeyplatform.domain.journey;

/** The kind of protection order noted. */
public enum ProtectionOrderKind {
    RESTRAINING_ORDER,
    NON_MOLESTATION_ORDER,
    OCCUPATION_ORDER,
    OTHER
}
