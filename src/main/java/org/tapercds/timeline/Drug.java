package org.tapercds.timeline;

import org.hl7.fhir.r4.model.Medication;

/**
 * The drug of an order ({@link DrugIdentifier}): its benzodiazepine ingredient, the RxNorm product
 * when the order names one, the {@code Medication} it references (for strengths) and what it is
 * called on cards.
 *
 * @param product null when the order names the ingredient, its oral form or a Medication
 * @param medication null when the order names a code
 * @param unassessable why the order's dose cannot be assessed whatever its dosage says (an RxNorm
 *     code the benzodiazepine and Z-drug value set admits but the drug knowledge table lacks); null
 *     when the drug is known
 */
record Drug(Ingredient ingredient, Product product, Medication medication, String text, String unassessable) {

    /** A drug of the knowledge table. */
    Drug(Ingredient ingredient, Product product, Medication medication, String text) {
        this(ingredient, product, medication, text, null);
    }
}
