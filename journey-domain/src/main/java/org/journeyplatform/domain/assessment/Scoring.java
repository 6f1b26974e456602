package org.journeyplatform.domain.assessment;

/** How a total or subscale score is computed from item scores. */
public enum Scoring {
    SUM,
    MEAN,
    NONE
}
