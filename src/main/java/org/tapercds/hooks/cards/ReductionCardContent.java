package org.tapercds.hooks.cards;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.ReductionCause;
import org.tapercds.facts.TaperSettings;
import org.tapercds.rules.Advisory;
import org.tapercds.timeline.DoseTimeline;

/** Cards about dose reductions: {@code taper-rate-exceeded} and {@code abrupt-discontinuation}. */
final class ReductionCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof DoseReduction;
    }

    /** Among equally severe reductions, the earliest leads (the one the suggestion fixes first). */
    @Override
    public Comparator<Object> evidenceOrder() {
        return Comparator.comparing(e -> ((DoseReduction) e).day());
    }

    private static DoseReduction lead(List<Advisory> advisories) {
        return (DoseReduction) advisories.get(0).evidence();
    }

    @Override
    public String summary(List<Advisory> advisories, CardContext context) {
        DoseReduction lead = lead(advisories);
        TaperSettings settings = context.ruleBase().settings();
        String drug = capitalised(String.join(" + ", lead.ingredients()));
        if (lead.toZero()) {
            String how = lead.cause() == ReductionCause.AS_NEEDED_ONLY ? "changed to as-needed only" : "stopped";
            return Format.summary(drug + " " + how + " without a taper (from " + Format.mg(lead.previousMgDe())
                    + " mg DE/day) in a likely dependent patient");
        }
        return Format.summary(drug + " cut " + Format.percent(lead.fraction()) + "% within "
                + settings.windowDays() + " days (" + Format.mg(lead.previousMgDe()) + " to "
                + Format.mg(lead.currentMgDe()) + " mg DE/day); limit "
                + Format.percent(settings.maxReductionFraction())
                + "%" + (lead.switchInProgress() ? ", during a switch" : ""));
    }

    @Override
    public String detail(List<Advisory> advisories, CardContext context) {
        DoseReduction lead = lead(advisories);
        TaperSettings settings = context.ruleBase().settings();
        DoseTimeline timeline = context.timeline().timeline();
        Dependence dependence = timeline.dependence();
        StringBuilder md = new StringBuilder();
        if (lead.toZero()) {
            md.append("**Scheduled dose goes to zero** on ")
                    .append(lead.day())
                    .append(": from ")
                    .append(Format.mg(lead.previousMgDe()))
                    .append(" mg diazepam equivalent (DE) per day")
                    .append(lead.cause() == ReductionCause.AS_NEEDED_ONLY ? " to as-needed use only" : "")
                    .append(". The guideline advises against abrupt discontinuation in patients likely to be ")
                    .append("physically dependent; taper gradually instead.\n\n");
        } else {
            md.append("**")
                    .append(Format.percent(lead.fraction()))
                    .append(" % reduction within ")
                    .append(settings.windowDays())
                    .append(" days** on ")
                    .append(lead.day())
                    .append(": from ")
                    .append(Format.mg(lead.previousMgDe()))
                    .append(" to ")
                    .append(Format.mg(lead.currentMgDe()))
                    .append(" mg diazepam equivalent (DE) per day. The pace should typically not exceed ")
                    .append(Format.percent(settings.maxReductionFraction()))
                    .append(" % every ")
                    .append(settings.windowDays())
                    .append(" days (cuts of at most ")
                    .append(Format.mg(settings.tailAllowanceMgDe()))
                    .append(" mg DE are allowed at the tail).\n\n");
        }
        LocalDate from = advisories.stream()
                .map(a -> ((DoseReduction) a.evidence()).previousDay())
                .min(Comparator.naturalOrder())
                .orElse(lead.previousDay());
        LocalDate to = advisories.stream()
                .map(a -> ((DoseReduction) a.evidence()).day())
                .max(Comparator.naturalOrder())
                .orElse(lead.day());
        md.append("| From | Regimen | mg DE/day |\n|---|---|---:|\n");
        for (DoseTimeline.Step step : timeline.steps(from, to)) {
            String known = step.mgByIngredient().entrySet().stream()
                    .map(e -> e.getKey() + " " + Format.mg(e.getValue()) + " mg/day")
                    .collect(Collectors.joining(" + "));
            String regimen = step.unknown()
                    ? (known.isEmpty() ? "" : known + " + ") + "an order of unknown dose"
                    : known.isEmpty() ? "none scheduled" : known;
            md.append("| ")
                    .append(step.day())
                    .append(step.draft() ? " (draft)" : "")
                    .append(" | ")
                    .append(regimen)
                    .append(" | ")
                    .append(Format.mg(step.totalMgDe()))
                    .append(" |\n");
        }
        if (timeline.unknownBetween(from, to)) {
            md.append("\nAn order of unknown dose (see the dose-unassessable card) is left out of these totals:"
                    + " the true reduction may be smaller.\n");
        }
        md.append("\n- Previous dose (the highest in the ")
                .append(settings.windowDays())
                .append(" days before ")
                .append(lead.day())
                .append("): ")
                .append(Format.mg(lead.previousMgDe()))
                .append(" mg DE/day\n");
        md.append("- Dependence: ")
                .append(dependence.exposureDays())
                .append(" days of continuous use since ")
                .append(dependence.exposureStart())
                .append(", peak ")
                .append(Format.mg(dependence.peakMgDe()))
                .append(" mg DE/day: ")
                .append(dependence.level().description())
                .append('\n');
        if (lead.switchInProgress()) {
            md.append("- Switch in progress: the reduction is ")
                    .append(Format.percent(lead.ashtonFraction()))
                    .append(" % with the Ashton factors and ")
                    .append(Format.percent(lead.vaDodFraction()))
                    .append(" % with the VA/DoD factors; the smaller is used\n");
        }
        if (advisories.size() > 1) {
            md.append("- Other steps over the limit: ")
                    .append(advisories.subList(1, advisories.size()).stream()
                            .map(a -> (DoseReduction) a.evidence())
                            .map(r -> r.day() + " (" + (r.toZero() ? "to zero" : Format.percent(r.fraction()) + " %")
                                    + ")")
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        saferDose(advisories, context).ifPresent(s -> md.append("- Safer dose: ")
                .append(Format.mg(s.dose().mgPerDay()))
                .append(" mg/day of ")
                .append(s.regimen().ingredient().name())
                .append(" from ")
                .append(s.day())
                .append(" keeps at least ")
                .append(Format.percent(settings.minRetainedFraction()))
                .append(" % of the previous dose\n"));
        md.append("\nDiazepam equivalents: Ashton Manual table as printed in the guideline (Table 7).");
        return md.toString();
    }

    @Override
    public List<Card.Suggestion> suggestions(List<Advisory> advisories, CardContext context) {
        double retained = context.ruleBase().settings().minRetainedFraction();
        return saferDose(advisories, context)
                .map(dose -> List.of(dose.suggestion(
                        context,
                        "Change " + dose.regimen().ingredient().name() + " to "
                                + Format.mg(dose.dose().mgPerDay()) + " mg/day from " + dose.day(),
                        "at least " + Format.percent(retained) + " % of the previous dose")))
                .orElse(List.of());
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
