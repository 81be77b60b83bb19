package org.tapercds.evaluation.cards;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.DoseReduction;
import org.tapercds.fhir.Codes;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.Product;
import org.tapercds.timeline.ReductionDose;
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
        String form = productOf(draft.get(), context).map(Product::form).orElse(Product.ORAL_TABLET);
        return ReductionDose.keeping(
                        retained,
                        reduction,
                        regimen.get(),
                        context.timeline().timeline(),
                        context.ruleBase().knowledge(),
                        form)
                .map(dose -> new DoseSuggestion(draft.get(), regimen.get(), reduction.day(), dose));
    }

    /** The templates a card needs to offer a dose: the suggestion's label and its action's description. */
    static final List<String> PARTS = List.of("suggestion", "action");

    /**
     * A card's suggestions when it offers {@code dose}: one {@code update} of the draft, labelled by the
     * category's templates with the card's view; none without a dose.
     */
    static List<Card.Suggestion> offered(DoseSuggestion dose, String category, CardContext context, Object view) {
        if (dose == null) {
            return List.of();
        }
        return List.of(dose.suggestion(
                context, context.render(category, "suggestion", view), context.render(category, "action", view)));
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
