package org.tapercds.hooks.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.tapercds.facts.BenzodiazepineUse;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.RuleBase;
import org.tapercds.timeline.PatientTimeline;

/**
 * Everything a card is written from: the call, the rule base it ran on, the patient's timeline,
 * the facts the rules saw and everything they raised.
 */
record CardContext(
        HookRequest request,
        RuleBase ruleBase,
        PatientTimeline timeline,
        FhirContext fhirContext,
        List<Object> facts,
        List<Advisory> advisories) {

    <T> List<T> facts(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    BenzodiazepineUse benzodiazepineUse() {
        return timeline.benzodiazepineUse();
    }

    /** Whether this call also raised opioid co-prescription (for the triple-risk wording). */
    boolean opioidInUse() {
        return advisories.stream().anyMatch(a -> a.category().equals("opioid-co-prescription"));
    }
}
