package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tapercds.facts.TaperSettings;

/**
 * The gradual plan offered beside the proposal (RULES §3, "A gradual plan as the alternative"):
 * from the draft's first day, every {@code plan.step-days} days a step {@code plan.step-percent}
 * below the one before, each rounded up to a dose the strengths make, for {@code plan.horizon-days}
 * days; the last step is open-ended (review and plan the next steps).
 *
 * <p>The reductions are taken from the unrounded schedule (prev × (1 − step)^k), so that rounding up
 * never stalls the plan on a dose the next 10 % cannot leave; each step is nevertheless at most
 * {@code taper.max-reduction-percent} below the step before, or at most the tail allowance in mg DE.
 * Equal consecutive steps merge.
 *
 * @param basis what the plan starts from (the proposal's)
 * @param steps at least two, the last open-ended
 * @param product the product that gives every step in whole units; null: the ingredient-level concept
 */
public record TaperPlan(TaperProposal.Basis basis, List<Step> steps, Product product) {

    /**
     * A step of the plan.
     *
     * @param days how long it lasts; null for the last, open-ended step
     */
    public record Step(LocalDate start, Integer days, SaferDose dose) {

        /** The last day of the step (inclusive); null when open-ended. */
        public LocalDate until() {
            return days == null ? null : start.plusDays(days - 1L);
        }
    }

    /**
     * The plan; empty when the strengths cannot make a step below prev within the horizon. Written
     * with one product where one makes a plan of at least two steps (the one with the most steps; the
     * draft's, then the larger strength, among equals), so the order can name it; else with all the
     * drug's strengths and the ingredient-level concept.
     */
    public static Optional<TaperPlan> of(TaperProposal.Basis basis, TaperSettings settings) {
        List<Product> candidates = new ArrayList<>();
        if (basis.draftProduct() != null && basis.products().contains(basis.draftProduct())) {
            candidates.add(basis.draftProduct());
        }
        basis.products().stream()
                .sorted(Makeable.PREFERENCE)
                .filter(p -> !candidates.contains(p))
                .forEach(candidates::add);
        Schedule best = null;
        Product bestProduct = null;
        for (Product product : candidates) {
            Schedule schedule = schedule(basis, settings, Makeable.unitDoses(List.of(product)));
            if (schedule != null
                    && (best == null || schedule.doses().size() > best.doses().size())) {
                best = schedule;
                bestProduct = product;
            }
        }
        if (best == null) {
            best = schedule(basis, settings, basis.unitDoses());
            bestProduct = null;
        }
        if (best == null) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        LocalDate start = basis.day();
        for (int i = 0; i < best.doses().size(); i++) {
            boolean last = i == best.doses().size() - 1;
            steps.add(new Step(
                    start, last ? null : best.lengths().get(i), best.doses().get(i)));
            start = start.plusDays(best.lengths().get(i));
        }
        return Optional.of(new TaperPlan(basis, List.copyOf(steps), bestProduct));
    }

    /** Step doses and lengths in days; equal consecutive steps merged. */
    private record Schedule(List<SaferDose> doses, List<Integer> lengths) {}

    /** The schedule made with these unit doses; null when it has fewer than two steps. */
    private static Schedule schedule(TaperProposal.Basis basis, TaperSettings settings, List<Double> units) {
        double prevMg = basis.prevMg();
        int administrations = basis.administrations();
        double fraction = settings.planStepFraction();
        List<SaferDose> doses = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        double previous = prevMg;
        double target = prevMg;
        for (int offset = 0; offset < settings.planHorizonDays(); offset += settings.planStepDays()) {
            target *= 1 - fraction;
            double least = Math.max(target, previous * (1 - settings.maxReductionFraction()));
            final double ceiling = previous;
            Optional<SaferDose> dose =
                    Makeable.atLeast(least, units, administrations).filter(d -> d.mgPerDay() <= ceiling + 1e-6);
            if (dose.isEmpty()) {
                if (doses.isEmpty()) {
                    return null; // no makeable first step at or below prev
                }
                dose = Optional.of(doses.get(doses.size() - 1));
            }
            double cutMg = previous - dose.get().mgPerDay();
            if (cutMg > previous * settings.maxReductionFraction() + 1e-9
                    && basis.de(cutMg) > settings.tailAllowanceMgDe() + 1e-9) {
                return null; // cannot happen with least >= 75 % of previous; kept as a guard
            }
            if (!doses.isEmpty()
                    && Math.abs(doses.get(doses.size() - 1).mgPerDay()
                                    - dose.get().mgPerDay())
                            < 1e-9) {
                lengths.set(lengths.size() - 1, lengths.get(lengths.size() - 1) + settings.planStepDays());
            } else {
                doses.add(dose.get());
                lengths.add(settings.planStepDays());
            }
            previous = dose.get().mgPerDay();
        }
        // A single step is no plan: the strengths allow no step of the plan's size.
        return doses.size() < 2 ? null : new Schedule(doses, lengths);
    }
}
