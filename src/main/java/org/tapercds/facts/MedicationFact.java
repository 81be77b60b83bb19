package org.tapercds.facts;

import java.util.Set;

/**
 * A non-benzodiazepine medication order with its value-set membership (computed from its codes at
 * evaluation time, so rules test membership by ValueSet URL and never see a code).
 *
 * @param active status active or on-hold (history)
 * @param drafted a draft under review
 * @param valueSets the canonical URLs of every ValueSet in {@code fhir-profiles/} containing its code
 */
public record MedicationFact(
        String orderId, String medication, boolean active, boolean drafted, Set<String> valueSets) {

    public MedicationFact {
        valueSets = Set.copyOf(valueSets);
    }

    public boolean inUse() {
        return active || drafted;
    }
}
