package org.tapercds.facts;

/**
 * The clinical thresholds, loaded from {@code rules/settings.properties} (their single home) and
 * shared, immutable, by the timeline (Java) and the rules (DRL global {@code settings}).
 *
 * @param windowDays the look-back window of the rate check (RULES §3: 14 days)
 * @param maxReductionFraction largest reduction within the window that passes (0.25 = 25 %)
 * @param criticalReductionFraction reduction at which the card turns critical (0.50)
 * @param tailAllowanceMgDe reductions of at most this many mg DE never alarm (2 mg)
 * @param lowerRiskExposureDays exposure from which dependence is likely (28 days)
 * @param highRiskExposureDays exposure from which dependence is high risk (90 days)
 * @param highRiskPeakMgDe peak daily DE above which 28–89 days is high risk (10 mg)
 * @param exposureGapDays gaps up to this many days do not break an exposure (7 days)
 */
public record TaperSettings(
        int windowDays,
        double maxReductionFraction,
        double criticalReductionFraction,
        double tailAllowanceMgDe,
        int lowerRiskExposureDays,
        int highRiskExposureDays,
        double highRiskPeakMgDe,
        int exposureGapDays) {

    /** The smallest fraction of the previous dose that a safer suggestion may go down to (0.75). */
    public double minRetainedFraction() {
        return 1.0 - maxReductionFraction;
    }
}
