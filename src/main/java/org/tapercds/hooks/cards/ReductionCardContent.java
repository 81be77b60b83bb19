package org.tapercds.hooks.cards;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.ReductionCause;
import org.tapercds.facts.TaperSettings;
import org.tapercds.rules.Advisory;
import org.tapercds.timeline.DoseStep;
import org.tapercds.timeline.DoseTimeline;
import org.tapercds.timeline.Ingredient;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.Product;
import org.tapercds.timeline.SaferDose;

/** Cards about dose reductions: {@code taper-rate-exceeded} and {@code abrupt-discontinuation}. */
final class ReductionCardContent implements CardContent {

    @Override
    public boolean handles(Object evidence) {
        return evidence instanceof DoseReduction;
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
            String regimen = step.unknown()
                    ? "dose unknown"
                    : step.mgByIngredient().isEmpty()
                            ? "none scheduled"
                            : step.mgByIngredient().entrySet().stream()
                                    .map(e -> e.getKey() + " " + Format.mg(e.getValue()) + " mg/day")
                                    .collect(Collectors.joining(" + "));
            md.append("| ")
                    .append(step.day())
                    .append(step.draft() ? " (draft)" : "")
                    .append(" | ")
                    .append(regimen)
                    .append(" | ")
                    .append(Format.mg(step.totalMgDe()))
                    .append(" |\n");
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
        Optional<Safer> safer = saferDose(advisories, context);
        if (safer.isEmpty()) {
            return List.of();
        }
        Safer s = safer.get();
        MedicationRequest updated = DoseUpdate.apply(s.draft(), s.regimen(), s.day(), s.dose());
        String resource = context.fhirContext().newJsonParser().encodeResourceToString(updated);
        String label = "Change " + s.regimen().ingredient().name() + " to "
                + Format.mg(s.dose().mgPerDay()) + " mg/day from " + s.day();
        Card.Action action = new Card.Action(
                "update",
                label + " (at least "
                        + Format.percent(context.ruleBase().settings().minRetainedFraction())
                        + " % of the previous dose)",
                resource,
                null);
        String uuid = UUID.nameUUIDFromBytes((context.request().hookInstance() + "|suggestion|"
                                + s.regimen().orderId())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        return List.of(new Card.Suggestion(label, uuid, Boolean.TRUE, List.of(action)));
    }

    private record Safer(MedicationRequest draft, OrderRegimen regimen, LocalDate day, SaferDose dose) {}

    /** The safer dose for the earliest offending step of a draft: what the clinician can change now. */
    private Optional<Safer> saferDose(List<Advisory> advisories, CardContext context) {
        Optional<DoseReduction> first = advisories.stream()
                .map(a -> (DoseReduction) a.evidence())
                .filter(r -> r.orderId() != null)
                .min(Comparator.comparing(DoseReduction::day));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        DoseReduction reduction = first.get();
        if (reduction.orderId() == null) {
            return Optional.empty(); // an order without an id cannot be the target of an update
        }
        Optional<MedicationRequest> draft = context.request().draftOrders().stream()
                .filter(d -> reduction.orderId().equals(d.getIdElement().getIdPart()))
                .findFirst();
        Optional<OrderRegimen> regimen =
                context.timeline().regimen(reduction.orderId()).filter(OrderRegimen::draft);
        if (draft.isEmpty() || regimen.isEmpty() || !regimen.get().assessable()) {
            return Optional.empty();
        }
        Ingredient ingredient = regimen.get().ingredient();
        DoseTimeline timeline = context.timeline().timeline();
        LocalDate day = reduction.day();
        double retained = context.ruleBase().settings().minRetainedFraction();
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
        String form = productOf(draft.get(), context).map(Product::form).orElse(Product.ORAL_TABLET);
        List<Double> strengths = context.ruleBase().knowledge().taperStrengths(ingredient.name(), form);
        if (strengths.isEmpty()) {
            strengths = context.ruleBase().knowledge().taperStrengths(ingredient.name(), Product.ORAL_TABLET);
        }
        int administrations = administrations(regimen.get(), reduction.day());
        // Never suggest more than the patient had before the reduction.
        double ceilingMg = ingredient.mgForAshtonDe(reduction.previousMgDe() - otherAshton) + 1e-9;
        return SaferDose.of(neededMg, strengths, administrations)
                .filter(dose -> dose.mgPerDay() <= ceilingMg)
                .map(dose -> new Safer(draft.get(), regimen.get(), day, dose));
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

    private static Optional<Product> productOf(MedicationRequest draft, CardContext context) {
        if (!draft.hasMedicationCodeableConcept()) {
            return Optional.empty();
        }
        return draft.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> c.hasCode())
                .map(c -> context.ruleBase().knowledge().product(c.getCode()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
