package org.tapercds.facts;

import java.time.LocalDate;

/**
 * The likelihood of physical dependence concluded from the exposure by the rules in {@code
 * rules/dependence/} (guideline Table 2); the rate and discontinuation rules use it.
 */
public record Dependence(DependenceLevel level, Exposure exposure) {

    public boolean likely() {
        return level != DependenceLevel.NONE;
    }

    public boolean highRisk() {
        return level == DependenceLevel.HIGH_RISK;
    }

    public LocalDate exposureStart() {
        return exposure.start();
    }

    public int exposureDays() {
        return exposure.days();
    }

    public double peakMgDe() {
        return exposure.peakMgDe();
    }
}
