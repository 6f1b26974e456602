package org.journeyplatform.projections.research;

/**
 * The re-identification risk a study accepts (docs/research.md, "Disclosure risk"), each a share from 0 to 1. An
 * export is refused, and nothing released, when after coarsening and suppression a measure is still above its limit.
 *
 * @param maxUniqueShare     the largest share of released records that may be unique, in the person table and among
 *                           the histories; histories are reduced, then suppressed, until it holds
 * @param maxAverageRisk     the largest average prosecutor risk (the mean of one over the size of each record's group
 *                           of identical records), in the person table and among the histories
 * @param maxSuppressedShare the largest share of the participants who could be released (consented, not erased, with
 *                           days to observe) that may be left out to meet the other limits and k
 */
public record RiskLimits(double maxUniqueShare, double maxAverageRisk, double maxSuppressedShare) {

    /** What a study gets when it does not say. */
    public static final RiskLimits DEFAULT = new RiskLimits(0.05, 0.35, 0.25);

    /**
     * No limit at all: the terms of studies registered before limits existed (migration V21), whose exports release
     * every history in full, as they did.
     */
    public static final RiskLimits NONE = new RiskLimits(1, 1, 1);

    public RiskLimits {
        for (double share : new double[] {maxUniqueShare, maxAverageRisk, maxSuppressedShare}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a risk limit is a share from 0 to 1");
            }
        }
    }
}
