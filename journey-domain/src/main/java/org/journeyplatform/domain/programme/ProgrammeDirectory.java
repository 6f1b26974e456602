package org.journeyplatform.domain.programme;

import java.util.List;
import java.util.Optional;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * Answers whether a programme is registered, and what its curriculum is. Injected into command handlers as a
 * resource, so a journey can refuse an entry into a programme that does not exist without the domain knowing how
 * programmes are stored.
 */
public interface ProgrammeDirectory {

    /** The programme's curriculum (possibly empty) when it is registered; empty when it is not. */
    Optional<List<CurriculumModule>> curriculumOf(ProgrammeId programmeId);

    default boolean isRegistered(ProgrammeId programmeId) {
        return curriculumOf(programmeId).isPresent();
    }
}
