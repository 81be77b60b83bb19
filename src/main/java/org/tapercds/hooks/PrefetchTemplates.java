package org.tapercds.hooks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tapercds.fhir.PrefetchKey;
import org.tapercds.fhir.PrefetchQueries;

/**
 * The prefetch templates every service advertises. CDS Hooks 2.0 templates have no date
 * arithmetic, so observations are narrowed by code instead of by date: the codes the rules need
 * (alcohol evidence, withdrawal scores and signs) are the members of the ValueSets named in
 * {@code taper.prefetch.observation-value-sets}. The prefetch fallback fetches with these same
 * queries ({@link PrefetchQueries}).
 */
public class PrefetchTemplates implements PrefetchQueries {

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

    @Override
    public String template(PrefetchKey key) {
        return switch (key) {
            case PATIENT -> templates.patient();
            case MEDICATIONS -> templates.medications();
            case OBSERVATIONS -> templates.observations();
            case CONDITIONS -> templates.conditions();
        };
    }

    /** The four keys, in this order, as they appear in discovery. */
    @JsonPropertyOrder({"patient", "medications", "observations", "conditions"})
    public record Templates(String patient, String medications, String observations, String conditions) {}
}
