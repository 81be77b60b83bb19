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
 * @param ciwaMildMax highest CIWA-B total in the mild band (20)
 * @param ciwaModerateMax highest CIWA-B total in the moderate band (40)
 * @param ciwaSevereMax highest CIWA-B total in the severe band (60); above is very severe
 * @param severeSignDays a severe withdrawal sign this recent is withdrawal-severe (30)
 * @param verySevereScoreDays a very severe score this recent is withdrawal-severe (7)
 * @param withdrawalWindowDays the escalation window and the exposure it requires (28)
 * @param minScores scores needed within the window for a trend (2)
 * @param scoreRise a rise of this many points above the lowest score is escalation (10)
 * @param minNewSigns distinct other signs first recorded after the last reduction (2)
 * @param maxTableRows rows a table in a card's detail shows, the most recent; the rest are counted
 * @param planStepFraction the gradual plan's reduction per step, of the current step's dose (0.10)
 * @param planStepDays days between the gradual plan's steps (14)
 * @param planHorizonDays how far ahead the gradual plan reaches before its open-ended review step (84)
 */
public record TaperSettings(
        int windowDays,
        double maxReductionFraction,
        double criticalReductionFraction,
        double tailAllowanceMgDe,
        int lowerRiskExposureDays,
        int highRiskExposureDays,
        double highRiskPeakMgDe,
        int exposureGapDays,
        int ciwaMildMax,
        int ciwaModerateMax,
        int ciwaSevereMax,
        int severeSignDays,
        int verySevereScoreDays,
        int withdrawalWindowDays,
        int minScores,
        double scoreRise,
        int minNewSigns,
        int maxTableRows,
        double planStepFraction,
        int planStepDays,
        int planHorizonDays) {

    /** The CIWA-B band of a total score. */
    public CiwaBand ciwaBand(double score) {
        if (score <= ciwaMildMax) {
            return CiwaBand.MILD;
        }
        if (score <= ciwaModerateMax) {
            return CiwaBand.MODERATE;
        }
        return score <= ciwaSevereMax ? CiwaBand.SEVERE : CiwaBand.VERY_SEVERE;
    }

    /** The smallest fraction of the previous dose that a safer suggestion may go down to (0.75). */
    public double minRetainedFraction() {
        return 1.0 - maxReductionFraction;
    }
}
