package org.journeyplatform.projections.planted;

/** A planted violation, never used: a projection that depends on the web layer (ArchitectureTest must find it). */
public class ProjectionReachingOut {

    public String problem() {
        return org.journeyplatform.api.problems.ProblemType.INTERNAL_ERROR.name();
    }
}
