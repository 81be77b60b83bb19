package org.tapercds.timeline;

/**
 * A benzodiazepine or Z-drug ingredient with its diazepam-equivalence factors: the mg of the drug
 * approximately equivalent to diazepam 10 mg (RULES §1). A factor is null when the source does not
 * list the drug; its doses are then unassessable rather than guessed.
 *
 * @param rxnormCode the RxNorm ingredient (IN) code; null where it could not be verified
 * @param oralForm its usual US oral form ({@link #oralForm()}); null when unknown
 */
public record Ingredient(
        String name, String rxnormCode, String drugClass, Double ashtonMgEq10, Double vaDodMgEq10, OralForm oralForm) {

    /**
     * The ingredient-level oral form, an RxNorm SCDF such as "diazepam Oral Tablet": what a
     * medication is called when no strength is named.
     *
     * @param rxnormCode the SCDF code; null where it could not be verified (the display alone is known)
     */
    public record OralForm(String rxnormCode, String display) {}

    /** An ingredient without a known oral form. */
    public Ingredient(String name, String rxnormCode, String drugClass, Double ashtonMgEq10, Double vaDodMgEq10) {
        this(name, rxnormCode, drugClass, ashtonMgEq10, vaDodMgEq10, null);
    }

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
