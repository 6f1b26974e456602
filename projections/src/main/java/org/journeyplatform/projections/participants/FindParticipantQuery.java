package org.journeyplatform.projections.participants;

/** One participant by id; answers null when there is none. */
public record FindParticipantQuery(String participantId) {}
