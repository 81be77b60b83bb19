package org.tapercds.timeline;

import org.hl7.fhir.r4.model.Medication;

/**
 * The drug of an order ({@link DrugIdentifier}): its benzodiazepine ingredient, the RxNorm product
 * when the order names one, the {@code Medication} it references (for strengths) and what it is
 * called on cards.
 *
 * @param product null when the order names the ingredient or a Medication
 * @param medication null when the order names a code
 */
record Drug(Ingredient ingredient, Product product, Medication medication, String text) {}
