package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

class SystemConfigurationTests {

    private final FhirContext fhir = new SystemConfiguration().fhirContext();

    /**
     * The context does not auto-contain referenced resources (a cost with nothing to find): a draft's
     * own contained Medication must still be written with a suggested copy of it.
     */
    @Test
    void writesADraftsContainedMedicationBackWithTheDraft() {
        String draft =
                """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med","code":{"coding":[
                   {"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197591"}]}}],
                 "medicationReference":{"reference":"#med"},
                 "subject":{"reference":"Patient/p1"}}
                """;
        MedicationRequest parsed = fhir.newJsonParser().parseResource(MedicationRequest.class, draft);

        String written = fhir.newJsonParser().encodeResourceToString(parsed.copy());

        assertThat(written)
                .contains("\"contained\":[{\"resourceType\":\"Medication\",\"id\":\"med\"")
                .contains("\"medicationReference\":{\"reference\":\"#med\"}")
                .contains("\"subject\":{\"reference\":\"Patient/p1\"}");
    }
}
