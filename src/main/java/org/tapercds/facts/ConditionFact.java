package org.tapercds.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * A current Condition (clinical status active, recurrence or relapse; not refuted or entered in
 * error) whose code is in at least one ValueSet of {@code fhir-profiles/}, with that membership, so
 * rules test a diagnosis by ValueSet URL (e.g. opioid use disorder for methadone treatment).
 *
 * @param name the condition as recorded (text, display or code)
 * @param onset its onset or recorded date (null when neither)
 * @param valueSets the canonical URLs of every ValueSet containing its code
 */
public record ConditionFact(String name, LocalDate onset, Set<String> valueSets) {

    public ConditionFact {
        valueSets = Set.copyOf(valueSets);
    }
}
