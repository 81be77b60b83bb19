package org.tapercds.evaluation.cards;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.DoseReduction;
import org.tapercds.fhir.Codes;
import org.tapercds.timeline.DoseStep;
import org.tapercds.timeline.DoseTimeline;
import org.tapercds.timeline.Ingredient;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.Product;
import org.tapercds.timeline.SaferDose;

/**
 * A dose to write into a draft instead of what it asks for on a reduction day: the smallest dose of
 * the drafted drug that keeps at least a fraction of the previous total (0.75 for a safer taper
 * step, 1.0 to keep the current dose), made from the drug's strengths, never above the previous dose.
 */
public record DoseSuggestion(MedicationRequest draft, OrderRegimen regimen, LocalDate day, SaferDose dose) {

    /** The drug's name, for the card's wording. */
    public String ingredient() {
        return regimen.ingredient().name();
    }

    /** The daily dose in mg, for the card's wording ("15", "1.5"). */
    public String mgPerDay() {
        return Format.mg(dose.mgPerDay());
    }

    /** The dose for the draft that made {@code reduction}, keeping {@code retained} of the previous total. */
    static Optional<DoseSuggestion> keeping(double retained, DoseReduction reduction, CardContext context) {
        if (reduction.orderId() == null) {
            return Optional.empty();
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
        int administrations = administrations(regimen.get(), day);
        // Never suggest more than the patient had before the reduction.
        double ceilingMg = ingredient.mgForAshtonDe(reduction.previousMgDe() - otherAshton) + 1e-9;
        return SaferDose.of(neededMg, strengths, administrations)
                .filter(dose -> dose.mgPerDay() <= ceilingMg)
                .map(dose -> new DoseSuggestion(draft.get(), regimen.get(), day, dose));
    }

    /** The card suggestion: an {@code update} of the draft with this dose. */
    Card.Suggestion suggestion(CardContext context, String label, String description) {
        MedicationRequest updated = DoseUpdate.apply(draft, regimen, day, dose);
        String resource = context.fhirContext().newJsonParser().encodeResourceToString(updated);
        Card.Action action = new Card.Action("update", description, resource, null);
        String uuid = UUID.nameUUIDFromBytes(
                        (context.request().hookInstance() + "|suggestion|" + regimen.orderId() + "|" + label)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Card.Suggestion(label, uuid, Boolean.TRUE, List.of(action));
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
                .filter(c -> Codes.RXNORM.equals(c.getSystem()) && c.hasCode())
                .map(c -> context.ruleBase().knowledge().product(c.getCode()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
