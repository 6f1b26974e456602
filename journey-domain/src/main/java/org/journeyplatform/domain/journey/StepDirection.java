package org.journeyplatform.domain.journey;

/** Whether a reunification step moved the plan forwards or backwards. */
public enum StepDirection {
    FORWARD,
    BACKWARD
}
