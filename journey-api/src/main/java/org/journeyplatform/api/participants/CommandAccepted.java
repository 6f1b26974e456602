package org.journeyplatform.api.participants;

/** What a command endpoint answers: whose journey changed and its version now (also sent as the ETag). */
public record CommandAccepted(String participantId, long version) {
}
