package org.journeyplatform.domain.programme;

import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Answers whether a programme is registered. Injected into command handlers as a resource, so a journey can refuse an
 * entry into a programme that does not exist without the domain knowing how programmes are stored.
 */
public interface ProgrammeDirectory {

    boolean isRegistered(ProgrammeId programmeId);
}
