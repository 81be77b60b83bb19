package org.tapercds.evaluation.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Indicator;
import org.tapercds.facts.ReductionCause;
import org.tapercds.rules.Advisory;
import org.tapercds.timeline.DoseTimeline;

/** Cards about dose reductions: {@code taper-rate-exceeded} and {@code abrupt-discontinuation}. */
final class ReductionCardContent extends CardContent {

    ReductionCardContent() {
        super("reduction", View.class, Proposals.PLAN_PARTS, List.of(DoseReduction.class));
    }

    /**
     * What the templates of a reduction card see.
     *
     * @param drug the ingredients whose dose went down, capitalised ("Diazepam", "Lorazepam + diazepam")
     * @param steps the dose steps from the earliest previous day to the latest reduction (the most
     *     recent {@code cards.max-table-rows})
     * @param earlierSteps steps left out of {@code steps}
     * @param unknownInTotals an order of unknown dose is in effect in that period
     * @param percent the reduction; {@code previousMgDe}, {@code currentMgDe} and the table's {@code
     *     mgDe} are in the table that decided it ({@code vaDodTable}: the VA/DoD factors during a switch
     *     whose VA/DoD reduction is the smaller; else Ashton)
     * @param otherSteps other reductions over the limit in this card, after the lead
     * @param proposal the one proposal for the draft, the card's first suggestion (null: none)
     * @param gradualPlan the gradual plan, the second suggestion (null: not offered)
     * @param retainedPercent the smallest share of the previous dose a step may keep (75)
     */
    public record View(
            String drug,
            boolean toZero,
            boolean asNeededOnly,
            String percent,
            LocalDate day,
            String previousMgDe,
            String currentMgDe,
            boolean switchInProgress,
            boolean vaDodTable,
            String ashtonPercent,
            String vaDodPercent,
            List<Step> steps,
            int earlierSteps,
            boolean unknownInTotals,
            ExposureView exposure,
            List<OtherStep> otherSteps,
            Proposals.ProposalView proposal,
            Proposals.PlanView gradualPlan,
            String retainedPercent) {

        public boolean hasOtherSteps() {
            return !otherSteps.isEmpty();
        }
    }

    /** A row of the dose table: the regimen from {@code day} and its total in mg DE/day. */
    public record Step(
            LocalDate day, boolean draft, List<Drug> drugs, boolean unknown, boolean noneScheduled, String mgDe) {

        public boolean hasDrugs() {
            return !drugs.isEmpty();
        }
    }

    /**
     * A drug of a dose-table row.
     *
     * @param orders the ids of the orders whose doses add up to it ("rx-1, rx-2"); null when none has an id
     */
    public record Drug(String ingredient, String mgPerDay, String orders) {}

    public record OtherStep(LocalDate day, boolean toZero, String percent) {}

    /** The exposure and the dependence level the rules concluded from it. */
    public record ExposureView(
            int days, LocalDate start, String peakMgDe, boolean notLikely, boolean lowerRisk, boolean highRisk) {

        static ExposureView of(Dependence dependence) {
            return new ExposureView(
                    dependence.exposureDays(),
                    dependence.exposureStart(),
                    Format.mg(dependence.peakMgDe()),
                    dependence.level() == DependenceLevel.NONE,
                    dependence.level() == DependenceLevel.LOWER_RISK,
                    dependence.level() == DependenceLevel.HIGH_RISK);
        }
    }

    /** Among equally severe reductions, the earliest leads (the one the suggestion fixes first). */
    @Override
    Comparator<Object> evidenceOrder() {
        return Comparator.comparing(e -> ((DoseReduction) e).day());
    }

    @Override
    Object view(List<Advisory> advisories, CardContext context) {
        DoseReduction lead = (DoseReduction) advisories.get(0).evidence();
        DoseTimeline timeline = context.timeline().timeline();
        LocalDate from = advisories.stream()
                .map(a -> ((DoseReduction) a.evidence()).previousDay())
                .min(Comparator.naturalOrder())
                .orElse(lead.previousDay());
        LocalDate to = advisories.stream()
                .map(a -> ((DoseReduction) a.evidence()).day())
                .max(Comparator.naturalOrder())
                .orElse(lead.day());
        boolean vaDod = lead.vaDodDecides();
        List<Step> steps = new ArrayList<>();
        for (DoseTimeline.Step step : timeline.steps(from, to)) {
            List<Drug> drugs = new ArrayList<>();
            double vaDodMgDe = 0;
            for (Map.Entry<String, Double> dose : step.mgByIngredient().entrySet()) {
                List<String> orders = step.ordersByIngredient().getOrDefault(dose.getKey(), List.of());
                drugs.add(new Drug(
                        dose.getKey(),
                        Format.mg(dose.getValue()),
                        orders.isEmpty() ? null : String.join(", ", orders)));
                vaDodMgDe += context.ruleBase()
                        .knowledge()
                        .ingredient(dose.getKey())
                        .map(i -> i.vaDodDe(dose.getValue()))
                        .orElse(0.0);
            }
            steps.add(new Step(
                    step.day(),
                    step.draft(),
                    drugs,
                    step.unknown(),
                    drugs.isEmpty() && !step.unknown(),
                    Format.mg(vaDod ? vaDodMgDe : step.totalMgDe())));
        }
        List<OtherStep> others = advisories.subList(1, advisories.size()).stream()
                .map(a -> (DoseReduction) a.evidence())
                .map(r -> new OtherStep(r.day(), r.toZero(), Format.percent(r.fraction())))
                .toList();
        double retained = context.ruleBase().settings().minRetainedFraction();
        List<DoseReduction> reductions =
                advisories.stream().map(a -> (DoseReduction) a.evidence()).toList();
        Optional<Proposals.Offer> offer = context.proposals().forEarliest(reductions, context);
        // The gradual plan goes with a stop and a critical cut, never while the taper pauses.
        boolean planOffered = offer.isPresent()
                && offer.get().plan() != null
                && (lead.toZero() || advisories.get(0).indicator() == Indicator.CRITICAL);
        return new View(
                capitalised(String.join(" + ", lead.ingredients())),
                lead.toZero(),
                lead.cause() == ReductionCause.AS_NEEDED_ONLY,
                Format.percent(lead.fraction()),
                lead.day(),
                Format.mg(lead.decidingPreviousMgDe()),
                Format.mg(lead.decidingCurrentMgDe()),
                lead.switchInProgress(),
                vaDod,
                Format.percent(lead.ashtonFraction()),
                Format.percent(lead.vaDodFraction()),
                context.recent(steps),
                context.leftOut(steps),
                timeline.unknownBetween(from, to),
                ExposureView.of(context.outcome().concluded(Dependence.class).stream()
                        .findFirst()
                        .orElse(new Dependence(DependenceLevel.NONE, timeline.exposure()))),
                others,
                offer.map(Proposals.Offer::proposal).orElse(null),
                planOffered ? offer.get().plan() : null,
                Format.percent(retained));
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        View card = (View) view;
        if (card.proposal() == null) {
            return List.of();
        }
        List<DoseReduction> reductions =
                advisories.stream().map(a -> (DoseReduction) a.evidence()).toList();
        Proposals.Offer offer =
                context.proposals().forEarliest(reductions, context).orElseThrow();
        String category = advisories.get(0).category();
        List<Card.Suggestion> suggestions = new ArrayList<>();
        suggestions.add(Proposals.proposalSuggestion(offer, category, context, view));
        if (card.gradualPlan() != null) {
            suggestions.add(Proposals.planSuggestion(offer, category, context, view));
        }
        return suggestions;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
