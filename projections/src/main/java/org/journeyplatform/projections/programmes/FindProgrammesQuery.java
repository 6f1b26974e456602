package org.journeyplatform.projections.programmes;

/** All registered programmes, by name. */
public record FindProgrammesQuery() {}
