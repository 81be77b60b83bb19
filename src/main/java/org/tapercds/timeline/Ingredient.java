package org.tapercds.timeline;

/**
 * A benzodiazepine or Z-drug ingredient with its diazepam-equivalence factors: the mg of the drug
 * approximately equivalent to diazepam 10 mg (RULES §1). A factor is null when the source does not
 * list the drug; its doses are then unassessable rather than guessed.
 */
public record Ingredient(String name, String rxnormCode, String drugClass, Double ashtonMgEq10, Double vaDodMgEq10) {

    public boolean hasEquivalence() {
        return ashtonMgEq10 != null;
    }

    /** Diazepam-equivalent mg of {@code mg} of this drug, Ashton factors. */
    public double ashtonDe(double mg) {
        return mg * 10.0 / ashtonMgEq10;
    }

    /** Diazepam-equivalent mg with the VA/DoD factor, falling back to Ashton where it has none. */
    public double vaDodDe(double mg) {
        return mg * 10.0 / (vaDodMgEq10 != null ? vaDodMgEq10 : ashtonMgEq10);
    }

    /** mg of this drug equivalent to {@code mgDe} diazepam (Ashton). */
    public double mgForAshtonDe(double mgDe) {
        return mgDe * ashtonMgEq10 / 10.0;
    }

    /** mg of this drug equivalent to {@code mgDe} diazepam (VA/DoD, falling back to Ashton). */
    public double mgForVaDodDe(double mgDe) {
        return mgDe * (vaDodMgEq10 != null ? vaDodMgEq10 : ashtonMgEq10) / 10.0;
    }
}
