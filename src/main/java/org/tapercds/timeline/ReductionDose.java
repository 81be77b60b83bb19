package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.tapercds.facts.DoseReduction;

/**
 * The dose of a draft's drug to write instead of what it asks for on a reduction day: the smallest
 * dose that keeps at least {@code retained} of the previous total (0.75 for a safer taper step,
 * 1.0 to keep the current dose) with the other drugs of that day unchanged, made from the drug's
 * strengths in the draft's form, never above what the patient had before the reduction.
 */
public final class ReductionDose {

    private ReductionDose() {}

    /**
     * @param regimen the draft that made the reduction (assessable)
     * @param form the draft product's form (e.g. {@link Product#ORAL_TABLET}); tablets when the drug
     *     has no strengths in that form
     */
    public static Optional<SaferDose> keeping(
            double retained,
            DoseReduction reduction,
            OrderRegimen regimen,
            DoseTimeline timeline,
            DrugKnowledge knowledge,
            String form) {
        Ingredient ingredient = regimen.ingredient();
        LocalDate day = reduction.day();
        double drugMg = timeline.mgOn(ingredient, day);
        double otherAshton = timeline.doseOn(day) - ingredient.ashtonDe(drugMg);
        double neededMg = ingredient.mgForAshtonDe(reduction.previousMgDe() * retained - otherAshton);
        if (reduction.switchInProgress()) {
            // The rule accepts a step that either factor set finds within the limit: suggest the lower.
            double otherVaDod = timeline.vaDodDoseOn(day) - ingredient.vaDodDe(drugMg);
            neededMg =
                    Math.min(neededMg, ingredient.mgForVaDodDe(reduction.vaDodPreviousMgDe() * retained - otherVaDod));
        }
        if (!(neededMg > 0)) {
            return Optional.empty();
        }
        List<Double> strengths = knowledge.taperStrengths(ingredient.name(), form);
        if (strengths.isEmpty()) {
            strengths = knowledge.taperStrengths(ingredient.name(), Product.ORAL_TABLET);
        }
        // Never more than the patient had before the reduction.
        double ceilingMg = ingredient.mgForAshtonDe(reduction.previousMgDe() - otherAshton) + 1e-9;
        return SaferDose.of(neededMg, strengths, administrations(regimen, day))
                .filter(dose -> dose.mgPerDay() <= ceilingMg);
    }

    /** Administrations per day of the step on that day, else of the step before it; at least 1. */
    private static int administrations(OrderRegimen regimen, LocalDate day) {
        double best = 0;
        for (DoseStep step : regimen.steps()) {
            if (!step.start().isAfter(day) && step.administrationsPerDay() > 0) {
                best = step.administrationsPerDay();
            }
        }
        return Math.max(1, (int) Math.round(best));
    }
}
