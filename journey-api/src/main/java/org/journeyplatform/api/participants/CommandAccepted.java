package org.journeyplatform.api.participants;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a command endpoint answers: whose journey changed, its version now (also sent as the ETag), and the id of what
 * the command created, when it created something (a goal, a reunification plan, a consent...).
 */
public record CommandAccepted(
        String participantId,
        long version,
        @Schema(nullable = true) String id) {

    public CommandAccepted(String participantId, long version) {
        this(participantId, version, null);
    }
}
