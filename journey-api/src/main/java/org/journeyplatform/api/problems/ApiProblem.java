package org.journeyplatform.api.problems;

/** Raised by the API layer for a known problem; rendered as a problem detail of its {@link ProblemType}. */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;

    public ApiProblem(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
