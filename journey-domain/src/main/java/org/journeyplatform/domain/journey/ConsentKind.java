package org.journeyplatform.domain.journey;

/** What a consent covers: the service itself, or research. */
public enum ConsentKind {
    SERVICE,
    RESEARCH
}
