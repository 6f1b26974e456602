package org.journeyplatform.projections.summary;

import java.time.Instant;

/**
 * Where a participant stands: current programmes, days since her last relapse or return, open reunification plans,
 * latest assessment per instrument, active goals, consent status.
 *
 * @param asOfRecorded when given, as it was known at that moment (events, corrections and retractions recorded later
 *                     are left out); null for now
 */
public record ParticipantSummaryQuery(String participantId, Instant asOfRecorded) {}
