package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

@EdgeTest
class DiscoveryIT {

    private final EdgeClient client;

    DiscoveryIT(@Autowired WebApplicationContext context) {
        this.client = new EdgeClient(context);
    }

    private String discovery() {
        MvcTestResult result = client.mvc().get().uri("/cds-services").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentType()).startsWith("application/json");
        return EdgeClient.body(result);
    }

    @Test
    void listsTheThreeServicesInFixedOrderWithTheirHooks() {
        JsonNode services = EdgeClient.JSON.readTree(discovery()).get("services");

        assertThat(services.valueStream().map(s -> s.get("id").stringValue()))
                .containsExactly("benzo-taper-order-sign", "benzo-taper-order-select", "benzo-taper-patient-view");
        assertThat(services.valueStream().map(s -> s.get("hook").stringValue()))
                .containsExactly("order-sign", "order-select", "patient-view");
        assertThat(services.valueStream()).allSatisfy(service -> {
            assertThat(service.get("title").stringValue()).isNotBlank();
            assertThat(service.get("description").stringValue()).isNotBlank();
        });
    }

    @Test
    void advertisesTheFourPrefetchTemplates() {
        JsonNode services = EdgeClient.JSON.readTree(discovery()).get("services");

        assertThat(services.valueStream()).allSatisfy(service -> {
            JsonNode prefetch = service.get("prefetch");
            assertThat(List.copyOf(prefetch.propertyNames()))
                    .containsExactly("patient", "medications", "observations", "conditions");
            assertThat(prefetch.get("patient").stringValue()).isEqualTo("Patient/{{context.patientId}}");
            assertThat(prefetch.get("medications").stringValue())
                    .startsWith("MedicationRequest?patient={{context.patientId}}");
            assertThat(prefetch.get("conditions").stringValue())
                    .isEqualTo("Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse");
        });
    }

    @Test
    void asksForTheCodesOfTheObservationValueSets() {
        String observations = EdgeClient.JSON
                .readTree(discovery())
                .at("/services/0/prefetch/observations")
                .stringValue();

        assertThat(observations)
                .startsWith("Observation?patient={{context.patientId}}&code=")
                .contains("http://loinc.org|75626-2,")
                .contains("http://loinc.org|75624-7,")
                .contains("http://loinc.org|56478-1,")
                .contains("http://taper-cds.org/fhir/CodeSystem/local-lab|peth,")
                .contains("http://taper-cds.org/fhir/CodeSystem/withdrawal-assessment|ciwa-b-total,")
                .contains("http://snomed.info/sct|91175000,")
                .contains("http://snomed.info/sct|26079004")
                .doesNotContain("rxnorm");
    }

    @Test
    void isDeterministicAndHasNoNulls() {
        String first = discovery();

        assertThat(first).doesNotContain("null");
        assertThat(discovery()).isEqualTo(first);
    }
}
