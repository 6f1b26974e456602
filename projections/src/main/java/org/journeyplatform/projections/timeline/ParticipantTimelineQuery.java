package org.journeyplatform.projections.timeline;

/** A participant's timeline in life order: by the date (and time) things happened, then by recording order. */
public record ParticipantTimelineQuery(String participantId) {
}
