package org.tapercds.facts;

import java.time.LocalDate;

/**
 * The dependence estimate from the latest continuous exposure up to today.
 *
 * @param exposureStart first day of the latest run of scheduled dosing (null when none)
 * @param exposureDays length of that run in days (gaps within the allowance included)
 * @param peakMgDe highest daily diazepam-equivalent dose in that run
 */
public record Dependence(DependenceLevel level, LocalDate exposureStart, int exposureDays, double peakMgDe) {

    public boolean likely() {
        return level != DependenceLevel.NONE;
    }

    public boolean highRisk() {
        return level == DependenceLevel.HIGH_RISK;
    }
}
