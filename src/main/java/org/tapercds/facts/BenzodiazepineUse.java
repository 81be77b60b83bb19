package org.tapercds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The patient's benzodiazepine/Z-drug use as the co-use and withdrawal rules see it.
 *
 * @param active a benzodiazepine is scheduled today or an order of one is active
 * @param drafted a benzodiazepine draft is under review (order hooks)
 * @param draftReducesDose a draft under review lowers the scheduled dose
 * @param daysSinceScheduled days since the last day with a scheduled dose up to today (0: today;
 *     -1: never)
 * @param lastReduction the last day up to today on which the scheduled dose went down (null: none)
 * @param ingredients the benzodiazepines involved
 */
public record BenzodiazepineUse(
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
}
