package org.journeyplatform.api.participants;

import org.journeyplatform.domain.shared.ParticipantId;

/**
 * The journey a command endpoint records in, resolved from the request once for every endpoint
 * ({@link JourneyTargets}): her id from the path, a UUID naming an enrolled journey the signed-in staff member may see
 * (else 404), and the version its {@code If-Match} header expects (null when there is none or it is {@code *}; a
 * malformed one is a 400). An endpoint declares it after its body, so a body that fails validation is answered first.
 */
public record JourneyTarget(ParticipantId participantId, Long expectedVersion) {}
