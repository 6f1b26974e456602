package org.journeyplatform.projections.programmes;

import java.time.Instant;
import org.journeyplatform.domain.programme.ProgrammeType;

/** A registered programme as staff see it in lists and pickers. */
public record ProgrammeView(String programmeId, String name, ProgrammeType type, Instant registeredAt) {
}
