package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** MockMvc over the full application context, with helpers for CDS Hooks requests and answers. */
final class EdgeClient {

    static final String PATIENT_NAME = "Hidden";
    static final String ORDER_SIGN_EXAMPLE = "order-sign-clonazepam-halved.json";
    static final String PATIENT_VIEW_EXAMPLE = "patient-view-diazepam-taper-with-ciwa-b.json";

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvcTester mvc;

    EdgeClient(WebApplicationContext context) {
        this.mvc = MockMvcTester.from(context);
    }

    MockMvcTester mvc() {
        return mvc;
    }

    static ObjectNode example(String name) {
        try (InputStream in = EdgeClient.class.getResourceAsStream("/requests/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MvcTestResult post(String path, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return mvc.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(text)
                .exchange();
    }

    MvcTestResult call(String serviceId, Object body) {
        return post("/cds-services/" + serviceId, body);
    }

    static String body(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** Asserts an OperationOutcome answer with the status and stable code, parsed with HAPI. */
    static OperationOutcome outcome(MvcTestResult result, ErrorCode code) {
        assertThat(result).hasStatus(code.status().value());
        assertThat(result.getResponse().getContentType()).startsWith("application/fhir+json");
        String body = body(result);
        assertThat(body)
                .doesNotContain(PATIENT_NAME)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
        assertThat(outcome.getIssue()).isNotEmpty().allSatisfy(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getCode()).isEqualTo(code.issueType());
            assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(ErrorCode.SYSTEM);
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(code.code());
            assertThat(issue.getDiagnostics()).isNotBlank();
        });
        return outcome;
    }

    static String expression(OperationOutcome outcome) {
        return outcome.getIssueFirstRep().getExpression().isEmpty()
                ? null
                : outcome.getIssueFirstRep().getExpression().get(0).getValue();
    }
}
