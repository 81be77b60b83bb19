package org.tapercds.system;

import java.util.List;

/**
 * A request the service refuses, with a stable {@link ErrorCode} and client-safe details. Thrown
 * for expected client errors, so it captures no stack trace (cheap, and nothing to log).
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<ErrorDetail> details;

    public ApiException(ErrorCode code, List<ErrorDetail> details) {
        super(details.isEmpty() ? code.title() : details.get(0).message(), null, false, false);
        this.code = code;
        this.details = details.isEmpty() ? List.of(new ErrorDetail(code.title(), null)) : List.copyOf(details);
    }

    public ApiException(ErrorCode code, String message, String expression) {
        this(code, List.of(new ErrorDetail(message, expression)));
    }

    public static ApiException missing(String path) {
        return new ApiException(ErrorCode.MISSING_FIELD, path + " is required", path);
    }

    public static ApiException invalid(String path, String expectation) {
        return new ApiException(ErrorCode.INVALID_FIELD, path + " " + expectation, path);
    }

    public ErrorCode code() {
        return code;
    }

    public List<ErrorDetail> details() {
        return details;
    }
}
