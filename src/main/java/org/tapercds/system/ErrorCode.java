package org.tapercds.system;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * The one error vocabulary of the service. Codes are stable: EHR integrators and the docs rely on
 * them; add new ones, never rename. On the CDS Hooks endpoints a code travels in an {@code
 * OperationOutcome} issue's {@code details.coding} (system {@link #SYSTEM}); elsewhere in a problem
 * detail's {@code code} property.
 */
public enum ErrorCode {
    INVALID_JSON("invalid-json", HttpStatus.BAD_REQUEST, IssueType.STRUCTURE, "The body is not valid JSON"),
    MISSING_FIELD("missing-field", HttpStatus.BAD_REQUEST, IssueType.REQUIRED, "A required field is missing"),
    INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, IssueType.INVALID, "A field has the wrong type or value"),
    HOOK_MISMATCH(
            "hook-mismatch", HttpStatus.BAD_REQUEST, IssueType.INVALID, "The hook does not match the service called"),
    INVALID_FHIR_RESOURCE(
            "invalid-fhir-resource",
            HttpStatus.BAD_REQUEST,
            IssueType.STRUCTURE,
            "A FHIR resource could not be parsed"),
    PATIENT_MISMATCH(
            "patient-mismatch",
            HttpStatus.BAD_REQUEST,
            IssueType.INVALID,
            "The request holds data of another patient than context.patientId"),
    PROFILE_VIOLATION(
            "profile-violation",
            HttpStatus.BAD_REQUEST,
            IssueType.INVALID,
            "A resource does not conform to the profile the service needs"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, IssueType.INVALID, "The request is not valid"),
    INVALID_TOKEN(
            "invalid-token",
            HttpStatus.UNAUTHORIZED,
            IssueType.LOGIN,
            "A valid CDS Hooks JWT from a trusted EHR is required"),
    UNKNOWN_SERVICE("unknown-service", HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No such CDS service"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No such resource"),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            IssueType.NOTSUPPORTED,
            "The HTTP method is not allowed here"),
    NOT_ACCEPTABLE(
            "not-acceptable",
            HttpStatus.NOT_ACCEPTABLE,
            IssueType.NOTSUPPORTED,
            "The requested response media type is not available"),
    PREFETCH_MISSING(
            "prefetch-missing",
            HttpStatus.PRECONDITION_FAILED,
            IssueType.INCOMPLETE,
            "Required prefetch data is missing or failed"),
    BODY_TOO_LARGE(
            "body-too-large", HttpStatus.CONTENT_TOO_LARGE, IssueType.TOOCOSTLY, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            IssueType.NOTSUPPORTED,
            "The request content type is not supported"),
    OVERLOADED(
            "overloaded",
            HttpStatus.SERVICE_UNAVAILABLE,
            IssueType.TRANSIENT,
            "The service is at capacity; retry shortly"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION, "Internal error");

    /** The CodeSystem of the stable codes, used in {@code OperationOutcome.issue.details}. */
    public static final String SYSTEM = "http://taper-cds.org/fhir/CodeSystem/error-code";

    private final String code;
    private final HttpStatus status;
    private final IssueType issueType;
    private final String title;

    ErrorCode(String code, HttpStatus status, IssueType issueType, String title) {
        this.code = code;
        this.status = status;
        this.issueType = issueType;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public IssueType issueType() {
        return issueType;
    }

    public String title() {
        return title;
    }

    /** The code for a status that Spring produced itself (no more specific mapping known). */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
