package org.tapercds.timeline;

import java.time.LocalDate;
import org.tapercds.facts.Exposure;
import org.tapercds.facts.TaperSettings;

/**
 * The exposure of a timeline up to today: the run of days with a scheduled (or unknown) dose that
 * ends last before or on today, gaps of up to the settings' exposure gap bridged. What it means
 * for dependence (guideline Table 2) is concluded by the rules in {@code rules/dependence/}.
 *
 * @param days the timeline's day arrays
 * @param today the evaluation day
 */
record ExposureRun(DoseDays days, LocalDate today, TaperSettings settings) {

    /** The latest continuous exposure up to today; {@link Exposure#NONE} when there is none. */
    Exposure exposure() {
        double[] ashton = days.ashton;
        boolean[] unknown = days.unknown;
        int end = Math.min(days.index(today), ashton.length - 1);
        while (end >= 0 && !(ashton[end] > 0) && !unknown[end]) {
            end--;
        }
        if (end < 0) {
            return Exposure.NONE;
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
        return new Exposure(days.dayAt(start), end - start + 1, peak);
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
