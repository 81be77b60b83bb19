package org.tapercds.timeline;

import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Medications;

/**
 * Which benzodiazepine or Z-drug an order is for (RULES §1), from the drug knowledge table: the
 * RxNorm product, ingredient or ingredient oral form it is coded with, else the ingredients of the
 * {@code Medication} it references. An order coded with an RxNorm code the benzodiazepine and Z-drug
 * value set admits but the table lacks is still a drug of the timeline, whose dose is unassessable
 * (RULES §7: never silently left out).
 */
final class DrugIdentifier {

    private final DrugKnowledge knowledge;

    DrugIdentifier(DrugKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * The drug of an order, from its RxNorm code (product or ingredient) or a contained/referenced
     * {@code Medication}. Empty when it is not one (or not a taper regimen, such as an injection or a
     * rescue nasal spray). A code the value set admits but the table lacks gives a drug whose {@link
     * Drug#unassessable()} says so.
     */
    Optional<Drug> drugOf(MedicationRequest order, Map<String, Medication> medications) {
        Medication medication = null;
        CodeableConcept code;
        if (order.hasMedicationReference()) {
            medication = Medications.referenced(order, medications);
            if (medication == null) {
                return Optional.empty();
            }
            code = medication.getCode();
        } else if (order.hasMedicationCodeableConcept()) {
            code = order.getMedicationCodeableConcept();
        } else {
            return Optional.empty();
        }
        String display = Codes.display(code);
        String text =
                display != null ? display : "order " + order.getIdElement().getIdPart();
        for (Coding coding : code.getCoding()) {
            if (!Codes.RXNORM.equals(coding.getSystem()) || !coding.hasCode()) {
                continue;
            }
            Optional<Product> product = knowledge.product(coding.getCode());
            if (product.isPresent()) {
                if (!product.get().taperRegimen()) {
                    return Optional.empty();
                }
                return Optional.of(new Drug(
                        knowledge.ingredient(product.get().ingredient()).orElseThrow(),
                        product.get(),
                        medication,
                        text));
            }
            Optional<Ingredient> ingredient = knowledge.ingredientByCode(coding.getCode());
            if (ingredient.isEmpty()) {
                ingredient = knowledge.ingredientByOralForm(coding.getCode());
            }
            if (ingredient.isPresent()) {
                return Optional.of(new Drug(ingredient.get(), null, medication, text));
            }
        }
        Optional<Drug> byIngredients = medication == null ? Optional.empty() : byIngredients(medication, text);
        return byIngredients.isPresent() ? byIngredients : admittedButUnknown(code, medication, text);
    }

    /**
     * An RxNorm code the value set admits and the table lacks: the drug is named after the one
     * ingredient its display names (else its display or code), and its dose is unassessable.
     */
    private Optional<Drug> admittedButUnknown(CodeableConcept code, Medication medication, String text) {
        for (Coding coding : code.getCoding()) {
            if (!Codes.RXNORM.equals(coding.getSystem()) || !knowledge.admits(coding.getCode())) {
                continue;
            }
            String name = coding.hasDisplay() ? coding.getDisplay() : text;
            Ingredient ingredient = knowledge
                    .ingredientNamedIn(name)
                    .orElseGet(() -> new Ingredient(name, null, "unknown", null, null));
            return Optional.of(new Drug(
                    ingredient,
                    null,
                    medication,
                    text,
                    "RxNorm " + coding.getCode() + " is in the benzodiazepine and Z-drug value set but not in the"
                            + " drug knowledge table (rules/knowledge/products.csv): its strength is unknown"));
        }
        return Optional.empty();
    }

    /** A Medication without a known code: the first of its ingredients that is a known drug. */
    private Optional<Drug> byIngredients(Medication medication, String text) {
        for (Medication.MedicationIngredientComponent component : medication.getIngredient()) {
            if (!component.hasItemCodeableConcept()) {
                continue;
            }
            for (Coding coding : component.getItemCodeableConcept().getCoding()) {
                if (Codes.RXNORM.equals(coding.getSystem()) && coding.hasCode()) {
                    Optional<Ingredient> ingredient = knowledge.ingredientByCode(coding.getCode());
                    if (ingredient.isPresent()) {
                        return Optional.of(new Drug(ingredient.get(), null, medication, text));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
