package org.tapercds.hooks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.tapercds.fhir.PrefetchKey;
import org.tapercds.fhir.PrefetchQueries;
import org.tapercds.fhir.Terminology;
import org.tapercds.rules.RuleBase;

/**
 * The prefetch templates every service advertises. CDS Hooks 2.0 templates have no date
 * arithmetic, so observations are narrowed by code instead of by date: the codes the rules need
 * (alcohol evidence, withdrawal scores and signs) are the members of the ValueSets named in
 * {@code taper.prefetch.observation-value-sets}, in the rule base in service. A reload that changes
 * those ValueSets changes the templates (discovery, and the queries of the prefetch fallback, {@link
 * PrefetchQueries}) from the swap on; they are computed once per rule base version.
 */
public class PrefetchTemplates implements PrefetchQueries {

    private final List<String> observationValueSets;
    private final Supplier<RuleBase> ruleBases;
    private final AtomicReference<OfVersion> cached = new AtomicReference<>();

    private record OfVersion(String version, Templates templates) {}

    /**
     * @param observationValueSets the ValueSets whose codes the Observation template asks for
     * @param ruleBases the rule base in service, asked on each use
     */
    PrefetchTemplates(List<String> observationValueSets, Supplier<RuleBase> ruleBases) {
        this.observationValueSets = List.copyOf(observationValueSets);
        this.ruleBases = ruleBases;
    }

    /** The templates of the rule base in service. */
    public Templates templates() {
        RuleBase ruleBase = ruleBases.get();
        OfVersion known = cached.get();
        if (known != null && known.version().equals(ruleBase.version())) {
            return known.templates();
        }
        Templates templates = templates(observationCodes(ruleBase.terminology(), observationValueSets));
        cached.set(new OfVersion(ruleBase.version(), templates));
        return templates;
    }

    @Override
    public String template(PrefetchKey key) {
        Templates templates = templates();
        return switch (key) {
            case PATIENT -> templates.patient();
            case MEDICATIONS -> templates.medications();
            case OBSERVATIONS -> templates.observations();
            case CONDITIONS -> templates.conditions();
        };
    }

    /** The search tokens {@code system|code} of the members of the ValueSets, in order, once each. */
    static List<String> observationCodes(Terminology terminology, List<String> valueSets) {
        Set<String> codes = new LinkedHashSet<>();
        for (String valueSet : valueSets) {
            terminology.members(valueSet).forEach(c -> codes.add(c.system() + "|" + c.code()));
        }
        return List.copyOf(codes);
    }

    /**
     * Why a rule base cannot give the templates (a ValueSet it lacks, no code at all); empty when it
     * can. Checked before a rule base serves ({@link PrefetchTemplateCheck}).
     */
    static List<String> problems(Terminology terminology, List<String> valueSets) {
        List<String> problems = new ArrayList<>();
        for (String valueSet : valueSets) {
            if (!terminology.hasValueSet(valueSet)) {
                problems.add("ValueSet " + valueSet + " (named in taper.prefetch.observation-value-sets) is not"
                        + " defined in fhir-profiles");
            }
        }
        if (problems.isEmpty() && observationCodes(terminology, valueSets).isEmpty()) {
            problems.add("the ValueSets named in taper.prefetch.observation-value-sets have no codes: the"
                    + " Observation prefetch template needs at least one");
        }
        return problems;
    }

    /** @param observationCodes search tokens {@code system|code} for the Observation search */
    static Templates templates(List<String> observationCodes) {
        if (observationCodes.isEmpty()) {
            throw new IllegalArgumentException("at least one observation code is needed for the prefetch template");
        }
        return new Templates(
                "Patient/{{context.patientId}}",
                "MedicationRequest?patient={{context.patientId}}&_count=100&_include=MedicationRequest:medication",
                "Observation?patient={{context.patientId}}&code=" + String.join(",", observationCodes),
                "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse");
    }

    /** The four keys, in this order, as they appear in discovery. */
    @JsonPropertyOrder({"patient", "medications", "observations", "conditions"})
    public record Templates(String patient, String medications, String observations, String conditions) {}
}
