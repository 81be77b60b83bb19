package org.tapercds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The patient's benzodiazepine/Z-drug use as the co-use and withdrawal rules see it.
 *
 * @param patientView the call is a chart review (history may be reported), not an order
 * @param active a benzodiazepine is scheduled today or an order of one is active
 * @param drafted a benzodiazepine draft is under review (order hooks)
 * @param draftReducesDose a draft under review lowers the scheduled dose
 * @param daysSinceScheduled days since the last day with a scheduled dose up to today (0: today;
 *     -1: never)
 * @param lastReduction the last day before today on which the scheduled dose went down (null: none)
 * @param ingredients the benzodiazepines involved
 */
public record BenzodiazepineUse(
        boolean patientView,
        boolean active,
        boolean drafted,
        boolean draftReducesDose,
        int daysSinceScheduled,
        LocalDate lastReduction,
        List<String> ingredients) {

    public BenzodiazepineUse {
        ingredients = List.copyOf(ingredients);
    }

    public boolean inUse() {
        return active || drafted;
    }

    /**
     * Whether advice about this use belongs in the call (RULES §7): in order hooks a card is about an
     * order the clinician can still change, so a benzodiazepine draft must be under review; history
     * alone is reported only in patient-view.
     */
    public boolean reportable() {
        return patientView ? active : drafted;
    }

    /**
     * Whether withdrawal advice belongs in the call: in order hooks a benzodiazepine draft is under
     * review; in patient-view a dose was scheduled within {@code windowDays} (withdrawal follows a
     * stop or a cut, so a recent exposure counts, not only a current one).
     */
    public boolean reportableWithin(int windowDays) {
        return patientView ? daysSinceScheduled >= 0 && daysSinceScheduled <= windowDays : drafted;
    }

    /** The same as {@link #reportable()}, for advice about this use together with another order that may itself be drafted. */
    public boolean reportableWith(boolean otherDrafted) {
        return patientView ? active : drafted || (active && otherDrafted);
    }
}
