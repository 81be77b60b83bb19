package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EdgeClient.example;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/** Successful hook calls: the request is parsed and handed to the evaluator; its cards come back. */
@EdgeTest
class HookCallIT {

    private final EdgeClient client;

    HookCallIT(@Autowired WebApplicationContext context) {
        this.client = new EdgeClient(context);
    }

    private static String summary(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentType()).startsWith("application/json");
        assertThat(EdgeClient.body(result)).doesNotContain(EdgeClient.PATIENT_NAME);
        return EdgeClient.JSON
                .readTree(EdgeClient.body(result))
                .at("/cards/0/summary")
                .stringValue();
    }

    @Test
    void parsesTheOrderSignExampleAndAnswersWithTheEvaluatorsCards() {
        MvcTestResult result = client.call("benzo-taper-order-sign", example(EdgeClient.ORDER_SIGN_EXAMPLE));

        assertThat(summary(result))
                .isEqualTo("patient=pat-example hook=order-sign drafts=1 selections=0 patientResource=true"
                        + " medications=1 medicationResources=0 observations=1 conditions=0");
    }

    @Test
    void parsesThePatientViewExample() {
        MvcTestResult result = client.call("benzo-taper-patient-view", example(EdgeClient.PATIENT_VIEW_EXAMPLE));

        assertThat(summary(result))
                .isEqualTo("patient=pat-example hook=patient-view drafts=0 selections=0 patientResource=true"
                        + " medications=2 medicationResources=0 observations=3 conditions=0");
    }

    @Test
    void acceptsAPatientReferenceAsPatientId() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ((ObjectNode) request.get("context")).put("patientId", "Patient/pat-example");

        assertThat(summary(client.call("benzo-taper-order-sign", request))).startsWith("patient=pat-example ");
    }

    @Test
    void acceptsABarePatientId() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ((ObjectNode) request.get("context")).put("patientId", "pat-example");

        assertThat(summary(client.call("benzo-taper-order-sign", request))).startsWith("patient=pat-example ");
    }

    @Test
    void treatsNullPrefetchAsNoData() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ((ObjectNode) request.get("prefetch")).putNull("observations");
        ((ObjectNode) request.get("prefetch")).putNull("patient");

        assertThat(summary(client.call("benzo-taper-order-sign", request)))
                .contains("patientResource=false")
                .contains("observations=0")
                .contains("medications=1");
    }

    @Test
    void keepsOnlyMedicationRequestsAsDraftOrdersAndCollectsMedications() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        var entries = request.at("/context/draftOrders").withArray("entry");
        entries.addObject()
                .putObject("resource")
                .put("resourceType", "Medication")
                .put("id", "med-1");
        entries.addObject()
                .putObject("resource")
                .put("resourceType", "ServiceRequest")
                .put("id", "sr-1")
                .put("status", "draft")
                .put("intent", "order");
        var medications = request.at("/prefetch/medications").withArray("entry");
        medications
                .addObject()
                .putObject("resource")
                .put("resourceType", "Medication")
                .put("id", "med-2");
        medications
                .addObject()
                .putObject("resource")
                .put("resourceType", "OperationOutcome")
                .putArray("issue")
                .addObject()
                .put("severity", "warning")
                .put("code", "informational");

        assertThat(summary(client.call("benzo-taper-order-sign", request)))
                .contains("drafts=1")
                .contains("medications=1")
                .contains("medicationResources=2");
    }

    @Test
    void passesTheSelectionsOfAnOrderSelectCall() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        request.put("hook", "order-select");
        ((ObjectNode) request.get("context")).putArray("selections").add("MedicationRequest/draft-1");

        assertThat(summary(client.call("benzo-taper-order-select", request)))
                .contains("hook=order-select")
                .contains("selections=1")
                .contains("drafts=1");
    }

    @Test
    void toleratesUnknownElementsAndExtensions() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ObjectNode patient = (ObjectNode) request.at("/prefetch/patient");
        patient.put("vendorSpecificField", "x");
        patient.putArray("extension")
                .addObject()
                .put("url", "http://example.org/fhir/StructureDefinition/anything")
                .put("valueString", "y");

        assertThat(summary(client.call("benzo-taper-order-sign", request))).contains("patientResource=true");
    }

    @Test
    void acceptsAClinicallyIncompleteResource() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ObjectNode draft = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        draft.remove("dosageInstruction");
        draft.remove("status");

        assertThat(summary(client.call("benzo-taper-order-sign", request))).contains("drafts=1");
    }

    @Test
    void acceptsASingleResourceInsteadOfABundle() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.set("observations", request.at("/prefetch/observations/entry/0/resource"));

        assertThat(summary(client.call("benzo-taper-order-sign", request))).contains("observations=1");
    }
}
