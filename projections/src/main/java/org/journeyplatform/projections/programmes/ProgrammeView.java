package org.journeyplatform.projections.programmes;

import java.time.Instant;
import java.util.List;
import org.journeyplatform.domain.programme.ProgrammeType;

/** A registered programme as staff see it in lists and pickers, with its curriculum of modules. */
public record ProgrammeView(
        String programmeId, String name, ProgrammeType type, Instant registeredAt, List<Module> curriculum) {

    /** One module of the curriculum. */
    public record Module(String moduleId, String title, Integer week) {}
}
