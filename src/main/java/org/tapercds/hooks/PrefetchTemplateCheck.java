package org.tapercds.hooks;

import java.util.List;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;

/**
 * A rule base must give the Observation prefetch template: every ValueSet named in {@code
 * taper.prefetch.observation-value-sets} is defined in its {@code fhir-profiles/}, with at least
 * one code among them. Otherwise discovery would break after the swap, so the start-up load or the
 * reload is refused instead.
 */
final class PrefetchTemplateCheck implements RuleBaseCheck {

    private final List<String> observationValueSets;

    PrefetchTemplateCheck(List<String> observationValueSets) {
        this.observationValueSets = List.copyOf(observationValueSets);
    }

    @Override
    public String name() {
        return "prefetch templates";
    }

    @Override
    public List<String> problems(RuleBase candidate) {
        return PrefetchTemplates.problems(candidate.terminology(), observationValueSets);
    }
}
