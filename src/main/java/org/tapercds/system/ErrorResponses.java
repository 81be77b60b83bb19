package org.tapercds.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error answer of the service, in one place. On the CDS Hooks endpoints ({@code
 * /cds-services/**}) the body is a FHIR {@code OperationOutcome} ({@code application/fhir+json});
 * elsewhere an RFC 9457 problem detail with the same stable code in its {@code code} property.
 * Spring's own exceptions are mapped too (this class replaces Boot's problem-details handler), so
 * client input never yields a 500. Bodies carry client-safe messages only: no stack traces, no
 * exception messages, no patient data.
 */
@RestControllerAdvice
class ErrorResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String CDS_HOOKS_PATH = "/cds-services";
    private static final String OWN_CODE = "org.tapercds.";
    private static final int MAX_CAUSES = 8;

    private final OperationOutcomes outcomes;

    ErrorResponses(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApiException(ApiException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (ex.code() == ErrorCode.OVERLOADED) {
            headers.set(HttpHeaders.RETRY_AFTER, "1"); // seconds: slots free within milliseconds
        }
        return render(ex.code(), ex.details(), headers, request);
    }

    /**
     * A refused EHR token found while a call ran (its replay check, ADR 0015): left to Spring
     * Security, whose entry point answers 401 as for every other refused token.
     */
    @ExceptionHandler(AuthenticationException.class)
    void authentication(AuthenticationException ex) {
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        logInternalError(ex, request);
        return render(
                ErrorCode.INTERNAL_ERROR,
                List.of(new ErrorDetail("The service failed to process the request", null)),
                new HttpHeaders(),
                request);
    }

    /** Spring MVC's own exceptions (all of ResponseEntityExceptionHandler's cases end here). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = codeFor(ex, statusCode, request);
        if (code == ErrorCode.INTERNAL_ERROR) {
            logInternalError(ex, request);
        }
        return render(code, List.of(new ErrorDetail(messageFor(ex, code), null)), headers, request);
    }

    private ErrorCode codeFor(Exception ex, HttpStatusCode status, WebRequest request) {
        if (ex instanceof HttpMessageNotReadableException) {
            return ErrorCode.INVALID_JSON;
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return ErrorCode.BODY_TOO_LARGE;
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return isCdsHooks(request) ? ErrorCode.UNKNOWN_SERVICE : ErrorCode.NOT_FOUND;
        }
        return ErrorCode.forStatus(status.value());
    }

    private static String messageFor(Exception ex, ErrorCode code) {
        if (ex instanceof HttpRequestMethodNotSupportedException e && e.getSupportedMethods() != null) {
            return "Method not allowed; allowed: " + String.join(", ", e.getSupportedMethods());
        }
        if (code == ErrorCode.UNSUPPORTED_MEDIA_TYPE) {
            return "The request content type must be application/json";
        }
        if (code == ErrorCode.UNKNOWN_SERVICE) {
            return "No such CDS service; see GET /cds-services";
        }
        return code.title();
    }

    private ResponseEntity<Object> render(
            ErrorCode code, List<ErrorDetail> details, HttpHeaders headers, WebRequest request) {
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.putAll(headers);
        if (isCdsHooks(request)) {
            responseHeaders.setContentType(OperationOutcomes.FHIR_JSON);
            return ResponseEntity.status(code.status()).headers(responseHeaders).body(outcomes.write(code, details));
        }
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(code.status(), details.get(0).message());
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        if (details.get(0).expression() != null) {
            problem.setProperty("expression", details.get(0).expression());
        }
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return ResponseEntity.status(code.status()).headers(responseHeaders).body(problem);
    }

    static boolean isCdsHooks(WebRequest request) {
        if (!(request instanceof ServletWebRequest servlet)) {
            return false;
        }
        HttpServletRequest http = servlet.getRequest();
        String path = http.getRequestURI().substring(http.getContextPath().length());
        return path.equals(CDS_HOOKS_PATH) || path.startsWith(CDS_HOOKS_PATH + "/");
    }

    /**
     * Logs the failure by its method and route and as code locations only: each exception of the
     * cause chain by its class and the frame that threw it, and the service's own frame nearest to it
     * when that is another. No path, no message (either can carry patient data), no stack trace.
     */
    private static void logInternalError(Exception ex, WebRequest request) {
        // The route (e.g. /review/patients/{patientId}), not the path, which can carry a patient id.
        Object route =
                request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String method = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod()
                : "";
        String where = method + " " + (route == null ? "(no route)" : route);
        log.error("internal-error on {}: {}", LogSafe.text(where.strip()), locations(ex));
    }

    /** E.g. {@code java.lang.IllegalStateException at org.tapercds.X.run(X.java:12)}, per cause. */
    static String locations(Throwable ex) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = ex; t != null && seen.add(t) && seen.size() <= MAX_CAUSES; t = t.getCause()) {
            if (t != ex) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                out.append(" at ").append(frames[0]);
            }
            Arrays.stream(frames)
                    .filter(frame -> frame.getClassName().startsWith(OWN_CODE))
                    .findFirst()
                    .filter(own -> own != frames[0])
                    .ifPresent(own -> out.append(", from ").append(own));
        }
        return out.toString();
    }
}
