package org.tapercds.timeline;

import java.time.LocalDate;

/**
 * One step of an order's regimen: a scheduled daily dose from {@code start} until {@code end}.
 *
 * @param end first day no longer covered (exclusive); null while open-ended
 * @param mgPerDay scheduled mg/day of the ingredient (as-needed lines count 0)
 * @param administrationsPerDay scheduled administrations per day (for suggestions)
 * @param asNeededOnly every line of the step is as-needed
 */
public record DoseStep(
        LocalDate start, LocalDate end, double mgPerDay, double administrationsPerDay, boolean asNeededOnly) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(start) && (end == null || day.isBefore(end));
    }

    DoseStep endingAt(LocalDate newEnd) {
        return new DoseStep(start, newEnd, mgPerDay, administrationsPerDay, asNeededOnly);
    }
}
