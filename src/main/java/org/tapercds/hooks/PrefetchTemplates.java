package org.tapercds.hooks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The prefetch templates every service advertises. CDS Hooks 2.0 templates have no date
 * arithmetic, so observations are narrowed by code instead of by date: the codes the rules need
 * (alcohol evidence, withdrawal scores and signs) are the members of the ValueSets named in
 * {@code taper.prefetch.observation-value-sets}.
 */
public class PrefetchTemplates {

    private final Templates templates;

    /** @param observationCodes search tokens {@code system|code} for the Observation search */
    public PrefetchTemplates(List<String> observationCodes) {
        if (observationCodes.isEmpty()) {
            throw new IllegalArgumentException("at least one observation code is needed for the prefetch template");
        }
        this.templates = new Templates(
                "Patient/{{context.patientId}}",
                "MedicationRequest?patient={{context.patientId}}&_count=100&_include=MedicationRequest:medication",
                "Observation?patient={{context.patientId}}&code=" + String.join(",", observationCodes),
                "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse");
    }

    public Templates templates() {
        return templates;
    }

    /** The four keys, in this order, as they appear in discovery. */
    @JsonPropertyOrder({"patient", "medications", "observations", "conditions"})
    public record Templates(String patient, String medications, String observations, String conditions) {}
}
