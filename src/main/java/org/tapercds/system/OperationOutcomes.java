package org.tapercds.system;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes the service's errors as FHIR {@code OperationOutcome}s, serialized by HAPI. */
@Component
public class OperationOutcomes {

    public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final FhirContext fhirContext;

    public OperationOutcomes(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** One {@code error} issue per detail, each carrying the stable code. */
    public OperationOutcome build(ErrorCode code, Iterable<ErrorDetail> details) {
        OperationOutcome outcome = new OperationOutcome();
        for (ErrorDetail detail : details) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(code.issueType())
                    .setDetails(new CodeableConcept()
                            .addCoding(new org.hl7.fhir.r4.model.Coding(ErrorCode.SYSTEM, code.code(), code.title())))
                    .setDiagnostics(detail.message());
            if (detail.expression() != null) {
                issue.addExpression(detail.expression());
            }
        }
        return outcome;
    }

    public byte[] write(ErrorCode code, Iterable<ErrorDetail> details) {
        String json = fhirContext.newJsonParser().encodeResourceToString(build(code, details));
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
