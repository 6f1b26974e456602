package org.journeyplatform.domain.programme;

import java.util.Objects;
import org.journeyplatform.domain.shared.ModuleId;

/**
 * A module of a programme's curriculum, e.g. week 3 of a 20-week group programme.
 *
 * @param moduleId its id within the programme
 * @param title its title, e.g. "Shame, self-esteem and communication"
 * @param week the week it starts in, if the curriculum runs by weeks
 */
public record CurriculumModule(ModuleId moduleId, String title, Integer week) {

    public CurriculumModule {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(title, "title");
    }
}
