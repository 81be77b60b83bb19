package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.TaperSettings;

/**
 * The one safe proposal for a draft (RULES §3, "One safe proposal per draft"): an open-ended dose of
 * the drafted drug from the draft's first day, the same on every card of a call about that draft.
 * With withdrawal it keeps the current dose (the taper pauses); otherwise it is the smallest dose the
 * strengths make at or above (1 − max reduction) of prev, and where none up to prev exists it keeps
 * prev.
 *
 * @param basis what the proposal (and the gradual plan) is computed from
 * @param kind why this dose
 * @param dose the daily dose of the drug and its split over the administrations
 * @param product the product that gives it in whole units; null: the ingredient-level concept
 */
public record TaperProposal(Basis basis, Kind kind, SaferDose dose, Product product) {

    /** Why the proposal is this dose. */
    public enum Kind {
        /** Withdrawal fired: the taper pauses at prev. */
        PAUSE,
        /** The smallest dose at or above the limit that the strengths make. */
        SAFER,
        /** No dose between the limit and prev can be made: prev is kept. */
        HOLD
    }

    /**
     * What a draft's proposal and plan start from.
     *
     * @param orderId the draft
     * @param ingredient its drug
     * @param day the draft's first day (not before today)
     * @param administrations administrations per day of the draft (of the history when the draft has
     *     no scheduled one)
     * @param vaDod the VA/DoD factors decided the draft's reduction (a switch in progress), so they
     *     compute its proposal too (RULES §6)
     * @param prevMgDe prev in that table: the highest D of the window before {@code day}
     * @param otherMgDe the other drugs' DE on {@code day}, in that table
     * @param products the drug's countable oral products in {@code form}
     * @param form the form the proposal is written in
     * @param draftProduct the draft's product (null: none or not in the table)
     */
    public record Basis(
            String orderId,
            Ingredient ingredient,
            LocalDate day,
            int administrations,
            boolean vaDod,
            double prevMgDe,
            double otherMgDe,
            List<Product> products,
            String form,
            Product draftProduct) {

        /** mg of the drug that, with the other drugs, gives {@code mgDe} in the deciding table. */
        double mgFor(double mgDe) {
            return vaDod ? ingredient.mgForVaDodDe(mgDe - otherMgDe) : ingredient.mgForAshtonDe(mgDe - otherMgDe);
        }

        /** DE of {@code mg} of the drug in the deciding table. */
        double de(double mg) {
            return vaDod ? ingredient.vaDodDe(mg) : ingredient.ashtonDe(mg);
        }

        /** The drug's dose before the draft: prev less the other drugs, in mg. */
        public double prevMg() {
            return mgFor(prevMgDe);
        }

        public List<Double> unitDoses() {
            return Makeable.unitDoses(products);
        }

        /**
         * The basis for a draft whose first reduction is {@code reduction}; empty when the draft cannot
         * be proposed for (unassessable, no oral strengths, nothing before it).
         */
        public static Optional<Basis> of(
                OrderRegimen draft,
                DoseReduction reduction,
                DoseTimeline timeline,
                List<OrderRegimen> regimens,
                DrugKnowledge knowledge,
                Product draftProduct,
                TaperSettings settings) {
            if (!draft.assessable() || !draft.ingredient().hasEquivalence()) {
                return Optional.empty();
            }
            Ingredient ingredient = draft.ingredient();
            LocalDate today = timeline.today();
            LocalDate day = draft.start().isBefore(today) ? today : draft.start();
            boolean vaDod = reduction.vaDodDecides();
            double prev = 0;
            for (int back = 1; back <= settings.windowDays(); back++) {
                LocalDate earlier = day.minusDays(back);
                prev = Math.max(prev, vaDod ? timeline.vaDodDoseOn(earlier) : timeline.doseOn(earlier));
            }
            double drugMg = timeline.mgOn(ingredient, day);
            double total = vaDod ? timeline.vaDodDoseOn(day) : timeline.doseOn(day);
            double other = Math.max(0, total - (vaDod ? ingredient.vaDodDe(drugMg) : ingredient.ashtonDe(drugMg)));
            String form = Makeable.form(knowledge, ingredient.name(), draftProduct);
            if (!(prev > other) || form == null) {
                return Optional.empty();
            }
            return Optional.of(new Basis(
                    draft.orderId(),
                    ingredient,
                    day,
                    administrations(draft, regimens, day),
                    vaDod,
                    prev,
                    other,
                    Makeable.products(knowledge, ingredient.name(), form),
                    form,
                    draftProduct));
        }

        /** The draft's scheduled administrations per day; else the history's before it; at least 1. */
        private static int administrations(OrderRegimen draft, List<OrderRegimen> regimens, LocalDate day) {
            double found = draft.steps().isEmpty() ? 0 : draft.steps().get(0).administrationsPerDay();
            if (!(found > 0)) {
                for (OrderRegimen regimen : regimens) {
                    if (!regimen.draft() && regimen.ingredient().equals(draft.ingredient())) {
                        for (DoseStep step : regimen.steps()) {
                            if (step.covers(day.minusDays(1)) && step.administrationsPerDay() > 0) {
                                found = step.administrationsPerDay();
                            }
                        }
                    }
                }
            }
            return Math.max(1, (int) Math.round(found));
        }
    }

    /**
     * The proposal: keep prev when {@code pause} (withdrawal fired), else the safer dose, else prev.
     *
     * @param retained the least share of prev a step keeps (1 − taper.max-reduction-percent)
     */
    public static TaperProposal of(Basis basis, boolean pause, double retained) {
        double prevMg = basis.prevMg();
        if (!pause) {
            Optional<SaferDose> safer = Makeable.atLeast(
                            basis.mgFor(basis.prevMgDe() * retained), basis.unitDoses(), basis.administrations())
                    // A "safer" dose equal to prev keeps it: said so (HOLD), not as a change.
                    .filter(d -> d.mgPerDay() < prevMg - 1e-6);
            if (safer.isPresent()) {
                return withProduct(basis, Kind.SAFER, safer.get());
            }
        }
        return withProduct(basis, pause ? Kind.PAUSE : Kind.HOLD, keeping(basis, prevMg));
    }

    /** prev of the drug, in whole units where the strengths make it, else in mg split evenly. */
    static SaferDose keeping(Basis basis, double prevMg) {
        Optional<SaferDose> exact = Makeable.exactly(prevMg, basis.unitDoses(), basis.administrations());
        if (exact.isPresent()) {
            return exact.get();
        }
        int n = basis.administrations();
        // Rounded up to the microgram: never below prev.
        double each = Math.ceil(prevMg / n * 1000 - 1e-6) / 1000.0;
        List<Double> split = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            split.add(each);
        }
        return new SaferDose(each * n, split);
    }

    private static TaperProposal withProduct(Basis basis, Kind kind, SaferDose dose) {
        Optional<Makeable.Written> written = Makeable.oneProduct(
                List.of(dose.mgPerDay()), basis.administrations(), basis.products(), basis.draftProduct());
        if (written.isPresent()) {
            return new TaperProposal(
                    basis, kind, written.get().doses().get(0), written.get().product());
        }
        // No single product makes it: the ingredient-level concept, the dose in mg.
        return new TaperProposal(basis, kind, dose, null);
    }
}
