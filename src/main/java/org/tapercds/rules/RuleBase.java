package org.tapercds.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;
import org.tapercds.evidence.AlcoholMeasure;
import org.tapercds.facts.TaperSettings;
import org.tapercds.fhir.ProfileValidator;
import org.tapercds.fhir.Terminology;
import org.tapercds.timeline.DrugKnowledge;

/**
 * One immutable, fully checked version of everything under {@code rules/} and {@code
 * fhir-profiles/}: the compiled DRL, the rule catalogue, the thresholds, the card wording, the drug
 * knowledge table and the terminology. Requests use one snapshot from start to end; a reload swaps
 * in a new one atomically.
 *
 * @param version content hash of the files it was built from
 * @param settings the thresholds, typed (timeline, rules)
 * @param settingValues every setting by name, for templates ({@code {{taper.window-days}}})
 * @param validator the profile validator, built only when {@code validationMode} is not OFF
 */
public record RuleBase(
        String version,
        Instant loadedAt,
        KieBase kieBase,
        Map<String, RuleInfo> catalogue,
        TaperSettings settings,
        Map<String, Object> settingValues,
        CardWording cardWording,
        DrugKnowledge knowledge,
        Terminology terminology,
        List<AlcoholMeasure> alcoholMeasures,
        ValidationMode validationMode,
        ProfileValidator validator) {

    /** Runs the rules over the facts: what they raised and what they concluded. */
    public RuleOutcome fire(Collection<?> facts) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        AdvisorySink sink = new AdvisorySink(catalogue);
        session.setGlobal("advisories", sink);
        session.setGlobal("settings", settings);
        session.execute(facts);
        return sink.outcome();
    }

    /** Runs the rules over the facts and returns what they raised. */
    public List<Advisory> evaluate(Collection<?> facts) {
        return fire(facts).advisories();
    }

    public Collection<RuleInfo> rules() {
        return catalogue.values();
    }
}
