package org.tapercds.facts;

/**
 * Raised when an opioid used with a benzodiazepine is opioid-use-disorder treatment (a {@link Moud}
 * order): the card says to continue it and not to stop it because of the benzodiazepine.
 */
public record OudTreatment(MedicationFact order) {}
