package org.tapercds.timeline;

import java.time.LocalDate;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.TaperSettings;

/**
 * The exposure of a timeline up to today and the dependence it implies (guideline Table 2): the run
 * of days with a scheduled (or unknown) dose that ends last before or on today, gaps of up to the
 * settings' exposure gap bridged.
 *
 * @param days the timeline's day arrays
 * @param today the evaluation day
 */
record Exposure(DoseDays days, LocalDate today, TaperSettings settings) {

    /** The exposure up to today and the dependence estimate (guideline Table 2). */
    Dependence dependence() {
        double[] ashton = days.ashton;
        boolean[] unknown = days.unknown;
        int end = Math.min(days.index(today), ashton.length - 1);
        while (end >= 0 && !(ashton[end] > 0) && !unknown[end]) {
            end--;
        }
        if (end < 0) {
            return new Dependence(DependenceLevel.NONE, null, 0, 0.0);
        }
        int start = end;
        int gap = 0;
        double peak = 0;
        for (int i = end; i >= 0; i--) {
            if (ashton[i] > 0 || unknown[i]) {
                start = i;
                gap = 0;
                peak = Math.max(peak, ashton[i]);
            } else if (++gap > settings.exposureGapDays()) {
                break;
            }
        }
        int length = end - start + 1;
        DependenceLevel level;
        if (length >= settings.highRiskExposureDays()) {
            level = DependenceLevel.HIGH_RISK;
        } else if (length >= settings.lowerRiskExposureDays()) {
            level = peak > settings.highRiskPeakMgDe() ? DependenceLevel.HIGH_RISK : DependenceLevel.LOWER_RISK;
        } else {
            level = DependenceLevel.NONE;
        }
        return new Dependence(level, days.dayAt(start), length, peak);
    }

    /** Days from the last day with a scheduled dose (or unknown dose) up to today; -1 when none. */
    int daysSinceScheduled() {
        double[] ashton = days.ashton;
        for (int i = Math.min(days.index(today), ashton.length - 1); i >= 0; i--) {
            if (ashton[i] > 0 || days.unknown[i]) {
                return days.index(today) - i;
            }
        }
        return -1;
    }
}
