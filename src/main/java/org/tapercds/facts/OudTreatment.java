package org.tapercds.facts;

/**
 * Raised when the opioid used with a benzodiazepine is an opioid-use-disorder treatment
 * (buprenorphine, methadone): it must be continued, not stopped because of the benzodiazepine.
 */
public record OudTreatment(MedicationFact order) {}
