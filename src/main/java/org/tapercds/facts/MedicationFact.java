package org.tapercds.facts;

import java.util.Set;

/**
 * A non-benzodiazepine medication order with its value-set membership (computed from its codes at
 * evaluation time, so rules test membership by ValueSet URL and never see a code).
 *
 * @param active status active or on-hold (history)
 * @param drafted a draft under review
 * @param valueSets the canonical URLs of every ValueSet in {@code fhir-profiles/} containing its code
 * @param reasonValueSets the canonical URLs of every ValueSet containing a code of its {@code
 *     reasonCode} (why it is prescribed, e.g. opioid use disorder)
 */
public record MedicationFact(
        String orderId,
        String medication,
        boolean active,
        boolean drafted,
        Set<String> valueSets,
        Set<String> reasonValueSets) {

    public MedicationFact {
        valueSets = Set.copyOf(valueSets);
        reasonValueSets = Set.copyOf(reasonValueSets);
    }

    public boolean inUse() {
        return active || drafted;
    }
}
