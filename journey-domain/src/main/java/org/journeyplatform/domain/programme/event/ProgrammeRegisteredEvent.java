package org.journeyplatform.domain.programme.event;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.ProgrammeType;
import org.journeyplatform.domain.shared.ProgrammeId;

/**
 * A programme was registered, so that participants can enter it. Programme names are not personal data.
 * <p>
 * The package of this class is stored with every event: do not move or rename it without an upcaster.
 *
 * @param curriculum its modules, in order; empty when it has no curriculum
 */
@Revision("1")
public record ProgrammeRegisteredEvent(
        ProgrammeId programmeId, String name, ProgrammeType type, List<CurriculumModule> curriculum) {

    public ProgrammeRegisteredEvent {
        curriculum = curriculum == null ? List.of() : List.copyOf(curriculum);
    }
}
