package org.tapercds.facts;

import java.time.LocalDate;

/**
 * The CIWA-B scores within the withdrawal window, summarised for the escalation rule.
 *
 * @param count scores within the window
 * @param latest the most recent score
 * @param lowest the lowest score within the window
 * @param latestBand band of the latest score
 * @param bandAtLastReduction band of the last score at or before the last dose reduction (null: none)
 * @param lastReduction the last dose reduction up to today (null: none)
 */
public record WithdrawalTrend(
        int count,
        double latest,
        LocalDate latestDate,
        double lowest,
        CiwaBand latestBand,
        CiwaBand bandAtLastReduction,
        LocalDate lastReduction) {

    public double rise() {
        return latest - lowest;
    }

    public boolean higherBandThanAtLastReduction() {
        return latestBand.higherThan(bandAtLastReduction);
    }
}
