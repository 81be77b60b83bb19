package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EdgeClient.example;
import static org.tapercds.hooks.EdgeClient.outcome;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/** taper.validation.mode=enforce refuses resources that do not conform to the project's profiles. */
@SpringBootTest(properties = "taper.validation.mode=enforce")
class ProfileValidationEnforceIT {

    private static final String ORDER_SIGN = "benzo-taper-order-sign";

    /** The shared example with its draft order stripped of its dose (dosageInstruction.doseAndRate). */
    static ObjectNode draftWithoutDose() {
        ObjectNode request = example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ObjectNode draft = (ObjectNode)
                request.get("context").get("draftOrders").get("entry").get(0).get("resource");
        ((ObjectNode) draft.get("dosageInstruction").get(0)).remove("doseAndRate");
        return request;
    }

    /** The shared patient-view example with a CIWA-B total outside 0–80. */
    static ObjectNode scoreOutOfRange() {
        ObjectNode request = example(EdgeClient.PATIENT_VIEW_EXAMPLE);
        ObjectNode score = (ObjectNode)
                request.get("prefetch").get("observations").get("entry").get(0).get("resource");
        ((ObjectNode) score.get("valueQuantity")).put("value", 95);
        return request;
    }

    @Autowired
    WebApplicationContext context;

    @Test
    void acceptsAConformingOrder() {
        assertThat(new EdgeClient(context)
                        .call(ORDER_SIGN, example(EdgeClient.ORDER_SIGN_EXAMPLE))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void refusesABenzodiazepineDraftWithoutADoseNamingTheOrder() {
        OperationOutcome outcome =
                outcome(new EdgeClient(context).call(ORDER_SIGN, draftWithoutDose()), ErrorCode.PROFILE_VIOLATION);

        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains("MedicationRequest/draft-1")
                .contains("doseAndRate");
    }

    @Test
    void refusesAWithdrawalScoreOutsideItsRange() {
        OperationOutcome outcome = outcome(
                new EdgeClient(context).call("benzo-taper-patient-view", scoreOutOfRange()),
                ErrorCode.PROFILE_VIOLATION);

        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Observation/ciwa-0");
    }
}
