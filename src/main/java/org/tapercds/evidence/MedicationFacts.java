package org.tapercds.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.MedicationFact;
import org.tapercds.fhir.Medications;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;

/**
 * The other medication orders of the co-use rules: each with the ValueSets its code belongs to, and
 * those its {@code reasonCode} belongs to.
 */
final class MedicationFacts {

    private final Terminology terminology;

    MedicationFacts(Terminology terminology) {
        this.terminology = terminology;
    }

    /**
     * Non-benzodiazepine orders that belong to a ValueSet (opioids, naloxone, …): the history, and in
     * order hooks the drafts under review.
     */
    List<MedicationFact> of(EvidenceFacts.Inputs in) {
        List<MedicationFact> facts = new ArrayList<>();
        for (MedicationRequest order : in.history()) {
            String status = order.hasStatus() ? order.getStatus().toCode() : "";
            medicationFact(order, in.medications(), status.equals("active") || status.equals("on-hold"), false, facts);
        }
        if (!in.scope().patientView()) {
            for (MedicationRequest draft : in.drafts()) {
                if (in.scope().reviewsDraft(draft.getIdElement().getIdPart())) {
                    medicationFact(draft, in.medications(), false, true, facts);
                }
            }
        }
        return facts;
    }

    private void medicationFact(
            MedicationRequest order,
            Map<String, Medication> medications,
            boolean active,
            boolean drafted,
            List<MedicationFact> facts) {
        CodeableConcept code = Medications.code(order, medications);
        if (code == null) {
            return;
        }
        Set<String> valueSets = terminology.valueSetsOf(code.getCoding());
        if (valueSets.isEmpty() || valueSets.contains(ValueSets.BENZODIAZEPINES_AND_Z_DRUGS)) {
            return;
        }
        Set<String> reasonValueSets = new TreeSet<>();
        for (CodeableConcept reason : order.getReasonCode()) {
            reasonValueSets.addAll(terminology.valueSetsOf(reason.getCoding()));
        }
        facts.add(new MedicationFact(
                order.getIdElement().getIdPart(), Findings.name(code), active, drafted, valueSets, reasonValueSets));
    }
}
