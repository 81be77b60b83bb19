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
import org.tapercds.facts.ReductionCause;
import org.tapercds.rules.Advisory;
import org.tapercds.timeline.DoseTimeline;

/** Cards about dose reductions: {@code taper-rate-exceeded} and {@code abrupt-discontinuation}. */
final class ReductionCardContent extends CardContent {

    ReductionCardContent() {
        super("reduction", View.class, DoseSuggestion.PARTS, List.of(DoseReduction.class));
    }

    /**
     * What the templates of a reduction card see.
     *
     * @param drug the ingredients whose dose went down, capitalised ("Diazepam", "Lorazepam + diazepam")
     * @param steps the dose steps from the earliest previous day to the latest reduction (the most
     *     recent {@code cards.max-table-rows})
     * @param earlierSteps steps left out of {@code steps}
     * @param unknownInTotals an order of unknown dose is in effect in that period
     * @param otherSteps other reductions over the limit in this card, after the lead
     * @param saferDose the dose the suggestion writes into the draft (null: no suggestion)
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
            String ashtonPercent,
            String vaDodPercent,
            List<Step> steps,
            int earlierSteps,
            boolean unknownInTotals,
            ExposureView exposure,
            List<OtherStep> otherSteps,
            DoseSuggestion saferDose,
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

    public record Drug(String ingredient, String mgPerDay) {}

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
        List<Step> steps = new ArrayList<>();
        for (DoseTimeline.Step step : timeline.steps(from, to)) {
            List<Drug> drugs = new ArrayList<>();
            for (Map.Entry<String, Double> dose : step.mgByIngredient().entrySet()) {
                drugs.add(new Drug(dose.getKey(), Format.mg(dose.getValue())));
            }
            steps.add(new Step(
                    step.day(),
                    step.draft(),
                    drugs,
                    step.unknown(),
                    drugs.isEmpty() && !step.unknown(),
                    Format.mg(step.totalMgDe())));
        }
        List<OtherStep> others = advisories.subList(1, advisories.size()).stream()
                .map(a -> (DoseReduction) a.evidence())
                .map(r -> new OtherStep(r.day(), r.toZero(), Format.percent(r.fraction())))
                .toList();
        double retained = context.ruleBase().settings().minRetainedFraction();
        return new View(
                capitalised(String.join(" + ", lead.ingredients())),
                lead.toZero(),
                lead.cause() == ReductionCause.AS_NEEDED_ONLY,
                Format.percent(lead.fraction()),
                lead.day(),
                Format.mg(lead.previousMgDe()),
                Format.mg(lead.currentMgDe()),
                lead.switchInProgress(),
                Format.percent(lead.ashtonFraction()),
                Format.percent(lead.vaDodFraction()),
                context.recent(steps),
                context.leftOut(steps),
                timeline.unknownBetween(from, to),
                ExposureView.of(context.outcome().concluded(Dependence.class).stream()
                        .findFirst()
                        .orElse(new Dependence(DependenceLevel.NONE, timeline.exposure()))),
                others,
                saferDose(advisories, context).orElse(null),
                Format.percent(retained));
    }

    @Override
    List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context, Object view) {
        return DoseSuggestion.offered(
                ((View) view).saferDose(), advisories.get(0).category(), context, view);
    }

    /** The safer dose for the earliest offending step of a draft: what the clinician can change now. */
    private static Optional<DoseSuggestion> saferDose(List<Advisory> advisories, CardContext context) {
        return advisories.stream()
                .map(a -> (DoseReduction) a.evidence())
                .filter(r -> r.orderId() != null)
                .min(Comparator.comparing(DoseReduction::day))
                .flatMap(r ->
                        DoseSuggestion.keeping(context.ruleBase().settings().minRetainedFraction(), r, context));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
