package org.tapercds.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Alert-fatigue analytics for the informaticists: how often each rule's and each category's cards
 * were shown and overridden, week by week, and the commonest override reasons.
 *
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param perRule totals per rule id, most alerts first
 * @param perCategory totals per advisory category, most alerts first
 * @param weeklyPerCategory per week (starting Monday) and category, oldest week first
 * @param weeklyPerRule per week (starting Monday) and rule id, oldest week first
 * @param reasons override reasons given in the period, commonest first (at most ten)
 */
public record OverrideAnalytics(
        Instant from,
        Instant to,
        List<Rate> perRule,
        List<Rate> perCategory,
        List<WeeklyRate> weeklyPerCategory,
        List<WeeklyRate> weeklyPerRule,
        List<Reason> reasons) {

    /**
     * @param alerts cards the EHR showed
     * @param overridden of those, the ones the EHR reported overridden
     * @param withheld cards a snooze kept from the EHR (stored, not shown, not counted in alerts)
     */
    public record Rate(String key, long alerts, long overridden, long withheld) {

        /** Overridden per alert shown, 0 to 1 (0 when none was shown). */
        public double rate() {
            return alerts == 0 ? 0.0 : (double) overridden / alerts;
        }
    }

    public record WeeklyRate(LocalDate week, String key, long alerts, long overridden) {

        public double rate() {
            return alerts == 0 ? 0.0 : (double) overridden / alerts;
        }
    }

    /** @param code null when the EHR gave no reason */
    public record Reason(String system, String code, String display, long count) {}
}
