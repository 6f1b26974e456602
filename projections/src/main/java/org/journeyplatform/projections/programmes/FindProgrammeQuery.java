package org.journeyplatform.projections.programmes;

/** One programme by id; answers null when there is none. */
public record FindProgrammeQuery(String programmeId) {}
