package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EdgeClient.example;
import static org.tapercds.hooks.EdgeClient.expression;
import static org.tapercds.hooks.EdgeClient.outcome;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input gets a clear OperationOutcome with a stable code, never a 500 (SPEC §3 errors table). */
@EdgeTest
class HookCallErrorsIT {

    private static final String ORDER_SIGN = "benzo-taper-order-sign";

    private final EdgeClient client;

    HookCallErrorsIT(@Autowired WebApplicationContext context) {
        this.client = new EdgeClient(context);
    }

    private static ObjectNode orderSign() {
        return example(EdgeClient.ORDER_SIGN_EXAMPLE);
    }

    private static ObjectNode context(ObjectNode request) {
        return (ObjectNode) request.get("context");
    }

    private static ObjectNode prefetch(ObjectNode request) {
        return (ObjectNode) request.get("prefetch");
    }

    private String rejectedField(ObjectNode request, ErrorCode code) {
        return expression(outcome(client.call(ORDER_SIGN, request), code));
    }

    @Test
    void rejectsMalformedJson() {
        OperationOutcome outcome =
                outcome(client.call(ORDER_SIGN, "{\"hook\": \"order-sign\", "), ErrorCode.INVALID_JSON);

        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("line 1");
    }

    @Test
    void rejectsAnEmptyBody() {
        outcome(client.call(ORDER_SIGN, ""), ErrorCode.INVALID_JSON);
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        outcome(client.call(ORDER_SIGN, "[1, 2]"), ErrorCode.INVALID_JSON);
    }

    @Test
    void rejectsDuplicateKeys() {
        outcome(
                client.call(ORDER_SIGN, "{\"hook\": \"order-sign\", \"hook\": \"patient-view\"}"),
                ErrorCode.INVALID_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"stopped\"", "null"})
    void rejectsDuplicateKeysDeepInsideAResource(String second) {
        // Which of two statuses an order has changes the assessment: never pick one (a null too).
        String request = orderSign().toString();
        String duplicated = request.replaceFirst("\"status\":\"active\"", "\"status\":\"active\",\"status\":" + second);
        assertThat(duplicated).isNotEqualTo(request);

        outcome(client.call(ORDER_SIGN, duplicated), ErrorCode.INVALID_JSON);
    }

    @Test
    void rejectsAMissingHook() {
        ObjectNode request = orderSign();
        request.remove("hook");

        assertThat(rejectedField(request, ErrorCode.MISSING_FIELD)).isEqualTo("hook");
    }

    @Test
    void rejectsAMissingHookInstance() {
        ObjectNode request = orderSign();
        request.remove("hookInstance");

        assertThat(rejectedField(request, ErrorCode.MISSING_FIELD)).isEqualTo("hookInstance");
    }

    @Test
    void rejectsAMissingContext() {
        ObjectNode request = orderSign();
        request.remove("context");

        assertThat(rejectedField(request, ErrorCode.MISSING_FIELD)).isEqualTo("context");
    }

    @Test
    void rejectsAMissingPatientId() {
        ObjectNode request = orderSign();
        context(request).remove("patientId");

        assertThat(rejectedField(request, ErrorCode.MISSING_FIELD)).isEqualTo("context.patientId");
    }

    @Test
    void rejectsMissingDraftOrdersOnOrderSign() {
        ObjectNode request = orderSign();
        context(request).remove("draftOrders");

        assertThat(rejectedField(request, ErrorCode.MISSING_FIELD)).isEqualTo("context.draftOrders");
    }

    @Test
    void rejectsMissingSelectionsOnOrderSelect() {
        ObjectNode request = orderSign();
        request.put("hook", "order-select");

        OperationOutcome outcome = outcome(client.call("benzo-taper-order-select", request), ErrorCode.MISSING_FIELD);

        assertThat(expression(outcome)).isEqualTo("context.selections");
    }

    @Test
    void rejectsASelectionThatIsNotAReference() {
        ObjectNode request = orderSign();
        request.put("hook", "order-select");
        context(request).putArray("selections").add("MedicationRequest/draft-1").add(42);

        OperationOutcome outcome = outcome(client.call("benzo-taper-order-select", request), ErrorCode.INVALID_FIELD);

        assertThat(expression(outcome)).isEqualTo("context.selections[1]");
    }

    @Test
    void rejectsAPatientIdThatIsNotAString() {
        ObjectNode request = orderSign();
        context(request).put("patientId", 123);

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("context.patientId");
    }

    @Test
    void rejectsAPatientIdOfAnotherResourceType() {
        ObjectNode request = orderSign();
        context(request).put("patientId", "Practitioner/dr1");

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("context.patientId");
    }

    @Test
    void rejectsAHookInstanceThatIsNotAString() {
        ObjectNode request = orderSign();
        request.putObject("hookInstance");

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("hookInstance");
    }

    @Test
    void rejectsAContextThatIsNotAnObject() {
        ObjectNode request = orderSign();
        request.put("context", "pat-example");

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("context");
    }

    @Test
    void rejectsAUserIdThatIsNotAString() {
        ObjectNode request = orderSign();
        context(request).put("userId", true);

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("context.userId");
    }

    @Test
    void rejectsDraftOrdersThatAreNotABundle() {
        ObjectNode request = orderSign();
        context(request).set("draftOrders", request.at("/context/draftOrders/entry/0/resource"));

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("context.draftOrders");
    }

    @Test
    void rejectsAFhirServerThatIsNotAUrl() {
        ObjectNode request = orderSign();
        request.put("fhirServer", "not a url");

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("fhirServer");
    }

    @Test
    void rejectsFhirAuthorizationThatIsNotAnObject() {
        ObjectNode request = orderSign();
        request.put("fhirAuthorization", "secret-token-value");

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.INVALID_FIELD);

        assertThat(expression(outcome)).isEqualTo("fhirAuthorization");
        assertThat(EdgeClient.body(client.call(ORDER_SIGN, request))).doesNotContain("secret-token-value");
    }

    @Test
    void rejectsAPrefetchThatIsNotAnObject() {
        ObjectNode request = orderSign();
        request.putArray("prefetch");

        assertThat(rejectedField(request, ErrorCode.INVALID_FIELD)).isEqualTo("prefetch");
    }

    @Test
    void answersNotFoundForAnUnknownService() {
        outcome(client.call("no-such-service", orderSign()), ErrorCode.UNKNOWN_SERVICE);
    }

    @Test
    void answersNotFoundForAnUnknownPathUnderCdsServices() {
        outcome(client.mvc().get().uri("/cds-services/a/b/c").exchange(), ErrorCode.UNKNOWN_SERVICE);
    }

    @Test
    void rejectsAHookThatDoesNotMatchTheService() {
        ObjectNode request = orderSign();
        request.put("hook", "patient-view");

        assertThat(rejectedField(request, ErrorCode.HOOK_MISMATCH)).isEqualTo("hook");
    }

    @Test
    void rejectsAnUnsupportedContentType() {
        outcome(
                client.mvc()
                        .post()
                        .uri("/cds-services/" + ORDER_SIGN)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("hello")
                        .exchange(),
                ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void rejectsAMethodThatIsNotAllowed() {
        outcome(client.mvc().get().uri("/cds-services/" + ORDER_SIGN).exchange(), ErrorCode.METHOD_NOT_ALLOWED);
        outcome(client.mvc().delete().uri("/cds-services").exchange(), ErrorCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void rejectsABodyOverTheLimit() {
        ObjectNode request = orderSign();
        request.put("padding", "x".repeat(EdgeTest.MAX_BODY_BYTES));

        outcome(client.call(ORDER_SIGN, request), ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void namesTheKeyAndEntryOfAnUnparsableFhirResource() {
        ObjectNode request = orderSign();
        var entries = request.at("/prefetch/medications").withArray("entry");
        entries.addObject()
                .putObject("resource")
                .put("resourceType", "MedicationRequest")
                .put("id", "ok");
        ((ObjectNode) entries.get(0).get("resource")).put("authoredOn", "not-a-date-Hidden");

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.INVALID_FHIR_RESOURCE);

        assertThat(expression(outcome)).isEqualTo("prefetch.medications.entry[0]");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("prefetch.medications.entry[0]");
    }

    @Test
    void namesTheEntryWhoseValueHasTheWrongJsonType() {
        ObjectNode request = orderSign();
        var entries = request.at("/prefetch/observations").withArray("entry");
        entries.addObject()
                .putObject("resource")
                .put("resourceType", "Observation")
                .put("status", 17);

        assertThat(rejectedField(request, ErrorCode.INVALID_FHIR_RESOURCE)).isEqualTo("prefetch.observations.entry[1]");
    }

    @Test
    void namesTheDraftOrderEntryThatCannotBeParsed() {
        ObjectNode request = orderSign();
        ((ObjectNode) request.at("/context/draftOrders/entry/0/resource")).put("authoredOn", 20261122);

        assertThat(rejectedField(request, ErrorCode.INVALID_FHIR_RESOURCE)).isEqualTo("context.draftOrders.entry[0]");
    }

    @Test
    void rejectsAnUnknownResourceType() {
        ObjectNode request = orderSign();
        prefetch(request).putObject("conditions").put("resourceType", "NoSuchThing");

        assertThat(rejectedField(request, ErrorCode.INVALID_FHIR_RESOURCE)).isEqualTo("prefetch.conditions");
    }

    @Test
    void rejectsAPatientPrefetchThatIsNotAPatient() {
        ObjectNode request = orderSign();
        prefetch(request).set("patient", request.at("/prefetch/observations/entry/0/resource"));

        assertThat(rejectedField(request, ErrorCode.INVALID_FHIR_RESOURCE)).isEqualTo("prefetch.patient");
    }

    @Test
    void rejectsASelectionThatNamesNoDraftOrder() {
        ObjectNode request = orderSign();
        request.put("hook", "order-select");
        context(request).putArray("selections").add("MedicationRequest/draft-1").add("MedicationRequest/nowhere");

        assertThat(expression(outcome(client.call("benzo-taper-order-select", request), ErrorCode.INVALID_FIELD)))
                .isEqualTo("context.selections[1]");
    }

    @Test
    void rejectsAPatientPrefetchOfAnotherPatient() {
        ObjectNode request = orderSign();
        ((ObjectNode) prefetch(request).get("patient")).put("id", "someone-else");

        assertThat(rejectedField(request, ErrorCode.PATIENT_MISMATCH)).isEqualTo("prefetch.patient");
    }

    @Test
    void rejectsHistoryOrdersOfAnotherPatientNamingTheOrder() {
        ObjectNode request = orderSign();
        ObjectNode order = (ObjectNode)
                prefetch(request).get("medications").get("entry").get(0).get("resource");
        ((ObjectNode) order.get("subject")).put("reference", "Patient/someone-else");

        assertThat(rejectedField(request, ErrorCode.PATIENT_MISMATCH))
                .isEqualTo("prefetch.medications (MedicationRequest/rx-1)");
    }

    @Test
    void acceptsSubjectsGivenAsAbsoluteUrlsOfTheSamePatient() {
        ObjectNode request = orderSign();
        ObjectNode order = (ObjectNode)
                prefetch(request).get("medications").get("entry").get(0).get("resource");
        ((ObjectNode) order.get("subject")).put("reference", "https://ehr.example.org/fhir/Patient/pat-example");

        assertThat(client.call(ORDER_SIGN, request).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void answersPreconditionFailedNamingAnAbsentPrefetchKey() {
        ObjectNode request = orderSign();
        prefetch(request).remove("medications");

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.PREFETCH_MISSING);

        assertThat(outcome.getIssue()).hasSize(1);
        assertThat(expression(outcome)).isEqualTo("prefetch.medications");
    }

    @Test
    void answersPreconditionFailedWithOneIssuePerMissingKey() {
        ObjectNode request = orderSign();
        request.remove("prefetch");

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.PREFETCH_MISSING);

        assertThat(outcome.getIssue())
                .map(issue -> issue.getExpression().get(0).getValue())
                .containsExactly(
                        "prefetch.patient", "prefetch.medications", "prefetch.observations", "prefetch.conditions");
    }

    @Test
    void answersPreconditionFailedWhenTheEhrFailedToFetchAKey() {
        ObjectNode request = orderSign();
        prefetch(request)
                .putObject("observations")
                .put("resourceType", "OperationOutcome")
                .putArray("issue")
                .addObject()
                .put("severity", "error")
                .put("code", "timeout");

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.PREFETCH_MISSING);

        assertThat(expression(outcome)).isEqualTo("prefetch.observations");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("failed");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void answersInternalErrorWithoutStackTraceOrPatientData(CapturedOutput output) {
        ObjectNode request = orderSign();
        request.put("hookInstance", EdgeTestConfiguration.FAILING_HOOK_INSTANCE);

        OperationOutcome outcome = outcome(client.call(ORDER_SIGN, request), ErrorCode.INTERNAL_ERROR);

        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("The service failed to process the request");
        assertThat(EdgeClient.body(client.call(ORDER_SIGN, request)))
                .doesNotContain("pat-example")
                .doesNotContain("IllegalStateException")
                .doesNotContain("org.tapercds");
        // The log names the route, and the failure by class and where it was thrown: no path, no
        // message (it quotes the patient's id and name here), no stack trace.
        assertThat(output.getOut())
                .contains("internal-error on POST /cds-services/{serviceId}"
                        + ": java.lang.IllegalStateException at org.tapercds.hooks.EdgeTestConfiguration")
                .doesNotContain("evaluation failed for")
                .doesNotContain("pat-example")
                .doesNotContainPattern("\\n\\s+at ");
    }
}
