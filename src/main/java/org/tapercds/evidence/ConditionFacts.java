package org.tapercds.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.tapercds.facts.ConditionFact;
import org.tapercds.fhir.FhirDates;
import org.tapercds.fhir.Terminology;

/**
 * The current Conditions of the patient whose code is in a ValueSet, with that membership (e.g. an
 * opioid-use-disorder diagnosis, which makes methadone treatment of it). Conditions in no ValueSet
 * are left out: no rule can name them.
 */
final class ConditionFacts {

    private final Terminology terminology;

    ConditionFacts(Terminology terminology) {
        this.terminology = terminology;
    }

    List<ConditionFact> of(EvidenceFacts.Inputs in) {
        List<ConditionFact> facts = new ArrayList<>();
        for (Condition condition : in.conditions()) {
            if (!Findings.currentCondition(condition)) {
                continue;
            }
            Set<String> valueSets = terminology.valueSetsOf(condition.getCode().getCoding());
            if (!valueSets.isEmpty()) {
                facts.add(new ConditionFact(Findings.name(condition.getCode()), FhirDates.onset(condition), valueSets));
            }
        }
        return facts;
    }
}
