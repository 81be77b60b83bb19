package org.tapercds.facts;

/**
 * Raised when an opioid used with a benzodiazepine is not opioid-use-disorder treatment (no {@link
 * Moud} concluded for it): the card asks to reassess the need for both and use the lowest doses.
 */
public record AnalgesicOpioid(MedicationFact order) {}
