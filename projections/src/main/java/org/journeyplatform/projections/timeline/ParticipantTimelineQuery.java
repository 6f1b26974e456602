package org.journeyplatform.projections.timeline;

import java.time.Instant;

/**
 * A participant's timeline in life order: by the date (and time) things happened, then by recording order.
 *
 * @param asOfRecorded when given, the timeline exactly as it was known at that moment: events recorded later, and
 *                     corrections and retractions made later, are absent; null for now
 */
public record ParticipantTimelineQuery(String participantId, Instant asOfRecorded) {

    public ParticipantTimelineQuery(String participantId) {
        this(participantId, null);
    }
}
